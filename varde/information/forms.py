"""Input validation for the information pages."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from varde.accounts.models import User
from varde.concerns.forms import DateTimeInput, PersonChoiceField, long_text, narrow, short_text
from varde.core.forms import DateInput
from varde.core.versioning import VersionedForm

from .models import EventStatus, VersionStatus


class PageForm(VersionedForm):
    """The text of a page; the page's version moves with each saved draft."""

    edited = ("title", "body")

    title = short_text(_("Title"))
    body = forms.CharField(
        label=_("Text"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text=_(
            "Simple formatting: a blank line between paragraphs, ## for a heading, - for a list, "
            "*italic*, **bold**, [link text](https://…) and a phone number as [69 00 00 00](tel:). "
            "HTML is shown as text."
        ),
    )

    def current_values(self) -> dict[str, str]:
        page: Any = self.record
        text = page.versions.filter(status__in=[VersionStatus.DRAFT, VersionStatus.PUBLISHED]).first()
        return {"title": text.title if text else "", "body": text.body if text else ""}

    def label_of(self, field: str) -> str:
        return str(self.fields[field].label)


class EventForm(forms.Form):
    title = short_text(_("Title"))
    starts_at = forms.DateTimeField(label=_("Starts"), widget=DateTimeInput())
    place = short_text(_("Place"))
    organiser = short_text(_("Organiser"), required=False)
    expected_size = forms.IntegerField(
        label=_("Expected number of people"), required=False, min_value=1, max_value=1_000_000
    )
    milieu = short_text(
        _("Related milieu"), required=False, help_text=_("A movement or milieu, never a person.")
    )


class EventTaskForm(forms.Form):
    description = forms.CharField(label=_("Task"), max_length=300)
    owner = PersonChoiceField(label=_("Owner"), queryset=User.objects.none())
    deadline = forms.DateField(label=_("Deadline"), widget=DateInput())

    def __init__(self, *args: Any, people: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        narrow(self, owner=people)


class RiskNoteForm(forms.Form):
    text = long_text(_("Risk note"), help_text=_("Seen only by the police's case handlers."))


class EventStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=EventStatus.choices)

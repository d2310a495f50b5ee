from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from varde.accounts.models import Agency
from varde.core.forms import DateInput, DateRangeForm
from varde.core.versioning import VersionedForm

from .models import RequestKind
from .tokens import cases_in_token


class EventKind(models.TextChoices):
    READS = "reads", _("Reads")
    REFUSED = "refused", _("Refused attempts")
    DISCLOSURES = "disclosures", _("Disclosures between the agencies")
    LOGINS = "logins", _("Logins and logouts")


class AuditFilterForm(DateRangeForm):
    """The trail's filters. A person comes as the token a search by name gave (see trail.py), and the
    acting agency from those of the officer's partnerships."""

    kind = forms.ChoiceField(
        label=_("Kind of event"), choices=[("", _("All")), *EventKind.choices], required=False
    )
    reference = forms.CharField(label=_("Case reference"), max_length=12, required=False)
    person = forms.CharField(required=False, max_length=4000, widget=forms.HiddenInput)
    agency = forms.ModelChoiceField(
        label=_("Acting agency"), queryset=Agency.objects.none(), required=False, empty_label=_("All")
    )
    action = forms.CharField(label=_("Action"), max_length=64, required=False)
    actor = forms.CharField(label=_("Username"), max_length=150, required=False)
    object_id = forms.CharField(label=_("Object id"), max_length=64, required=False)
    field_order = [
        "kind",
        "reference",
        "person",
        "agency",
        "action",
        "actor",
        "object_id",
        "date_from",
        "date_to",
    ]

    def __init__(self, *args: Any, agencies: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if agencies is not None:
            self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]

    def clean_person(self) -> list[str] | None:
        token = self.cleaned_data["person"]
        if not token:
            return None
        cases = cases_in_token(token)
        if cases is None:
            raise forms.ValidationError(_("The person search has expired or was changed. Search again."))
        return cases

    def used_filters(self) -> list[str]:
        return sorted(name for name, value in self.cleaned_data.items() if value not in (None, "", []))


class PersonForm(forms.Form):
    """Whom to look for: the name as it was registered, and the year of birth when it is known."""

    name = forms.CharField(label=_("Full name"), max_length=200)
    birth_year = forms.IntegerField(
        label=_("Year of birth"),
        required=False,
        min_value=1900,
        max_value=2100,
        help_text=_("Leave empty to find everyone with this name."),
    )

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].replace("\x00", "").strip()
        if len(name.split()) < 2:
            raise forms.ValidationError(_("Write the person's whole name, as it was registered."))
        return name


class AccessReportForm(PersonForm):
    """Who the report is about, and whether the employees' names go into it."""

    without_employee_names = forms.BooleanField(
        label=_("Leave out the employees' names"),
        required=False,
        help_text=_(
            "For the copy given to the person, where the officer decides so. The choice is recorded."
        ),
    )


class NewRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("What the person asks for"), choices=RequestKind.choices)
    requester = forms.CharField(
        label=_("Who is asking, and how to reach them"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    request = forms.CharField(
        label=_("The request"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    received_on = forms.DateField(label=_("Received"), widget=DateInput())
    references = forms.CharField(
        label=_("Case references"),
        max_length=200,
        required=False,
        help_text=_("The cases it concerns, if known, e.g. ABCD-2345."),
    )


class HandlingForm(VersionedForm):
    """How the request is handled, and the answer; answering closes it."""

    edited = ("handling", "references", "answer")
    handling = forms.CharField(
        label=_("Handling notes"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    references = forms.CharField(label=_("Case references"), max_length=200, required=False)
    answer = forms.CharField(
        label=_("Answer given"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    answered = forms.BooleanField(label=_("The person has been answered"), required=False)

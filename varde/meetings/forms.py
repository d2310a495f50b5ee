"""Input validation for meetings. Querysets are narrowed by the views from permissions.py."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from varde.accounts.models import Partnership, User
from varde.concerns.forms import DateTimeInput, long_text, narrow, short_text

from .actions import MAX_OCCURRENCES, Guest, Repeat, Schedule
from .models import MeetingKind, Participant

MAX_GUESTS = 30


class PeopleField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


class ParticipantField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.affiliation})" if obj.affiliation else str(obj.name)


class GuestsField(forms.CharField):
    """One guest a line: 'Name, Organisation'. Guests have no account and see nothing in Varde."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            label=_("Guests without an account"),
            required=False,
            max_length=6000,
            widget=forms.Textarea(attrs={"rows": 3}),
            help_text=_("One a line: name, organisation. For example: Kari Nordmann, Fotballklubben."),
            **kwargs,
        )

    def clean(self, value: Any) -> list[Guest]:
        text = super().clean(value)
        guests = []
        for line in str(text).splitlines():
            if not line.strip():
                continue
            name, _sep, organisation = line.partition(",")
            if len(name.strip()) > 200 or len(organisation.strip()) > 200:
                raise ValidationError(_("A name or organisation is longer than 200 characters."))
            guests.append(Guest(name.strip(), organisation.strip()))
        if len(guests) > MAX_GUESTS:
            raise ValidationError(_("At most %(count)d guests at a time.") % {"count": MAX_GUESTS})
        return guests


class ScheduleForm(forms.Form):
    partnership = forms.ModelChoiceField(
        label=_("Partnership"), queryset=Partnership.objects.none(), empty_label=None
    )
    kind = forms.ChoiceField(label=_("Kind of meeting"), choices=MeetingKind.choices)
    title = short_text(_("Title"), required=False, help_text=_("Leave empty to use the kind of meeting."))
    starts_at = forms.DateTimeField(label=_("Starts"), widget=DateTimeInput())
    ends_at = forms.DateTimeField(label=_("Ends"), widget=DateTimeInput())
    location = short_text(_("Place"), required=False)
    repeat = forms.ChoiceField(
        label=_("Repeat"),
        choices=[
            (Repeat.NONE, _("Once")),
            (Repeat.WEEKLY, _("Every week")),
            (Repeat.MONTHLY, _("Every month")),
        ],
    )
    occurrences = forms.IntegerField(
        label=_("Number of meetings in the series"), min_value=2, max_value=MAX_OCCURRENCES, required=False
    )
    invitees = PeopleField(
        label=_("Invite"), queryset=User.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    guests = GuestsField()

    def __init__(
        self, *args: Any, partnerships: QuerySet[Partnership], people: QuerySet[User], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        narrow(self, partnership=partnerships, invitees=people)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("repeat", Repeat.NONE) != Repeat.NONE and not data.get("occurrences"):
            self.add_error("occurrences", _("How many meetings should the series have?"))
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The meeting must end after it starts."))
        invitees = data.get("invitees")
        partnership = data.get("partnership")
        if (
            partnership
            and invitees
            and any(
                not person.memberships.filter(agency__partnership=partnership).exists() for person in invitees
            )
        ):
            self.add_error("invitees", _("Invite only members of the chosen partnership."))
        return data

    def schedule(self) -> Schedule:
        data = self.cleaned_data
        return Schedule(
            kind=data["kind"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            title=data["title"],
            location=data["location"],
            repeat=data["repeat"],
            occurrences=data["occurrences"] or 1,
            invitees=list(data["invitees"]),
            guests=data["guests"],
        )


class InviteForm(forms.Form):
    people = PeopleField(
        label=_("Invite"), queryset=User.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    guests = GuestsField()

    def __init__(self, *args: Any, people: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        narrow(self, people=people)


class AttendanceForm(forms.Form):
    present = ParticipantField(
        label=_("Present"),
        queryset=Participant.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    no_quorum_reason = long_text(
        _("Why the meeting is held without quorum"),
        required=False,
        help_text=_("Needed only when a contact meeting lacks quorum."),
    )

    def __init__(self, *args: Any, participants: QuerySet[Participant], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        narrow(self, present=participants)


class CancelForm(forms.Form):
    reason = long_text(_("Why the meeting is cancelled"))


class QuorumRuleForm(forms.Form):
    municipality = forms.IntegerField(label=_("At least from the municipality"), min_value=0, max_value=20)
    police = forms.IntegerField(label=_("At least from the police"), min_value=0, max_value=20)
    secretary = forms.BooleanField(label=_("A municipal secretary must take part"), required=False)

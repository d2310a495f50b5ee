"""Input validation for meetings. Querysets are narrowed by the views from permissions.py."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from varde.accounts.models import Partnership, User
from varde.assessments.models import ConcernLevel
from varde.concerns.categorical import MeasureType
from varde.concerns.forms import DateTimeInput, PersonChoiceField, long_text, narrow, short_text
from varde.concerns.models import LegalBasis
from varde.core.forms import DateInput, required_when
from varde.core.versioning import VersionedForm

from .actions import MAX_OCCURRENCES, Guest, Repeat, Schedule
from .models import ItemKind, MeetingKind, Participant

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
    occurrences = required_when(
        forms.IntegerField(
            label=_("Number of meetings in the series"),
            min_value=2,
            max_value=MAX_OCCURRENCES,
            required=False,
        ),
        _("for a series"),
    )
    invitees = PeopleField(
        label=_("Invite"), queryset=User.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    guests = GuestsField()
    # Shown only when the meeting starts in the past: a hurried date is caught, a held one recorded.
    in_the_past = forms.BooleanField(
        label=_("Yes, the meeting starts in the past"), required=False, widget=forms.HiddenInput
    )

    def __init__(
        self,
        *args: Any,
        partnerships: QuerySet[Partnership],
        people: QuerySet[User],
        kinds: list[MeetingKind],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        narrow(self, partnership=partnerships, invitees=people)
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = [(k.value, k.label) for k in kinds]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("repeat", Repeat.NONE) != Repeat.NONE and not data.get("occurrences"):
            self.add_error("occurrences", _("How many meetings should the series have?"))
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The meeting must end after it starts."))
        if starts and starts < timezone.now() and not data.get("in_the_past"):
            self.fields["in_the_past"].widget = forms.CheckboxInput()
            self.add_error(
                "in_the_past",
                _("The meeting starts in the past. Check the date, or tick the box if that is right."),
            )
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


class PrepareItemForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What the meeting should discuss"),
        choices=[(kind.value, kind.label) for kind in ItemKind if kind.value in ItemKind.about_a_case()],
    )
    summary = long_text(
        _("Shared summary"),
        help_text=_(
            "What the other agency and the secretary will see: only what is relevant and necessary for the "
            "discussion. The meeting sees the case reference and age band, not the name."
        ),
    )
    legal_basis = forms.ModelChoiceField(
        label=_("Legal basis for discussing it"), queryset=LegalBasis.objects.none()
    )

    def __init__(self, *args: Any, bases: QuerySet[LegalBasis], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        narrow(self, legal_basis=bases)


class OtherItemForm(forms.Form):
    title = short_text(_("Title"))
    text = long_text(_("Description"), required=False)


class ItemMinutesForm(VersionedForm):
    edited = ("discussion", "decisions", "agreed_level")
    natural_key = ("item",)

    discussion = long_text(_("Discussion"), required=False)
    decisions = long_text(_("Decisions"), required=False)
    agreed_level = forms.ModelChoiceField(
        label=_("Agreed concern level"),
        queryset=ConcernLevel.objects.none(),
        required=False,
        empty_label=_("Not agreed"),
        help_text=_("Written to the concern's history when the minutes are approved."),
    )

    def __init__(self, *args: Any, levels: QuerySet[ConcernLevel] | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if levels is None:
            del self.fields["agreed_level"]
        else:
            narrow(self, agreed_level=levels)


class AgencyNoteForm(VersionedForm):
    edited = ("text",)
    natural_key = ("item", "agency")

    text = long_text(
        _("Notes only your agency sees"),
        required=False,
        help_text=_("Leave empty to remove your agency's notes."),
    )


class NextStepForm(forms.Form):
    description = forms.CharField(label=_("What is to be done"), max_length=300)
    owner = PersonChoiceField(label=_("Owner"), queryset=User.objects.none())
    deadline = forms.DateField(label=_("Deadline"), widget=DateInput())
    measure_type = forms.ModelChoiceField(
        label=_("Make it a measure in the case"),
        queryset=MeasureType.objects.none(),
        required=False,
        empty_label=_("No – a task"),
        help_text=_("Only the agency that owns the concern can make a next step a measure in it."),
    )

    def __init__(
        self, *args: Any, people: QuerySet[User], measure_types: QuerySet[MeasureType] | None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        narrow(self, owner=people)
        if measure_types is None:
            del self.fields["measure_type"]
        else:
            narrow(self, measure_type=measure_types)


class AddendumForm(forms.Form):
    text = long_text(_("Addendum"))

"""Input validation for the action plan. Texts here are about the work, never about people."""

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from varde.accounts.models import Unit
from varde.concerns.forms import long_text, narrow, short_text
from varde.core.forms import DateInput
from varde.core.versioning import VersionedForm

from .actions import TrainingRecord
from .models import MeasureStatus, Topic, TrainingKind

NO_PERSONAL_DATA = _("Describe the work, not people: no names of people concerns are about.")


class StatusForm(VersionedForm):
    edited = ("status",)

    status = forms.ChoiceField(label=_("New status"), choices=MeasureStatus.choices)
    note = short_text(_("Why"), required=False)


class ActivityForm(forms.Form):
    occurred_on = forms.DateField(label=_("Date"), widget=DateInput())
    text = long_text(_("What happened"), help_text=NO_PERSONAL_DATA)
    evidence = short_text(
        _("Evidence"),
        required=False,
        help_text=_("Where it can be checked: a link, a case number in the archive."),
    )


class UnitsField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({_('first line')})" if obj.first_line else str(obj.name)


class TrainingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=TrainingKind.choices)
    held_on = forms.DateField(label=_("Date"), widget=DateInput())
    units = UnitsField(
        label=_("Units reached"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    audience = short_text(
        _("Audience outside the municipality"),
        required=False,
        help_text=_("For example an organisation or a school class."),
    )
    participants = forms.IntegerField(label=_("Number of participants"), min_value=1, max_value=10000)
    topics = forms.MultipleChoiceField(
        label=_("Topics covered"), choices=Topic.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    given_by = short_text(_("Given by"))

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        narrow(self, units=units)

    def clean_held_on(self) -> date:
        held_on: date = self.cleaned_data["held_on"]
        if held_on > timezone.localdate():
            raise ValidationError(_("Record a training when it has been held."))
        return held_on

    def record(self) -> TrainingRecord:
        data = self.cleaned_data
        return TrainingRecord(
            kind=data["kind"],
            held_on=data["held_on"],
            units=list(data["units"]),
            audience=data["audience"],
            participants=data["participants"],
            topics=list(data["topics"]),
            given_by=data["given_by"],
        )


class RequestForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[(k.value, k.label) for k in (TrainingKind.AWARENESS, TrainingKind.SCHOOL)],
    )
    organisation = short_text(_("Who asks"), help_text=_("The organisation or school."))
    received_on = forms.DateField(label=_("Received"), widget=DateInput())
    wish = long_text(_("What they ask for"), required=False)


class ScheduleRequestForm(forms.Form):
    on = forms.DateField(label=_("Date of the session"), widget=DateInput())


class PlanUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Plan file (YAML or JSON)"), help_text=_("At most 1 MB. Each version is loaded once.")
    )

    def source(self) -> str | None:
        try:
            return str(self.cleaned_data["file"].read(1024 * 1024 + 1).decode("utf-8"))
        except UnicodeDecodeError:
            self.add_error("file", _("The file must be UTF-8 text."))
            return None


class ReportPeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=DateInput())
    end = forms.DateField(label=_("To"), widget=DateInput())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise ValidationError(_("The period must end after it starts."))
        return data

"""Input validation for incidents, observations and the situation picture's filters."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from varde.accounts.models import Partnership
from varde.concerns.choices import Phenomenon
from varde.core.forms import DateInput, chosen

from .actions import Incident
from .models import Arena, IncidentKind, Platform, TargetGroup
from .tables import DIMENSIONS, Period, Source, dimensions_for

NO_PERSONAL_DATA = _("Categories only: no names, no usernames, no links to a person's profile.")


class IncidentForm(forms.Form):
    occurred_on = forms.DateField(label=_("Date"), widget=DateInput())
    kind = forms.ChoiceField(label=_("Type"), choices=IncidentKind.choices)
    arena = forms.ChoiceField(label=_("Arena"), choices=Arena.choices, widget=forms.RadioSelect)
    target_group = forms.ChoiceField(label=_("Target group"), choices=TargetGroup.choices)
    reported_to_police = forms.BooleanField(label=_("Reported to the police"), required=False)

    def incident(self) -> Incident:
        return Incident(**self.cleaned_data)


class ObservationForm(forms.Form):
    observed_on = forms.DateField(label=_("Date"), widget=DateInput())
    platform = forms.ChoiceField(label=_("Platform"), choices=Platform.choices)
    phenomenon = chosen(_("Phenomenon"), Phenomenon.choices)
    note = forms.CharField(
        label=_("Note"),
        max_length=500,
        required=False,
        help_text=NO_PERSONAL_DATA,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SituationForm(forms.Form):
    source = forms.ChoiceField(label=_("What"), choices=Source.choices)
    dimension = forms.ChoiceField(
        label=_("By"),
        choices={
            key: dim.label for dimensions in DIMENSIONS.values() for key, dim in dimensions.items()
        }.items(),
    )
    period = forms.ChoiceField(label=_("Period"), choices=Period.choices)
    first_year = forms.IntegerField(label=_("From year"), min_value=2000, max_value=2100)
    last_year = forms.IntegerField(label=_("To year"), min_value=2000, max_value=2100)

    def __init__(self, *args: Any, partnerships: QuerySet[Partnership], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(partnership.slug, partnership.name) for partnership in partnerships]
        offered = choices if len(choices) > 1 else []
        if offered:
            self.fields = {
                "samarbeid": forms.ChoiceField(label=_("Partnership"), choices=offered, required=False),
                **self.fields,
            }
        # Besides the query and the language, the rendered form depends on the year (the defaults and
        # the check for a period in the future) and on the partnerships offered.
        offers = (f"{slug}={name}" for slug, name in offered)
        self.variant = "|".join([str(timezone.localdate().year), *offers])

    def table_filters(self) -> dict[str, Any]:
        return {key: value for key, value in self.cleaned_data.items() if key != "samarbeid"}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        source, dimension = data.get("source"), data.get("dimension")
        if source and dimension and dimension not in dimensions_for(source):
            self.add_error("dimension", _("This breakdown does not exist for what you chose."))
        first, last = data.get("first_year"), data.get("last_year")
        # Suppression weighs every figure against the others; a table stays small enough to check exactly.
        longest = 3 if data.get("period") == Period.QUARTER else 10
        if first and last and (last < first or last - first >= longest):
            raise ValidationError(
                _("Choose at most %(years)d years, ending after the start (three years by quarter).")
                % {"years": longest}
            )
        if last and last > timezone.localdate().year:
            self.add_error("last_year", _("The period cannot end in the future."))
        return data


class AssessmentForm(forms.Form):
    text = forms.CharField(
        label=_("Local assessment"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What the figures mean locally, in your own words. No person may be recognisable."),
    )

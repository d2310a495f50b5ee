"""Count tables for the situation picture, built only from categorical records and suppressed once.

Concerns and advice sessions are counted from the statistics facts they leave behind, which outlive
the personal data; hate incidents from their own records. Periods are years or quarters, never finer.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet, TextChoices
from django.db.models.functions import ExtractQuarter, ExtractYear
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from varde.accounts.models import Partnership
from varde.concerns.choices import AgeBand, Channel, Outcome, Phenomenon, ReporterCategory
from varde.concerns.models import StatisticsFact

from .models import Arena, HateIncident, IncidentKind, TargetGroup
from .suppression import Table, suppress


class Source(TextChoices):
    CONCERNS = "concerns", _("Concerns")
    ADVICE = "advice", _("Advice sessions")
    INCIDENTS = "incidents", _("Hate incidents")


class Period(TextChoices):
    YEAR = "year", _("Year")
    QUARTER = "quarter", _("Quarter")


@dataclass(frozen=True)
class Dimension:
    field: str
    label: Promise
    choices: type[TextChoices]


FACT_DIMENSIONS = {
    "phenomenon": Dimension("phenomenon", _("Phenomenon"), Phenomenon),
    "channel": Dimension("channel", _("Channel"), Channel),
    "reporter_category": Dimension("reporter_category", _("Reporter"), ReporterCategory),
    "age_band": Dimension("age_band", _("Age band"), AgeBand),
    "outcome": Dimension("outcome", _("Outcome"), Outcome),
}
INCIDENT_DIMENSIONS = {
    "kind": Dimension("kind", _("Type"), IncidentKind),
    "arena": Dimension("arena", _("Arena"), Arena),
    "target_group": Dimension("target_group", _("Target group"), TargetGroup),
}


def dimensions_for(source: str) -> dict[str, Dimension]:
    return INCIDENT_DIMENSIONS if source == Source.INCIDENTS else FACT_DIMENSIONS


def _records(partnership: Partnership, source: str) -> QuerySet[Any]:
    """The records to count; both kinds carry their date as occurred_on."""
    if source == Source.INCIDENTS:
        return HateIncident.objects.filter(partnership=partnership)
    kind = StatisticsFact.Kind.ADVICE if source == Source.ADVICE else StatisticsFact.Kind.CONCERN
    return StatisticsFact.objects.filter(partnership=partnership, kind=kind)


def period_labels(period: str, first_year: int, last_year: int) -> list[tuple[tuple[int, int], str]]:
    years = range(first_year, last_year + 1)
    if period == Period.QUARTER:
        return [((year, quarter), f"{year} K{quarter}") for year in years for quarter in range(1, 5)]
    return [((year, 0), str(year)) for year in years]


def count_table(
    partnership: Partnership, *, source: str, dimension: str, period: str, first_year: int, last_year: int
) -> tuple[Dimension, Table]:
    """Counts by category (rows) and period (columns), in one grouped query, suppressed."""
    chosen = dimensions_for(source)[dimension]
    grouped = (
        _records(partnership, source)
        .filter(occurred_on__year__gte=first_year, occurred_on__year__lte=last_year)
        .annotate(year=ExtractYear("occurred_on"), quarter=ExtractQuarter("occurred_on"))
        .values(chosen.field, "year", "quarter")
        .annotate(n=Count("pk"))
    )
    counts: dict[tuple[str, tuple[int, int]], int] = {}
    for row in grouped:
        key = (row["year"], row["quarter"] if period == Period.QUARTER else 0)
        cell = (row[chosen.field] or "", key)
        counts[cell] = counts.get(cell, 0) + row["n"]
    periods = period_labels(period, first_year, last_year)
    categories = [(value, str(label)) for value, label in chosen.choices.choices]
    matrix = [[counts.get((value, key), 0) for key, _label in periods] for value, _text in categories]
    table = suppress([text for _value, text in categories], [label for _key, label in periods], matrix)
    return chosen, table

"""Count tables for the situation picture, built only from categorical records and suppressed once.

Concerns and advice sessions are counted from the statistics facts they leave behind, which outlive
the personal data; hate incidents and online observations from their own records. Periods are years
or quarters, never finer.
"""

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet, TextChoices
from django.db.models.functions import ExtractQuarter, ExtractYear
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from varde.accounts.models import Partnership
from varde.concerns.categorical import MeasureType, StatisticsFact
from varde.concerns.choices import AgeBand, Channel, Outcome, Phenomenon, ReporterCategory

from .models import Arena, HateIncident, IncidentKind, OnlineObservation, Platform, TargetGroup
from .suppression import HIDDEN, SMALL, THRESHOLD, Table, combined, year_grid


class Source(TextChoices):
    CONCERNS = "concerns", _("Concerns")
    ADVICE = "advice", _("Advice sessions")
    INCIDENTS = "incidents", _("Hate incidents")
    OBSERVATIONS = "observations", _("Online observations")


class Period(TextChoices):
    YEAR = "year", _("Year")
    QUARTER = "quarter", _("Quarter")


Categories = list[tuple[str, str]]


def _choices(choices: type[TextChoices]) -> Callable[[Partnership], Categories]:
    return lambda _partnership: [(value, str(label)) for value, label in choices.choices]


def _measure_types(partnership: Partnership) -> Categories:
    return list(MeasureType.objects.filter(partnership=partnership).values_list("code", "name"))


@dataclass(frozen=True)
class Dimension:
    field: str
    label: Promise
    categories: Callable[[Partnership], Categories]
    # A record may fall in several categories (a concern with two kinds of measure); the field is a list.
    multiple: bool = False


FACT_DIMENSIONS = {
    "phenomenon": Dimension("phenomenon", _("Phenomenon"), _choices(Phenomenon)),
    "channel": Dimension("channel", _("Channel"), _choices(Channel)),
    "reporter_category": Dimension("reporter_category", _("Reporter"), _choices(ReporterCategory)),
    "age_band": Dimension("age_band", _("Age band"), _choices(AgeBand)),
    "outcome": Dimension("outcome", _("Outcome"), _choices(Outcome)),
    "measure_type": Dimension("measure_types", _("Measure type"), _measure_types, multiple=True),
}
INCIDENT_DIMENSIONS = {
    "kind": Dimension("kind", _("Type"), _choices(IncidentKind)),
    "arena": Dimension("arena", _("Arena"), _choices(Arena)),
    "target_group": Dimension("target_group", _("Target group"), _choices(TargetGroup)),
}
OBSERVATION_DIMENSIONS = {
    "platform": Dimension("platform", _("Platform"), _choices(Platform)),
    "phenomenon": Dimension("phenomenon", _("Phenomenon"), _choices(Phenomenon)),
}
DIMENSIONS = {
    Source.CONCERNS: FACT_DIMENSIONS,
    Source.ADVICE: {
        key: dim for key, dim in FACT_DIMENSIONS.items() if key not in ("outcome", "measure_type")
    },
    Source.INCIDENTS: INCIDENT_DIMENSIONS,
    Source.OBSERVATIONS: OBSERVATION_DIMENSIONS,
}


def dimensions_for(source: str) -> dict[str, Dimension]:
    return DIMENSIONS[Source(source)]


def _records(partnership: Partnership, source: str) -> tuple[QuerySet[Any], str]:
    """The records to count and the field that holds their date."""
    if source == Source.INCIDENTS:
        return HateIncident.objects.filter(partnership=partnership), "occurred_on"
    if source == Source.OBSERVATIONS:
        return OnlineObservation.objects.filter(partnership=partnership), "observed_on"
    kind = StatisticsFact.Kind.ADVICE if source == Source.ADVICE else StatisticsFact.Kind.CONCERN
    return StatisticsFact.objects.filter(partnership=partnership, kind=kind), "occurred_on"


def period_labels(period: str, first_year: int, last_year: int) -> list[tuple[tuple[int, int], str]]:
    years = range(first_year, last_year + 1)
    if period == Period.QUARTER:
        return [((year, quarter), f"{year} K{quarter}") for year in years for quarter in range(1, 5)]
    return [((year, 0), str(year)) for year in years]


QUARTERS = (1, 2, 3, 4)


def _values(value: Any, multiple: bool) -> Iterable[str]:
    if multiple:
        return value or []
    return [value or ""]


def count_table(
    partnership: Partnership, *, source: str, dimension: str, period: str, first_year: int, last_year: int
) -> tuple[Dimension, Table]:
    """Counts by category (rows) and period (columns), in one grouped query, from the suppressed
    figures of each calendar year (`year_grid`)."""
    chosen = dimensions_for(source)[dimension]
    records, date_field = _records(partnership, source)
    grouped = (
        records.filter(**{f"{date_field}__year__gte": first_year, f"{date_field}__year__lte": last_year})
        .annotate(year=ExtractYear(date_field), quarter=ExtractQuarter(date_field))
        .values(chosen.field, "year", "quarter")
        .annotate(n=Count("pk"))
    )
    counts: Counter[tuple[str, int, int]] = Counter()
    for row in grouped:
        for value in _values(row[chosen.field], chosen.multiple):
            counts[(value, row["year"], row["quarter"])] += row["n"]
    categories = chosen.categories(partnership)
    labels = [text for _value, text in categories]
    years = range(first_year, last_year + 1)
    grids = [
        year_grid(labels, [[counts[(value, year, q)] for q in QUARTERS] for value, _text in categories])
        for year in years
    ]
    periods = [label for _key, label in period_labels(period, first_year, last_year)]
    return chosen, combined(labels, periods, grids, by_quarter=period == Period.QUARTER)


def export_rows(partnership: Partnership, dimension: Dimension, table: Table) -> list[list[str]]:
    """The published table for a file: headings and labels in the reader's language, each
    category's code beside its label, and the totals last."""
    header, *lines = table.published()
    codes = [str(value) for value, _text in dimension.categories(partnership)]
    total = str(_("Total"))
    return [
        [str(dimension.label), str(_("Code")), *header[1:-1], total],
        *([line[0], code, *line[1:]] for line, code in zip(lines[:-1], codes, strict=True)),
        [total, "", *lines[-1][1:]],
    ]


def export_notes() -> list[str]:
    """What the marks in an exported table mean."""
    return [
        _("%(small)s: a count below %(threshold)d.") % {"small": SMALL, "threshold": THRESHOLD},
        _("%(hidden)s: a figure hidden so that a small count cannot be worked out.") % {"hidden": HIDDEN},
    ]


SUPPRESSED = frozenset({SMALL, HIDDEN})

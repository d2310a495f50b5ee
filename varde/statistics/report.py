"""The situation report for a year: the main breakdowns, suppressed, and the local assessment; and the
situation section of the action plan's status report."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from varde.accounts.models import Partnership

from .charts import Chart, by_category, by_period
from .models import LocalAssessment
from .suppression import Table
from .tables import Dimension, Period, Source, count_table

# What the report shows: (what, by).
SECTIONS = [
    (Source.CONCERNS, "phenomenon"),
    (Source.CONCERNS, "channel"),
    (Source.CONCERNS, "age_band"),
    (Source.CONCERNS, "outcome"),
    (Source.CONCERNS, "measure_type"),
    (Source.ADVICE, "phenomenon"),
    (Source.INCIDENTS, "kind"),
    (Source.INCIDENTS, "arena"),
    (Source.INCIDENTS, "target_group"),
    (Source.OBSERVATIONS, "platform"),
]


@dataclass(frozen=True)
class Section:
    source: str
    title: str
    dimension: Dimension
    lines: list[list[str]]
    columns: list[str]
    chart: Chart
    # The quarter-by-quarter chart, shown once per source with its first breakdown.
    trend: Chart | None


@dataclass(frozen=True)
class SituationReport:
    year: int
    sections: list[Section]
    assessment: LocalAssessment | None


def _sections(
    partnership: Partnership, key: str, wanted: list[tuple[Source, str]], period: str, years: range
) -> list[Section]:
    """One suppressed table with its charts per (source, breakdown); by quarter, the first breakdown
    of each source also gets the quarter-by-quarter trend."""
    sections: list[Section] = []
    for number, (source, dimension) in enumerate(wanted):
        chosen, table = count_table(
            partnership,
            source=source,
            dimension=dimension,
            period=period,
            first_year=years[0],
            last_year=years[-1],
        )
        label = str(Source(source).label)
        with_trend = period == Period.QUARTER and all(section.source != label for section in sections)
        sections.append(_section(f"{key}-{number}", source, chosen, table, with_trend))
    return sections


def build_report(partnership: Partnership, year: int) -> SituationReport:
    sections = _sections(partnership, "report", SECTIONS, Period.QUARTER, range(year, year + 1))
    assessment = LocalAssessment.objects.filter(partnership=partnership, year=year).first()
    return SituationReport(year, sections, assessment)


def _section(key: str, source: str, dimension: Dimension, table: Table, with_trend: bool) -> Section:
    label = str(Source(source).label)
    trend = (
        by_period(f"{key}-trend", _("%(what)s by quarter") % {"what": label}, table) if with_trend else None
    )
    title = f"{label} – {dimension.label}"
    chart = by_category(key, title, table)
    return Section(label, title, dimension, table.published()[1:], table.columns, chart, trend)


# What the status report for Politirådet shows of the situation picture, by whole calendar years.
STATUS_SECTIONS = [(Source.CONCERNS, "phenomenon"), (Source.ADVICE, "phenomenon"), (Source.INCIDENTS, "kind")]
LONGEST_SPAN = 10


def status_report_section(partnership: Partnership, start: date, end: date) -> tuple[str, dict[str, Any]]:
    """Figures for the years the status report's period touches. Never a shorter span: two reports a
    day apart must not be able to single out one record by their difference."""
    first_year = max(start.year, end.year - LONGEST_SPAN + 1)
    years = range(first_year, end.year + 1)
    sections = _sections(partnership, "status", STATUS_SECTIONS, Period.YEAR, years)
    assessment = LocalAssessment.objects.filter(partnership=partnership, year=end.year).first()
    context = {
        "first_year": first_year,
        "last_year": end.year,
        "sections": sections,
        "assessment": assessment,
    }
    return "statistics/status_section.html", context

"""The situation report for a year: the main breakdowns, suppressed, and the local assessment."""

from dataclasses import dataclass

from varde.accounts.models import Partnership

from .models import LocalAssessment
from .suppression import Table
from .tables import Dimension, Period, Source, count_table

# What the report shows: (what, by).
SECTIONS = [
    (Source.CONCERNS, "phenomenon"),
    (Source.CONCERNS, "channel"),
    (Source.CONCERNS, "age_band"),
    (Source.CONCERNS, "outcome"),
    (Source.ADVICE, "phenomenon"),
    (Source.INCIDENTS, "kind"),
    (Source.INCIDENTS, "arena"),
    (Source.INCIDENTS, "target_group"),
]


@dataclass(frozen=True)
class Section:
    source: str
    dimension: Dimension
    lines: list[list[str]]
    columns: list[str]


@dataclass(frozen=True)
class SituationReport:
    year: int
    sections: list[Section]
    assessment: LocalAssessment | None


def build_report(partnership: Partnership, year: int) -> SituationReport:
    sections = []
    for source, dimension in SECTIONS:
        chosen, table = count_table(
            partnership,
            source=source,
            dimension=dimension,
            period=Period.QUARTER,
            first_year=year,
            last_year=year,
        )
        sections.append(_section(source, chosen, table))
    assessment = LocalAssessment.objects.filter(partnership=partnership, year=year).first()
    return SituationReport(year, sections, assessment)


def _section(source: str, dimension: Dimension, table: Table) -> Section:
    return Section(str(Source(source).label), dimension, table.published()[1:], table.columns)

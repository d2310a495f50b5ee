"""A concern's assessments side by side: each life area over time, and what changed since the last one."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .engine import Item, Text
from .models import Assessment, ConcernLevel


class Change:
    WORSE = "worse"
    BETTER = "better"
    SAME = "same"
    CHANGED = "changed"
    NEW = "new"
    FIRST = ""


CHANGE_LABELS: dict[str, Promise] = {
    Change.WORSE: _("more concern"),
    Change.BETTER: _("less concern"),
    Change.SAME: _("unchanged"),
    Change.CHANGED: _("changed"),
    Change.NEW: _("newly assessed"),
}


@dataclass(frozen=True)
class Cell:
    answer: Text | None
    change: str

    @property
    def change_label(self) -> Promise | str:
        return CHANGE_LABELS.get(self.change, "")


@dataclass(frozen=True)
class Row:
    code: str
    label: Text
    kind: str
    cells: list[Cell]


@dataclass(frozen=True)
class Trajectory:
    assessments: list[Assessment]
    rows: list[Row]
    levels: list[Cell]

    @property
    def changes_since_last(self) -> list[tuple[Row, Cell]]:
        """The life areas whose rating changed in the newest assessment."""
        return [
            (row, row.cells[-1])
            for row in self.rows
            if row.cells and row.cells[-1].change not in {Change.SAME, Change.FIRST}
        ]


def compare(before: int | None, after: int | None, *, same: bool) -> str:
    """How an answer moved. Severity orders the answers; answers without one can only differ."""
    if same:
        return Change.SAME
    if before is not None and after is not None:
        return Change.WORSE if after > before else Change.BETTER
    return Change.CHANGED


def _row(item: Item, answers: list[str | None]) -> Row:
    cells: list[Cell] = []
    previous: str | None = None
    for index, code in enumerate(answers):
        option = item.option(code) if code else None
        if index == 0 or option is None:
            change = Change.FIRST
        elif previous is None:
            change = Change.NEW
        else:
            before = item.option(previous)
            change = compare(before.severity if before else None, option.severity, same=previous == code)
        cells.append(Cell(option.label if option else None, change))
        previous = code if option else previous
    return Row(item.code, item.label, item.kind, cells)


def _level_cells(levels: list[ConcernLevel | None]) -> list[Cell]:
    cells = []
    for index, level in enumerate(levels):
        before = levels[index - 1] if index else None
        if index == 0 or level is None or before is None:
            change = Change.FIRST
        else:
            change = compare(before.order, level.order, same=before.pk == level.pk)
        cells.append(Cell(Text(nb=level.name, en=level.name_en or level.name) if level else None, change))
    return cells


def trajectory_of(assessments: list[Assessment]) -> Trajectory:
    """Assessments in date order, with ratings prefetched. Items are matched by code across versions,
    so an area that a newer instrument version adds shows as newly assessed."""
    answers = [{rating.item: rating.answer for rating in a.ratings.all()} for a in assessments]
    items: dict[str, Item] = {}
    for assessment in reversed(assessments):
        for item in assessment.instrument.definition.items():
            if item.is_rated:
                items.setdefault(item.code, item)
    rows = [_row(item, [answer.get(code) for answer in answers]) for code, item in items.items()]
    return Trajectory(assessments, rows, _level_cells([a.level for a in assessments]))

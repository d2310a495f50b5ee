"""Charts drawn on the server as SVG from a published (already suppressed) table.

A chart never sees a raw count: it takes the figures as everyone sees them, so "<5" and "×" stay
hidden in the picture as in the table. Geometry is worked out here; the template only draws it.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .suppression import HIDDEN, THRESHOLD, Table

WIDTH = 640
BAR_ROW = 50  # label line above each bar
BAR_LEFT = 4
BAR_SPACE = 560
COLUMN_AREA = 180
COLUMN_TOP = 24
COLUMN_LEFT = 8


@dataclass(frozen=True)
class Mark:
    """One bar: its label, its published figure, and where it is drawn."""

    label: str
    text: str
    x: float
    y: float
    width: float
    height: float
    text_x: float
    text_y: float


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    description: str
    marks: list[Mark]
    width: int
    height: int
    horizontal: bool


def _mark(label: str, text: str, box: tuple[float, ...], anchor: tuple[float, float]) -> Mark:
    # Rounded here: SVG wants plain decimals, and the template must not localise them.
    x, y, width, height = (round(value, 1) for value in box)
    return Mark(label, text, x, y, width, height, round(anchor[0], 1), round(anchor[1], 1))


def _number(text: str) -> int | None:
    return int(text) if text.isdigit() else None


def _describe(kind: str, pairs: list[tuple[str, str]]) -> str:
    """The chart in words. It names the highest figure only when the published figures prove it."""
    visible = [(label, number) for label, text in pairs if (number := _number(text)) is not None]
    hidden = [text for _label, text in pairs if _number(text) is None]
    parts = [kind]
    if pairs and not visible:
        parts.append(_("Every figure is hidden to protect small counts."))
        return " ".join(parts)
    highest = _proven_highest(visible, hidden)
    if highest is not None:
        parts.append(_("Highest: %(label)s with %(value)d.") % {"label": highest[0], "value": highest[1]})
    elif visible and not hidden and all(number == 0 for _label, number in visible):
        parts.append(_("Every figure is zero."))
    if hidden:
        parts.append(_("%(count)d figures are hidden to protect small counts.") % {"count": len(hidden)})
    return " ".join(parts)


def _proven_highest(visible: list[tuple[str, int]], hidden: list[str]) -> tuple[str, int] | None:
    """The one figure above all others, as far as the reader can know: above zero, above every other
    shown figure, and above what a hidden one may be. A small count is below the threshold; a figure
    hidden to protect another could be anything, so then no figure is proven the highest."""
    if not visible or HIDDEN in hidden:
        return None
    ranked = sorted(visible, key=lambda pair: pair[1], reverse=True)
    label, value = ranked[0]
    tied = len(ranked) > 1 and ranked[1][1] == value
    if value == 0 or tied or (hidden and value < THRESHOLD):
        return None
    return label, value


def _scale(pairs: list[tuple[str, str]]) -> int:
    return max([_number(text) or 0 for _label, text in pairs] + [1])


def bar_chart(key: str, title: str, pairs: list[tuple[str, str]]) -> Chart:
    """Horizontal bars, one per category, with the label above the bar and the figure after it."""
    top = _scale(pairs)
    marks = []
    for index, (label, text) in enumerate(pairs):
        length = BAR_SPACE * (_number(text) or 0) / top
        y = index * BAR_ROW + 24
        marks.append(_mark(label, text, (BAR_LEFT, y, length, 18), (BAR_LEFT + length + 6, y + 15)))
    description = _describe(_("Bar chart with one bar per category."), pairs)
    return Chart(key, title, description, marks, WIDTH, len(pairs) * BAR_ROW + 8, True)


def column_chart(key: str, title: str, pairs: list[tuple[str, str]]) -> Chart:
    """Vertical columns over time, with the period under each column and the figure on top."""
    top = _scale(pairs)
    step = (WIDTH - COLUMN_LEFT) / max(len(pairs), 1)
    marks = []
    for index, (label, text) in enumerate(pairs):
        height = COLUMN_AREA * (_number(text) or 0) / top
        x = COLUMN_LEFT + index * step
        y = COLUMN_TOP + COLUMN_AREA - height
        marks.append(_mark(label, text, (x + step * 0.15, y, step * 0.7, height), (x + step / 2, y - 6)))
    description = _describe(_("Column chart with one column per period."), pairs)
    return Chart(key, title, description, marks, WIDTH, COLUMN_TOP + COLUMN_AREA + 24, False)


def by_category(key: str, title: str, table: Table) -> Chart:
    """The table's category totals over the whole period, as bars."""
    lines = table.published()[1:-1]
    return bar_chart(key, title, [(line[0], line[-1]) for line in lines])


def by_period(key: str, title: str, table: Table) -> Chart:
    """The table's totals per period, as columns: the trend."""
    header, *_lines, totals = table.published()
    return column_chart(key, title, list(zip(header[1:-1], totals[1:-1], strict=True)))

"""Small-cell suppression, applied once, here, to every table that leaves the statistics app.

A count below the threshold is hidden ("<5"). Then, while any hidden cell could be worked out from
what is published (the visible cells and the row, column and grand totals), one more cell is
hidden: the smallest visible cell in a line through a recoverable cell, or that line's total. A
hidden cell is recoverable exactly when its unit vector lies in the row space of the published
equations, which is decided with exact fractions.

Protecting each table on its own is not enough: a reader may ask for many tables, and the difference
of two (two year ranges, a year and its quarters) would give away what each hides. So every table is
cut from one fixed grid of figures per calendar year (`year_grid`): categories by quarter, with each
category's year figure, the quarter totals and the year total, suppressed once. A table shows those
figures as they are, and a figure over several years only when every year's figure in it is shown,
so it tells nothing the years do not. Years hold different records, so no equation joins them; the
quarter and year totals, which every breakdown of the same records shares, are decided from the
totals alone (a one-row grid), so all breakdowns show and hide them alike. docs/security/statistics.md
sets out the guarantee.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction

THRESHOLD = 5
# How many of the smallest candidates are tried when one more figure must be hidden.
CANDIDATES_TRIED = 6

# A published figure: ("cell", row, column), ("row", row, -1), ("col", -1, column) or ("total", -1, -1).
Position = tuple[str, int, int]


SMALL = f"<{THRESHOLD}"
# A figure hidden only so that a small one cannot be worked out.
HIDDEN = "×"


@dataclass(frozen=True)
class Table:
    """Counts with row and column totals; None marks a suppressed figure."""

    rows: list[str]
    columns: list[str]
    cells: list[list[int | None]]
    row_totals: list[int | None]
    column_totals: list[int | None]
    total: int | None
    small: frozenset["Position"] = frozenset()

    def text(self, position: "Position") -> str:
        """How a figure is published: "<5" for a small count, "×" for one hidden to protect it."""
        value = _figure(position, self.cells, self.row_totals, self.column_totals, self.total)
        if value is not None:
            return str(value)
        return SMALL if position in self.small else HIDDEN

    def published(self) -> list[list[str]]:
        """Header, one line per row with its total, and the totals line: the table as everyone sees it."""
        lines = [["", *self.columns, "total"]]
        for r, label in enumerate(self.rows):
            lines.append(
                [
                    label,
                    *(self.text(("cell", r, c)) for c in range(len(self.columns))),
                    self.text(("row", r, -1)),
                ]
            )
        lines.append(
            [
                "total",
                *(self.text(("col", -1, c)) for c in range(len(self.columns))),
                self.text(("total", -1, -1)),
            ]
        )
        return lines


def _figure(
    position: Position,
    cells: Sequence[Sequence[int | None]],
    row_totals: Sequence[int | None],
    column_totals: Sequence[int | None],
    total: int | None,
) -> int | None:
    kind, r, c = position
    if kind == "cell":
        return cells[r][c]
    if kind == "row":
        return row_totals[r]
    return column_totals[c] if kind == "col" else total


def _positions(n_rows: int, n_cols: int) -> list[Position]:
    """Every published figure: cells, row totals, column totals and the grand total."""
    return (
        [("cell", r, c) for r in range(n_rows) for c in range(n_cols)]
        + [("row", r, -1) for r in range(n_rows)]
        + [("col", -1, c) for c in range(n_cols)]
        + [("total", -1, -1)]
    )


def _equations(n_rows: int, n_cols: int) -> list[list[Position]]:
    """The sums: each row and each column to its total, and both sets of totals to the grand total."""
    equations = [[("cell", r, c) for c in range(n_cols)] + [("row", r, -1)] for r in range(n_rows)]
    equations += [[("cell", r, c) for r in range(n_rows)] + [("col", -1, c)] for c in range(n_cols)]
    equations.append([("row", r, -1) for r in range(n_rows)] + [("total", -1, -1)])
    equations.append([("col", -1, c) for c in range(n_cols)] + [("total", -1, -1)])
    return equations


def recoverable(hidden: set[Position], n_rows: int, n_cols: int) -> set[Position]:
    """The hidden figures that the published ones determine exactly.

    Each equation, restricted to the hidden figures, is a linear form whose value is known (the
    visible figures are moved to the other side; a total enters with the opposite sign). A hidden
    figure is determined iff its unit vector is in the span of those forms.
    """
    unknowns = sorted(hidden)
    index = {position: i for i, position in enumerate(unknowns)}
    rows: list[list[Fraction]] = []
    for equation in _equations(n_rows, n_cols):
        total = equation[-1]
        vector = [Fraction(0)] * len(unknowns)
        for position in equation[:-1]:
            if position in index:
                vector[index[position]] += 1
        if total in index:
            vector[index[total]] -= 1
        if any(vector):
            rows.append(vector)
    basis = _row_echelon(rows)
    return {position for position in unknowns if _in_span(basis, _unit(len(unknowns), index[position]))}


def _unit(size: int, at: int) -> list[Fraction]:
    vector = [Fraction(0)] * size
    vector[at] = Fraction(1)
    return vector


def _row_echelon(rows: list[list[Fraction]]) -> list[list[Fraction]]:
    """Reduced row echelon form of the rows, as a list of pivot rows."""
    matrix = [row[:] for row in rows]
    basis: list[list[Fraction]] = []
    width = len(matrix[0]) if matrix else 0
    for column in range(width):
        pivot = next((row for row in matrix if row[column] != 0), None)
        if pivot is None:
            continue
        matrix.remove(pivot)
        pivot = [value / pivot[column] for value in pivot]
        matrix = [[a - row[column] * b for a, b in zip(row, pivot, strict=True)] for row in matrix]
        basis = [[a - row[column] * b for a, b in zip(row, pivot, strict=True)] for row in basis]
        basis.append(pivot)
    return basis


def _in_span(basis: list[list[Fraction]], vector: list[Fraction]) -> bool:
    remainder = vector[:]
    for row in basis:
        column = next(i for i, value in enumerate(row) if value != 0)
        if remainder[column] != 0:
            factor = remainder[column]
            remainder = [a - factor * b for a, b in zip(remainder, row, strict=True)]
    return not any(remainder)


def suppress(
    rows: list[str],
    columns: list[str],
    counts: list[list[int]],
    threshold: int = THRESHOLD,
    *,
    fixed: dict[Position, bool] | None = None,
) -> Table:
    """The table with every small count hidden, and enough other figures hidden that none can be deduced.

    `fixed` decides some figures beforehand (True: hidden): figures that other tables publish too, and
    must publish alike. They are never hidden to protect another; only the rest are."""
    fixed = fixed or {}
    n_rows, n_cols = len(rows), len(columns)
    row_totals = [sum(line) for line in counts]
    column_totals = [sum(counts[r][c] for r in range(n_rows)) for c in range(n_cols)]
    grand = sum(row_totals)

    def value(position: Position) -> int:
        figure = _figure(position, counts, row_totals, column_totals, grand)
        assert figure is not None
        return figure

    # Primary: every positive figure below the threshold. A zero reveals nothing about a person.
    small = {p for p in _positions(n_rows, n_cols) if 0 < value(p) < threshold}
    hidden = small | {position for position, is_hidden in fixed.items() if is_hidden}
    free = {position for position in _positions(n_rows, n_cols) if position not in fixed}
    while leaks := recoverable(hidden, n_rows, n_cols) if hidden else set():
        hidden.add(_next_to_hide(leaks, hidden, free=free, n_rows=n_rows, n_cols=n_cols, value=value))
    return Table(
        rows,
        columns,
        [[None if ("cell", r, c) in hidden else counts[r][c] for c in range(n_cols)] for r in range(n_rows)],
        [None if ("row", r, -1) in hidden else row_totals[r] for r in range(n_rows)],
        [None if ("col", -1, c) in hidden else column_totals[c] for c in range(n_cols)],
        None if ("total", -1, -1) in hidden else grand,
        frozenset(small),
    )


def _next_to_hide(
    leaks: set[Position],
    hidden: set[Position],
    *,
    free: set[Position],
    n_rows: int,
    n_cols: int,
    value: Callable[[Position], int],
) -> Position:
    """A visible figure in an equation through a leaking one: of the few smallest, the one that leaves
    the fewest figures recoverable, so that as little as possible is lost. Only free figures (not
    decided beforehand) are candidates; hiding every free figure always ends the leaks, because what
    is fixed was protected on its own."""
    candidates = {
        position
        for equation in _equations(n_rows, n_cols)
        if leaks.intersection(equation)
        for position in equation
        if position not in hidden and position in free
    }
    if not candidates:
        candidates = {p for p in free if p not in hidden}
    smallest = sorted(candidates, key=lambda position: (value(position) == 0, value(position), position))
    return min(
        smallest[:CANDIDATES_TRIED],
        key=lambda position: (
            len(recoverable(hidden | {position}, n_rows, n_cols)),
            position[0] != "cell",
            value(position) == 0,
            value(position),
        ),
    )


QUARTER_LABELS = ["K1", "K2", "K3", "K4"]


@dataclass(frozen=True)
class YearGrid:
    """One calendar year of a breakdown: its figures as published, and the counts behind them (which
    never leave this module)."""

    table: Table
    counts: list[list[int]]

    def category_count(self, r: int) -> int:
        return sum(self.counts[r])

    @property
    def quarter_counts(self) -> list[int]:
        return [sum(line[q] for line in self.counts) for q in range(len(QUARTER_LABELS))]


def year_grid(categories: list[str], counts: list[list[int]]) -> YearGrid:
    """One calendar year of a breakdown (categories by the four quarters), suppressed once: the only
    figures any table of that year shows. The quarter and year totals are decided from the totals
    alone, so every breakdown of the same records shows and hides them alike."""
    quarters = range(len(QUARTER_LABELS))
    quarter_totals = [sum(line[q] for line in counts) for q in quarters]
    alone = suppress(["all"], QUARTER_LABELS, [quarter_totals])
    fixed: dict[Position, bool] = {("col", -1, q): alone.cells[0][q] is None for q in quarters}
    fixed[("total", -1, -1)] = alone.row_totals[0] is None
    return YearGrid(suppress(categories, QUARTER_LABELS, counts, fixed=fixed), counts)


def _sum_if_all_shown(figures: Sequence[int | None]) -> int | None:
    if any(figure is None for figure in figures):
        return None
    return sum(figure for figure in figures if figure is not None)


def combined(categories: list[str], periods: list[str], grids: list[YearGrid], *, by_quarter: bool) -> Table:
    """The table of consecutive years, by quarter or by year, cut from each year's grid. A figure over
    several years is shown only when all its years' figures are, so it tells nothing they do not."""
    rows = range(len(categories))
    if by_quarter:
        cells = [[figure for grid in grids for figure in grid.table.cells[r]] for r in rows]
        column_totals = [figure for grid in grids for figure in grid.table.column_totals]
        counts = [[n for grid in grids for n in grid.counts[r]] for r in rows]
        column_counts = [n for grid in grids for n in grid.quarter_counts]
    else:
        cells = [[grid.table.row_totals[r] for grid in grids] for r in rows]
        column_totals = [grid.table.total for grid in grids]
        counts = [[grid.category_count(r) for grid in grids] for r in rows]
        column_counts = [sum(grid.quarter_counts) for grid in grids]
    row_counts = [sum(line) for line in counts]
    figures = {
        **{("cell", r, c): n for r in rows for c, n in enumerate(counts[r])},
        **{("row", r, -1): n for r, n in zip(rows, row_counts, strict=True)},
        **{("col", -1, c): n for c, n in enumerate(column_counts)},
        ("total", -1, -1): sum(row_counts) if categories else sum(column_counts),
    }
    return Table(
        categories,
        periods,
        cells,
        [_sum_if_all_shown([grid.table.row_totals[r] for grid in grids]) for r in rows],
        column_totals,
        _sum_if_all_shown([grid.table.total for grid in grids]),
        frozenset(position for position, n in figures.items() if 0 < n < THRESHOLD),
    )

"""Suppression: every small count is hidden, and no hidden figure can be worked out from what is
published — checked against exact linear algebra on random tables."""

from hypothesis import given, settings
from hypothesis import strategies as st

from varde.statistics.suppression import HIDDEN, SMALL, THRESHOLD, recoverable, suppress

COUNTS = st.sampled_from([0, 0, 1, 2, 3, 4, 5, 6, 7, 9, 12, 25, 60])
TABLES = st.integers(1, 5).flatmap(
    lambda rows: st.integers(1, 5).flatmap(
        lambda cols: st.lists(st.lists(COUNTS, min_size=cols, max_size=cols), min_size=rows, max_size=rows)
    )
)


def hidden_positions(table):
    n_rows, n_cols = len(table.rows), len(table.columns)
    hidden = {("cell", r, c) for r in range(n_rows) for c in range(n_cols) if table.cells[r][c] is None}
    hidden |= {("row", r, -1) for r in range(n_rows) if table.row_totals[r] is None}
    hidden |= {("col", -1, c) for c in range(n_cols) if table.column_totals[c] is None}
    if table.total is None:
        hidden.add(("total", -1, -1))
    return hidden


def suppressed(counts):
    return suppress([f"r{i}" for i in range(len(counts))], [f"c{i}" for i in range(len(counts[0]))], counts)


@settings(max_examples=300, deadline=None)
@given(TABLES)
def test_no_hidden_figure_can_be_recovered(counts):
    table = suppressed(counts)
    assert recoverable(hidden_positions(table), len(counts), len(counts[0])) == set()


@settings(max_examples=300, deadline=None)
@given(TABLES)
def test_every_small_count_is_hidden_and_the_rest_is_exact(counts):
    table = suppressed(counts)
    lines = table.published()
    for r, row in enumerate(counts):
        for c, value in enumerate(row):
            text = lines[r + 1][c + 1]
            if 0 < value < THRESHOLD:
                assert text == SMALL
            else:
                assert text in {str(value), HIDDEN}
        total = sum(row)
        assert lines[r + 1][-1] in ({SMALL} if 0 < total < THRESHOLD else {str(total), HIDDEN})


def test_a_table_without_small_counts_is_published_whole():
    table = suppressed([[12, 30], [40, 50]])
    assert table.published()[1:] == [
        ["r0", "12", "30", "42"],
        ["r1", "40", "50", "90"],
        ["total", "52", "80", "132"],
    ]


def test_one_small_cell_in_a_two_by_two_table_hides_the_four_cells_and_keeps_the_totals():
    table = suppressed([[2, 30], [40, 50]])
    assert table.published()[1:] == [
        ["r0", SMALL, HIDDEN, "32"],
        ["r1", HIDDEN, HIDDEN, "90"],
        ["total", "42", "80", "122"],
    ]


def test_a_small_grand_total_is_hidden_with_what_reveals_it():
    table = suppressed([[1, 0], [0, 2]])
    assert table.total is None
    assert recoverable(hidden_positions(table), 2, 2) == set()

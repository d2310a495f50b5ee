"""A differencing attack over every table a reader may ask for: no small count comes out exactly.

The attacker collects every figure of every table of the concerns (each breakdown, by year and by
quarter, over every range of years the form allows), writes each figure as the sum of the finest
counts it covers (category by quarter), adds what they know of how the breakdowns relate (every
concern has one phenomenon, one channel and one age band, so their quarter totals are the same
numbers), and solves. A count is recovered exactly when its unit vector lies in the span of those
equations; the span is computed modulo a large prime, which can only make the attacker stronger.
"""

import itertools
import random
from datetime import date

from django.utils import timezone

from varde.concerns.categorical import StatisticsFact
from varde.concerns.choices import AgeBand, Channel, Phenomenon
from varde.statistics.suppression import THRESHOLD
from varde.statistics.tables import Period, count_table

PRIME = 2**61 - 1
BREAKDOWNS = {"phenomenon": Phenomenon, "channel": Channel, "age_band": AgeBand}


def _facts(world, years, seed=7):
    """Few concerns, unevenly spread, so that many counts are small."""
    chance = random.Random(seed)
    facts = []
    for year, quarter in itertools.product(years, range(1, 5)):
        for _ in range(chance.choice([0, 2, 6, 11, 19])):
            facts.append(
                StatisticsFact(
                    partnership=world.partnership,
                    agency=world.municipality,
                    kind=StatisticsFact.Kind.CONCERN,
                    occurred_on=date(year, 3 * quarter - 1, chance.randint(1, 28)),
                    phenomenon=chance.choice(Phenomenon.values[:4]),
                    channel=chance.choice(Channel.values[:3]),
                    age_band=chance.choice(AgeBand.values[:3]),
                )
            )
    StatisticsFact.objects.bulk_create(facts)
    return facts


def _every_request(years):
    """Every table of these years the situation page and the API accept."""
    for dimension, period in itertools.product(BREAKDOWNS, Period.values):
        longest = 3 if period == Period.QUARTER else 10
        for first, last in itertools.combinations_with_replacement(years, 2):
            if last - first < longest:
                yield dimension, period, first, last


def _cells_of(dimension, period, first, last, row, column):
    """The finest counts (dimension, category, year, quarter) a figure of a table covers."""
    years = range(first, last + 1)
    slots = [(year, q) for year in years for q in range(1, 5)]
    if column is not None:
        slots = [slots[column]] if period == Period.QUARTER else [(years[column], q) for q in range(1, 5)]
    categories = BREAKDOWNS[dimension].values
    chosen = categories if row is None else [categories[row]]
    return [(dimension, category, year, q) for category in chosen for year, q in slots]


def _published_equations(world, years):
    equations = set()
    for dimension, period, first, last in _every_request(years):
        _chosen, table = count_table(
            world.partnership,
            source="concerns",
            dimension=dimension,
            period=period,
            first_year=first,
            last_year=last,
        )
        figures: list[tuple[tuple[int | None, int | None], int | None]] = [
            ((r, c), table.cells[r][c]) for r in range(len(table.rows)) for c in range(len(table.columns))
        ]
        figures += [((r, None), value) for r, value in enumerate(table.row_totals)]
        figures += [((None, c), value) for c, value in enumerate(table.column_totals)]
        figures += [((None, None), table.total)]
        for (row, column), value in figures:
            if value is not None:
                equations.add(frozenset(_cells_of(dimension, period, first, last, row, column)))
    return equations


def _reduce(vector, basis):
    vector = dict(vector)
    while vector:
        pivot = min(vector)
        if pivot not in basis:
            return vector
        factor = vector[pivot]
        for key, value in basis[pivot].items():
            updated = (vector.get(key, 0) - factor * value) % PRIME
            if updated:
                vector[key] = updated
            else:
                vector.pop(key, None)
    return vector


def _span(vectors):
    basis: dict[int, dict[int, int]] = {}
    for vector in vectors:
        rest = _reduce(vector, basis)
        if rest:
            pivot = min(rest)
            inverse = pow(rest[pivot], PRIME - 2, PRIME)
            basis[pivot] = {key: value * inverse % PRIME for key, value in rest.items()}
    return basis


def test_no_small_count_is_recovered_from_every_table_a_reader_may_ask_for(world):
    this_year = timezone.localdate().year
    years = [this_year - 1, this_year]
    facts = _facts(world, years)
    unknown: dict[object, int] = {}  # each finest count and each quarter's number of concerns, numbered

    def index(key):
        return unknown.setdefault(key, len(unknown))

    vectors = [{index(cell): 1 for cell in equation} for equation in _published_equations(world, years)]
    for year, q in itertools.product(years, range(1, 5)):  # the breakdowns share their quarter totals
        for dimension in BREAKDOWNS:
            cells = _cells_of(dimension, Period.QUARTER, year, year, None, q - 1)
            vectors.append({index(cell): 1 for cell in cells} | {index(("concerns", year, q)): PRIME - 1})
    basis = _span(vectors)

    truth: dict[tuple[str, object, int, int], int] = {}
    for fact in facts:
        year, q = fact.occurred_on.year, (fact.occurred_on.month - 1) // 3 + 1
        for dimension in BREAKDOWNS:
            key = (dimension, getattr(fact, dimension), year, q)
            truth[key] = truth.get(key, 0) + 1
    small = [key for key, count in truth.items() if count < THRESHOLD]
    assert len(small) > 20  # the data gives the attacker something to look for
    recovered = [key for key in small if not _reduce({index(key): 1}, basis)]
    assert recovered == []

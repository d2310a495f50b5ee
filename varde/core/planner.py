"""The query planner: its statistics, refreshed after a bulk load, and plans for a search's values."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction


def refresh_planner_statistics() -> None:
    """ANALYZE the whole database. After a bulk load the planner has no statistics for the new rows
    until autovacuum's next round (if it runs at all), and until then it may take a freshly filled
    table for an empty one and plan a scan of all of it where an index would do."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


@contextmanager
def plans_for_the_values() -> Iterator[None]:
    """Inside, PostgreSQL plans each statement for the values it is given.

    A statement that has run five times on a connection is prepared (settings), and PostgreSQL may
    then keep one generic plan for every value. That suits a page whose queries differ only in an id.
    It does not suit a search, whose best plan depends on how much its values let through: the
    generic plan of the audit trail's search by dates read a month of events through the time index
    and tested each against the officer's members (217 ms), where the plan for the dates combines
    the indexes (6 ms). ADR 0047.
    """
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL plan_cache_mode = force_custom_plan")
        yield

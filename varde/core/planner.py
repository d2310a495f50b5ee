"""The query planner's statistics, refreshed after a bulk load."""

from django.db import connection


def refresh_planner_statistics() -> None:
    """ANALYZE the whole database. After a bulk load the planner has no statistics for the new rows
    until autovacuum's next round (if it runs at all), and until then it may take a freshly filled
    table for an empty one and plan a scan of all of it where an index would do."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

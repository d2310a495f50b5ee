"""What PostgreSQL is told about the cases so that the case lists are planned for what they hold."""

import pytest
from django.db import connection


@pytest.mark.skipif(connection.vendor != "postgresql", reason="extended statistics are PostgreSQL's")
def test_the_planner_knows_that_an_agency_decides_the_partnership(db):
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT s.stxkind, array_agg(a.attname ORDER BY a.attname)
            FROM pg_statistic_ext s
            JOIN pg_attribute a ON a.attrelid = s.stxrelid AND a.attnum = ANY (s.stxkeys)
            WHERE s.stxname = 'concerns_concern_agency_in_partnership'
            GROUP BY s.stxkind
            """
        )
        kinds, columns = cursor.fetchone() or ([], [])
    assert list(kinds) == ["f"]  # functional dependencies
    assert columns == ["owning_agency_id", "partnership_id", "status"]

"""The PostgreSQL connection: short, repeated queries are planned once per connection."""

import os
import subprocess
import sys

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from varde.accounts.models import Unit
from varde.core.planner import plans_for_the_values


def _settings_options(**environment: str) -> str:
    script = "import config.settings.base as s; print(s.DATABASES['default']['OPTIONS'])"
    inherited = {k: v for k, v in os.environ.items() if k != "VARDE_DB_PREPARED_STATEMENTS"}
    env = inherited | {"DATABASE_URL": "postgres://varde@db.example/varde"} | environment
    command = [sys.executable, "-c", script]
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=True)  # noqa: S603
    return result.stdout


def test_postgresql_connections_bind_on_the_server_and_prepare_by_default():
    options = _settings_options()
    assert "'server_side_binding': True" in options
    assert "'prepare_threshold': 5" in options


def test_prepared_statements_can_be_turned_off_for_a_pooler():
    options = _settings_options(VARDE_DB_PREPARED_STATEMENTS="false")
    assert "server_side_binding" not in options
    assert "prepare_threshold" not in options
    assert "jit=off" in options


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's")
@pytest.mark.django_db
def test_a_query_run_again_with_other_values_reuses_its_prepared_plan(world):
    units = list(Unit.objects.values_list("pk", flat=True))
    for index in range(6):
        Unit.objects.filter(pk=units[index % len(units)]).first()
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        statements = [row[0] for row in cursor.fetchall()]
    unit_queries = [s for s in statements if 'FROM "accounts_unit"' in s and '"accounts_unit"."id" = $1' in s]
    assert len(unit_queries) == 1


def _plan_cache_mode() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW plan_cache_mode")
        return str(cursor.fetchone()[0])


@pytest.mark.django_db(transaction=True)
def test_a_search_is_planned_for_its_values_and_the_connection_is_left_as_it_was():
    if connection.vendor != "postgresql":
        # SQLite keeps no plans between statements: there is nothing to set, and nothing is sent.
        with CaptureQueriesContext(connection) as queries, plans_for_the_values():
            pass
        assert len(queries) == 0
        with pytest.raises(ZeroDivisionError), plans_for_the_values():
            1 / 0  # noqa: B018
        return
    before = _plan_cache_mode()
    with plans_for_the_values():
        assert _plan_cache_mode() == "force_custom_plan"
    assert _plan_cache_mode() == before == "auto"
    with pytest.raises(ZeroDivisionError), plans_for_the_values():
        1 / 0  # noqa: B018
    assert _plan_cache_mode() == "auto"

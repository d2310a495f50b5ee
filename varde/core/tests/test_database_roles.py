"""The application's database role may read and write the data, but only append to the audit trail:
PostgreSQL itself refuses it UPDATE, DELETE and TRUNCATE on the trail, and disabling its trigger."""

import os

import pytest
from django.db import DatabaseError, connection, transaction

from varde.accounts.audit_actions import AccountAudit
from varde.core.audit import record_event
from varde.core.database_roles import grant_application_role
from varde.core.models import AuditEvent

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="roles are PostgreSQL's")


@pytest.fixture
def as_application_role(world):
    """The rest of the test's transaction runs as a fresh application role (rolled back with it)."""
    role = f"varde_app_probe_{os.getpid()}"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {role} NOLOGIN")
        grant_application_role(role)
        cursor.execute(f"SET LOCAL ROLE {role}")
    return role


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE core_auditevent SET action = 'x'",
        "DELETE FROM core_auditevent",
        "TRUNCATE core_auditevent",
        "ALTER TABLE core_auditevent DISABLE TRIGGER core_auditevent_append_only",
        "DROP TABLE core_auditevent",
    ],
)
def test_the_application_role_cannot_rewrite_the_trail(as_application_role, statement):
    record_event(AccountAudit.UNIT_UPDATED)
    with (
        pytest.raises(DatabaseError, match=r"permission denied|must be owner"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement)
    assert AuditEvent.objects.filter(action="unit.updated").exists()


def test_the_application_role_appends_to_the_trail_and_changes_the_data(as_application_role, world):
    record_event(AccountAudit.UNIT_UPDATED, obj=world.unit)
    world.unit.name = "Nytt navn"
    world.unit.save()
    world.unit.refresh_from_db()
    assert world.unit.name == "Nytt navn"
    assert AuditEvent.objects.filter(action="unit.updated").count() == 1

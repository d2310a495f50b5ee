"""UUIDText spells a UUID column as str(uuid) does, and InSubquery asks what `in` asks, on SQLite and
on PostgreSQL alike."""

from django.db import connection
from django.db.models import F, Q
from django.test.utils import CaptureQueriesContext

from varde.accounts.audit_actions import AccountAudit
from varde.accounts.models import Membership, User
from varde.accounts.roles import Role
from varde.core.audit import record_event
from varde.core.functions import InSubquery, UUIDText
from varde.core.models import AuditEvent


def test_a_uuid_column_reads_as_the_text_the_audit_trail_stores(world):
    user = world.make_user("coordinator")
    spelled = User.objects.filter(pk=user.pk).values_list(UUIDText("id"), flat=True).get()
    assert spelled == str(user.pk)
    assert (
        User.objects.filter(pk__in=User.objects.values("pk"))
        .filter(username=user.username)
        .annotate(text=UUIDText("id"))
        .filter(text=str(user.pk))
        .exists()
    )


def test_in_subquery_finds_what_in_finds_and_stands_in_an_or(world, other_world):
    member, stranger = world.make_user(Role.COORDINATOR), other_world.make_user(Role.COORDINATOR)
    for person in (member, stranger):
        record_event(AccountAudit.LOGIN_SUCCEEDED, actor=person, obj=person)
    ours = Membership.objects.filter(agency__partnership=world.partnership).values(
        id_text=UUIDText("user_id")
    )
    logins = AuditEvent.objects.filter(action="login.succeeded")
    with CaptureQueriesContext(connection) as queries:
        found = set(logins.filter(Q(partnership_id="x") | InSubquery(F("actor_id"), ours)))
    assert found == set(logins.filter(actor_id__in=ours)) == {logins.get(actor_id=str(member.pk))}
    sql = queries[0]["sql"]
    # The subquery's own order (Membership's default) is dropped, as `in` drops it.
    assert "ORDER BY" not in sql
    if connection.vendor == "postgresql":
        assert "= ANY(ARRAY(SELECT" in sql

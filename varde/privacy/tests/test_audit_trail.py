"""The privacy officer sees the audit trail of their own partnership only, and filters it."""

import pytest
from django.urls import reverse

from conftest import log_in
from varde.accounts.roles import Role
from varde.core.audit import record_event
from varde.core.models import AuditEvent
from varde.privacy.permissions import audit_events_visible_to

# The same on both databases: PostgreSQL takes the chain's lock in the query that reads its head.
QUERY_BUDGET = 14


def test_officer_sees_own_partnership_and_members_logins_only(world, other_world):
    officer = world.make_user(Role.PRIVACY_OFFICER)
    colleague = world.make_user(Role.COORDINATOR)
    stranger = other_world.make_user(Role.COORDINATOR)
    mine = record_event("unit.updated", actor=colleague, obj=world.unit, partnership=world.partnership)
    login = record_event("login.succeeded", actor=colleague, obj=colleague)
    theirs = record_event(
        "unit.updated", actor=stranger, obj=other_world.unit, partnership=other_world.partnership
    )
    their_login = record_event("login.succeeded", actor=stranger, obj=stranger)
    visible = set(audit_events_visible_to(officer))
    assert {mine, login} <= visible
    assert theirs not in visible
    assert their_login not in visible


def test_filters_narrow_the_list_and_viewing_is_recorded(world, client):
    officer = world.make_user(Role.PRIVACY_OFFICER)
    log_in(client, officer)
    record_event("unit.updated", actor=officer, obj=world.unit, partnership=world.partnership)
    response = client.get(reverse("privacy:audit_trail"), {"action": "unit.updated"})
    assert response.status_code == 200
    page = response.context["page"]
    assert {event.action for event in page} == {"unit.updated"}
    assert AuditEvent.objects.filter(action="audit.viewed", actor_id=str(officer.pk)).exists()


def test_htmx_request_gets_only_the_results_fragment(world, client):
    log_in(client, world.make_user(Role.PRIVACY_OFFICER))
    response = client.get(reverse("privacy:audit_trail"), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert 'id="audit-results"' in html
    assert "<html" not in html


def test_bad_filter_input_explains_and_shows_nothing(world, client):
    log_in(client, world.make_user(Role.PRIVACY_OFFICER))
    response = client.get(
        reverse("privacy:audit_trail"),
        {"date_from": "2026-12-01", "date_to": "2026-01-01", "action": "<b>x</b>"},
    )
    assert response.status_code == 200
    assert "Fra-datoen må være før til-datoen." in response.content.decode()
    response = client.get(reverse("privacy:audit_trail"), {"date_from": "ikke en dato", "action": "x" * 500})
    assert response.status_code == 200
    assert "<b>x</b>" not in response.content.decode()


@pytest.mark.parametrize("rows", [1, 60])
def test_audit_page_keeps_a_constant_number_of_queries(world, client, django_assert_num_queries, rows):
    officer = world.make_user(Role.PRIVACY_OFFICER)
    log_in(client, officer)
    for _ in range(rows):
        record_event("unit.updated", actor=officer, obj=world.unit, partnership=world.partnership)
    # Session, user, device, roles, scope (2), count, page, and the write of the audit.viewed event.
    with django_assert_num_queries(QUERY_BUDGET):
        assert client.get(reverse("privacy:audit_trail")).status_code == 200

"""Who sees and arranges which meetings. Forbidden looks like not found."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import ALL_ROLES, World, log_in
from varde.accounts.roles import Role
from varde.concerns.tests.factories import make_concern
from varde.meetings import actions, permissions
from varde.meetings.models import MeetingKind

from .factories import make_meeting, secretary_of

CONTACT = {Role.COORDINATOR.value, Role.POLICE_CONTACT.value, Role.SECRETARY.value}
ORGANISERS = CONTACT | {Role.PLAN_MANAGER.value}
EVERYONE = set(ALL_ROLES)

# GET on each page, for a contact meeting the secretary scheduled with nobody else invited.
EXPECTED = {
    "meetings:list": EVERYONE,
    "meetings:calendar": EVERYONE,
    "meetings:schedule": ORGANISERS,
    "meetings:detail": CONTACT,
    "meetings:invite": CONTACT,
    "meetings:attendance": CONTACT,
    "meetings:cancel": CONTACT,
    "meetings:agenda": CONTACT,
    "meetings:prepare_item": {Role.COORDINATOR.value},
    "meetings:minutes": CONTACT,
    "meetings:minutes_pdf": CONTACT,
    "meetings:item_minutes": CONTACT,
    "meetings:quorum_rule": {Role.ADMIN.value},
}
# POST-only endpoints and the token-protected feed, tested in test_views and test_agenda.
OUTSIDE_MATRIX = {
    "meetings:remove_participant",
    "meetings:feed",
    "meetings:add_item",
    "meetings:move_item",
    "meetings:remove_item",
    "meetings:approve",
    "meetings:addendum",
    "meetings:complete_task",
}


def url_for(name: str, world: World) -> str:
    if name in {"meetings:list", "meetings:calendar", "meetings:schedule", "meetings:quorum_rule"}:
        return reverse(name)
    if name in {"meetings:minutes", "meetings:minutes_pdf", "meetings:item_minutes"}:
        meeting = make_meeting(world, days=-1)
        item = actions.add_other_item(secretary_of(world), meeting, title="Orientering")
        actions.record_attendance(secretary_of(world), meeting, present=[], no_quorum_reason="Test.")
        args = [meeting.pk, item.pk] if name == "meetings:item_minutes" else [meeting.pk]
        return reverse(name, args=args)
    if name == "meetings:prepare_item":
        return reverse(name, args=[make_meeting(world).pk, make_concern(world).pk])
    return reverse(name, args=[make_meeting(world).pk])


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_role_opens_exactly_the_pages_it_may(name, role, world, client):
    url = url_for(name, world)
    user = secretary_of(world) if role == Role.SECRETARY else world.make_user(role)
    log_in(client, user)
    expected = 200 if role in EXPECTED[name] else 404
    assert client.get(url).status_code == expected


@pytest.mark.parametrize(
    "name", ["meetings:detail", "meetings:invite", "meetings:attendance", "meetings:cancel"]
)
def test_other_partnerships_get_not_found(name, world, other_world, client):
    url = url_for(name, world)
    log_in(client, other_world.make_user(Role.SECRETARY))
    assert client.get(url).status_code == 404


def test_the_plan_manager_has_the_other_meetings_and_invitees_see_theirs(world, client):
    contact = make_meeting(world)
    planner = world.make_user(Role.PLAN_MANAGER)
    network = make_meeting(world, organiser=planner, kind=MeetingKind.RESOURCE_NETWORK)
    resource_person = world.make_user(Role.RESOURCE_PERSON)
    actions.invite(planner, network, people=[resource_person], guests=[])
    assert set(permissions.meetings_visible_to(planner)) == {network}
    assert set(permissions.meetings_visible_to(resource_person)) == {network}
    assert not permissions.can_organise(resource_person, network)
    assert set(permissions.meetings_visible_to(secretary_of(world))) == {contact, network}
    log_in(client, resource_person)
    assert client.get(reverse("meetings:detail", args=[network.pk])).status_code == 200
    assert client.get(reverse("meetings:attendance", args=[network.pk])).status_code == 404


def test_a_meeting_is_listed_once_however_many_rules_open_it(world, client):
    """The secretary organises the meeting and is invited to it as well: two rules, one meeting."""
    secretary = secretary_of(world)
    meeting = make_meeting(world)
    colleague = world.make_user(Role.COORDINATOR)
    actions.invite(secretary, meeting, people=[secretary, colleague], guests=[])
    with CaptureQueriesContext(connection) as queries:
        assert list(permissions.meetings_visible_to(secretary)) == [meeting]
    if connection.vendor == "postgresql":
        # The invitations are a value the meetings' primary key looks up, not a join that tests every
        # meeting in the country (docs/performance.md, run AE).
        assert "= ANY(ARRAY(SELECT" in queries[-1]["sql"]
    log_in(client, secretary)
    listed = client.get(reverse("meetings:list")).content.decode()
    assert listed.count(reverse("meetings:detail", args=[meeting.pk])) == 1

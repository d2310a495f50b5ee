"""Events and demonstrations: who keeps them, police-only risk notes, tasks, and the link to the agenda."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from conftest import ALL_ROLES, log_in
from varde.accounts.roles import Role
from varde.information import actions
from varde.information.models import EventStatus
from varde.meetings import actions as meeting_actions
from varde.meetings.agenda import suggestions_for
from varde.meetings.tests.factories import make_meeting, secretary_of

READERS = {Role.COORDINATOR.value, Role.POLICE_CONTACT.value, Role.SECRETARY.value}
EXPECTED = {"information:events": READERS, "information:event": READERS}
OUTSIDE_MATRIX = {"information:event_task_done"}
RISK = "Motdemonstrasjon varslet på nett."


def make_event(world, days=10, title="Demonstrasjon på torget"):
    start = timezone.now() + timedelta(days=days)
    return actions.register_event(
        world.make_user(Role.COORDINATOR),
        world.partnership,
        details=actions.EventDetails(title, start, "Torvet", "Fiktiv gruppe", 40, "Fiktivt miljø"),
    )


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_role_opens_exactly_the_pages_it_may(name, role, world, client):
    url = reverse(name, args=[make_event(world).pk]) if name == "information:event" else reverse(name)
    log_in(client, world.make_user(role))
    assert client.get(url).status_code == (200 if role in EXPECTED[name] else 404)


def test_risk_notes_are_for_the_police_only(world, client):
    event = make_event(world)
    police = world.make_user(Role.POLICE_CONTACT)
    actions.add_risk_note(police, event, text=RISK)
    with pytest.raises(PermissionDenied):
        actions.add_risk_note(world.make_user(Role.COORDINATOR), event, text="Kommunen skriver.")
    url = reverse("information:event", args=[event.pk])
    log_in(client, police)
    assert RISK in client.get(url).content.decode()
    for role in (Role.COORDINATOR, Role.SECRETARY):
        log_in(client, world.make_user(role))
        page = client.get(url).content.decode()
        assert RISK not in page
        assert "Risikonotater" not in page
        assert client.post(url, {"action": "note", "note-text": "x"}).status_code == 404


def test_tasks_for_each_agency(world, client):
    event = make_event(world)
    coordinator = world.make_user(Role.COORDINATOR)
    police = world.make_user(Role.POLICE_CONTACT)
    deadline = timezone.localdate() + timedelta(days=3)
    task = actions.add_task(coordinator, event, description="Bemanning", owner=police, deadline=deadline)
    assert task.agency == world.police
    log_in(client, police)
    client.post(reverse("information:event_task_done", args=[task.pk]))
    task.refresh_from_db()
    assert task.done_at is not None
    log_in(client, coordinator)
    url = reverse("information:event", args=[event.pk])
    bad = client.post(
        url, {"action": "task", "task-description": "", "task-owner": "x", "task-deadline": "i går"}
    )
    assert bad.status_code == 200
    assert event.tasks.count() == 1


def test_events_in_the_next_six_weeks_are_proposed_for_the_contact_meeting(world, client):
    meeting = make_meeting(world, days=2)
    make_event(world, days=20, title="Innenfor")
    make_event(world, days=60, title="For langt fram")
    cancelled = make_event(world, days=10, title="Avlyst")
    actions.set_status(world.make_user(Role.COORDINATOR), cancelled, status=EventStatus.CANCELLED)
    titles = [s.title for s in suggestions_for(meeting)]
    assert len(titles) == 1
    assert titles[0].startswith("Markering: Innenfor")
    log_in(client, secretary_of(world))
    page = client.get(reverse("meetings:agenda", args=[meeting.pk])).content.decode()
    assert "Markering: Innenfor" in page
    meeting_actions.add_other_item(secretary_of(world), meeting, title=titles[0])
    assert suggestions_for(meeting) == []


def test_bad_event_input_changes_nothing(world, client):
    log_in(client, world.make_user(Role.COORDINATOR))
    data = {"title": "<script>x</script>", "starts_at": "snart", "place": "", "expected_size": "-3"}
    response = client.post(reverse("information:events"), data)
    assert response.status_code == 200
    assert "<script>x</script>" not in response.content.decode()
    from varde.information.models import Event

    assert not Event.objects.exists()


def test_another_partnerships_event_is_not_found_even_by_a_keeper(world, other_world, client):
    event = make_event(world)
    log_in(client, other_world.make_user(Role.COORDINATOR))
    assert client.get(reverse("information:event", args=[event.pk])).status_code == 404

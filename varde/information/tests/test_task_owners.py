"""A task goes only to someone who may open what it is about: the choice lists offer only them, and the
actions and the API refuse anyone else with a clear message."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import log_in
from varde.accounts.roles import Role
from varde.api.tests.test_api import bearer
from varde.concerns.actions import measures
from varde.concerns.categorical import MeasureType
from varde.concerns.models import Measure
from varde.concerns.tests.factories import handler_for, make_concern
from varde.core.errors import ActionRefused
from varde.information import actions
from varde.meetings import actions as meeting_actions
from varde.meetings.actions import NextStep
from varde.meetings.tests.test_minutes import held  # noqa: F401  (a fixture)

from .test_events import make_event

NEVER_SEE_CASES = (Role.ADMIN, Role.VIEWER, Role.PRIVACY_OFFICER, Role.COMMUNICATIONS)


def follow_up(world):
    return MeasureType.objects.get(partnership=world.partnership, code="follow-up-conversation")


def test_a_measure_goes_to_a_handler_or_mentor_of_the_owning_agency_only(world, client):
    concern = make_concern(world)
    owner = handler_for(world, world.municipality)
    world.make_user(Role.MENTOR, first_name="Magnus")
    outsiders = [world.make_user(role, first_name=f"Utenfor{role}") for role in NEVER_SEE_CASES]
    police = world.make_user(Role.POLICE_CONTACT, first_name="Politi")
    log_in(client, owner)
    page = client.get(reverse("concerns:measure_add", args=[concern.pk])).content.decode()
    assert "Magnus" in page
    for person in [*outsiders, police]:
        assert person.first_name not in page
        with pytest.raises(ActionRefused, match="saksbehandler eller mentor"):
            measures.add_measure(
                owner,
                concern,
                measure_type=follow_up(world),
                owner_agency=world.municipality,
                responsible=person,
                start_date=timezone.localdate(),
                next_review=None,
            )
    answer = client.post(
        f"/api/v1/concerns/{concern.pk}/measures",
        json.dumps(
            {
                "measure_type": str(follow_up(world).pk),
                "owner_agency": str(world.municipality.pk),
                "responsible": str(outsiders[0].pk),
                "start_date": str(timezone.localdate()),
            }
        ),
        content_type="application/json",
        **bearer(owner, "casework"),
    )
    assert answer.status_code == 422
    assert [field["field"] for field in answer.json()["fields"]] == ["responsible"]
    assert not Measure.objects.exists()


def test_a_meeting_task_goes_only_to_someone_who_may_open_the_meeting(world, held, client):  # noqa: F811
    meeting, item, owner, _police = held
    deadline = timezone.localdate() + timedelta(days=7)
    outsiders = [world.make_user(role, first_name=f"Utenfor{role}") for role in NEVER_SEE_CASES]
    for outsider in outsiders:
        with pytest.raises(ActionRefused, match="kan åpne dette møtet"):
            meeting_actions.add_next_step(owner, item, step=NextStep("Ring skolen", outsider, deadline))
    log_in(client, owner)
    page = client.get(reverse("meetings:item_minutes", args=[meeting.pk, item.pk])).content.decode()
    assert owner.first_name in page
    assert not any(outsider.first_name in page for outsider in outsiders)
    assert not item.tasks.exists()


def test_an_event_task_goes_only_to_someone_who_may_open_the_event(world, client):
    event = make_event(world)
    coordinator = world.make_user(Role.COORDINATOR)
    communications = world.make_user(Role.COMMUNICATIONS, first_name="Kommunikasjonsrådgiver")
    deadline = timezone.localdate() + timedelta(days=3)
    with pytest.raises(ActionRefused, match="kan åpne denne markeringen"):
        actions.add_task(
            coordinator, event, description="Pressemelding", owner=communications, deadline=deadline
        )
    log_in(client, coordinator)
    url = reverse("information:event", args=[event.pk])
    assert "Kommunikasjonsrådgiver" not in client.get(url).content.decode()
    refused = client.post(
        url,
        {
            "action": "task",
            "task-description": "Pressemelding",
            "task-owner": communications.pk,
            "task-deadline": deadline.isoformat(),
        },
    )
    assert refused.status_code == 200
    assert not event.tasks.exists()

"""Closing a concern ends the work on it: measures end as the closer decides, tasks close, a mentor's
access ends, and the case is read-only until it is reopened, with a reason, on record."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import log_in
from varde.accounts.roles import Role
from varde.api.tests.test_api import bearer
from varde.assessments.actions import start_assessment
from varde.assessments.models import Instrument
from varde.concerns.actions import casework, sharing
from varde.concerns.choices import InformedChoice, MeasureStatus, Part, Status
from varde.concerns.permissions import access_to, concerns_visible_to
from varde.core.errors import ActionRefused
from varde.core.models import AuditEvent
from varde.meetings.actions import NextStep, add_next_step
from varde.meetings.models import Task
from varde.meetings.tests.test_minutes import held  # noqa: F401  (a fixture)

from .factories import basis, close, handler_for, make_concern, make_measure


@pytest.fixture
def followed_up(world):
    concern = make_concern(world)
    mentor = world.make_user(Role.MENTOR)
    mentoring = make_measure(world, concern, responsible=mentor)
    talks = make_measure(world, concern)
    return concern, mentor, mentoring, talks


def test_the_closer_decides_how_each_measure_ends_and_the_mentor_loses_the_case(world, client, followed_up):
    concern, mentor, mentoring, talks = followed_up
    owner = handler_for(world, world.municipality)
    assert access_to(mentor, concern) is not None
    log_in(client, owner)
    url = reverse("concerns:close", args=[concern.pk])
    page = client.get(url).content.decode()
    assert f'name="measure_{mentoring.pk}"' in page
    undecided = client.post(url, {"outcome": "measures_completed", "reason": "Ferdig."})
    assert undecided.status_code == 200
    concern.refresh_from_db()
    assert concern.status != Status.CLOSED
    answer = client.post(
        url,
        {
            "outcome": "measures_completed",
            "reason": "Ferdig.",
            f"measure_{mentoring.pk}": MeasureStatus.COMPLETED,
            f"measure_{talks.pk}": MeasureStatus.STOPPED,
        },
    )
    assert answer.status_code == 302
    mentoring.refresh_from_db()
    talks.refresh_from_db()
    assert (mentoring.status, talks.status) == (MeasureStatus.COMPLETED, MeasureStatus.STOPPED)
    assert "Saken ble avsluttet" in talks.ended_reason
    assert access_to(mentor, concern) is None
    assert concern not in concerns_visible_to(mentor)
    log_in(client, mentor)
    assert client.get(reverse("concerns:detail", args=[concern.pk])).status_code == 404
    assert "Evaluer tiltak" not in client.get(reverse("accounts:home")).content.decode()


def test_a_closed_case_is_read_only_until_it_is_reopened_with_a_reason(world, client):
    concern = close(world, make_concern(world))
    owner = handler_for(world, world.municipality)
    instrument = Instrument.objects.filter(partnership=world.partnership)[0]
    refused = [
        lambda: start_assessment(owner, concern, instrument=instrument),
        lambda: casework.update_assessment(owner, concern, summary="Ny"),
        lambda: sharing.disclose(
            owner,
            concern,
            terms=sharing.DisclosureTerms(
                to_agency=world.police,
                parts=[Part.DESCRIPTION],
                legal_basis=basis(world, "public-body-own-tasks"),
                justification="Trengs.",
                approved_by=owner,
                person_informed=InformedChoice.LATER,
            ),
        ),
        lambda: casework.change_status(owner, concern, to_status=Status.UNDER_ASSESSMENT, reason="Igjen"),
    ]
    for action in refused:
        with pytest.raises(ActionRefused, match="Gjenåpne den først"):
            action()
    log_in(client, owner)
    page = client.get(reverse("concerns:detail", args=[concern.pk])).content.decode()
    for offer in ("Start en strukturert vurdering", "Registrer samtykke", "Del med den andre virksomheten"):
        assert offer not in page
    assert reverse("concerns:reopen", args=[concern.pk]) in page
    reopen = reverse("concerns:reopen", args=[concern.pk])
    assert client.post(reopen, {"reason": " "}).status_code == 200
    assert client.post(reopen, {"reason": "Ny melding fra skolen."}).status_code == 302
    concern.refresh_from_db()
    assert (concern.status, concern.outcome, concern.closed_at) == (Status.UNDER_ASSESSMENT, "", None)
    event = AuditEvent.objects.get(action="concern.reopened")
    assert event.actor_id == str(owner.pk)
    assert [e.reason for e in concern.events.filter(action="reopened")] == ["Ny melding fra skolen."]


def test_closing_closes_the_tasks_agreed_about_the_case_in_meetings(world, held):  # noqa: F811
    _meeting, item, owner, police = held
    task = add_next_step(
        owner, item, step=NextStep("Ring skolen", police, timezone.localdate() + timedelta(days=7))
    )
    close(world, item.concern)
    assert Task.objects.get(pk=task.pk).done_at is not None
    assert AuditEvent.objects.get(action="concern.closed").detail["tasks_closed"] == 1


def test_the_api_closes_with_each_measure_decided_and_reopens(world, client, followed_up):
    concern, _mentor, mentoring, talks = followed_up
    owner = handler_for(world, world.municipality)
    url = f"/api/v1/concerns/{concern.pk}/transitions"
    headers = bearer(owner, "casework", "read")

    def move(payload):
        etag = client.get(f"/api/v1/concerns/{concern.pk}", **headers)["ETag"]
        return client.post(
            url, json.dumps(payload), content_type="application/json", HTTP_IF_MATCH=etag, **headers
        )

    closing = {"to_status": "closed", "reason": "Ferdig.", "outcome": "measures_completed"}
    undecided = move(closing)
    assert undecided.status_code == 422
    assert {field["field"] for field in undecided.json()["fields"]} == {
        f"measure_{mentoring.pk}",
        f"measure_{talks.pk}",
    }
    decided = move(closing | {"measures": {str(mentoring.pk): "completed", str(talks.pk): "completed"}})
    assert decided.status_code == 200
    assert (
        move({"to_status": "under_assessment", "reason": "Ny melding."}).json()["status"]
        == "under_assessment"
    )
    assert AuditEvent.objects.filter(action="concern.reopened").count() == 1

"""Keeping a measure up to date: the mentor it is given to and the owning agency's case handlers write
its evaluation and next review, stop it with a reason, and nobody else touches it."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from conftest import edit_basis, log_in
from varde.accounts.roles import Role
from varde.concerns.actions import measures
from varde.concerns.audit_actions import ConcernAudit
from varde.concerns.choices import MeasureStatus
from varde.concerns.models import Measure
from varde.core.errors import ActionRefused
from varde.core.models import AuditEvent

from .factories import handler_for, make_concern, make_measure


@pytest.fixture
def given(world):
    """A running measure given to a mentor, and the address of its page."""
    mentor = world.make_user(Role.MENTOR)
    concern = make_concern(world)
    measure = make_measure(world, concern, responsible=mentor)
    return mentor, measure, reverse("concerns:measure_edit", args=[concern.pk, measure.pk])


def test_the_mentor_writes_the_evaluation_and_the_next_review(world, client, given):
    mentor, measure, url = given
    log_in(client, mentor)
    review = timezone.localdate() + timedelta(days=14)
    opened = edit_basis(client.get(url).content.decode())
    data = {"status": "active", "next_review": review.isoformat(), "evaluation": "Møter opp hver uke."}
    answer = client.post(url, {**data, **opened})
    assert answer.status_code == 302
    measure.refresh_from_db()
    assert (measure.evaluation, measure.next_review) == ("Møter opp hver uke.", review)
    assert AuditEvent.objects.filter(
        action=ConcernAudit.MEASURE_UPDATED, actor_id=str(mentor.pk), object_id=str(measure.concern_id)
    ).exists()


def test_a_measure_is_stopped_only_with_a_reason(world, client, given):
    _mentor, measure, url = given
    log_in(client, handler_for(world, world.municipality))
    opened = edit_basis(client.get(url).content.decode())
    refused = client.post(url, {"status": "stopped", "evaluation": "", "ended_reason": "  ", **opened})
    assert refused.status_code == 200
    assert "Skriv hvorfor tiltaket ble stanset." in refused.content.decode()
    assert Measure.objects.get(pk=measure.pk).status == MeasureStatus.ACTIVE
    stopped = {"status": "stopped", "evaluation": "", "ended_reason": "Flyttet.", **opened}
    assert client.post(url, stopped).status_code == 302
    measure.refresh_from_db()
    assert (measure.status, measure.ended_reason) == (MeasureStatus.STOPPED, "Flyttet.")


def test_another_mentor_cannot_open_or_change_the_measure(world, client, given):
    _mentor, measure, url = given
    stranger = world.make_user(Role.MENTOR)
    log_in(client, stranger)
    assert client.get(url).status_code == 404
    with pytest.raises(PermissionDenied):
        measures.update_measure(stranger, measure, status="active", next_review=None, evaluation="Nei.")
    assert Measure.objects.get(pk=measure.pk).evaluation == ""


def test_the_next_review_cannot_come_before_the_start(world):
    concern = make_concern(world)
    owner = handler_for(world, world.municipality)
    measure = make_measure(world, concern)
    with pytest.raises(ActionRefused):
        measures.add_measure(
            owner,
            concern,
            measure_type=measure.measure_type,
            owner_agency=world.municipality,
            responsible=None,
            start_date=timezone.localdate(),
            next_review=timezone.localdate() - timedelta(days=1),
        )
    assert Measure.objects.filter(concern=concern).count() == 1

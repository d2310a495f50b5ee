"""The agenda: proposals on a frozen clock, the privacy check before a concern becomes a point, and
what each agency sees of each point."""

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from conftest import log_in
from varde.accounts.roles import Role
from varde.concerns.choices import Part, Status
from varde.concerns.models import Concern
from varde.concerns.tests.factories import (
    SUBJECT_NAME,
    basis,
    close,
    handler_for,
    make_concern,
    make_disclosure,
    make_measure,
)
from varde.core.errors import ActionRefused
from varde.meetings import actions
from varde.meetings.agenda import items_for, proposals_for
from varde.meetings.models import AgendaItem, ItemKind, MeetingKind

from .factories import at, make_meeting, secretary_of

SUMMARY = "Elev med ekstreme ytringer; skolen ber om felles vurdering."


def prepare(world, meeting, concern, kind=ItemKind.CASE):
    return actions.prepare_case_item(
        handler_for(world, concern.owning_agency),
        meeting,
        concern=concern,
        kind=kind,
        summary=SUMMARY,
        legal_basis=basis(world, "initial-discussion"),
    )


def test_proposals_come_from_the_users_own_agency_and_are_due_by_the_meeting(world):
    with time_machine.travel(at(-40), tick=False):
        waiting = make_concern(world)
        followed = make_concern(world, name="Kari Tiltak")
        measure = make_measure(world, followed)
        closed = make_concern(world, name="Per Lukket")
        make_measure(world, closed)
        close(world, closed, "measures_completed")
        make_concern(world, agency=world.police, name="Politiets sak")
    Concern.objects.filter(pk=followed.pk).update(status=Status.FOLLOW_UP)
    meeting = make_meeting(world, days=200)
    owner = handler_for(world, world.municipality)
    proposals = {(p.kind, p.concern.pk) for p in proposals_for(owner, meeting)}
    assert (ItemKind.CASE, waiting.pk) in proposals
    assert (ItemKind.MEASURE_REVIEW, measure.concern_id) in proposals
    assert (ItemKind.CLOSURE_REVIEW, closed.pk) in proposals
    assert all(p.concern.owning_agency == world.municipality for p in proposals_for(owner, meeting))
    early = make_meeting(world, days=1)
    early_kinds = {p.kind for p in proposals_for(owner, early)}
    assert ItemKind.CLOSURE_REVIEW not in early_kinds
    assert proposals_for(secretary_of(world), meeting) == []
    prepare(world, meeting, waiting)
    assert (ItemKind.CASE, waiting.pk) not in {(p.kind, p.concern.pk) for p in proposals_for(owner, meeting)}


def test_no_shared_summary_or_basis_no_point(world):
    concern = make_concern(world)
    meeting = make_meeting(world)
    owner = handler_for(world, world.municipality)
    with pytest.raises(ActionRefused, match="delte sammendraget"):
        actions.prepare_case_item(
            owner,
            meeting,
            concern=concern,
            kind=ItemKind.CASE,
            summary=" ",
            legal_basis=basis(world, "consent"),
        )
    assert not AgendaItem.objects.exists()
    with pytest.raises(PermissionDenied):
        actions.prepare_case_item(
            handler_for(world, world.police),
            meeting,
            concern=concern,
            kind=ItemKind.CASE,
            summary=SUMMARY,
            legal_basis=basis(world, "consent"),
        )
    planner = world.make_user(Role.PLAN_MANAGER)
    network = make_meeting(world, organiser=planner, kind=MeetingKind.RESOURCE_NETWORK)
    with pytest.raises(ActionRefused):
        prepare(world, network, concern)
    prepare(world, meeting, concern)
    with pytest.raises(ActionRefused, match="allerede"):
        prepare(world, meeting, concern)
    assert concern.events.filter(action="agenda_item_prepared").exists()


def test_each_agency_sees_the_point_through_the_summary(world, client):
    concern = make_concern(world)
    meeting = make_meeting(world)
    prepare(world, meeting, concern)
    police = handler_for(world, world.police)
    actions.invite(secretary_of(world), meeting, people=[police], guests=[])
    [seen_by_police] = items_for(police, meeting)
    assert (seen_by_police.is_owner, seen_by_police.shows_name) == (False, False)
    log_in(client, police)
    page = client.get(reverse("meetings:agenda", args=[meeting.pk])).content.decode()
    assert SUMMARY in page
    assert concern.reference in page
    assert "13–15" in page
    assert SUBJECT_NAME not in page
    assert reverse("concerns:detail", args=[concern.pk]) not in page
    make_disclosure(world, concern, parts=(Part.IDENTITY,))
    assert SUBJECT_NAME in client.get(reverse("meetings:agenda", args=[meeting.pk])).content.decode()
    log_in(client, secretary_of(world))
    page = client.get(reverse("meetings:agenda", args=[meeting.pk])).content.decode()
    assert SUMMARY in page
    assert SUBJECT_NAME not in page
    log_in(client, handler_for(world, world.municipality))
    page = client.get(reverse("meetings:agenda", args=[meeting.pk])).content.decode()
    assert SUBJECT_NAME in page
    assert reverse("concerns:detail", args=[concern.pk]) in page


def test_arranging_the_agenda(world, client):
    meeting = make_meeting(world)
    concern = make_concern(world)
    case_point = prepare(world, meeting, concern)
    secretary = secretary_of(world)
    other = actions.add_other_item(secretary, meeting, title="Markeringer")
    actions.move_item(secretary, other, up=True)
    assert list(meeting.items.values_list("pk", flat=True)) == [other.pk, case_point.pk]
    police = handler_for(world, world.police)
    with pytest.raises(PermissionDenied):
        actions.remove_item(police, case_point)
    actions.remove_item(secretary, case_point)
    assert list(meeting.items.all()) == [other]
    with pytest.raises(ActionRefused):
        actions.add_other_item(secretary, meeting, title=" ")


def test_a_held_meeting_keeps_its_agenda(world):
    meeting = make_meeting(world, days=-1, kind=MeetingKind.CONTACT)
    secretary = secretary_of(world)
    point = actions.add_other_item(secretary, meeting, title="Orientering")
    actions.record_attendance(secretary, meeting, present=[], no_quorum_reason="Få kom.")
    with pytest.raises(ActionRefused):
        actions.remove_item(secretary, point)
    with pytest.raises(ActionRefused):
        prepare(world, meeting, make_concern(world))


def test_preparing_through_the_page(world, client):
    concern = make_concern(world)
    meeting = make_meeting(world)
    owner = handler_for(world, world.municipality)
    log_in(client, owner)
    url = reverse("meetings:prepare_item", args=[meeting.pk, concern.pk])
    empty = client.post(url, {"kind": "case", "summary": "", "legal_basis": ""})
    assert empty.status_code == 200
    assert not AgendaItem.objects.exists()
    data = {"kind": "case", "summary": SUMMARY, "legal_basis": str(basis(world, "initial-discussion").pk)}
    assert client.post(url, data)["Location"] == reverse("meetings:agenda", args=[meeting.pk])
    assert AgendaItem.objects.get().shared_summary == SUMMARY
    log_in(client, handler_for(world, world.police))
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("points", [1, 15])
def test_the_agenda_keeps_a_constant_number_of_queries(world, client, django_assert_max_num_queries, points):
    meeting = make_meeting(world, days=3)
    for index in range(points):
        prepare(world, meeting, make_concern(world, name=f"Person {index}"))
    log_in(client, handler_for(world, world.municipality))
    with django_assert_max_num_queries(27):
        assert client.get(reverse("meetings:agenda", args=[meeting.pk])).status_code == 200


def test_discussing_a_concern_in_a_meeting_lets_the_other_agency_take_part_in_its_assessment(world):
    from varde.assessments import actions as assessment_actions
    from varde.assessments.tests.factories import complete_content, make_assessment

    concern = make_concern(world)
    police = handler_for(world, world.police)
    owner = handler_for(world, world.municipality)
    draft = make_assessment(world, concern, final=False)
    together = complete_content(world, participants=[owner, police])
    with pytest.raises(ActionRefused):
        assessment_actions.save_assessment(owner, draft, content=together)
    meeting = make_meeting(world, days=-1)
    prepare(world, meeting, concern)
    actions.invite(secretary_of(world), meeting, people=[police], guests=[])
    actions.record_attendance(
        secretary_of(world), meeting, present=list(meeting.participants.all()), no_quorum_reason="Test."
    )
    assessment_actions.save_assessment(owner, draft, content=together)
    assert {p.agency for p in draft.participants.all()} == {world.municipality, world.police}

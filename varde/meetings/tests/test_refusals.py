"""Every refusal in the meeting actions: who may not, and what may not be done when, changes nothing."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from varde.accounts.roles import Role
from varde.assessments.models import ConcernLevel
from varde.concerns.tests.factories import basis, handler_for, make_concern
from varde.core.errors import ActionRefused
from varde.meetings import actions
from varde.meetings.actions import NextStep
from varde.meetings.models import AgendaItem, ItemKind, MeetingStatus, Task

from .factories import make_meeting, secretary_of


@pytest.fixture
def held(world):
    """A contact meeting held yesterday with one point, and a case handler of each agency present."""
    meeting = make_meeting(world, days=-1)
    item = actions.add_other_item(secretary_of(world), meeting, title="Orientering")
    owner = handler_for(world, world.municipality)
    police = handler_for(world, world.police)
    actions.invite(secretary_of(world), meeting, people=[owner, police], guests=[])
    actions.record_attendance(
        secretary_of(world), meeting, present=list(meeting.participants.all()), no_quorum_reason="Ferie"
    )
    return meeting, item, owner


def test_someone_who_does_not_organise_the_meeting_changes_nothing_in_it(world):
    meeting = make_meeting(world, days=-1)
    item = actions.add_other_item(secretary_of(world), meeting, title="Orientering")
    mentor = world.make_user(Role.MENTOR)
    with pytest.raises(PermissionDenied):
        actions.record_attendance(mentor, meeting, present=[])
    with pytest.raises(PermissionDenied):
        actions.move_item(mentor, item, up=True)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PLANNED


def test_a_cancelled_meeting_is_not_held(world):
    meeting = make_meeting(world, days=-1)
    actions.cancel_meeting(secretary_of(world), meeting, reason="Sykdom")
    with pytest.raises(ActionRefused, match="avlyst"):
        actions.record_attendance(secretary_of(world), meeting, present=[])


def test_only_an_administrator_of_the_partnership_sets_its_quorum(world, other_world):
    stranger = other_world.make_user(Role.ADMIN)
    with pytest.raises(PermissionDenied):
        actions.save_quorum_rule(stranger, world.partnership, municipality=5, police=5, secretary=True)
    assert actions.settings_for(world.partnership).quorum_municipality != 5


def test_a_case_point_needs_a_case_kind_and_a_basis_of_the_partnership_in_use(world, other_world):
    meeting = make_meeting(world)
    concern = make_concern(world)
    owner = handler_for(world, world.municipality)
    with pytest.raises(ActionRefused):
        actions.prepare_case_item(
            owner,
            meeting,
            concern=concern,
            kind=ItemKind.OTHER,
            summary="x",
            legal_basis=basis(world, "initial-discussion"),
        )
    foreign = basis(other_world, "initial-discussion")
    with pytest.raises(ActionRefused, match="hjemmel"):
        actions.prepare_case_item(
            owner, meeting, concern=concern, kind=ItemKind.CASE, summary="x", legal_basis=foreign
        )
    assert not AgendaItem.objects.filter(meeting=meeting).exists()


def test_moving_the_first_point_up_leaves_the_order_as_it_was(world):
    meeting = make_meeting(world)
    first = actions.add_other_item(secretary_of(world), meeting, title="Første")
    second = actions.add_other_item(secretary_of(world), meeting, title="Andre")
    actions.move_item(secretary_of(world), first, up=True)
    assert list(meeting.items.order_by("position", "added_at")) == [first, second]


def test_minutes_are_written_by_organisers_with_a_level_only_for_a_case(world, held):
    _meeting, item, _owner = held
    mentor = world.make_user(Role.MENTOR)
    with pytest.raises(PermissionDenied):
        actions.write_item_minutes(mentor, item, discussion="x", decisions="", agreed_level=None)
    level = ConcernLevel.objects.filter(partnership=world.partnership).first()
    with pytest.raises(ActionRefused):
        actions.write_item_minutes(
            secretary_of(world), item, discussion="x", decisions="", agreed_level=level
        )


def test_an_empty_agency_note_that_never_was_stays_away(world, held):
    _meeting, item, owner = held
    assert actions.save_agency_note(owner, item, text="   ") is None


def test_a_next_step_says_what_is_to_be_done_and_comes_from_an_organiser(world, held):
    _meeting, item, owner = held
    deadline = timezone.localdate() + timedelta(days=7)
    with pytest.raises(ActionRefused, match="gjøres"):
        actions.add_next_step(secretary_of(world), item, step=NextStep("  ", owner, deadline))
    with pytest.raises(PermissionDenied):
        actions.add_next_step(world.make_user(Role.MENTOR), item, step=NextStep("Ring", owner, deadline))
    assert not Task.objects.exists()


def test_addenda_come_from_those_at_the_meeting_and_say_something(world, held):
    meeting, _item, owner = held
    for agency in (world.municipality, world.police):
        actions.approve_minutes(handler_for(world, agency), meeting)
    assert actions.minutes_of(meeting).is_locked
    with pytest.raises(PermissionDenied):
        actions.add_addendum(world.make_user(Role.MENTOR), meeting, text="Tillegg")
    with pytest.raises(ActionRefused, match="tillegg"):
        actions.add_addendum(owner, meeting, text=" ")
    assert not actions.minutes_of(meeting).addenda.exists()


def test_a_task_is_completed_once_and_only_by_its_owner(world, held):
    _meeting, item, owner = held
    deadline = timezone.localdate() + timedelta(days=7)
    task = actions.add_next_step(secretary_of(world), item, step=NextStep("Ring skolen", owner, deadline))
    with pytest.raises(PermissionDenied):
        actions.complete_task(secretary_of(world), task)
    actions.complete_task(owner, task)
    with pytest.raises(ActionRefused, match="allerede"):
        actions.complete_task(owner, task)

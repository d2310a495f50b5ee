"""Meeting actions: series, invitations, attendance with quorum, cancelling, audit."""

from datetime import datetime, time

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from varde.accounts.roles import Role
from varde.core.errors import ActionRefused
from varde.core.models import AuditEvent
from varde.meetings import actions
from varde.meetings.actions import Guest, Repeat, Schedule
from varde.meetings.models import Meeting, MeetingKind, MeetingStatus

from .factories import at, make_meeting, secretary_of


def test_a_monthly_series_keeps_the_wall_clock_time_across_daylight_saving(world):
    secretary = secretary_of(world)
    start = timezone.make_aware(datetime(2027, 2, 10, 9, 0))
    schedule = Schedule(
        kind=MeetingKind.CONTACT,
        starts_at=start,
        ends_at=start.replace(hour=11),
        repeat=Repeat.MONTHLY,
        occurrences=3,
    )
    meetings = actions.schedule_meetings(secretary, world.partnership, schedule=schedule)
    local = [timezone.localtime(m.starts_at) for m in meetings]
    assert [(t.month, t.day, t.hour) for t in local] == [(2, 10, 9), (3, 10, 9), (4, 10, 9)]
    assert len({m.series for m in meetings}) == 1
    assert all(m.participants.filter(user=secretary, is_secretary=True).exists() for m in meetings)


def test_a_weekly_series_and_its_limits(world):
    meetings = make_meeting(world, repeat=Repeat.WEEKLY, occurrences=2)
    assert Meeting.objects.count() == 2
    assert meetings.series is not None
    with pytest.raises(ActionRefused):
        make_meeting(world, repeat=Repeat.WEEKLY, occurrences=30)


def test_who_may_schedule_what(world):
    with pytest.raises(PermissionDenied):
        make_meeting(world, organiser=world.make_user(Role.EMPLOYEE))
    planner = world.make_user(Role.PLAN_MANAGER)
    with pytest.raises(PermissionDenied):
        make_meeting(world, organiser=planner)
    network = make_meeting(world, organiser=planner, kind=MeetingKind.RESOURCE_NETWORK)
    assert network.kind == MeetingKind.RESOURCE_NETWORK


def test_invitations_stay_inside_the_partnership(world, other_world):
    meeting = make_meeting(world)
    secretary = secretary_of(world)
    with pytest.raises(ActionRefused, match="ikke medlem"):
        actions.invite(secretary, meeting, people=[other_world.make_user(Role.POLICE_CONTACT)], guests=[])
    police = world.make_user(Role.POLICE_CONTACT)
    actions.invite(secretary, meeting, people=[police, police], guests=[Guest("Ali Fiktiv", "Moskeen")])
    assert meeting.participants.filter(user=police, agency=world.police).count() == 1
    assert ("Ali Fiktiv", "Moskeen") in [
        (p.guest_name, p.guest_organisation) for p in meeting.participants.all()
    ]
    with pytest.raises(ActionRefused):
        actions.invite(secretary, meeting, people=[], guests=[Guest(" ", "Moskeen")])


def test_attendance_with_quorum_marks_the_meeting_held(world):
    meeting = make_meeting(world, days=-1)
    people = [world.make_user(role) for role in (Role.COORDINATOR,) * 2 + (Role.POLICE_CONTACT,) * 2]
    actions.invite(secretary_of(world), meeting, people=people, guests=[])
    quorum = actions.record_attendance(secretary_of(world), meeting, present=list(meeting.participants.all()))
    meeting.refresh_from_db()
    assert quorum.met
    assert (meeting.status, meeting.quorum_met) == (MeetingStatus.HELD, True)
    assert set(meeting.participants.values_list("attended", flat=True)) == {True}
    assert AuditEvent.objects.filter(action="meeting.held", object_id=str(meeting.pk)).exists()


def test_without_quorum_a_reason_is_needed_and_the_meeting_is_marked(world):
    meeting = make_meeting(world, days=-1)
    secretary = secretary_of(world)
    present = list(meeting.participants.all())
    with pytest.raises(ActionRefused, match="ikke beslutningsdyktig"):
        actions.record_attendance(secretary, meeting, present=present)
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.PLANNED
    actions.record_attendance(secretary, meeting, present=present, no_quorum_reason="Politiet ble kalt ut.")
    meeting.refresh_from_db()
    assert (meeting.quorum_met, meeting.no_quorum_reason) == (False, "Politiet ble kalt ut.")


def test_meetings_without_cases_have_no_quorum_rule(world):
    planner = world.make_user(Role.PLAN_MANAGER)
    meeting = make_meeting(world, days=-1, organiser=planner, kind=MeetingKind.PRACTICE_NETWORK)
    actions.record_attendance(planner, meeting, present=[])
    meeting.refresh_from_db()
    assert (meeting.status, meeting.quorum_met) == (MeetingStatus.HELD, None)


def test_attendance_waits_for_the_meeting_and_belongs_to_it(world):
    future = make_meeting(world, days=3)
    with pytest.raises(ActionRefused, match="har begynt"):
        actions.record_attendance(secretary_of(world), future, present=[], no_quorum_reason="x")
    other = make_meeting(world, days=-2)
    with time_machine.travel(at(4, 10)), pytest.raises(ActionRefused, match="ikke invitert"):
        actions.record_attendance(
            secretary_of(world), future, present=list(other.participants.all()), no_quorum_reason="x"
        )


def test_cancelling_needs_a_reason_and_a_planned_meeting(world):
    meeting = make_meeting(world)
    secretary = secretary_of(world)
    with pytest.raises(ActionRefused):
        actions.cancel_meeting(secretary, meeting, reason=" ")
    actions.cancel_meeting(secretary, meeting, reason="Sykdom.")
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.CANCELLED
    with pytest.raises(ActionRefused):
        actions.cancel_meeting(secretary, meeting, reason="Igjen.")
    with pytest.raises(ActionRefused):
        actions.invite(secretary, meeting, people=[], guests=[])


def test_a_held_meeting_keeps_its_participants(world):
    meeting = make_meeting(world, days=-1, kind=MeetingKind.CIVIL_SOCIETY, guests=[Guest("Ola", "Pride")])
    secretary = secretary_of(world)
    actions.record_attendance(secretary, meeting, present=[])
    with pytest.raises(ActionRefused):
        actions.remove_participant(secretary, meeting.participants.all()[0])


def test_times_are_checked(world):
    secretary = secretary_of(world)
    start = at(3)
    for ends in (
        start,
        start.replace(hour=8),
        datetime.combine(start.date(), time(23, 0), tzinfo=start.tzinfo),
    ):
        with pytest.raises(ActionRefused):
            actions.schedule_meetings(
                secretary, world.partnership, schedule=Schedule(MeetingKind.CONTACT, start, ends)
            )

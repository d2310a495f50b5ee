"""The quorum rule: two from each agency besides a municipal secretary by default, configurable."""

import pytest

from varde.accounts.roles import Role
from varde.meetings import actions
from varde.meetings.actions import Guest
from varde.meetings.models import MeetingSettings

from .factories import make_meeting, secretary_of


def _present(world, *, coordinators=0, police=0, secretary=True, guests=0):
    meeting = make_meeting(world, guests=[Guest(f"Gjest {i}", "Moskeen") for i in range(guests)])
    people = [world.make_user(Role.COORDINATOR) for _ in range(coordinators)]
    people += [world.make_user(Role.POLICE_CONTACT) for _ in range(police)]
    actions.invite(secretary_of(world), meeting, people=people, guests=[])
    present = [
        p
        for p in meeting.participants.select_related("agency")
        if p.user_id != secretary_of(world).pk or secretary
    ]
    return meeting, present


@pytest.mark.parametrize(
    ("coordinators", "police", "secretary", "met"),
    [(2, 2, True, True), (1, 2, True, False), (2, 1, True, False), (2, 2, False, False), (3, 4, True, True)],
)
def test_the_default_rule(world, coordinators, police, secretary, met):
    meeting, present = _present(world, coordinators=coordinators, police=police, secretary=secretary)
    assert actions.check_quorum(meeting, present).met is met


def test_the_secretary_is_counted_apart_and_guests_do_not_count(world):
    meeting, present = _present(world, coordinators=1, police=2, guests=5)
    quorum = actions.check_quorum(meeting, present)
    assert (quorum.municipality, quorum.police, quorum.secretary) == (1, 2, True)
    assert quorum.problems == ["1 av minst 2 fra kommunen."]


def test_the_thresholds_are_configurable(world):
    MeetingSettings.objects.update_or_create(
        partnership=world.partnership,
        defaults={"quorum_municipality": 1, "quorum_police": 3, "quorum_secretary": False},
    )
    meeting, present = _present(world, coordinators=1, police=2, secretary=False)
    assert actions.check_quorum(meeting, present).problems == ["2 av minst 3 fra politiet."]
    meeting, present = _present(world, coordinators=0, police=3, secretary=False)
    assert actions.check_quorum(meeting, present).met is False
    meeting, present = _present(world, coordinators=1, police=3, secretary=False)
    assert actions.check_quorum(meeting, present).met is True

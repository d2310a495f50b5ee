"""Each obligation rule on a frozen clock: met, due soon and overdue, at the boundary dates."""

from datetime import datetime, time

import pytest
import time_machine
from django.utils import timezone

from conftest import present
from varde.accounts.roles import Role
from varde.accounts.tests.factories import UnitFactory
from varde.actionplan import actions
from varde.actionplan.actions import TrainingRecord
from varde.actionplan.models import ActionPlan
from varde.actionplan.obligations import (
    Records,
    State,
    current_plan,
    months_between,
    state_for,
    statuses_for,
)
from varde.meetings import actions as meetings
from varde.meetings.actions import Schedule
from varde.meetings.models import MeetingKind

from .factories import day, make_plan, obligation, plan_manager


def status(world, code, today):
    plan = present(current_plan(world.partnership))
    return next(s for s in statuses_for(plan, day(today)) if s.obligation.code == code)


def hold(world, kind, on):
    organiser = world.make_user(Role.SECRETARY if kind == MeetingKind.CONTACT else Role.PLAN_MANAGER)
    start = timezone.make_aware(datetime.combine(day(on), time(9)))
    meeting = meetings.schedule_meetings(
        organiser, world.partnership, schedule=Schedule(kind, start, start.replace(hour=11))
    )[0]
    meetings.record_attendance(organiser, meeting, present=[], no_quorum_reason="Test.")
    return meeting


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        ("2025-06-30", State.MET),
        ("2025-07-01", State.DUE_SOON),
        ("2025-07-31", State.DUE_SOON),
        ("2025-08-01", State.OVERDUE),
    ],
)
def test_state_boundaries(today, expected):
    assert state_for(day("2025-07-31"), day(today)) == expected


def test_every_n_months_counts_from_the_last_meeting_or_the_adoption(world):
    make_plan(world, obligations=obligation("network", "every_months", 6, "meeting:resource_network"))
    assert status(world, "network", "2025-05-31").due == day("2025-07-01")
    assert status(world, "network", "2025-07-02").state == State.OVERDUE
    hold(world, MeetingKind.RESOURCE_NETWORK, "2025-03-01")
    assert status(world, "network", "2025-07-02").state == State.MET
    assert status(world, "network", "2025-08-01").state == State.MET
    assert status(world, "network", "2025-08-02").state == State.DUE_SOON
    assert status(world, "network", "2025-09-02").state == State.OVERDUE
    assert status(world, "network", "2025-09-02").evidence[0].on == day("2025-03-01")


def test_of_years_of_meetings_the_newest_are_the_evidence_and_the_last_sets_the_due_date(world):
    make_plan(world, obligations=obligation("network", "every_months", 6, "meeting:resource_network"))
    held = ["2024-09-01", "2024-03-01", "2025-03-01", "2023-09-01", "2024-11-01", "2025-01-01", "2023-03-01"]
    for on in held:
        hold(world, MeetingKind.RESOURCE_NETWORK, on)
    hold(world, MeetingKind.PRACTICE_NETWORK, "2025-04-01")  # another kind counts for itself
    result = status(world, "network", "2025-05-31")
    assert [item.on for item in result.evidence] == [day(on) for on in sorted(held, reverse=True)[:5]]
    assert result.due == day("2025-09-01")


def test_a_cancelled_or_planned_meeting_is_no_evidence(world):
    make_plan(world, obligations=obligation("contact", "every_months", 1, "meeting:contact"))
    secretary = world.make_user(Role.SECRETARY)
    start = timezone.make_aware(datetime.combine(day("2025-01-20"), time(9)))
    meeting = meetings.schedule_meetings(
        secretary, world.partnership, schedule=Schedule(MeetingKind.CONTACT, start, start.replace(hour=10))
    )[0]
    meetings.cancel_meeting(secretary, meeting, reason="Sykdom.")
    assert status(world, "contact", "2025-02-15").evidence == []


def test_n_times_a_year_is_an_interval(world):
    assert months_between("times_per_year", 3) == 4
    assert months_between("times_per_year", 12) == 1
    make_plan(world, obligations=obligation("practice", "times_per_year", 3, "meeting:practice_network"))
    hold(world, MeetingKind.PRACTICE_NETWORK, "2025-02-01")
    assert status(world, "practice", "2025-05-01").due == day("2025-06-01")
    assert status(world, "practice", "2025-05-01").state == State.MET
    assert status(world, "practice", "2025-05-02").state == State.DUE_SOON


def test_every_first_line_unit(world):
    make_plan(world, obligations=obligation("training", "first_line_every_months", 24, "training"))
    trained = UnitFactory.create(agency=world.municipality, name="NAV", first_line=True)
    never = UnitFactory.create(agency=world.municipality, name="Barnevernet", first_line=True)
    UnitFactory.create(agency=world.municipality, name="Bibliotek", first_line=False)
    record = TrainingRecord("competence", day("2024-01-01"), [trained], "", 10, ["basics"], "Kari")
    with time_machine.travel(day("2025-02-01")):
        actions.record_training(plan_manager(world), world.partnership, record=record)
    result = status(world, "training", "2026-12-15")
    rows = {row.unit.name: row for row in result.units}
    assert set(rows) >= {"NAV", "Barnevernet"}
    assert "Bibliotek" not in rows
    assert rows["NAV"].due == day("2026-01-01")
    assert rows["NAV"].state == State.OVERDUE
    assert rows["Barnevernet"].last is None
    assert rows["Barnevernet"].due == day("2027-01-01")
    assert rows["Barnevernet"].state == State.DUE_SOON
    assert result.state == State.OVERDUE
    assert never.pk in {row.unit.pk for row in result.units}


def test_a_unit_counts_its_last_competence_training_up_to_the_day_asked_and_the_newest_five_are_shown(world):
    make_plan(world, obligations=obligation("training", "first_line_every_months", 24, "training"))
    school = UnitFactory.create(agency=world.municipality, name="Skole", first_line=True)
    for month in range(1, 9):
        held = day(f"2025-{month:02d}-01")
        with time_machine.travel(held):
            record = TrainingRecord("competence", held, [school], "", 10, ["basics"], "Kari")
            actions.record_training(plan_manager(world), world.partnership, record=record)
    with time_machine.travel(day("2025-06-10")):
        awareness = TrainingRecord("awareness", day("2025-06-10"), [school], "", 10, ["basics"], "Kari")
        actions.record_training(plan_manager(world), world.partnership, record=awareness)
    result = status(world, "training", "2025-06-15")
    assert {row.unit.name: row.last for row in result.units}["Skole"] == day("2025-06-01")
    assert [item.on for item in result.evidence] == [day(f"2025-{month:02d}-01") for month in (6, 5, 4, 3, 2)]


def test_revision_at_the_latest_n_years_after_adoption(world):
    revision = obligation("revision", "revise_within_years", 3, "plan_version")
    make_plan(world, obligations=revision)
    # Not revised yet, and not due: never "met" on no evidence.
    assert status(world, "revision", "2027-12-01").state == State.NOT_YET_DUE
    assert status(world, "revision", "2027-12-02").state == State.DUE_SOON
    assert status(world, "revision", "2028-01-02").state == State.OVERDUE
    make_plan(world, version=2, adopted_on="2027-12-01", obligations=revision)
    first = ActionPlan.objects.get(partnership=world.partnership, version=1)
    assert statuses_for(first, day("2028-01-02"))[0].state == State.MET
    # The current plan is the newest: nothing proves its own revision yet.
    assert status(world, "revision", "2028-01-02").due == day("2030-12-01")


def test_activities_on_the_measure_are_evidence(world):
    make_plan(world, obligations=obligation("web", "every_months", 6, "activity", measure=1))
    plan = present(current_plan(world.partnership))
    measure = plan.measures.get(number=1)
    with time_machine.travel(day("2025-04-01")):
        actions.log_activity(
            plan_manager(world), measure, occurred_on=day("2025-03-15"), text="Gjennomgått.", evidence=""
        )
    assert status(world, "web", "2025-05-01").due == day("2025-09-15")


def test_evidence_is_the_partnerships_own_meetings_and_the_newest_activities_of_the_measure_asked(
    world, other_world
):
    rules = obligation("network", "every_months", 6, "meeting:resource_network")
    make_plan(world, obligations=rules + obligation("web", "every_months", 6, "activity", measure=1))
    hold(world, MeetingKind.RESOURCE_NETWORK, "2025-02-01")
    hold(other_world, MeetingKind.RESOURCE_NETWORK, "2025-04-01")  # another partnership's meeting
    plan = present(current_plan(world.partnership))
    asked, other = plan.measures.get(number=1), plan.measures.get(number=2)
    logged = [
        "2025-01-10",
        "2025-03-05",
        "2025-02-20",
        "2025-04-01",
        "2025-01-25",
        "2025-03-20",
        "2025-02-01",
    ]
    with time_machine.travel(day("2025-05-01")):
        for on in logged:
            actions.log_activity(
                plan_manager(world), asked, occurred_on=day(on), text=f"Logg {on}.", evidence=""
            )
        actions.log_activity(
            plan_manager(world), other, occurred_on=day("2025-04-20"), text="Annet.", evidence=""
        )
    network = status(world, "network", "2025-05-01")
    assert [item.on for item in network.evidence] == [day("2025-02-01")]
    assert network.due == day("2025-08-01")
    web = status(world, "web", "2025-05-01")
    assert [item.on for item in web.evidence] == [day(on) for on in sorted(logged, reverse=True)[:5]]
    assert web.evidence[0].label == "Logg 2025-04-01."
    assert web.due == day("2025-10-01")


def test_one_obligation_reads_only_the_evidence_it_asks_for(world, django_assert_num_queries):
    # The obligation page shows one obligation: a meeting rule reads the meetings, not ten years of
    # trainings, activities and first-line units as well.
    meetings = obligation("network", "every_months", 6, "meeting:resource_network")
    make_plan(world, obligations=meetings + obligation("training", "first_line_every_months", 24, "training"))
    plan = present(current_plan(world.partnership))
    network = plan.obligations.get(code="network")
    records = Records(plan, day("2025-06-01"))
    with django_assert_num_queries(1):
        records.status_of(network)
    with django_assert_num_queries(0):
        records.status_of(network)


def test_no_promise_is_met_on_no_evidence_and_each_says_what_counts(world, client):
    from django.urls import reverse

    from conftest import log_in
    from varde.actionplan.models import Obligation

    plan = make_plan(world)
    log_in(client, plan_manager(world))
    for item in Obligation.objects.filter(plan=plan):
        html = client.get(reverse("actionplan:obligation", args=[item.pk])).content.decode()
        assert "Hva som teller" in html
        assert "Ingenting i Varde registrerer dette ennå." not in html
        if "Ingen ennå" in html:
            assert ">Oppfylt<" not in html, item.code

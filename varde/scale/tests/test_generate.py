"""The synthetic data set: every kind of record the benchmarks need, clearly made up, with an audit
chain that still verifies, usable through the pages, and never generated twice into one database."""

from collections import Counter
from datetime import timedelta
from uuid import UUID

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import F, Max, Min
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from conftest import log_in, present
from varde.accounts.models import Membership, Partnership, Unit, User
from varde.accounts.permissions import CASE_HANDLER_ROLES
from varde.accounts.roles import Role
from varde.actionplan.models import Activity, PlanMeasure, Training
from varde.concerns.categorical import StatisticsFact
from varde.concerns.choices import Status
from varde.concerns.models import Concern, ConcernEvent, Disclosure, Measure
from varde.core.audit import verify_chain
from varde.core.models import AuditEvent
from varde.meetings.models import ItemMinutes, Meeting, MeetingKind
from varde.scale import generate
from varde.scale.generate import SCALES, Generator
from varde.scale.views import TABLE_ROWS


@pytest.fixture
def generated(db):
    return Generator(SCALES["small"]).run()


def test_the_small_scale_has_every_kind_of_record_and_a_verifying_chain(generated):
    small = SCALES["small"]
    assert Partnership.objects.filter(slug__startswith="syntetisk-").count() == small.partnerships
    assert User.objects.filter(username__startswith="syntetisk-").count() == small.users
    assert Concern.objects.filter(partnership__slug__startswith="syntetisk-").count() == small.concerns
    assert all(c.subject_name.startswith("Syntetisk person") for c in Concern.objects.all()[:20])
    assert Measure.objects.exists()
    assert Disclosure.objects.exists()
    assert Meeting.objects.count() == small.meetings
    assert ItemMinutes.objects.count() == small.meetings
    assert StatisticsFact.objects.count() == small.facts
    assert Unit.objects.filter(first_line=True).count() == generate.UNITS * 2 // 3 * small.partnerships
    assert Training.objects.count() == generate.TRAININGS_A_YEAR * generate.YEARS * small.partnerships
    assert Training.units.through.objects.exists()
    measures = PlanMeasure.objects.filter(plan__partnership__slug="syntetisk-01").count()
    assert (
        Activity.objects.count()
        == generate.ACTIVITIES_A_YEAR * generate.YEARS * measures * small.partnerships
    )
    assert 0 < Meeting.objects.exclude(kind=MeetingKind.CONTACT).count() < small.meetings // 2
    assert generated["audit events"] == small.audit_events
    report = verify_chain()
    assert report.intact
    assert report.checked >= small.audit_events


def test_a_held_meeting_has_its_secretary_and_case_handlers_in_attendance(generated):
    for meeting in Meeting.objects.filter(partnership__slug="syntetisk-01")[:20]:
        people = list(meeting.participants.select_related("agency"))
        assert [person.is_secretary for person in people].count(True) == 1
        assert len(people) > generate.MUNICIPAL_ATTENDEES
        assert all(person.attended for person in people)
        assert {present(person.agency).partnership_id for person in people} == {meeting.partnership_id}
        handlers = [present(person.user) for person in people if not person.is_secretary]
        assert all(user.memberships.filter(role__in=CASE_HANDLER_ROLES).exists() for user in handlers)


def test_cases_have_a_handler_of_their_agency_and_a_timeline_up_to_their_status(generated):
    assert not Concern.objects.filter(status=Status.RECEIVED, responsible__isnull=False).exists()
    closed = Concern.objects.filter(status=Status.CLOSED, responsible__isnull=False)[0]
    handles = present(closed.responsible).memberships.filter(
        agency=closed.owning_agency, role__in=CASE_HANDLER_ROLES
    )
    assert handles.exists()
    assert list(closed.events.values_list("action", "to_status")) == [
        ("received", Status.RECEIVED),
        ("responsible_changed", ""),
        ("status_changed", Status.UNDER_ASSESSMENT),
        ("status_changed", Status.FOLLOW_UP),
        ("closed", Status.CLOSED),
    ]


def test_cases_were_received_over_the_years_before_they_were_closed(generated):
    # Not all at the moment of generation: the case list's newest first and the case page's timeline
    # read ten years as they would be.
    assert not Concern.objects.filter(closed_at__lt=F("created_at")).exists()
    assert not ConcernEvent.objects.filter(occurred_at__lt=F("concern__created_at")).exists()
    received = Concern.objects.aggregate(first=Min("created_at"), last=Max("created_at"))
    assert received["last"] - received["first"] > timedelta(days=365 * 5)
    assert not Concern.objects.filter(created_at__gt=timezone.now() - timedelta(days=7)).exists()


def test_the_histories_of_reads_are_spread_over_every_partnership(db, monkeypatch):
    monkeypatch.setattr(generate, "HISTORIES", 10)
    Generator(SCALES["small"]).run()
    read = AuditEvent.objects.filter(action="concern.viewed")
    assert read.values("object_id").distinct().count() == 10
    assert read.values("partnership_id").distinct().count() == SCALES["small"].partnerships


def test_a_case_is_read_by_a_few_case_handlers_of_its_own_partnership(db, monkeypatch):
    monkeypatch.setattr(generate, "HISTORIES", 10)
    Generator(SCALES["small"]).run()
    handlers = Membership.objects.filter(role__in=CASE_HANDLER_ROLES)
    partnership_of = {
        str(user): str(partnership)
        for user, partnership in handlers.values_list("user_id", "agency__partnership_id")
    }
    reads = AuditEvent.objects.filter(action="concern.viewed")
    by_case: dict[tuple[str, str], set[str]] = {}
    for object_id, actor_id, partnership_id in reads.values_list("object_id", "actor_id", "partnership_id"):
        assert partnership_of[str(UUID(actor_id))] == partnership_id
        by_case.setdefault((object_id, partnership_id), set()).add(actor_id)
    in_partnership = Counter(partnership_of.values())
    expected = {case: min(generate.READERS_A_CASE, in_partnership[case[1]]) for case in by_case}
    assert {case: len(people) for case, people in by_case.items()} == expected
    # Everyone's own logins: spread over the handlers of every partnership, not a few of them.
    logins = AuditEvent.objects.filter(action="login.succeeded")
    assert logins.values("actor_id").distinct().count() == min(logins.count(), handlers.count())


def test_the_trail_holds_list_views_and_logins_without_a_partnership_as_the_real_one_does(
    generated, world, client
):
    events = AuditEvent.objects.filter(actor_label__startswith="syntetisk-")
    total = SCALES["small"].audit_events
    assert events.filter(action="concern.viewed").exclude(partnership_id="").count() == total * 6 // 10
    assert events.filter(action="concern.list_viewed", partnership_id="").count() == total * 3 // 10
    logins = events.filter(action="login.succeeded", partnership_id="")
    assert logins.count() == total // 10
    # As a real login records it: the person as both the actor and the object.
    handler = world.make_user(Role.COORDINATOR)
    client.force_login(handler)
    real = AuditEvent.objects.get(action="login.succeeded", actor_id=str(handler.pk))
    generated_login = logins[0]
    assert (real.object_type, real.partnership_id) == (
        generated_login.object_type,
        generated_login.partnership_id,
    )
    assert generated_login.object_id == generated_login.actor_id


def test_generated_cases_open_for_a_synthetic_coordinator(generated, client):
    coordinator = User.objects.filter(memberships__role=Role.COORDINATOR, username__startswith="syntetisk-")[
        0
    ]
    log_in(client, coordinator)
    listing = client.get(reverse("concerns:list"))
    assert listing.status_code == 200
    concern = Concern.objects.filter(owning_agency__memberships__user=coordinator)[0]
    page = client.get(reverse("concerns:detail", args=[concern.pk])).content.decode()
    assert "Syntetisk person" in page


@override_settings(VARDE_BENCH_FLOOR=True)
def test_the_generated_set_fills_the_benchmark_floors(generated, client):
    """The floors are what every page is measured against: an empty table would make them too cheap."""
    log_in(client, User.objects.filter(username__startswith="syntetisk-")[0])
    table = client.get(reverse("scale:floor_table")).content.decode()
    assert table.count("<tr>") == 1 + TABLE_ROWS
    assert "Syntetisk enhet" in client.get(reverse("scale:floor_row")).content.decode()


def test_a_second_run_is_refused(generated):
    with pytest.raises(CommandError, match="already holds synthetic"):
        call_command("generate", "--scale", "small")


def test_the_planner_has_statistics_for_what_was_loaded(generated):
    """Without them the planner takes a freshly loaded table for an empty one and plans scans."""
    table = Concern._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
            assert cursor.fetchone()[0] == SCALES["small"].concerns
        else:
            cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = %s", [table])
            assert cursor.fetchone()[0] > 0

"""Synthetic data at scale, for benchmarks: many partnerships with ten years of work in them.

Everything is clearly made up – partnerships are "Syntetisk NN", people "Syntetisk person N" – and is
written in bulk, through the same models (so encryption and the audit chain are real), without the
per-record actions that a user's work goes through: those would take hours for a national data set.
"""

import itertools
import random
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import islice
from pathlib import Path
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction
from django.utils import timezone

from varde.accounts.audit_actions import AccountAudit
from varde.accounts.models import Agency, Membership, Partnership, Unit, UnitKind, User
from varde.accounts.permissions import CASE_HANDLER_ROLES
from varde.accounts.roles import AgencyKind, Role
from varde.actionplan.actions import import_plan
from varde.actionplan.models import ActionPlan, Activity, Topic, Training, TrainingKind
from varde.assessments.models import Assessment, Instrument
from varde.concerns.actions.reference import create_partnership
from varde.concerns.audit_actions import ConcernAudit
from varde.concerns.categorical import MeasureType, StatisticsFact
from varde.concerns.choices import (
    AgeBand,
    Channel,
    InformedChoice,
    MeasureStatus,
    Outcome,
    Phenomenon,
    ReporterCategory,
    Status,
)
from varde.concerns.models import Concern, ConcernEvent, Consent, Disclosure, LegalBasis, Measure
from varde.core.audit import GENESIS_HASH, compute_hash
from varde.core.crypto import Encrypted, name_index
from varde.core.models import AuditEvent
from varde.core.planner import refresh_planner_statistics
from varde.meetings.models import (
    AgendaItem,
    ItemKind,
    ItemMinutes,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Minutes,
    Participant,
)

PREFIX = "syntetisk"
PLAN = Path(__file__).resolve().parent.parent / "actionplan" / "plans" / "fredrikstad-demo.yaml"
YEARS = 10
# How many cases have a history of reads in the audit trail.
HISTORIES = 5_000
# How many of its partnership's case handlers take turns reading a case.
READERS_A_CASE = 4
# What a handler's working day leaves in the trail, in ten events: six case reads, three openings of the
# case list and one login. The list views and logins belong to no partnership, as the real ones do, so
# the privacy officer's searches meet them in the proportion they will have.
DAY_IN_TEN = ("read",) * 6 + ("list",) * 3 + ("login",)
# Each partnership's municipal units (two in three in the first line), trainings a year, and activities
# recorded a year under each measure of the plan: the evidence the plan's dashboard reads.
UNITS = 30
TRAININGS_A_YEAR = 12
ACTIVITIES_A_YEAR = 6
# One meeting in four is of another kind than a contact meeting, each kind in turn.
OTHER_MEETING_EVERY = 4
# Who came to a held meeting: the secretary, two of the municipality's case handlers and one of the
# police's, taking turns.
MUNICIPAL_ATTENDEES = 2
POLICE_ATTENDEES = 1
BATCH = 5_000
# The same hash for every synthetic user: hashing 20,000 passwords would take most of the run.
PASSWORD = "syntetisk-passord"  # noqa: S105  (synthetic users in a benchmark database only)


@dataclass(frozen=True)
class Scale:
    partnerships: int
    users: int
    concerns: int
    meetings: int
    facts: int
    audit_events: int


SCALES = {
    "small": Scale(partnerships=2, users=60, concerns=200, meetings=20, facts=1_000, audit_events=5_000),
    "regional": Scale(5, 2_000, 10_000, 2_000, 50_000, 200_000),
    "national": Scale(50, 20_000, 100_000, 20_000, 500_000, 2_000_000),
}

# Roles of the synthetic staff in each partnership, in proportion. A partnership of the small scale has
# thirty people, so that each role here is held by someone in it, the police's included.
STAFF = [
    (Role.COORDINATOR, 3),
    (Role.MENTOR, 3),
    (Role.EMPLOYEE, 10),
    (Role.SECRETARY, 1),
    (Role.VIEWER, 1),
    (Role.PLAN_MANAGER, 1),
    (Role.PRIVACY_OFFICER, 1),
]
POLICE_STAFF = [(Role.POLICE_CONTACT, 3)]
# A choice enum's .values is rebuilt on every access; the generator picks from them millions of times.
VALUES = {choices: choices.values for choices in (Channel, ReporterCategory, Phenomenon, AgeBand, Outcome)}


class AlreadyGenerated(Exception):  # noqa: N818  (a refusal the operator reads)
    """The database already holds synthetic partnerships."""


def _batches(rows: Iterable[Any], size: int = BATCH) -> Iterator[list[Any]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


def _insert(model: type[models.Model], instances: Iterable[models.Model]) -> int:
    """Write unsaved instances with the values the ORM would save (defaults, auto times, encryption)."""
    fields = [(f, _stamped(f)) for f in _written_fields(model)]
    return _insert_plain(
        model, ({f.attname: _saved(f, stamped, instance) for f, stamped in fields} for instance in instances)
    )


def _stamped(field: models.Field[Any, Any]) -> bool:
    return bool(getattr(field, "auto_now_add", False) or getattr(field, "auto_now", False))


def _saved(field: models.Field[Any, Any], stamped: bool, instance: models.Model) -> Any:
    # Ten years of history happened over ten years: a time the generator states is kept, where the ORM
    # would stamp every row with the moment of generation.
    stated = getattr(instance, field.attname) if stamped else None
    return stated if stated is not None else field.pre_save(instance, add=True)


def _written_fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return [f for f in model._meta.concrete_fields if not isinstance(f, models.AutoField)]


def _insert_plain(model: type[models.Model], rows: Iterable[dict[str, Any]]) -> int:
    """Write rows given as column values, for bulk: COPY on PostgreSQL, executemany on SQLite; the ORM's
    bulk_create spends most of its time building SQL per row. Values pass through their field's
    conversion only where one is needed."""
    fields = _written_fields(model)
    plain = (models.CharField, models.TextField, models.BooleanField, models.IntegerField)
    plan = [
        (f, f.attname, f.get_default(), isinstance(f, Encrypted) or not isinstance(f, plain)) for f in fields
    ]
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(str(f.column)) for f in fields)
    count = 0
    with connection.cursor() as cursor:
        write = _copier(cursor, table, columns, len(fields))
        for batch in _batches(rows):
            write(
                [
                    [
                        field.get_db_prep_save(row.get(name, default), connection)
                        if convert
                        else row.get(name, default)
                        for field, name, default, convert in plan
                    ]
                    for row in batch
                ]
            )
            count += len(batch)
    return count


def _copier(cursor: Any, table: str, columns: str, width: int) -> Callable[[list[list[Any]]], None]:
    if connection.vendor == "postgresql":

        def copy(values: list[list[Any]]) -> None:
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in values:
                    copy.write_row(row)

        return copy
    sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * width)})"  # noqa: S608
    return lambda values: cursor.executemany(sql, values)


def _handlers(*agencies: Agency) -> dict[Any, list[Any]]:
    """The ids of each agency's case handlers, who are made responsible for its cases."""
    handlers: dict[Any, list[Any]] = {agency.pk: [] for agency in agencies}
    members = Membership.objects.filter(agency__in=agencies, role__in=CASE_HANDLER_ROLES)
    for agency_id, user_id in members.values_list("agency_id", "user_id"):
        handlers[agency_id].append(user_id)
    return handlers


# The way a case goes, as far as its status: each step is a line in its timeline.
STATUS_STEPS = [Status.RECEIVED, Status.UNDER_ASSESSMENT, Status.FOLLOW_UP, Status.CLOSED]


def _timeline(concern: Concern) -> Iterator[ConcernEvent]:
    """What a case of its status has been through: received, given to someone the next day, and each
    step since, spread evenly up to its closing (or up to now)."""
    received = concern.created_at
    yield ConcernEvent(concern=concern, action="received", to_status=Status.RECEIVED, occurred_at=received)
    actor = concern.responsible_id
    if actor is None:
        return
    yield ConcernEvent(
        concern=concern,
        actor_id=actor,
        action="responsible_changed",
        occurred_at=received + timedelta(days=1),
    )
    steps = STATUS_STEPS[: STATUS_STEPS.index(Status(concern.status)) + 1]
    until = concern.closed_at or timezone.now()
    step = (until - received) / len(steps)
    for number, (before, after) in enumerate(itertools.pairwise(steps), start=1):
        action = "closed" if after == Status.CLOSED else "status_changed"
        yield ConcernEvent(
            concern=concern,
            actor_id=actor,
            action=action,
            from_status=before,
            to_status=after,
            occurred_at=until if after == Status.CLOSED else received + step * number,
        )


def _attendance(meetings: list[Meeting], municipality: Agency, police: Agency) -> Iterator[Participant]:
    """Those who came to each held meeting: the partnership's secretary and case handlers, taking turns."""
    handlers = _handlers(municipality, police)
    secretaries = Membership.objects.filter(agency=municipality, role=Role.SECRETARY)
    secretary = secretaries.values_list("user_id", flat=True).first()
    turns = {agency.pk: itertools.cycle(handlers[agency.pk]) for agency in (municipality, police)}
    for meeting in meetings:
        if secretary is not None:
            yield Participant(
                meeting=meeting, user_id=secretary, agency=municipality, is_secretary=True, attended=True
            )
        for agency, number in ((municipality, MUNICIPAL_ATTENDEES), (police, POLICE_ATTENDEES)):
            # dict.fromkeys: an agency with fewer handlers than seats sends each of them once.
            for user_id in dict.fromkeys(islice(turns[agency.pk], number)):
                yield Participant(meeting=meeting, user_id=user_id, agency=agency, attended=True)


def _meeting_kind(index: int) -> str:
    others = [kind for kind in MeetingKind.values if kind != MeetingKind.CONTACT]
    if index % OTHER_MEETING_EVERY:
        return MeetingKind.CONTACT
    return others[index // OTHER_MEETING_EVERY % len(others)]


def _spread(total: int, parts: int) -> list[int]:
    """`total` shared as evenly as possible over `parts`."""
    return [total // parts + (1 if i < total % parts else 0) for i in range(parts)]


class Generator:
    def __init__(self, scale: Scale, *, seed: int = 2026, report: Callable[[str], None] = lambda _: None):
        self.scale, self.random, self.report = scale, random.Random(seed), report  # noqa: S311
        self.today = timezone.localdate()
        self.password = make_password(PASSWORD)

    def run(self) -> dict[str, int]:
        if Partnership.objects.filter(slug__startswith=f"{PREFIX}-").exists():
            raise AlreadyGenerated("This database already holds synthetic partnerships.")
        counts: dict[str, int] = {}
        for number, partnership in enumerate(self._partnerships()):
            for name, count in self._fill(number, partnership).items():
                counts[name] = counts.get(name, 0) + count
        counts["audit events"] = self._audit_events()
        refresh_planner_statistics()
        return counts

    def _partnerships(self) -> Iterator[Partnership]:
        for number in range(1, self.scale.partnerships + 1):
            yield create_partnership(
                name=f"Syntetisk {number:02d}",
                slug=f"{PREFIX}-{number:02d}",
                municipality=f"Syntetisk {number:02d} kommune",
                police=f"Syntetisk {number:02d} politistasjonsdistrikt",
            )

    @transaction.atomic
    def _fill(self, number: int, partnership: Partnership) -> dict[str, int]:
        share = self.scale.partnerships
        municipality = partnership.agencies.get(kind=AgencyKind.MUNICIPALITY)
        police = partnership.agencies.get(kind=AgencyKind.POLICE)
        users = self._users(number, municipality, police, _spread(self.scale.users, share)[number])
        concerns = self._concerns(
            number, partnership, municipality, police, _spread(self.scale.concerns, share)[number]
        )
        counts = {"users": len(users), "concerns": len(concerns)}
        counts |= self._casework(partnership, municipality, police, concerns)
        counts["meetings"] = self._meetings(
            partnership, (municipality, police), _spread(self.scale.meetings, share)[number]
        )
        plan = import_plan(None, partnership, source=PLAN.read_text(encoding="utf-8"))
        counts |= self._plan_work(partnership, municipality, plan)
        counts["statistics facts"] = self._facts(
            partnership, municipality, police, _spread(self.scale.facts, share)[number]
        )
        self.report(f"{partnership.slug}: {counts['concerns']} concerns, {counts['users']} users")
        return counts

    def _users(self, number: int, municipality: Agency, police: Agency, count: int) -> list[User]:
        roles = [(role, municipality) for role, weight in STAFF for _ in range(weight)]
        roles += [(role, police) for role, weight in POLICE_STAFF for _ in range(weight)]
        users = [
            User(
                username=f"{PREFIX}-{number + 1:02d}-{index:05d}",
                first_name="Syntetisk",
                last_name=f"Ansatt {number + 1:02d}-{index:05d}",
                email=f"{PREFIX}-{number + 1:02d}-{index:05d}@example.invalid",
                password=self.password,
            )
            for index in range(count)
        ]
        _insert(User, users)
        saved = list(
            User.objects.filter(username__startswith=f"{PREFIX}-{number + 1:02d}-").order_by("username")
        )
        memberships = (
            Membership(user=user, agency=roles[index % len(roles)][1], role=roles[index % len(roles)][0])
            for index, user in enumerate(saved)
        )
        _insert(Membership, memberships)
        return saved

    def _concerns(
        self, number: int, partnership: Partnership, municipality: Agency, police: Agency, count: int
    ) -> list[Concern]:
        pick = self.random.choice
        handlers = _handlers(municipality, police)
        rows = []
        for index in range(count):
            name = f"Syntetisk person {number + 1:02d}-{index:06d}"
            born = date(self.today.year - self.random.randint(12, 30), self.random.randint(1, 12), 1)
            owner = police if index % 5 == 0 else municipality
            state = self._state(index)
            received = self._received(state.get("closed_at"))
            # A case just received has nobody responsible yet; every other has one of its agency's handlers.
            assigned = state["status"] != Status.RECEIVED and handlers[owner.pk]
            rows.append(
                Concern(
                    reference=f"S{number + 1:02d}-{index:06d}",
                    partnership=partnership,
                    owning_agency=owner,
                    responsible_id=pick(handlers[owner.pk]) if assigned else None,
                    channel=pick(VALUES[Channel]),
                    reporter_category=pick(VALUES[ReporterCategory]),
                    phenomenon=pick(VALUES[Phenomenon]),
                    description=f"Syntetisk bekymring {index}: oppdiktet tekst til ytelsestesting.",
                    is_named=True,
                    subject_name=name,
                    subject_name_index=name_index(name, partnership.pk),
                    subject_birth_date=born,
                    age_band=pick(VALUES[AgeBand]),
                    **state,
                    assessment_due=self.today + timedelta(days=self.random.randint(-30, 30)),
                    created_at=received,
                    updated_at=state.get("closed_at") or received,
                )
            )
        _insert(Concern, rows)
        return list(Concern.objects.filter(partnership=partnership).order_by("reference"))

    def _state(self, index: int) -> dict[str, Any]:
        """Most cases of ten years are closed; the rest are spread over the open states."""
        if index % 4:
            closed = timezone.now() - timedelta(days=self.random.randint(1, 365 * YEARS))
            return {
                "status": Status.CLOSED,
                "outcome": self.random.choice(VALUES[Outcome]),
                "closed_at": closed,
            }
        return {"status": self.random.choice([Status.RECEIVED, Status.UNDER_ASSESSMENT, Status.FOLLOW_UP])}

    def _received(self, closed_at: datetime | None) -> datetime:
        """A closed case came in up to a year before it was closed; an open one in the last half year."""
        end = closed_at or timezone.now()
        return end - timedelta(
            days=self.random.randint(7, 365 if closed_at else 180), hours=self.random.randint(0, 23)
        )

    def _casework(
        self, partnership: Partnership, municipality: Agency, police: Agency, concerns: list[Concern]
    ) -> dict[str, int]:
        types = list(MeasureType.objects.filter(partnership=partnership))
        basis = LegalBasis.objects.filter(partnership=partnership).current().first()
        instrument = Instrument.objects.filter(partnership=partnership).first()
        start = self.today - timedelta(days=365 * YEARS)
        counts = {"timeline events": _insert(ConcernEvent, (e for c in concerns for e in _timeline(c)))}
        counts["measures"] = _insert(
            Measure,
            (
                Measure(
                    concern=c,
                    measure_type=types[i % len(types)],
                    owner_agency_id=c.owning_agency_id,
                    start_date=start + timedelta(days=i % (365 * YEARS)),
                    status=MeasureStatus.ACTIVE if i % 3 else MeasureStatus.COMPLETED,
                    evaluation="Syntetisk evaluering.",
                )
                for i, c in enumerate(concerns)
                if i % 2 == 0
            ),
        )
        counts["consents"] = _insert(
            Consent,
            (
                Consent(
                    concern=c, given_by_names="Syntetiske foresatte", purposes="Oppfølging.", valid_from=start
                )
                for i, c in enumerate(concerns)
                if i % 4 == 0
            ),
        )
        if basis is not None:
            counts["disclosures"] = _insert(
                Disclosure,
                (
                    Disclosure(
                        concern=c,
                        from_agency=municipality,
                        to_agency=police,
                        parts=["summary"],
                        legal_basis=basis,
                        justification="Syntetisk begrunnelse.",
                        person_informed=InformedChoice.YES,
                        disclosed_at=c.created_at + timedelta(days=7),
                    )
                    for i, c in enumerate(concerns)
                    if i % 5 == 1 and c.owning_agency_id == municipality.pk
                ),
            )
        if instrument is not None:
            counts["assessments"] = _insert(
                Assessment,
                (
                    Assessment(
                        concern=c, instrument=instrument, agency=c.owning_agency, assessed_on=self.today
                    )
                    for i, c in enumerate(concerns)
                    if i % 3 == 0
                ),
            )
        return counts

    def _meetings(self, partnership: Partnership, agencies: tuple[Agency, Agency], count: int) -> int:
        first = timezone.make_aware(datetime.combine(self.today - timedelta(days=365 * YEARS), time(9)))
        step = timedelta(days=max(1, 365 * YEARS // max(count, 1)))
        meetings = [
            Meeting(
                partnership=partnership,
                kind=_meeting_kind(index),
                title=f"Syntetisk møte {index}",
                starts_at=first + step * index,
                ends_at=first + step * index + timedelta(hours=2),
                status=MeetingStatus.HELD,
            )
            for index in range(count)
        ]
        _insert(Meeting, meetings)
        saved = list(Meeting.objects.filter(partnership=partnership).order_by("starts_at"))
        _insert(Minutes, (Minutes(meeting=m) for m in saved))
        _insert(Participant, _attendance(saved, *agencies))
        items = [
            AgendaItem(meeting=m, position=1, kind=ItemKind.OTHER, title="Syntetisk orientering")
            for m in saved
        ]
        _insert(AgendaItem, items)
        saved_items = AgendaItem.objects.filter(meeting__partnership=partnership)
        _insert(
            ItemMinutes,
            (
                ItemMinutes(item=item, discussion="Syntetisk drøfting.", decisions="Ingen.")
                for item in saved_items
            ),
        )
        return len(saved)

    def _plan_work(self, partnership: Partnership, municipality: Agency, plan: ActionPlan) -> dict[str, int]:
        """The municipality's units, ten years of trainings reaching them, and the activities logged
        under each measure of the plan."""
        kinds = UnitKind.values
        units = [
            Unit(
                agency=municipality,
                name=f"Syntetisk enhet {index:02d}",
                kind=kinds[index % len(kinds)],
                first_line=index % 3 != 2,
            )
            for index in range(UNITS)
        ]
        counts = {"units": _insert(Unit, units)}
        days = 365 * YEARS
        count = TRAININGS_A_YEAR * YEARS
        trainings = [
            Training(
                partnership=partnership,
                kind=TrainingKind.COMPETENCE if index % 3 else TrainingKind.AWARENESS,
                held_on=self.today - timedelta(days=days * index // count),
                participants=self.random.randint(5, 40),
                topics=list(Topic.values),
                given_by="Syntetisk kursholder",
            )
            for index in range(count)
        ]
        counts["trainings"] = _insert(Training, trainings)
        _insert_plain(
            Training.units.through,
            (
                {"training_id": training.pk, "unit_id": units[(index + reached) % UNITS].pk}
                for index, training in enumerate(trainings)
                if training.kind == TrainingKind.COMPETENCE
                for reached in range(1 + index % 3)
            ),
        )
        count = ACTIVITIES_A_YEAR * YEARS
        counts["plan activities"] = _insert(
            Activity,
            (
                Activity(
                    measure=measure,
                    occurred_on=self.today - timedelta(days=days * index // count),
                    text=f"Syntetisk aktivitet {index} under tiltak {measure.number}.",
                )
                for measure in plan.measures.all()
                for index in range(count)
            ),
        )
        return counts

    def _facts(self, partnership: Partnership, municipality: Agency, police: Agency, count: int) -> int:
        pick = self.random.choice
        days = 365 * YEARS
        return _insert_plain(
            StatisticsFact,
            (
                {
                    "partnership_id": partnership.pk,
                    "agency_id": police.pk if i % 5 == 0 else municipality.pk,
                    "kind": StatisticsFact.Kind.CONCERN.value,
                    "occurred_on": self.today - timedelta(days=i % days),
                    "channel": pick(VALUES[Channel]),
                    "reporter_category": pick(VALUES[ReporterCategory]),
                    "phenomenon": pick(VALUES[Phenomenon]),
                    "age_band": pick(VALUES[AgeBand]),
                }
                for i in range(count)
            ),
        )

    def _audit_events(self) -> int:
        """Ten years of reads and changes, appended to the real chain so that it still verifies."""
        previous = AuditEvent.objects.newest_first().values_list("hash", flat=True).first() or GENESIS_HASH
        handlers = _case_handlers_by_partnership()
        everyone = [person for people in handlers.values() for person in people]
        # Each kind takes its turns of its own: one turn for both kinds would give the logins to a few.
        turns = {kind: itertools.cycle(everyone) for kind in ("list", "login")}
        # The histories are spread over every partnership's cases, an even sample of them.
        every = list(
            Concern.objects.filter(reference__startswith="S")
            .order_by("reference")
            .values_list("pk", "partnership_id")
        )
        concerns = [
            concern for concern in every[:: max(len(every) // HISTORIES, 1)] if concern[1] in handlers
        ]
        if not concerns:
            return 0
        total = self.scale.audit_events
        start = timezone.now() - timedelta(days=365 * YEARS)
        step = timedelta(days=365 * YEARS) / total

        def events() -> Iterator[dict[str, Any]]:
            nonlocal previous
            reads = 0
            for index in range(total):
                kind = DAY_IN_TEN[index % len(DAY_IN_TEN)]
                if kind == "read":
                    turn, case = divmod(reads, len(concerns))
                    reads += 1
                    concern_id, partnership_id = concerns[case]
                    readers = handlers[partnership_id]
                    actor_id, username = readers[(case + turn % READERS_A_CASE) % len(readers)]
                    what = _read(concern_id, partnership_id)
                else:
                    actor_id, username = next(turns[kind])
                    what = _list_view() if kind == "list" else _login(actor_id)
                values: dict[str, Any] = {
                    "occurred_at": start + step * index,
                    "actor_id": str(actor_id),
                    "actor_label": username,
                    "agency_id": "",
                    "agency_label": "",
                    "purpose": "",
                    "detail": {},
                    "prev_hash": previous,
                } | what
                values["hash"] = previous = compute_hash(values)
                yield values

        with transaction.atomic():
            return _insert_plain(AuditEvent, events())


def _case_handlers_by_partnership() -> dict[Any, list[tuple[Any, str]]]:
    """The synthetic case handlers (id, username) of each partnership: a case is read by its own
    partnership's handlers, and each person's logins and list views are their own, so that a privacy
    officer's search meets a partnership's share of the trail, not the whole of it."""
    handlers: dict[Any, list[tuple[Any, str]]] = {}
    members = (
        Membership.objects.filter(user__username__startswith=f"{PREFIX}-", role__in=CASE_HANDLER_ROLES)
        .order_by("user__username")
        .values_list("agency__partnership_id", "user_id", "user__username")
    )
    for partnership_id, user_id, username in members:
        handlers.setdefault(partnership_id, []).append((user_id, username))
    return handlers


def _read(concern_id: Any, partnership_id: Any) -> dict[str, Any]:
    return {
        "partnership_id": str(partnership_id),
        "action": ConcernAudit.VIEWED,
        "object_type": "concern",
        "object_id": str(concern_id),
        "purpose": "follow up the concern",
    }


def _list_view() -> dict[str, Any]:
    return {
        "partnership_id": "",
        "action": ConcernAudit.LIST_VIEWED,
        "object_type": "",
        "object_id": "",
        "detail": {"count": 50},
    }


def _login(actor_id: Any) -> dict[str, Any]:
    return {
        "partnership_id": "",
        "action": AccountAudit.LOGIN_SUCCEEDED,
        "object_type": "user",
        "object_id": str(actor_id),
    }

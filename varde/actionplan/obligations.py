"""Which promises in the plan are met, due soon or overdue, computed from the records that prove them.

Every rule reduces to a due date: the last piece of evidence plus the interval, or the plan's
adoption plus the interval when nothing has happened yet. Evidence is read in a few queries for all
obligations at once, so the dashboard costs the same with 17 measures as with 200.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any
from uuid import UUID

from django.db import connection
from django.db.models import Max, Q, QuerySet, UUIDField
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise, cached_property
from django.utils.translation import gettext_lazy as _

from varde.accounts.models import Partnership, Unit
from varde.concerns.dates import add_months
from varde.core.rendering import url_of, url_with_pk
from varde.meetings.models import Meeting, MeetingKind, MeetingStatus

from .models import ActionPlan, Activity, Obligation, Rule, Training, TrainingKind

DUE_SOON = timedelta(days=30)
EVIDENCE_SHOWN = 5
_UUID = UUIDField()


class State:
    MET = "met"
    # Nothing proves it yet, and it is not due yet: never called met on no evidence.
    NOT_YET_DUE = "not_yet_due"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"


STATE_LABELS: dict[str, Promise] = {
    State.MET: _("Met"),
    State.NOT_YET_DUE: _("Not due yet"),
    State.DUE_SOON: _("Due soon"),
    State.OVERDUE: _("Overdue"),
}
STATE_COLORS = {
    State.MET: "success",
    State.NOT_YET_DUE: "neutral",
    State.DUE_SOON: "warning",
    State.OVERDUE: "danger",
}
# Worst first, for summing up several units.
SEVERITY = {State.OVERDUE: 0, State.DUE_SOON: 1, State.NOT_YET_DUE: 2, State.MET: 3}


def state_for(due: date, today: date) -> str:
    if today > due:
        return State.OVERDUE
    if due - today <= DUE_SOON:
        return State.DUE_SOON
    return State.MET


@dataclass(frozen=True)
class Evidence:
    on: date
    label: str
    url: str = ""


class Stated:
    """A state shown as a tag: its label and its colour."""

    state: str

    @property
    def state_label(self) -> Promise:
        return STATE_LABELS[self.state]

    @property
    def state_color(self) -> str:
        return STATE_COLORS[self.state]


@dataclass(frozen=True)
class UnitCoverage(Stated):
    unit: Unit
    last: date | None
    due: date
    state: str


@dataclass(frozen=True)
class ObligationStatus(Stated):
    obligation: Obligation
    state: str
    due: date | None
    evidence: list[Evidence] = field(default_factory=list)
    units: list[UnitCoverage] = field(default_factory=list)


def months_between(rule: str, value: int) -> int:
    """The interval a rule allows between two pieces of evidence."""
    if rule == Rule.TIMES_PER_YEAR:
        return max(1, 12 // value)
    return value


def interval_status(
    obligation: Obligation, evidence: list[Evidence], start: date, today: date
) -> ObligationStatus:
    last = max((item.on for item in evidence if item.on <= today), default=None)
    due = add_months(last or start, months_between(obligation.rule, obligation.value))
    shown = sorted(evidence, key=lambda item: item.on, reverse=True)[:EVIDENCE_SHOWN]
    return ObligationStatus(obligation, proven(state_for(due, today), last), due, shown)


def proven(state: str, last: date | None) -> str:
    """A promise is met only on evidence; before any, it is at most not due yet."""
    return State.NOT_YET_DUE if state == State.MET and last is None else state


def coverage(units: list[Unit], start: date, months: int, today: date) -> list[UnitCoverage]:
    """Each first-line unit's last training (units read with_last_training) and when the next is due."""
    rows = []
    for unit in units:
        last = unit.last_trained  # type: ignore[attr-defined]
        due = add_months(last or start, months)
        rows.append(UnitCoverage(unit, last, due, state_for(due, today)))
    return sorted(rows, key=lambda row: (SEVERITY[row.state], row.due, row.unit.name))


def revision_status(obligation: Obligation, plan: ActionPlan, today: date) -> ObligationStatus:
    due = add_months(plan.adopted_on, 12 * obligation.value)
    evidence = [Evidence(later.adopted_on, str(later)) for later in plan.later_versions]
    if evidence:
        return ObligationStatus(obligation, State.MET, None, evidence)
    return ObligationStatus(obligation, proven(state_for(due, today), None), due)


# The EVIDENCE_SHOWN newest rows of each group: an interval rule needs only the latest piece of
# evidence, and the dashboard shows no more, so ten years of meetings are not read on every visit.
# (Held meetings and recorded activities lie in the past, so the newest is also the last one due.)
# Written as SQL: the ORM writes a window function's filter as two nested subqueries, and building that
# statement took 1.2 ms, against 0.2 ms for running it and reading its rows (ADR 0046).
_NEWEST_HELD_MEETINGS = """
    SELECT id, kind, starts_at, title FROM (
        SELECT id, kind, starts_at, title,
               ROW_NUMBER() OVER (PARTITION BY kind ORDER BY starts_at DESC, id) AS newest
        FROM meetings_meeting WHERE partnership_id = %s AND status = %s
    ) AS ranked WHERE newest <= %s
"""
_NEWEST_ACTIVITIES = """
    SELECT id, measure_id, occurred_on, text FROM (
        SELECT id, measure_id, occurred_on, text,
               ROW_NUMBER() OVER (PARTITION BY measure_id ORDER BY occurred_on DESC, id) AS newest
        FROM actionplan_activity WHERE measure_id IN (
            SELECT measure_id FROM actionplan_obligation WHERE plan_id = %s AND evidence = %s
        )
    ) AS ranked WHERE newest <= %s
"""


def _uuid(value: UUID) -> Any:
    """A UUID as the database stores it (on SQLite, as text)."""
    return _UUID.get_db_prep_value(value, connection)


def _competence_training(partnership: Partnership, today: date, *, via: str = "") -> Q:
    """A competence training of the partnership held by today: the trainings that count for first-line
    units. With via, the condition as seen from a model that reaches the trainings through it."""
    return Q(
        **{
            f"{via}partnership": partnership,
            f"{via}kind": TrainingKind.COMPETENCE,
            f"{via}held_on__lte": today,
        }
    )


def with_last_training(units: QuerySet[Unit], partnership: Partnership, today: date) -> QuerySet[Unit]:
    """The units, each with the day of its last competence training up to today as last_trained (None
    when never trained). The partnership keeps the join to its own trainings."""
    counted = _competence_training(partnership, today, via="trainings__")
    return units.annotate(last_trained=Max("trainings__held_on", filter=counted))


def _newest_meetings(partnership: Partnership) -> dict[str, list[Evidence]]:
    by_kind: dict[str, list[Evidence]] = defaultdict(list)
    params = [_uuid(partnership.pk), MeetingStatus.HELD, EVIDENCE_SHOWN]
    for meeting in Meeting.objects.raw(_NEWEST_HELD_MEETINGS, params):
        url = url_with_pk("meetings:detail", meeting.pk)
        by_kind[meeting.kind].append(Evidence(timezone.localdate(meeting.starts_at), str(meeting), url))
    return by_kind


def _newest_activities(plan: ActionPlan) -> dict[Any, list[Evidence]]:
    by_measure: dict[Any, list[Evidence]] = defaultdict(list)
    # Only the measures an obligation asks activities of: the others' logs are not evidence.
    params = [_uuid(plan.pk), "activity", EVIDENCE_SHOWN]
    for activity in Activity.objects.raw(_NEWEST_ACTIVITIES, params):
        url = url_with_pk("actionplan:measure", activity.measure_id)
        by_measure[activity.measure_id].append(Evidence(activity.occurred_on, activity.text[:120], url))
    return by_measure


def _newest_trainings(partnership: Partnership, today: date) -> list[Evidence]:
    trainings = Training.objects.filter(_competence_training(partnership, today))
    newest = trainings.order_by("-held_on")[:EVIDENCE_SHOWN]
    listed = url_of("actionplan:trainings")
    return [Evidence(training.held_on, str(training), listed) for training in newest]


class Records:
    """The evidence for the partnership's current plan, each kind read once and only when an obligation
    asks for it. Ten years of it are not: only the newest few pieces of each kind, and each first-line
    unit's last training."""

    def __init__(self, plan: ActionPlan, today: date) -> None:
        self.partnership = plan.partnership
        self.plan = plan
        self.today = today

    @cached_property
    def meetings(self) -> dict[str, list[Evidence]]:
        return _newest_meetings(self.partnership)

    @cached_property
    def activities(self) -> dict[Any, list[Evidence]]:
        return _newest_activities(self.plan)

    @cached_property
    def trainings(self) -> list[Evidence]:
        return _newest_trainings(self.partnership, self.today)

    @cached_property
    def first_line(self) -> list[Unit]:
        units = Unit.objects.filter(agency__partnership=self.partnership, first_line=True, is_active=True)
        return list(with_last_training(units, self.partnership, self.today))

    def status_of(self, obligation: Obligation) -> ObligationStatus:
        start = self.plan.adopted_on
        if obligation.rule == Rule.REVISE_WITHIN_YEARS:
            return revision_status(obligation, self.plan, self.today)
        if obligation.rule == Rule.FIRST_LINE_EVERY_MONTHS:
            units = coverage(self.first_line, start, obligation.value, self.today)
            if not units:
                # No first-line unit is registered: nothing can prove the promise yet.
                return ObligationStatus(obligation, State.NOT_YET_DUE, None, self.trainings[:EVIDENCE_SHOWN])
            worst = units[0]
            evidence = sorted(self.trainings, key=lambda item: item.on, reverse=True)[:EVIDENCE_SHOWN]
            return ObligationStatus(obligation, worst.state, worst.due, evidence, units)
        return interval_status(obligation, self._evidence_for(obligation), start, self.today)

    def _evidence_for(self, obligation: Obligation) -> list[Evidence]:
        if obligation.evidence in _sources:
            return _sources[obligation.evidence](self.partnership)
        kind, _sep, detail = obligation.evidence.partition(":")
        if kind == "meeting" and detail in MeetingKind.values:
            return self.meetings.get(detail, [])
        if kind == "activity" and obligation.measure_id:
            return self.activities.get(obligation.measure_id, [])
        if kind == "training":
            return self.trainings
        return []


# Apps above the plan (the information pages) add their own kinds of evidence through a source.
EvidenceSource = Callable[[Partnership], list[Evidence]]
_sources: dict[str, EvidenceSource] = {}


@dataclass(frozen=True)
class WhatCounts:
    """What fulfils an obligation, in words, and the page where it is recorded."""

    words: Promise | str
    url: str


_counts_of_sources: dict[str, tuple[Promise, str]] = {}


def register_evidence_source(kind: str, source: EvidenceSource, words: Promise, url_name: str) -> None:
    _sources[kind] = source
    _counts_of_sources[kind] = (words, url_name)


def what_counts(obligation: Obligation) -> WhatCounts:
    kind, _sep, detail = obligation.evidence.partition(":")
    if obligation.evidence in _counts_of_sources:
        words, url_name = _counts_of_sources[obligation.evidence]
        return WhatCounts(words, reverse(url_name))
    if kind == "meeting" and detail in MeetingKind.values:
        meeting = MeetingKind(detail).label
        return WhatCounts(
            _("Each meeting of the kind «%(meeting)s» recorded in Varde as held counts.")
            % {"meeting": meeting},
            reverse("meetings:list"),
        )
    if kind == "activity" and obligation.measure_id:
        return WhatCounts(
            _("Each activity logged on the plan measure counts."),
            reverse("actionplan:measure", args=[obligation.measure_id]),
        )
    if kind == "training":
        return WhatCounts(
            _(
                "Each training recorded under the plan's trainings counts; for the first-line units, each "
                "unit's latest training."
            ),
            reverse("actionplan:trainings"),
        )
    if kind == "plan_version":
        return WhatCounts(
            _("A revised version of the plan, imported into Varde, counts."), reverse("actionplan:import")
        )
    return WhatCounts(_("Nothing in Varde records this yet."), "")


def current_plan(partnership: Partnership) -> ActionPlan | None:
    plan = ActionPlan.objects.filter(partnership=partnership).order_by("-version").first()
    if plan is not None:
        plan.partnership = partnership  # the caller's own; reading it again would cost a query
        plan.later_versions = []  # the newest has none, so its revision is proven by none yet
    return plan


def statuses_for(plan: ActionPlan, today: date) -> list[ObligationStatus]:
    records = Records(plan, today)
    statuses = [records.status_of(obligation) for obligation in plan.obligations.select_related("measure")]
    return sorted(statuses, key=lambda status: (SEVERITY[status.state], status.due or date.max))

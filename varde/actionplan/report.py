"""The status report for Politirådet and the directors: the plan, its promises and the work done in a
period, from the records alone. It names no person a concern is about; there is none in these records."""

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import timezone

from varde.meetings.models import Meeting, MeetingKind, MeetingStatus

from .models import ActionPlan, Training, TrainingKind
from .obligations import ObligationStatus, statuses_for
from .sections import registered_sections


@dataclass(frozen=True)
class Report:
    plan: ActionPlan
    start: date
    end: date
    measures: list[tuple[Any, int]]
    obligations: list[ObligationStatus]
    trainings: list[tuple[str, int, int]]
    units_reached: int
    meetings: list[tuple[str, int]]
    sections: list[tuple[str, dict[str, Any]]]


def build_report(plan: ActionPlan, start: date, end: date) -> Report:
    as_of = min(end, timezone.localdate())
    measures = [
        (measure, sum(1 for a in measure.activities.all() if start <= a.occurred_on <= end))
        for measure in plan.measures.prefetch_related("activities")
    ]
    trainings = list(
        Training.objects.filter(partnership=plan.partnership, held_on__range=(start, end)).prefetch_related(
            "units"
        )
    )
    by_kind = [
        (
            str(kind.label),
            sum(1 for t in trainings if t.kind == kind),
            sum(t.participants for t in trainings if t.kind == kind),
        )
        for kind in TrainingKind
    ]
    units = {unit.pk for training in trainings for unit in training.units.all()}
    held = Counter(
        Meeting.objects.filter(
            partnership=plan.partnership, status=MeetingStatus.HELD, starts_at__date__range=(start, end)
        ).values_list("kind", flat=True)
    )
    meetings = [(str(kind.label), held.get(kind.value, 0)) for kind in MeetingKind]
    sections = [section(plan.partnership, start, end) for section in registered_sections()]
    return Report(
        plan, start, end, measures, statuses_for(plan, as_of), by_kind, len(units), meetings, sections
    )

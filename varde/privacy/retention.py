"""Deletion under oversight: what retention will restrict or erase and when, the holds that keep a case
longer, the receipts of what was done, and whether the nightly purge is running."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from varde.concerns.actions.retention import RetentionStep, due_steps
from varde.concerns.models import Concern, RetentionReceipt
from varde.concerns.tasks import purge_due_personal_data

# How far ahead the page looks, and how old the purge's last run may be before the officer is warned.
LOOK_AHEAD = timedelta(days=90)
PURGE_LATE_AFTER = timedelta(days=2)
RECEIPTS_SHOWN = 100


@dataclass(frozen=True)
class RetentionOverview:
    due_now: list[RetentionStep]
    coming: list[RetentionStep]
    holds: list[Concern]
    receipts: list[RetentionReceipt]
    last_purge: datetime | None
    purge_late: bool


def overview(agency_ids: Any, today: date) -> RetentionOverview:
    horizon = due_steps(today + LOOK_AHEAD, agency_ids=agency_ids)
    due_now = [step for step in horizon if step.due_on <= today]
    coming = sorted((step for step in horizon if step.due_on > today), key=lambda step: step.due_on)
    holds = list(
        Concern.objects.closed()
        .filter(owning_agency_id__in=agency_ids, retention_hold_until__gte=today)
        .order_by("retention_hold_until")
    )
    receipts = list(RetentionReceipt.objects.filter(agency_id__in=agency_ids)[:RECEIPTS_SHOWN])
    last_purge = (
        DBTaskResult.objects.filter(task_path=purge_due_personal_data.module_path, finished_at__isnull=False)
        .order_by("-finished_at")
        .values_list("finished_at", flat=True)
        .first()
    )
    late = last_purge is None or timezone.now() - last_purge > PURGE_LATE_AFTER
    return RetentionOverview(due_now, coming, holds, receipts, last_purge, late)

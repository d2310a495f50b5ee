"""Retention: restrict and erase the personal data of closed concerns when their rule says so.

Erasing deletes the concern with its measures, consents, disclosures and timeline. What stays is
a receipt without content, the statistics fact (its link to the concern is cut) and the audit trail.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from varde.accounts.actors import Actor
from varde.core.audit import EventFields, record_events
from varde.core.errors import ActionRefused

from ..audit_actions import ConcernAudit
from ..choices import RetentionAction
from ..dates import add_months
from ..models import Concern, RetentionReceipt, RetentionRule, Review
from .common import log, require_owner


@dataclass(frozen=True)
class RetentionStep:
    concern_id: Any
    reference: str
    action: str
    due_on: date
    rule: str


def _rule_text(rule: RetentionRule) -> str:
    return (
        f"{rule.outcome}: restrict after {rule.restrict_after_months or '-'} months, "
        f"erase after {rule.erase_after_months or '-'} months"
    )


def _step_for(concern: Concern, rule: RetentionRule, today: date) -> RetentionStep | None:
    if concern.retention_hold_until is not None and concern.retention_hold_until >= today:
        return None
    assert concern.closed_at is not None
    closed_on = timezone.localdate(concern.closed_at)
    if rule.erase_after_months is not None:
        erase_on = add_months(closed_on, rule.erase_after_months)
        if erase_on <= today:
            return RetentionStep(
                concern.pk, concern.reference, RetentionAction.ERASED, erase_on, _rule_text(rule)
            )
    if rule.restrict_after_months is not None and concern.restricted_at is None:
        restrict_on = add_months(closed_on, rule.restrict_after_months)
        if restrict_on <= today:
            return RetentionStep(
                concern.pk, concern.reference, RetentionAction.RESTRICTED, restrict_on, _rule_text(rule)
            )
    return None


def due_steps(
    today: date, *, partnership_ids: list[Any] | None = None, agency_ids: Any = None
) -> list[RetentionStep]:
    """What the retention rules require on a given day, without doing anything."""
    rules = {(r.partnership_id, r.outcome): r for r in RetentionRule.objects.all()}
    concerns = Concern.objects.closed().only(
        "id", "reference", "partnership_id", "outcome", "closed_at", "restricted_at", "retention_hold_until"
    )
    if partnership_ids is not None:
        concerns = concerns.filter(partnership_id__in=partnership_ids)
    if agency_ids is not None:
        concerns = concerns.filter(owning_agency_id__in=agency_ids)
    steps = []
    for concern in concerns.iterator(chunk_size=2000):
        rule = rules.get((concern.partnership_id, concern.outcome))
        step = _step_for(concern, rule, today) if rule is not None else None
        if step is not None:
            steps.append(step)
    return steps


# Steps are applied in batches, each in its own transaction: a batch costs about as many queries as one
# step, and a failure undoes only its batch.
BATCH = 200


@transaction.atomic
def _apply(steps: list[RetentionStep]) -> None:
    """Receipts, audit events and the erasures or restrictions of a batch of steps, all or nothing."""
    concerns = Concern.objects.select_related("partnership", "owning_agency").in_bulk(
        [s.concern_id for s in steps]
    )
    # A concern that is gone already (erased by an earlier run) needs nothing more.
    steps = [step for step in steps if step.concern_id in concerns]
    now = timezone.now()
    RetentionReceipt.objects.bulk_create([_receipt(concerns[step.concern_id], step, now) for step in steps])
    record_events([_event(concerns[step.concern_id], step) for step in steps])
    erased = [step.concern_id for step in steps if step.action == RetentionAction.ERASED]
    restricted = [step.concern_id for step in steps if step.action != RetentionAction.ERASED]
    Concern.objects.filter(pk__in=erased).delete()
    Concern.objects.filter(pk__in=restricted).update(restricted_at=now, updated_at=now)
    Review.objects.filter(concern_id__in=restricted).pending().delete()


def _receipt(concern: Concern, step: RetentionStep, now: Any) -> RetentionReceipt:
    assert concern.closed_at is not None
    return RetentionReceipt(
        partnership=concern.partnership,
        agency=concern.owning_agency,
        reference=concern.reference,
        action=step.action,
        outcome=concern.outcome,
        closed_on=timezone.localdate(concern.closed_at),
        performed_at=now,
        rule=step.rule,
    )


_TRAIL_ACTION = {
    RetentionAction.RESTRICTED: ConcernAudit.RESTRICTED,
    RetentionAction.ERASED: ConcernAudit.ERASED,
}


def _event(concern: Concern, step: RetentionStep) -> tuple[ConcernAudit, EventFields]:
    return (
        _TRAIL_ACTION[RetentionAction(step.action)],
        {
            "object_type": "concern",
            "object_id": str(concern.pk),
            "partnership": concern.partnership,
            "agency": concern.owning_agency,
            "purpose": "retention",
            "detail": {"reference": concern.reference, "rule": step.rule},
        },
    )


def purge(today: date, *, dry_run: bool = False) -> list[RetentionStep]:
    """Apply every step that is due. When a batch fails, its steps are tried one by one; a step that
    cannot be applied holds back no other step, and its error is raised once all the others are done."""
    steps = due_steps(today)
    if dry_run:
        return steps
    failures: list[DatabaseError] = []
    for start in range(0, len(steps), BATCH):
        batch = steps[start : start + BATCH]
        try:
            _apply(batch)
        except DatabaseError:
            failures += _apply_one_by_one(batch)
    if failures:
        raise failures[0]
    return steps


def _apply_one_by_one(steps: list[RetentionStep]) -> list[DatabaseError]:
    failures = []
    for step in steps:
        try:
            _apply([step])
        except DatabaseError as failure:
            failures.append(failure)
    return failures


@transaction.atomic
def extend_retention(actor: Actor, concern: Concern, *, keep_until: date, reason: str) -> Concern:
    """Keep personal data past its rule: only with a recorded reason and a new date."""
    require_owner(actor, concern)
    if keep_until <= timezone.localdate():
        raise ActionRefused(_("The new date must be in the future."))
    if not reason.strip():
        raise ActionRefused(_("Give a reason for keeping the data longer."))
    concern.retention_hold_until = keep_until
    concern.retention_hold_reason = reason
    concern.save(update_fields=["retention_hold_until", "retention_hold_reason", "updated_at"])
    log(
        concern,
        actor,
        ConcernAudit.RETENTION_EXTENDED,
        reason=reason,
        detail={"keep_until": keep_until.isoformat()},
    )
    return concern

"""Case handling: responsibility, the written assessment, status transitions, closure and reviews."""

from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from varde.accounts.actors import Actor
from varde.accounts.models import User
from varde.accounts.permissions import handler_agencies
from varde.core.errors import ActionRefused
from varde.core.versioning import claim

from ..audit_actions import ConcernAudit
from ..categorical import StatisticsFact
from ..choices import DisclosureEnd, LegalBasisKind, MeasureStatus, Outcome, Status
from ..dates import add_months
from ..models import Concern, ConcernSettings, Measure, Review
from ..workflow import is_allowed, leaves_assessment
from .common import log, require_open, require_owner


@transaction.atomic
def assign_responsible(actor: Actor, concern: Concern, *, responsible: User | None) -> Concern:
    require_owner(actor, concern)
    require_open(concern)
    if (
        responsible is not None
        and not handler_agencies(responsible).filter(pk=concern.owning_agency_id).exists()
    ):
        raise ActionRefused(_("The responsible person must be a case handler in the owning agency."))
    concern.responsible = responsible
    concern.save(update_fields=["responsible", "updated_at"])
    log(concern, actor, ConcernAudit.RESPONSIBLE_CHANGED)
    return concern


@transaction.atomic
@transaction.atomic
def update_assessment(actor: Actor, concern: Concern, *, summary: str, version: int | None = None) -> Concern:
    require_owner(actor, concern)
    require_open(concern)
    claim(concern, version)
    concern.assessment_summary = summary
    concern.save(update_fields=["assessment_summary", "updated_at", "version"])
    log(concern, actor, ConcernAudit.ASSESSMENT_UPDATED)
    return concern


def _end_initial_discussion(concern: Concern) -> int:
    return (
        concern.disclosures.not_ended()
        .filter(legal_basis__kind=LegalBasisKind.INITIAL_DISCUSSION)
        .update(ended_at=timezone.now(), end_reason=DisclosureEnd.ASSESSMENT_ENDED)
    )


def _move(actor: Actor, concern: Concern, to_status: str, reason: str) -> str:
    """Apply one transition; returns the status it came from."""
    require_owner(actor, concern)
    from_status = concern.status
    if not is_allowed(from_status, to_status):
        raise ActionRefused(_("A concern cannot go from this status to the one chosen."))
    if not reason.strip():
        raise ActionRefused(_("Give a reason for the change."))
    if leaves_assessment(from_status, to_status):
        _end_initial_discussion(concern)
    concern.status = to_status
    return from_status


@transaction.atomic
def change_status(actor: Actor, concern: Concern, *, to_status: str, reason: str) -> Concern:
    """Move an open concern along its states. Closing and reopening have their own actions: closing
    ends the work on the case, and reopening a closed case is a decision of its own."""
    if to_status == Status.CLOSED:
        raise ActionRefused(_("Use the closing form to close a concern."))
    require_open(concern)
    from_status = _move(actor, concern, to_status, reason)
    concern.save()
    log(
        concern,
        actor,
        ConcernAudit.STATUS_CHANGED,
        reason=reason,
        from_status=from_status,
        to_status=to_status,
    )
    return concern


@transaction.atomic
def reopen_concern(actor: Actor, concern: Concern, *, reason: str) -> Concern:
    """Open a closed concern again for assessment: its outcome and pending reviews go; its ended
    measures, consents and disclosures stay as they were."""
    if concern.status != Status.CLOSED:
        raise ActionRefused(_("Only a closed concern can be reopened."))
    from_status = _move(actor, concern, Status.UNDER_ASSESSMENT, reason)
    concern.outcome, concern.closed_at = "", None
    concern.reviews.pending().delete()
    concern.save()
    log(
        concern,
        actor,
        ConcernAudit.REOPENED,
        reason=reason,
        from_status=from_status,
        to_status=Status.UNDER_ASSESSMENT,
    )
    return concern


# What other apps close with a concern (the tasks agreed about it in meetings): called with the actor
# and the concern, in the closing's transaction; each returns how many it closed.
CloseHook = Callable[[Any, Concern], int]
_close_hooks: list[CloseHook] = []


def register_close_hook(hook: CloseHook) -> None:
    if hook not in _close_hooks:
        _close_hooks.append(hook)


@transaction.atomic
def close_concern(
    actor: Actor,
    concern: Concern,
    *,
    outcome: str,
    reason: str,
    measure_endings: dict[Any, str] | None = None,
) -> Concern:
    """Close with an outcome, and end the work: each running measure ends as the closer decided
    (`measure_endings`: measure id → completed or stopped), the tasks about the case close, and
    so does the access of whoever had it only through a measure. A concern that had measures gets
    reviews some months later."""
    if outcome not in Outcome.values:
        raise ActionRefused(_("Choose an outcome."))
    from_status = _move(actor, concern, Status.CLOSED, reason)
    ended = _end_running_measures(concern, measure_endings or {}, reason)
    concern.outcome = outcome
    concern.closed_at = timezone.now()
    concern.save()
    tasks_closed = sum(hook(actor, concern) for hook in _close_hooks)
    schedule_reviews(concern)
    StatisticsFact.objects.filter(concern=concern).update(outcome=outcome)
    log(
        concern,
        actor,
        ConcernAudit.CLOSED,
        reason=reason,
        from_status=from_status,
        to_status=Status.CLOSED,
        detail={"outcome": outcome, "measures_ended": ended, "tasks_closed": tasks_closed},
    )
    return concern


def _end_running_measures(concern: Concern, endings: dict[Any, str], reason: str) -> int:
    running = list(concern.measures.running())
    ends = {str(key): value for key, value in endings.items()}
    if {str(measure.pk) for measure in running} != set(ends) or not set(ends.values()) <= ENDINGS:
        raise ActionRefused(_("Decide for each running measure whether it was completed or stopped."))
    for measure in running:
        measure.status = ends[str(measure.pk)]
        if measure.status == MeasureStatus.STOPPED:
            ended = _("The concern was closed: %(reason)s") % {"reason": reason.strip()}
            measure.ended_reason = ended[: Measure._meta.get_field("ended_reason").max_length]
        measure.save(update_fields=["status", "ended_reason"])
    return len(running)


ENDINGS = frozenset({MeasureStatus.COMPLETED.value, MeasureStatus.STOPPED.value})


def schedule_reviews(concern: Concern) -> None:
    if not concern.measures.exists():
        return
    settings = ConcernSettings.of(concern.partnership)
    closed_on = timezone.localdate(concern.closed_at)
    Review.objects.bulk_create(
        Review(concern=concern, due_on=add_months(closed_on, months)) for months in settings.review_months
    )


@transaction.atomic
def complete_review(actor: Actor, review: Review, *, notes: str) -> Review:
    require_owner(actor, review.concern)
    if review.done_at is not None:
        raise ActionRefused(_("This review is already done."))
    if not notes.strip():
        raise ActionRefused(_("Write what the review found."))
    review.done_at = timezone.now()
    review.done_by = actor
    review.notes = notes
    review.save()
    log(review.concern, actor, ConcernAudit.REVIEWED, detail={"due_on": review.due_on.isoformat()})
    return review

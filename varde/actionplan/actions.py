"""Every change to the action plan goes through a function here."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from varde.accounts.actors import Actor
from varde.accounts.models import Partnership, Unit
from varde.actionplan.audit_actions import PlanAudit
from varde.core.audit import record_on
from varde.core.documents import DocumentError
from varde.core.errors import ActionRefused
from varde.core.versioning import claim

from .models import (
    ActionPlan,
    Activity,
    MeasureStatus,
    Obligation,
    PlanMeasure,
    RequestStatus,
    SessionRequest,
    Topic,
    Training,
    TrainingKind,
)
from .permissions import can_contribute, can_keep
from .planfile import read_plan


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


@transaction.atomic
def import_plan(actor: Actor | None, partnership: Partnership, *, source: str) -> ActionPlan:
    """Load a plan version. A version already loaded is refused: plans move on by new versions."""
    # The command line acts as the operator (actor None); people must keep the plan.
    _require(actor is None or can_keep(actor, partnership))
    document = read_plan(source)
    if ActionPlan.objects.filter(partnership=partnership, version=document["version"]).exists():
        raise DocumentError(
            [_("Version %(version)s of the plan is already loaded. Raise the version number.") % document]
        )
    plan = ActionPlan.objects.create(
        partnership=partnership,
        title=document["title"],
        version=document["version"],
        adopted_on=date.fromisoformat(document["adopted_on"]),
    )
    measures = {
        item["number"]: PlanMeasure.objects.create(
            plan=plan,
            number=item["number"],
            title=item["title"],
            description=item.get("description", ""),
            responsible=item["responsible"],
            status=item.get("status", MeasureStatus.PLANNED),
        )
        for item in document["measures"]
    }
    Obligation.objects.bulk_create(
        Obligation(
            plan=plan,
            code=item["code"],
            title=item["title"],
            description=item.get("description", ""),
            rule=item["rule"],
            value=item["value"],
            evidence=item["evidence"],
            measure=measures.get(item.get("measure", 0)),
        )
        for item in document.get("obligations", [])
    )
    record_on(PlanAudit.IMPORTED, actor, plan, version=plan.version)
    return plan


@transaction.atomic
def set_measure_status(
    actor: Actor, measure: PlanMeasure, *, status: str, note: str, version: int | None = None
) -> PlanMeasure:
    """Change a plan measure's status; the change is a line in its activity log."""
    _require(can_keep(actor, measure.plan.partnership))
    claim(measure, version)
    if status not in MeasureStatus.values:
        raise ActionRefused(_("Choose a status."))
    if status == measure.status:
        raise ActionRefused(_("The measure already has this status."))
    old = measure.get_status_display()
    measure.status = status
    measure.save(update_fields=["status"])
    text = _("Status changed from %(old)s to %(new)s.") % {"old": old, "new": measure.get_status_display()}
    Activity.objects.create(
        measure=measure, occurred_on=timezone.localdate(), text=f"{text} {note}".strip(), recorded_by=actor
    )
    record_on(PlanAudit.MEASURE_STATUS, actor, measure, status=status)
    return measure


@transaction.atomic
def log_activity(
    actor: Actor, measure: PlanMeasure, *, occurred_on: date, text: str, evidence: str
) -> Activity:
    _require(can_contribute(actor, measure.plan.partnership))
    if occurred_on > timezone.localdate():
        raise ActionRefused(_("The date cannot be in the future."))
    if not text.strip():
        raise ActionRefused(_("Say what happened."))
    activity = Activity.objects.create(
        measure=measure, occurred_on=occurred_on, text=text, evidence=evidence, recorded_by=actor
    )
    record_on(PlanAudit.ACTIVITY_LOGGED, actor, measure)
    return activity


@dataclass(frozen=True)
class TrainingRecord:
    kind: str
    held_on: date
    units: list[Unit]
    audience: str
    participants: int
    topics: list[str]
    given_by: str


@transaction.atomic
def record_training(actor: Actor, partnership: Partnership, *, record: TrainingRecord) -> Training:
    _require(can_contribute(actor, partnership))
    if record.kind not in TrainingKind.values or set(record.topics) - set(Topic.values):
        raise ActionRefused(_("Choose a kind and topics from the lists."))
    if record.held_on > timezone.localdate():
        raise ActionRefused(_("Record a training when it has been held."))
    if any(unit.agency.partnership_id != partnership.pk for unit in record.units):
        raise ActionRefused(_("Choose units in this partnership."))
    if not record.units and not record.audience.strip():
        raise ActionRefused(
            _("Say who the training reached: units, or an audience outside the municipality.")
        )
    training = Training.objects.create(
        partnership=partnership,
        kind=record.kind,
        held_on=record.held_on,
        audience=record.audience,
        participants=record.participants,
        topics=sorted(set(record.topics), key=Topic.values.index),
        given_by=record.given_by,
        recorded_by=actor,
    )
    training.units.set(record.units)
    record_on(PlanAudit.TRAINING_RECORDED, actor, training, kind=record.kind, units=len(record.units))
    return training


@transaction.atomic
def register_request(
    actor: Actor, partnership: Partnership, *, kind: str, organisation: str, received_on: date, wish: str
) -> SessionRequest:
    _require(can_contribute(actor, partnership))
    if received_on > timezone.localdate():
        raise ActionRefused(_("The date cannot be in the future."))
    request = SessionRequest.objects.create(
        partnership=partnership, kind=kind, organisation=organisation, received_on=received_on, wish=wish
    )
    record_on(PlanAudit.REQUEST_REGISTERED, actor, request, kind=kind)
    return request


@transaction.atomic
def schedule_request(actor: Actor, request: SessionRequest, *, on: date) -> SessionRequest:
    _require(can_contribute(actor, request.partnership))
    if not request.is_open():
        raise ActionRefused(_("Only an open request can be scheduled."))
    request.status, request.scheduled_for = RequestStatus.SCHEDULED, on
    request.save(update_fields=["status", "scheduled_for"])
    record_on(PlanAudit.REQUEST_SCHEDULED, actor, request)
    return request


@transaction.atomic
def decline_request(actor: Actor, request: SessionRequest) -> SessionRequest:
    _require(can_contribute(actor, request.partnership))
    if not request.is_open():
        raise ActionRefused(_("Only an open request can be declined."))
    request.status = RequestStatus.DECLINED
    request.save(update_fields=["status"])
    record_on(PlanAudit.REQUEST_DECLINED, actor, request)
    return request


@transaction.atomic
def hold_request(actor: Actor, request: SessionRequest, *, record: TrainingRecord) -> Training:
    """The session was held: record it as a training, linked to the request."""
    if request.status != RequestStatus.SCHEDULED:
        raise ActionRefused(_("Schedule the request before recording it as held."))
    training = record_training(actor, request.partnership, record=record)
    request.status, request.training = RequestStatus.HELD, training
    request.save(update_fields=["status", "training"])
    return training

"""Minutes: the shared record of each point, each agency's own notes, next steps that become measures
or tasks, approval that locks the minutes, and addenda afterwards. Each change is one function."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from varde.accounts.models import User
from varde.accounts.permissions import handler_agencies
from varde.accounts.roles import AgencyKind
from varde.assessments.models import ConcernLevel
from varde.concerns.actions import measures
from varde.concerns.actions.common import log
from varde.concerns.audit_actions import ConcernAudit
from varde.concerns.categorical import MeasureType
from varde.concerns.permissions import can_change_concern, people_for_measures
from varde.core.audit import record_on
from varde.core.errors import ActionRefused
from varde.core.versioning import claim_one, save_new
from varde.meetings.audit_actions import MeetingAudit

from .models import (
    Addendum,
    AgencyNote,
    AgendaItem,
    Approval,
    ItemMinutes,
    Meeting,
    MeetingStatus,
    Minutes,
    MinutesStatus,
    Task,
)
from .permissions import agency_of, can_organise, people_who_may_open


def minutes_of(meeting: Meeting) -> Minutes:
    minutes, _created = Minutes.objects.get_or_create(meeting=meeting)
    return minutes


def _require_draft(meeting: Meeting) -> Minutes:
    if meeting.status != MeetingStatus.HELD:
        raise ActionRefused(_("Minutes are written when the meeting has been held."))
    minutes = minutes_of(meeting)
    if minutes.is_locked:
        raise ActionRefused(_("The minutes are approved and locked. Add an addendum instead."))
    return minutes


@transaction.atomic
def write_item_minutes(
    actor: Any,
    item: AgendaItem,
    *,
    discussion: str,
    decisions: str,
    agreed_level: ConcernLevel | None,
    version: int | None = None,
) -> ItemMinutes:
    """The shared part of one point, drafted by the secretary or another organiser."""
    if not can_organise(actor, item.meeting):
        raise PermissionDenied
    _require_draft(item.meeting)
    if agreed_level is not None and (
        not item.is_about_a_case or agreed_level.partnership_id != item.meeting.partnership_id
    ):
        raise ActionRefused(
            _("A concern level is agreed only for a point about a concern, from the partnership's scale.")
        )
    record = claim_one(ItemMinutes, {"item": item}, version)
    record.discussion, record.decisions, record.agreed_level = discussion, decisions, agreed_level
    save_new(record)
    record_on(MeetingAudit.MINUTES_ITEM_WRITTEN, actor, item.meeting, item=str(item.pk))
    return record


@transaction.atomic
def save_agency_note(
    actor: Any, item: AgendaItem, *, text: str, version: int | None = None
) -> AgencyNote | None:
    """Notes for the actor's own agency only; an empty text removes them."""
    agency = handler_agencies(actor).filter(partnership=item.meeting.partnership_id).first()
    if agency is None:
        raise PermissionDenied
    _require_draft(item.meeting)
    note = claim_one(AgencyNote, {"item": item, "agency": agency}, version)
    if not text.strip():
        if note.pk is not None:
            note.delete()
        return None
    note.text = text
    save_new(note)
    record_on(
        MeetingAudit.MINUTES_AGENCY_NOTE_SAVED, actor, item.meeting, item=str(item.pk), agency=str(agency.pk)
    )
    return note


@dataclass(frozen=True)
class NextStep:
    description: str
    owner: User
    deadline: date
    measure_type: MeasureType | None = None


@transaction.atomic
def add_next_step(actor: Any, item: AgendaItem, *, step: NextStep) -> Task:
    """A next step with an owner and a deadline. On a concern, the owning agency can make it a measure in
    the case, owned by a person in that agency; otherwise it is a task in the owner's agency."""
    meeting = item.meeting
    _require_draft(meeting)
    if not step.description.strip():
        raise ActionRefused(_("Say what is to be done."))
    if step.deadline < timezone.localdate(meeting.starts_at):
        raise ActionRefused(_("The deadline cannot be before the meeting."))
    if not people_who_may_open(meeting).filter(pk=step.owner.pk).exists():
        raise ActionRefused(_("The owner must be someone who may open this meeting."))
    measure = None
    if step.measure_type is not None:
        measure = _measure_for(actor, item, step, step.measure_type)
    elif not can_organise(actor, meeting):
        raise PermissionDenied
    agency = measure.owner_agency if measure else agency_of(step.owner, meeting.partnership)
    assert agency is not None
    task = Task.objects.create(
        item=item,
        description=step.description,
        agency=agency,
        owner=step.owner,
        deadline=step.deadline,
        measure=measure,
        created_by=actor,
    )
    record_on(
        MeetingAudit.MINUTES_NEXT_STEP_ADDED, actor, meeting, item=str(item.pk), measure=measure is not None
    )
    return task


def _measure_for(actor: Any, item: AgendaItem, step: NextStep, measure_type: MeasureType) -> Any:
    concern = item.concern
    # Rule: only the owning agency's case handlers turn a next step into a measure in their case.
    if concern is None or not can_change_concern(actor, concern):
        raise ActionRefused(_("Only the agency that owns the concern can make a next step a measure in it."))
    if not people_for_measures(concern).filter(pk=step.owner.pk).exists():
        raise ActionRefused(
            _("A measure is given to a case handler or a mentor in the agency that owns the concern.")
        )
    return measures.add_measure(
        actor,
        concern,
        measure_type=measure_type,
        owner_agency=concern.owning_agency,
        responsible=step.owner,
        start_date=timezone.localdate(item.meeting.starts_at),
        next_review=step.deadline,
        consent=None,
    )


def _fully_approved(meeting: Meeting, approvals: list[Approval]) -> bool:
    """Contact meetings need an approval from each agency; other meetings one approval."""
    if not meeting.has_case_items:
        return bool(approvals)
    return {AgencyKind.MUNICIPALITY, AgencyKind.POLICE} <= {approval.agency.kind for approval in approvals}


@transaction.atomic
def approve_minutes(actor: Any, meeting: Meeting) -> Minutes:
    """A participant who attended approves for their agency. When enough have, the minutes lock and
    agreed concern levels are written to the concerns' history."""
    minutes = _require_draft(meeting)
    participant = meeting.participants.filter(user=actor, attended=True).select_related("agency").first()
    if participant is None or participant.agency is None:
        raise ActionRefused(_("Only participants who attended approve the minutes."))
    Approval.objects.get_or_create(minutes=minutes, user=actor, defaults={"agency": participant.agency})
    record_on(MeetingAudit.MINUTES_APPROVED_BY, actor, meeting)
    approvals = list(minutes.approvals.select_related("agency"))
    if _fully_approved(meeting, approvals):
        _lock(actor, minutes)
    return minutes


def _lock(actor: Any, minutes: Minutes) -> None:
    minutes.status = MinutesStatus.APPROVED
    minutes.approved_at = timezone.now()
    minutes.save(update_fields=["status", "approved_at"])
    day = timezone.localdate(minutes.meeting.starts_at)
    records = ItemMinutes.objects.filter(item__meeting=minutes.meeting, agreed_level__isnull=False)
    for record in records.select_related("item__concern", "agreed_level"):
        if record.item.concern is not None:
            log(
                record.item.concern,
                actor,
                ConcernAudit.MEETING_LEVEL_AGREED,
                reason=_("%(level)s, agreed in the contact meeting of %(day)s.")
                % {"level": record.agreed_level, "day": day.strftime("%d.%m.%Y")},
                detail={
                    "meeting": str(minutes.meeting_id),
                    "level": record.agreed_level.code if record.agreed_level else "",
                },
            )
    record_on(MeetingAudit.MINUTES_LOCKED, actor, minutes.meeting)


@transaction.atomic
def add_addendum(actor: Any, meeting: Meeting, *, text: str) -> Addendum:
    minutes = minutes_of(meeting)
    if not minutes.is_locked:
        raise ActionRefused(_("Change the draft instead; addenda are for approved minutes."))
    if not (can_organise(actor, meeting) or meeting.participants.filter(user=actor).exists()):
        raise PermissionDenied
    if not text.strip():
        raise ActionRefused(_("Write the addendum."))
    addendum = Addendum.objects.create(minutes=minutes, text=text, author=actor)
    record_on(MeetingAudit.MINUTES_ADDENDUM_ADDED, actor, meeting)
    return addendum


@transaction.atomic
def complete_task(actor: Any, task: Task) -> Task:
    if task.owner_id != getattr(actor, "pk", None):
        raise PermissionDenied
    if task.done_at is not None:
        raise ActionRefused(_("The task is already done."))
    task.done_at = timezone.now()
    task.save(update_fields=["done_at"])
    record_on(MeetingAudit.MINUTES_TASK_DONE, actor, task.item.meeting, task=str(task.pk))
    return task


def close_tasks_about(actor: Any, concern: Any) -> int:
    """A closed concern's open tasks from meetings are closed with it: nobody works on a closed case."""
    return Task.objects.open().filter(item__concern=concern).update(done_at=timezone.now())

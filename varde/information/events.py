"""Events and demonstrations: who may see and keep them, and every change, one function each.

- The partnership's case handlers (coordinators and police contacts) keep the register and the
  coordination tasks; secretaries read it, since events go on the contact meetings' agenda.
- Risk notes are the police's: only police contacts read and write them.
"""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from varde.accounts.models import Agency, Partnership, User
from varde.accounts.permissions import holds_role_in, partnerships_where_any
from varde.accounts.roles import Role
from varde.core.audit import record_on
from varde.core.errors import ActionRefused
from varde.information.audit_actions import InformationAudit

from .models import Event, EventStatus, EventTask, RiskNote

KEEPERS = (Role.COORDINATOR, Role.POLICE_CONTACT)
READERS = (*KEEPERS, Role.SECRETARY)
POLICE = (Role.POLICE_CONTACT,)


def events_visible_to(user: Any) -> QuerySet[Event]:
    return Event.objects.filter(partnership__in=partnerships_where_any(user, READERS))


def task_owners_for(event: Event) -> QuerySet[User]:
    """The people who may open the event, and so the only ones its tasks go to."""
    return (
        User.objects.filter(
            is_active=True,
            memberships__agency__partnership_id=event.partnership_id,
            memberships__role__in=READERS,
        )
        .distinct()
        .order_by("first_name", "last_name")
    )


def get_event_for(user: Any, pk: Any) -> Event:
    event = events_visible_to(user).select_related("partnership").filter(pk=pk).first()
    if event is None:
        raise Http404
    return event


def can_keep(user: Any, partnership: Partnership) -> bool:
    return holds_role_in(user, KEEPERS, partnership)


def sees_risk_notes(user: Any, partnership: Partnership) -> bool:
    # Rule: risk notes are police information; only the police's case handlers see them.
    return holds_role_in(user, POLICE, partnership)


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


@dataclass(frozen=True)
class EventDetails:
    title: str
    starts_at: datetime
    place: str
    organiser: str = ""
    expected_size: int | None = None
    milieu: str = ""


@transaction.atomic
def register_event(actor: Any, partnership: Partnership, *, details: EventDetails) -> Event:
    _require(actor is None or can_keep(actor, partnership))
    event = Event.objects.create(partnership=partnership, created_by=actor, **vars(details))
    record_on(InformationAudit.EVENT_REGISTERED, actor, event)
    return event


@transaction.atomic
def set_status(actor: Any, event: Event, *, status: str) -> Event:
    _require(can_keep(actor, event.partnership))
    if status not in EventStatus.values:
        raise ActionRefused(_("Choose a status."))
    event.status = status
    event.save(update_fields=["status"])
    record_on(InformationAudit.EVENT_STATUS_CHANGED, actor, event)
    return event


@transaction.atomic
def add_task(actor: Any, event: Event, *, description: str, owner: User, deadline: date) -> EventTask:
    _require(actor is None or can_keep(actor, event.partnership))
    # The agency in which the owner holds a role that opens the event: with none, they never see the task.
    agency = Agency.objects.filter(
        partnership=event.partnership, memberships__user=owner, memberships__role__in=READERS
    ).first()
    if agency is None or not owner.is_active:
        raise ActionRefused(_("The owner must be someone who may open this event."))
    task = EventTask.objects.create(
        event=event, agency=agency, description=description, owner=owner, deadline=deadline
    )
    record_on(InformationAudit.EVENT_TASK_ADDED, actor, event)
    return task


@transaction.atomic
def complete_task(actor: Any, task: EventTask) -> EventTask:
    _require(task.owner_id == getattr(actor, "pk", None) or can_keep(actor, task.event.partnership))
    if task.done_at is not None:
        raise ActionRefused(_("The task is already done."))
    task.done_at = timezone.now()
    task.save(update_fields=["done_at"])
    record_on(InformationAudit.EVENT_TASK_DONE, actor, task.event)
    return task


@transaction.atomic
def add_risk_note(actor: Any, event: Event, *, text: str) -> RiskNote:
    _require(actor is None or sees_risk_notes(actor, event.partnership))
    if not text.strip():
        raise ActionRefused(_("Write the risk note."))
    note = RiskNote.objects.create(event=event, text=text, author=actor)
    record_on(InformationAudit.EVENT_RISK_NOTE_ADDED, actor, event)
    return note

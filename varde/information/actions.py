"""Every change to the information pages and the events register goes through a function here."""

from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from varde.accounts.actors import Actor
from varde.accounts.models import Agency, Partnership, User
from varde.core.audit import record_on
from varde.core.errors import ActionRefused
from varde.core.versioning import claim
from varde.information.audit_actions import InformationAudit

from .models import Event, EventStatus, EventTask, InfoPage, PageVersion, RiskNote, VersionStatus
from .permissions import InformationCapability, can_edit, can_keep, sees_risk_notes


def _require_editor(actor: Actor | None, page: InfoPage) -> None:
    # The demo loader and seeding act as the system (actor None); people must edit this partnership.
    if actor is not None and not can_edit(actor, page):
        raise PermissionDenied


@transaction.atomic
def save_draft(
    actor: Actor | None, page: InfoPage, *, title: str, body: str, version: int | None = None
) -> PageVersion:
    """The editor's text as the page's draft; the published version stays as it is until published."""
    _require_editor(actor, page)
    if not title.strip() or not body.strip():
        raise ActionRefused(_("A page needs a title and a text."))
    claim(page, version)
    draft = page.versions.filter(status=VersionStatus.DRAFT).first()
    if draft is None:
        number = (page.versions.aggregate(last=Max("number"))["last"] or 0) + 1
        draft = PageVersion(page=page, number=number, created_by=actor)
    draft.title, draft.body = title, body
    draft.save()
    record_on(InformationAudit.DRAFT_SAVED, actor, page, version=draft.number)
    return draft


@transaction.atomic
def publish(actor: Actor | None, page: InfoPage) -> PageVersion:
    """Publish the draft; the version shown until now is kept in the history. Publishing is a review."""
    _require_editor(actor, page)
    draft = page.versions.filter(status=VersionStatus.DRAFT).first()
    if draft is None:
        raise ActionRefused(_("There is no draft to publish."))
    page.versions.filter(status=VersionStatus.PUBLISHED).update(status=VersionStatus.SUPERSEDED)
    draft.status = VersionStatus.PUBLISHED
    draft.published_by, draft.published_at = actor, timezone.now()
    draft.save()
    page.reviewed_on, page.reviewed_by = timezone.localdate(), actor
    page.save(update_fields=["reviewed_on", "reviewed_by"])
    record_on(InformationAudit.PUBLISHED, actor, page, version=draft.number)
    return draft


@transaction.atomic
def mark_reviewed(actor: Actor, page: InfoPage) -> InfoPage:
    """The published text was read through and is still right."""
    _require_editor(actor, page)
    if not page.versions.filter(status=VersionStatus.PUBLISHED).exists():
        raise ActionRefused(_("Publish the page before marking it as reviewed."))
    page.reviewed_on, page.reviewed_by = timezone.localdate(), actor
    page.save(update_fields=["reviewed_on", "reviewed_by"])
    record_on(InformationAudit.REVIEWED, actor, page)
    return page


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
def register_event(actor: Actor | None, partnership: Partnership, *, details: EventDetails) -> Event:
    _require(actor is None or can_keep(actor, partnership))
    event = Event.objects.create(partnership=partnership, created_by=actor, **vars(details))
    record_on(InformationAudit.EVENT_REGISTERED, actor, event)
    return event


@transaction.atomic
def set_status(actor: Actor, event: Event, *, status: str) -> Event:
    _require(can_keep(actor, event.partnership))
    if status not in EventStatus.values:
        raise ActionRefused(_("Choose a status."))
    event.status = status
    event.save(update_fields=["status"])
    record_on(InformationAudit.EVENT_STATUS_CHANGED, actor, event)
    return event


@transaction.atomic
def add_task(
    actor: Actor | None, event: Event, *, description: str, owner: User, deadline: date
) -> EventTask:
    _require(actor is None or can_keep(actor, event.partnership))
    # The agency in which the owner holds a role that opens the event: with none, they never see the task.
    agency = Agency.objects.filter(
        partnership=event.partnership,
        memberships__user=owner,
        memberships__role__in=InformationCapability.READ_EVENTS.roles,
    ).first()
    if agency is None or not owner.is_active:
        raise ActionRefused(_("The owner must be someone who may open this event."))
    task = EventTask.objects.create(
        event=event, agency=agency, description=description, owner=owner, deadline=deadline
    )
    record_on(InformationAudit.EVENT_TASK_ADDED, actor, event)
    return task


@transaction.atomic
def complete_task(actor: Actor, task: EventTask) -> EventTask:
    _require(task.owner_id == getattr(actor, "pk", None) or can_keep(actor, task.event.partnership))
    if task.done_at is not None:
        raise ActionRefused(_("The task is already done."))
    task.done_at = timezone.now()
    task.save(update_fields=["done_at"])
    record_on(InformationAudit.EVENT_TASK_DONE, actor, task.event)
    return task


@transaction.atomic
def add_risk_note(actor: Actor | None, event: Event, *, text: str) -> RiskNote:
    _require(actor is None or sees_risk_notes(actor, event.partnership))
    if not text.strip():
        raise ActionRefused(_("Write the risk note."))
    note = RiskNote.objects.create(event=event, text=text, author=actor)
    record_on(InformationAudit.EVENT_RISK_NOTE_ADDED, actor, event)
    return note

"""Every change to meetings goes through a function here: schedule, invite, record attendance, cancel,
the agenda, the calendar feeds, and the minutes (the shared record of each point, each agency's own
notes, next steps that become measures or tasks, approval that locks them, and addenda afterwards).
"""

import hashlib
import secrets
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from varde.accounts.actors import Actor
from varde.accounts.models import Partnership, User
from varde.accounts.permissions import handler_agencies
from varde.accounts.roles import AgencyKind
from varde.assessments.models import ConcernLevel
from varde.concerns.actions import measures
from varde.concerns.actions.common import log, require_open, require_owner
from varde.concerns.audit_actions import ConcernAudit
from varde.concerns.categorical import MeasureType
from varde.concerns.dates import add_months
from varde.concerns.models import Concern, LegalBasis
from varde.concerns.permissions import can_change_concern, people_for_measures
from varde.core.audit import record_event, record_on
from varde.core.errors import ActionRefused
from varde.core.personal_data import names_a_person_with_age
from varde.core.versioning import claim_one, save_new
from varde.meetings.audit_actions import MeetingAudit

from .models import (
    Addendum,
    AgencyNote,
    AgendaItem,
    Approval,
    CalendarFeed,
    ItemKind,
    ItemMinutes,
    Meeting,
    MeetingSettings,
    MeetingStatus,
    Minutes,
    MinutesStatus,
    Participant,
    Task,
)
from .permissions import (
    agency_of,
    can_organise,
    invitable_people,
    is_secretary_in,
    partnerships_organised_by,
    people_who_may_open,
)
from .quorum import Quorum, quorum_of

MAX_OCCURRENCES = 24


class Repeat:
    NONE = "none"
    WEEKLY = "weekly"
    MONTHLY = "monthly"


@dataclass(frozen=True)
class Guest:
    name: str
    organisation: str


@dataclass(frozen=True)
class Schedule:
    kind: str
    starts_at: datetime
    ends_at: datetime
    title: str = ""
    location: str = ""
    repeat: str = Repeat.NONE
    occurrences: int = 1
    invitees: list[User] = field(default_factory=list)
    guests: list[Guest] = field(default_factory=list)


def settings_for(partnership: Partnership) -> MeetingSettings:
    settings, _created = MeetingSettings.objects.get_or_create(partnership=partnership)
    return settings


def _start_times(schedule: Schedule) -> list[datetime]:
    count = 1 if schedule.repeat == Repeat.NONE else schedule.occurrences
    if not 1 <= count <= MAX_OCCURRENCES:
        raise ActionRefused(_("A series has from 2 to %(most)d meetings.") % {"most": MAX_OCCURRENCES})
    local = timezone.localtime(schedule.starts_at)
    starts = []
    for index in range(count):
        if schedule.repeat == Repeat.WEEKLY:
            day = local.date() + timedelta(weeks=index)
        else:
            day = add_months(local.date(), index)
        # Wall-clock time stays the same across daylight-saving changes.
        naive = datetime.combine(day, local.time())
        starts.append(timezone.make_aware(naive))
    return starts


def _invite(meeting: Meeting, people: Iterable[User], guests: Iterable[Guest]) -> None:
    allowed = set(invitable_people([meeting.partnership]).values_list("pk", flat=True))
    taken = set(meeting.participants.exclude(user=None).values_list("user_id", flat=True))
    rows = []
    for person in people:
        if person.pk not in allowed:
            raise ActionRefused(
                _("%(name)s is not a member of this partnership.") % {"name": person.display_name}
            )
        if person.pk in taken:
            continue
        taken.add(person.pk)
        rows.append(
            Participant(
                meeting=meeting,
                user=person,
                agency=agency_of(person, meeting.partnership),
                is_secretary=is_secretary_in(person, meeting.partnership),
            )
        )
    for guest in guests:
        if not guest.name.strip():
            raise ActionRefused(_("A guest needs a name."))
        rows.append(
            Participant(meeting=meeting, guest_name=guest.name, guest_organisation=guest.organisation)
        )
    Participant.objects.bulk_create(rows)


@transaction.atomic
def schedule_meetings(actor: Actor, partnership: Partnership, *, schedule: Schedule) -> list[Meeting]:
    """One meeting, or a weekly or monthly series sharing the invitations."""
    if not partnerships_organised_by(actor, schedule.kind).filter(pk=partnership.pk).exists():
        raise PermissionDenied
    length = schedule.ends_at - schedule.starts_at
    if length <= timedelta(0):
        raise ActionRefused(_("The meeting must end after it starts."))
    if length > timedelta(hours=12):
        raise ActionRefused(_("A meeting lasts at most 12 hours."))
    series = uuid.uuid4() if schedule.repeat != Repeat.NONE else None
    meetings = []
    for starts_at in _start_times(schedule):
        meeting = Meeting.objects.create(
            partnership=partnership,
            kind=schedule.kind,
            title=schedule.title,
            starts_at=starts_at,
            ends_at=starts_at + length,
            location=schedule.location,
            series=series,
            organiser=actor,
        )
        _invite(meeting, [actor, *schedule.invitees], schedule.guests)
        record_on(MeetingAudit.SCHEDULED, actor, meeting)
        meetings.append(meeting)
    return meetings


def _require_organiser(actor: Actor, meeting: Meeting) -> None:
    if not can_organise(actor, meeting):
        raise PermissionDenied


@transaction.atomic
def invite(actor: Actor, meeting: Meeting, *, people: list[User], guests: list[Guest]) -> Meeting:
    _require_organiser(actor, meeting)
    if meeting.status == MeetingStatus.CANCELLED:
        raise ActionRefused(_("The meeting is cancelled."))
    _invite(meeting, people, guests)
    record_on(MeetingAudit.INVITED, actor, meeting, people=len(people), guests=len(guests))
    return meeting


@transaction.atomic
def remove_participant(actor: Actor, participant: Participant) -> None:
    meeting = participant.meeting
    _require_organiser(actor, meeting)
    if meeting.status == MeetingStatus.HELD:
        raise ActionRefused(_("Attendance at a held meeting is kept as it was recorded."))
    participant.delete()
    record_on(MeetingAudit.PARTICIPANT_REMOVED, actor, meeting)


def check_quorum(meeting: Meeting, present: Iterable[Participant]) -> Quorum:
    return quorum_of(settings_for(meeting.partnership), present)


@transaction.atomic
def record_attendance(
    actor: Actor, meeting: Meeting, *, present: list[Participant], no_quorum_reason: str = ""
) -> Quorum:
    """Mark the meeting held with who came. Without quorum it may still be held, with a reason."""
    _require_organiser(actor, meeting)
    if meeting.status == MeetingStatus.CANCELLED:
        raise ActionRefused(_("The meeting is cancelled."))
    if meeting.starts_at > timezone.now():
        raise ActionRefused(_("Attendance can be recorded when the meeting has started."))
    if any(person.meeting_id != meeting.pk for person in present):
        raise ActionRefused(_("Someone marked present is not invited to this meeting."))
    quorum = check_quorum(meeting, present)
    contact = meeting.has_case_items
    if contact and not quorum.met and not no_quorum_reason.strip():
        raise ActionRefused(_("The meeting has no quorum. Give a reason for holding it anyway."))
    present_ids = {person.pk for person in present}
    meeting.participants.filter(pk__in=present_ids).update(attended=True)
    meeting.participants.exclude(pk__in=present_ids).update(attended=False)
    meeting.status = MeetingStatus.HELD
    meeting.quorum_met = quorum.met if contact else None
    meeting.no_quorum_reason = "" if quorum.met or not contact else no_quorum_reason
    meeting.save(update_fields=["status", "quorum_met", "no_quorum_reason"])
    record_on(MeetingAudit.HELD, actor, meeting, present=len(present_ids), quorum=meeting.quorum_met)
    return quorum


@transaction.atomic
def cancel_meeting(actor: Actor, meeting: Meeting, *, reason: str) -> Meeting:
    _require_organiser(actor, meeting)
    if meeting.status != MeetingStatus.PLANNED:
        raise ActionRefused(_("Only a planned meeting can be cancelled."))
    if not reason.strip():
        raise ActionRefused(_("Give a reason for cancelling."))
    meeting.status = MeetingStatus.CANCELLED
    meeting.cancel_reason = reason
    meeting.save(update_fields=["status", "cancel_reason"])
    record_on(MeetingAudit.CANCELLED, actor, meeting)
    return meeting


@transaction.atomic
def save_quorum_rule(
    actor: Actor, partnership: Partnership, *, municipality: int, police: int, secretary: bool
) -> MeetingSettings:
    from varde.concerns.permissions import partnerships_administered_by

    if not partnerships_administered_by(actor).filter(pk=partnership.pk).exists():
        raise PermissionDenied
    rule = settings_for(partnership)
    rule.quorum_municipality, rule.quorum_police, rule.quorum_secretary = municipality, police, secretary
    rule.save()
    record_event(
        MeetingAudit.MEETING_SETTINGS_SAVED,
        actor=actor,
        obj=rule,
        partnership=partnership,
        detail={"municipality": municipality, "police": police, "secretary": secretary},
    )
    return rule


# Calendar feeds -----------------------------------------------------------------------------------


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def create_calendar_feed(actor: User) -> str:
    """A new private feed address; earlier ones stop working. Returns the token, shown only now."""
    revoke_calendar_feeds(actor)
    token = secrets.token_urlsafe(32)
    CalendarFeed.objects.create(user=actor, token_hash=token_hash(token))
    record_event(MeetingAudit.CALENDAR_FEED_CREATED, actor=actor, obj=actor)
    return token


@transaction.atomic
def revoke_calendar_feeds(actor: User) -> int:
    revoked = CalendarFeed.objects.filter(user=actor, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if revoked:
        record_event(MeetingAudit.CALENDAR_FEED_REVOKED, actor=actor, obj=actor)
    return revoked


# The agenda -----------------------------------------------------------------------------------------


def _require_open_agenda(meeting: Meeting) -> None:
    if meeting.status != MeetingStatus.PLANNED:
        raise ActionRefused(_("The agenda can be changed only before the meeting is held."))


def _minutes_locked(meeting: Meeting) -> bool:
    return Minutes.objects.filter(meeting=meeting, status=MinutesStatus.APPROVED).exists()


def _next_position(meeting: Meeting) -> int:
    last = meeting.items.order_by("-position").values_list("position", flat=True).first()
    return (last or 0) + 1


@transaction.atomic
def prepare_case_item(
    actor: Actor, meeting: Meeting, *, concern: Concern, kind: str, summary: str, legal_basis: LegalBasis
) -> AgendaItem:
    """Put a concern on the agenda: only its owner can, with a shared summary and a legal basis."""
    require_owner(actor, concern)
    if not meeting.has_case_items or concern.partnership_id != meeting.partnership_id:
        raise ActionRefused(_("Concerns are discussed only in the partnership's contact meetings."))
    _require_open_agenda(meeting)
    if kind not in ItemKind.about_a_case():
        raise ActionRefused(_("Choose what kind of point this is."))
    if not summary.strip():
        raise ActionRefused(_("Write the shared summary the meeting will see."))
    require_open(concern)
    if legal_basis.partnership_id != concern.partnership_id or legal_basis.retired_at is not None:
        raise ActionRefused(_("Choose a legal basis in use in this partnership."))
    if not legal_basis.citable_in_meetings_by(concern.owning_agency):
        raise ActionRefused(
            _("%(agency)s cannot cite this legal basis in a contact meeting.")
            % {"agency": concern.owning_agency}
        )
    if meeting.items.filter(concern=concern, kind=kind).exists():
        raise ActionRefused(_("This concern is already on the agenda for this."))
    item = AgendaItem.objects.create(
        meeting=meeting,
        position=_next_position(meeting),
        kind=kind,
        concern=concern,
        shared_summary=summary,
        legal_basis=legal_basis,
        owner_agency=concern.owning_agency,
        added_by=actor,
    )
    log(
        concern,
        actor,
        ConcernAudit.AGENDA_ITEM_PREPARED,
        detail={"meeting": str(meeting.pk), "legal_basis": legal_basis.citation},
        purpose="contact meeting",
    )
    return item


@transaction.atomic
def add_other_item(actor: Actor, meeting: Meeting, *, title: str, text: str = "") -> AgendaItem:
    """A point that is not about a concern. It can also be added while the minutes are written, for
    what came up in the meeting; points about concerns need their privacy check before."""
    _require_organiser(actor, meeting)
    if meeting.status == MeetingStatus.CANCELLED or (
        meeting.status == MeetingStatus.HELD and _minutes_locked(meeting)
    ):
        raise ActionRefused(_("The agenda can be changed only before the meeting is held."))
    if not title.strip():
        raise ActionRefused(_("Give the point a title."))
    if names_a_person_with_age(f"{title} {text}"):
        raise ActionRefused(
            _(
                "The point looks like it names a person and their age. A point about a person is added "
                "from the case, with the privacy check that decides what the meeting may see."
            )
        )
    item = AgendaItem.objects.create(
        meeting=meeting,
        position=_next_position(meeting),
        kind=ItemKind.OTHER,
        title=title,
        shared_summary=text,
        added_by=actor,
    )
    record_on(MeetingAudit.ITEM_ADDED, actor, meeting)
    return item


def may_remove(actor: Actor, item: AgendaItem) -> bool:
    # Rule: a point about a concern is taken off by its owner or the secretary; other points by organisers.
    if item.concern is None:
        return can_organise(actor, item.meeting)
    return can_change_concern(actor, item.concern) or is_secretary_in(actor, item.meeting.partnership)


@transaction.atomic
def move_item(actor: Actor, item: AgendaItem, *, up: bool) -> None:
    if not can_organise(actor, item.meeting):
        raise PermissionDenied
    _require_open_agenda(item.meeting)
    items = list(item.meeting.items.order_by("position", "added_at"))
    index = items.index(item)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(items):
        return
    items[index], items[other] = items[other], items[index]
    for position, each in enumerate(items, start=1):
        AgendaItem.objects.filter(pk=each.pk).update(position=position)
    record_on(MeetingAudit.AGENDA_REORDERED, actor, item.meeting)


@transaction.atomic
def remove_item(actor: Actor, item: AgendaItem) -> None:
    if not may_remove(actor, item):
        raise PermissionDenied
    _require_open_agenda(item.meeting)
    if item.concern is not None:
        log(item.concern, actor, ConcernAudit.AGENDA_ITEM_REMOVED, detail={"meeting": str(item.meeting_id)})
    record_on(MeetingAudit.ITEM_REMOVED, actor, item.meeting)
    item.delete()


# Minutes ----------------------------------------------------------------------------------------------


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
    actor: Actor,
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
    actor: Actor, item: AgendaItem, *, text: str, version: int | None = None
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
def add_next_step(actor: Actor, item: AgendaItem, *, step: NextStep) -> Task:
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


def _measure_for(actor: Actor, item: AgendaItem, step: NextStep, measure_type: MeasureType) -> Any:
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
def approve_minutes(actor: Actor, meeting: Meeting) -> Minutes:
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


def _lock(actor: Actor, minutes: Minutes) -> None:
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
def add_addendum(actor: Actor, meeting: Meeting, *, text: str) -> Addendum:
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
def complete_task(actor: Actor, task: Task) -> Task:
    if task.owner_id != getattr(actor, "pk", None):
        raise PermissionDenied
    if task.done_at is not None:
        raise ActionRefused(_("The task is already done."))
    task.done_at = timezone.now()
    task.save(update_fields=["done_at"])
    record_on(MeetingAudit.MINUTES_TASK_DONE, actor, task.item.meeting, task=str(task.pk))
    return task


def close_tasks_about(actor: Actor, concern: Any) -> int:
    """A closed concern's open tasks from meetings are closed with it: nobody works on a closed case."""
    return Task.objects.open().filter(item__concern=concern).update(done_at=timezone.now())

"""Who may see and arrange meetings.

- Contact meetings belong to the case handlers and secretaries of the partnership.
- The other meetings are also open to the action-plan manager, whose obligations they are evidence for.
- Anyone invited sees the meetings they are invited to.
- Organisers (secretaries, case handlers, and the plan manager for meetings without cases) schedule,
  invite and record attendance.
"""

from typing import Any

from django.db.models import F, Q, QuerySet

from varde.accounts.actors import Actor
from varde.accounts.models import Agency, Partnership, User
from varde.accounts.permissions import holds_role_in, partnership_ids_where_any, partnerships_where_any
from varde.accounts.policy import Policy
from varde.accounts.roles import Role
from varde.core.access import Capability, ObjectRule
from varde.core.functions import InSubquery

from .models import Meeting, MeetingKind, MeetingQuerySet, Participant


class MeetingPolicy(Policy[Meeting, MeetingQuerySet]):
    model = Meeting
    related = ("partnership", "organiser")

    def rule(self, actor: Actor, capability: Capability) -> Q:
        # Rule: contact meetings are arranged by case handlers and secretaries; the others by the plan
        # manager too.
        contact = Q(
            kind=MeetingKind.CONTACT,
            partnership_id__in=partnership_ids_where_any(
                actor, MeetingCapability.ORGANISE_CONTACT_MEETINGS.roles
            ),
        )
        others = ~Q(kind=MeetingKind.CONTACT) & Q(
            partnership_id__in=partnership_ids_where_any(actor, MeetingCapability.ORGANISE.roles)
        )
        if capability is not MeetingCapability.READ:
            return contact | others
        # Rule: organisers see the meetings they may arrange, and everyone the meetings they are invited
        # to. A subquery rather than a join, so that no meeting is listed twice and, at national scale,
        # the database looks up the meetings by their partnership and id instead of testing every
        # meeting in the country against the rule.
        invited = Participant.objects.filter(user=actor).values("meeting_id")
        return contact | others | Q(InSubquery(F("pk"), invited))


MEETINGS = MeetingPolicy()


def meetings_visible_to(user: Actor) -> MeetingQuerySet:
    return MEETINGS.visible(user, MeetingCapability.READ)


def can_view_meeting(user: Actor, meeting: Meeting) -> bool:
    return MEETINGS.allows(user, meeting, MeetingCapability.READ)


def _organiser_roles(kind: str) -> frozenset[str]:
    return (
        MeetingCapability.ORGANISE_CONTACT_MEETINGS.roles
        if kind == MeetingKind.CONTACT
        else MeetingCapability.ORGANISE.roles
    )


def partnerships_organised_by(user: Actor, kind: str) -> QuerySet[Partnership]:
    return partnerships_where_any(user, _organiser_roles(kind))


def can_organise(user: Actor, meeting: Meeting) -> bool:
    return MEETINGS.allows(user, meeting, MeetingCapability.ORGANISE)


def get_meeting_for(user: Actor, pk: Any) -> Meeting:
    """Missing and forbidden both answer 404."""
    return MEETINGS.load(user, pk, MeetingCapability.READ)


def get_organised_meeting_for(user: Actor, pk: Any) -> Meeting:
    return MEETINGS.load(user, pk, MeetingCapability.ORGANISE)


def invitable_people(partnerships: Any) -> QuerySet[User]:
    """Active members of the partnerships, any role: the plan's meetings reach far beyond case handlers."""
    return (
        User.objects.filter(is_active=True, memberships__agency__partnership__in=partnerships)
        .distinct()
        .order_by("first_name", "last_name")
    )


def people_who_may_open(meeting: Meeting) -> QuerySet[User]:
    """can_view_meeting as a list: those whose roles open the meeting, and those invited to it. A
    meeting's tasks go only to them, or the owner would hold a task they can never see."""
    by_role = Q(
        memberships__agency__partnership_id=meeting.partnership_id,
        memberships__role__in=_organiser_roles(meeting.kind),
    )
    invited = Q(pk__in=meeting.participants.exclude(user=None).values("user"))
    return (
        User.objects.filter(by_role | invited, is_active=True).distinct().order_by("first_name", "last_name")
    )


def agency_of(user: User, partnership: Partnership) -> Agency | None:
    """The agency a person speaks for in a meeting: a secretary's, a case handler's, or any membership."""
    memberships = user.memberships.filter(agency__partnership=partnership).select_related("agency")
    preferred = [Role.SECRETARY, Role.COORDINATOR, Role.POLICE_CONTACT]
    for role in preferred:
        found = next((m for m in memberships if m.role == role), None)
        if found is not None:
            return found.agency
    first = memberships.first()
    return first.agency if first else None


def is_secretary_in(user: User, partnership: Partnership) -> bool:
    return holds_role_in(user, [Role.SECRETARY], partnership)


class MeetingRule(ObjectRule):
    ORGANISER_BY_KIND = (
        "meeting.organiser_by_kind",
        "contact meetings: case handlers and secretaries; others also the plan manager",
    )
    ORGANISER_OR_INVITED = (
        "meeting.organiser_or_invited",
        "organisers of the partnership's meetings, and those invited",
    )


_CONTACT = (Role.COORDINATOR, Role.POLICE_CONTACT, Role.SECRETARY)


class MeetingCapability(Capability):
    """What may be done with meetings."""

    ORGANISE = "meetings.organise", (*_CONTACT, Role.PLAN_MANAGER), MeetingRule.ORGANISER_BY_KIND
    ORGANISE_CONTACT_MEETINGS = "meetings.organise_contact_meetings", _CONTACT, MeetingRule.ORGANISER_BY_KIND
    READ = "meetings.read", (*Role,), MeetingRule.ORGANISER_OR_INVITED

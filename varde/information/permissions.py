"""Who may do what with the information pages and the events register.

- The partnership's communications role edits the pages. Everyone may read what is published;
  nobody outside the editors sees a draft.
- The partnership's case handlers (coordinators and police contacts) keep the events register and the
  coordination tasks; secretaries read it, since events go on the contact meetings' agenda.
- Risk notes are the police's: only police contacts read and write them.
"""

from typing import Any

from django.db.models import QuerySet

from varde.accounts.actors import Actor
from varde.accounts.models import Partnership, User
from varde.accounts.permissions import holds_role_in
from varde.accounts.policy import PartnershipPolicy
from varde.accounts.roles import Role
from varde.core.access import Capability, ObjectRule

from .models import Event, InfoPage


class InfoPagePolicy(PartnershipPolicy[InfoPage, QuerySet[InfoPage]]):
    model = InfoPage
    related = ("partnership",)


class EventPolicy(PartnershipPolicy[Event, QuerySet[Event]]):
    model = Event
    related = ("partnership",)


PAGES, EVENTS = InfoPagePolicy(), EventPolicy()


def pages_editable_by(user: Actor) -> QuerySet[InfoPage]:
    return PAGES.visible(user, InformationCapability.EDIT_PAGES)


def get_editable_page_for(user: Actor, pk: Any) -> InfoPage:
    return PAGES.load(user, pk, InformationCapability.EDIT_PAGES)


def can_edit(user: Actor, page: InfoPage) -> bool:
    return PAGES.allows(user, page, InformationCapability.EDIT_PAGES)


def events_visible_to(user: Actor) -> QuerySet[Event]:
    return EVENTS.visible(user, InformationCapability.READ_EVENTS)


def task_owners_for(event: Event) -> QuerySet[User]:
    """The people who may open the event, and so the only ones its tasks go to."""
    return (
        User.objects.filter(
            is_active=True,
            memberships__agency__partnership_id=event.partnership_id,
            memberships__role__in=InformationCapability.READ_EVENTS.roles,
        )
        .distinct()
        .order_by("first_name", "last_name")
    )


def get_event_for(user: Actor, pk: Any) -> Event:
    return EVENTS.load(user, pk, InformationCapability.READ_EVENTS)


def can_keep(user: Actor, partnership: Partnership) -> bool:
    return holds_role_in(user, InformationCapability.KEEP_EVENTS.roles, partnership)


def sees_risk_notes(user: Actor, partnership: Partnership) -> bool:
    return holds_role_in(user, InformationCapability.READ_RISK_NOTES.roles, partnership)


class InformationRule(ObjectRule):
    PAGES_OF_PARTNERSHIPS = "information.pages_of_partnerships", "pages of the user's partnerships"
    EVENTS_OF_PARTNERSHIPS = "information.events_of_partnerships", "events of the user's partnerships"


_EVENT_KEEPERS = (Role.COORDINATOR, Role.POLICE_CONTACT)


class InformationCapability(Capability):
    """What may be done with the information pages and the events register."""

    EDIT_PAGES = "information.edit_pages", (Role.COMMUNICATIONS,), InformationRule.PAGES_OF_PARTNERSHIPS
    READ_EVENTS = (
        "information.read_events",
        (*_EVENT_KEEPERS, Role.SECRETARY),
        InformationRule.EVENTS_OF_PARTNERSHIPS,
    )
    KEEP_EVENTS = "information.keep_events", _EVENT_KEEPERS, InformationRule.EVENTS_OF_PARTNERSHIPS
    # Rule: risk notes are police information; only the police's case handlers see them.
    READ_RISK_NOTES = (
        "information.read_risk_notes",
        (Role.POLICE_CONTACT,),
        InformationRule.EVENTS_OF_PARTNERSHIPS,
    )

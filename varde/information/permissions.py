"""Who may do what with the information pages and the events register.

- The partnership's communications role edits the pages. Everyone may read what is published;
  nobody outside the editors sees a draft.
- The partnership's case handlers (coordinators and police contacts) keep the events register and the
  coordination tasks; secretaries read it, since events go on the contact meetings' agenda.
- Risk notes are the police's: only police contacts read and write them.
"""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from varde.accounts.models import Partnership, User
from varde.accounts.permissions import holds_role_in, partnerships_where_any
from varde.accounts.roles import Role
from varde.core.access import Capability, ObjectRule

from .models import Event, InfoPage

EDITORS = (Role.COMMUNICATIONS,)


def pages_editable_by(user: Any) -> QuerySet[InfoPage]:
    return InfoPage.objects.filter(partnership__in=partnerships_where_any(user, EDITORS))


def get_editable_page_for(user: Any, pk: Any) -> InfoPage:
    page = pages_editable_by(user).select_related("partnership").filter(pk=pk).first()
    if page is None:
        raise Http404
    return page


def can_edit(user: Any, page: InfoPage) -> bool:
    return pages_editable_by(user).filter(pk=page.pk).exists()


EVENT_KEEPERS = (Role.COORDINATOR, Role.POLICE_CONTACT)
EVENT_READERS = (*EVENT_KEEPERS, Role.SECRETARY)
RISK_NOTE_READERS = (Role.POLICE_CONTACT,)


def events_visible_to(user: Any) -> QuerySet[Event]:
    return Event.objects.filter(partnership__in=partnerships_where_any(user, EVENT_READERS))


def task_owners_for(event: Event) -> QuerySet[User]:
    """The people who may open the event, and so the only ones its tasks go to."""
    return (
        User.objects.filter(
            is_active=True,
            memberships__agency__partnership_id=event.partnership_id,
            memberships__role__in=EVENT_READERS,
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
    return holds_role_in(user, EVENT_KEEPERS, partnership)


def sees_risk_notes(user: Any, partnership: Partnership) -> bool:
    # Rule: risk notes are police information; only the police's case handlers see them.
    return holds_role_in(user, RISK_NOTE_READERS, partnership)


class InformationRule(ObjectRule):
    PAGES_OF_PARTNERSHIPS = "information.pages_of_partnerships", "pages of the user's partnerships"
    EVENTS_RISK_NOTES_POLICE = (
        "information.events_risk_notes_police",
        "events of the user's partnerships; risk notes police only",
    )
    EVENTS_OF_PARTNERSHIPS = "information.events_of_partnerships", "events of the user's partnerships"


class InformationCapability(Capability):
    """What may be done with the information pages and the events register."""

    EDIT_PAGES = "information.edit_pages", (*EDITORS,), InformationRule.PAGES_OF_PARTNERSHIPS
    READ_EVENTS = "information.read_events", (*EVENT_READERS,), InformationRule.EVENTS_RISK_NOTES_POLICE
    KEEP_EVENTS = "information.keep_events", (*EVENT_KEEPERS,), InformationRule.EVENTS_OF_PARTNERSHIPS

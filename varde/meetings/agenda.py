"""The agenda that writes itself, and what each person sees of each point.

Proposals are computed, not stored: for a case handler, the concerns their own agency owns that wait
for discussion, measures due for review and reviews after closure due by the meeting's day. They
become points only when the owning agency writes a shared summary and chooses the legal basis.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import timezone

from varde.accounts.actors import Actor
from varde.accounts.permissions import handler_agencies
from varde.concerns.choices import Part
from varde.concerns.models import Concern, Disclosure, Measure, Review
from varde.concerns.permissions import owned_concerns_of
from varde.concerns.workflow import ASSESSMENT_PHASE

from .models import AgendaItem, ItemKind, Meeting, MeetingStatus, Participant
from .permissions import can_organise, is_secretary_in

LIMIT = 30


@dataclass(frozen=True)
class Proposal:
    kind: str
    concern: Concern
    detail: str
    due_on: date | None = None

    @property
    def label(self) -> str:
        return str(ItemKind(self.kind).label)


def proposals_for(user: Actor, meeting: Meeting) -> list[Proposal]:
    """What the user's own agency could bring to this contact meeting, not yet on its agenda."""
    if not meeting.has_case_items:
        return []
    day = timezone.localdate(meeting.starts_at)
    owned = owned_concerns_of(user).filter(partnership=meeting.partnership)
    taken = set(meeting.items.exclude(concern=None).values_list("concern_id", "kind"))
    proposals = [
        Proposal(ItemKind.CASE, concern, str(concern.get_status_display()), concern.assessment_due)
        for concern in owned.filter(status__in=ASSESSMENT_PHASE).order_by("assessment_due", "created_at")[
            :LIMIT
        ]
    ]
    proposals += [
        Proposal(ItemKind.MEASURE_REVIEW, measure.concern, str(measure.measure_type), measure.next_review)
        for measure in Measure.objects.running()
        .filter(concern__in=owned, next_review__lte=day)
        .select_related("concern", "measure_type")
        .order_by("next_review")[:LIMIT]
    ]
    proposals += [
        Proposal(ItemKind.CLOSURE_REVIEW, review.concern, "", review.due_on)
        for review in Review.objects.pending()
        .filter(concern__in=owned, due_on__lte=day)
        .select_related("concern")
        .order_by("due_on")[:LIMIT]
    ]
    return [p for p in proposals if (p.concern.pk, p.kind) not in taken]


@dataclass(frozen=True)
class ItemView:
    """One point as one person sees it: the owner sees their case; everyone else the shared summary,
    by reference and age band, and the name only when identity has been disclosed to them."""

    item: AgendaItem
    is_owner: bool
    shows_name: bool
    removable: bool = False


def items_for(user: Actor, meeting: Meeting) -> list[ItemView]:
    """Each point as the user sees it, in a constant number of queries."""
    items = list(meeting.items.select_related("concern", "legal_basis", "owner_agency", "added_by"))
    organiser = can_organise(user, meeting)
    secretary = is_secretary_in(user, meeting.partnership)
    agencies = set(handler_agencies(user).values_list("pk", flat=True))
    concern_ids = [item.concern_id for item in items if item.concern_id]
    # The parts are a JSON list, which SQLite cannot search; a meeting has few points.
    identity_disclosed = {
        concern_id
        for concern_id, parts in Disclosure.objects.in_force()
        .filter(concern_id__in=concern_ids, to_agency__in=agencies)
        .values_list("concern_id", "parts")
        if Part.IDENTITY in parts
    }
    views = []
    for item in items:
        concern = item.concern
        in_use = concern is not None and concern.restricted_at is None
        # Rule: the owning agency's case handlers see their own case behind the point.
        is_owner = in_use and concern is not None and concern.owning_agency_id in agencies
        # Rule: the name shows only to the owner, or where identity is disclosed to the viewer's agency.
        shows_name = (
            in_use
            and concern is not None
            and concern.is_named
            and (is_owner or concern.pk in identity_disclosed)
        )
        # Rule: the owner or the secretary takes a case point off; organisers take other points off.
        removable = (secretary or is_owner) if concern is not None else organiser
        views.append(ItemView(item, is_owner=is_owner, shows_name=shows_name, removable=removable))
    return views


@dataclass(frozen=True)
class Suggestion:
    """A point that is not about a concern, proposed by another app (events coming up, plan items due)."""

    title: str
    detail: str
    when: date | None = None


SuggestionSource = Callable[[Meeting], list[Suggestion]]
_suggestion_sources: list[SuggestionSource] = []


def register_suggestions(source: SuggestionSource) -> None:
    if source not in _suggestion_sources:
        _suggestion_sources.append(source)


def suggestions_for(meeting: Meeting) -> list[Suggestion]:
    """What other apps propose for a contact meeting, less what is already on its agenda."""
    if not meeting.has_case_items:
        return []
    taken = set(meeting.items.values_list("title", flat=True))
    return [s for source in _suggestion_sources for s in source(meeting) if s.title not in taken]


def agencies_that_discussed(concern: Concern) -> set[Any]:
    """Agencies with someone present at a held contact meeting where the concern was a point: they may
    take part in its structured assessment."""
    return set(
        Participant.objects.filter(
            meeting__items__concern=concern,
            meeting__status=MeetingStatus.HELD,
            attended=True,
            agency__isnull=False,
        ).values_list("agency_id", flat=True)
    )

"""Meetings the caller may see; a point about a concern shows only its shared summary."""

from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema
from ninja.pagination import paginate

from varde.meetings.models import ItemKind, Meeting, MeetingKind, MeetingStatus
from varde.meetings.permissions import MeetingCapability, get_meeting_for, meetings_visible_to

from ..auth import scoped
from ..common import Pages, admits, caller, coded, shown, with_etag
from ..errors import ERRORS

router = Router(tags=["meetings"])


class MeetingSummary(Schema):
    id: UUID
    kind: Annotated[str, coded(MeetingKind)]
    title: str
    starts_at: datetime
    ends_at: datetime
    location: str
    status: Annotated[str, coded(MeetingStatus)]


class AgendaItemOut(Schema):
    position: int
    kind: Annotated[str, coded(ItemKind)]
    title: str
    shared_summary: str


class MeetingOut(MeetingSummary):
    items: list[AgendaItemOut]

    @staticmethod
    def resolve_items(meeting: Meeting) -> list[dict[str, Any]]:
        # Case points carry no reference or name here: only what was written to be shared.
        return [
            {
                "position": item.position,
                "kind": item.kind,
                "title": item.title,
                "shared_summary": item.shared_summary,
            }
            for item in meeting.items.order_by("position")
        ]


@router.get("/meetings", auth=scoped("read"), response={200: list[MeetingSummary], **ERRORS})
@paginate(Pages)
@admits(MeetingCapability.READ)
def list_meetings(request: HttpRequest) -> QuerySet[Meeting]:
    """The meetings the caller organises or is invited to, newest first."""
    user = caller(request)
    return meetings_visible_to(user).order_by("-starts_at", "id")


@router.get("/meetings/{meeting_id}", auth=scoped("read"), response={200: MeetingOut, 304: None, **ERRORS})
@admits(MeetingCapability.READ)
def read_meeting(request: HttpRequest, response: HttpResponse, meeting_id: UUID) -> Any:
    user = caller(request)
    return with_etag(request, response, shown(MeetingOut, get_meeting_for(user, meeting_id)))

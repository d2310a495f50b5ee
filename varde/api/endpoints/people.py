"""Who the caller is, the legal bases they may cite, and their notifications."""

from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from varde.accounts.permissions import partnerships_where_any
from varde.accounts.roles import Role
from varde.concerns.choices import BasisDirection, LegalBasisKind
from varde.concerns.models import LegalBasis
from varde.concerns.permissions import ConcernCapability
from varde.core.access import ANY_MEMBER

from ..auth import scoped
from ..common import CURSOR, MAX_PAGE, Pages, Stretches, admits, caller, coded
from ..errors import ERRORS

router = Router(tags=["people"])


class Membership(Schema):
    partnership: str
    partnership_id: UUID
    agency: str
    agency_id: UUID
    role: Annotated[str, coded(Role)]


class Me(Schema):
    username: str
    name: str
    memberships: list[Membership]
    scopes: list[str] | None


@router.get("/me", auth=scoped("read"), response={200: Me, **ERRORS})
@admits(ANY_MEMBER)
def read_me(request: HttpRequest) -> Any:
    """The caller, their memberships, and the token's scopes (null for a browser session)."""
    user = caller(request)
    memberships = user.memberships.select_related("agency__partnership").order_by("agency__name", "role")
    token = getattr(request, "access_token", None)
    return {
        "username": user.username,
        "name": user.display_name,
        "memberships": [
            {
                "partnership": m.agency.partnership.slug,
                "partnership_id": m.agency.partnership_id,
                "agency": m.agency.name,
                "agency_id": m.agency_id,
                "role": m.role,
            }
            for m in memberships
        ],
        "scopes": token.scopes if token is not None else None,
    }


class LegalBasisOut(Schema):
    id: UUID
    partnership: str
    code: str
    version: int
    title: str
    citation: str
    kind: Annotated[str, coded(LegalBasisKind)]
    direction: Annotated[str, coded(BasisDirection)] = Field(description="which way an agency may rely on it")
    in_meetings: bool
    needs_legal_review: bool


@router.get("/legal-bases", auth=scoped("read"), response={200: list[LegalBasisOut], **ERRORS})
@paginate(Pages)
@admits(ConcernCapability.READ_LEGAL_BASES)
def list_legal_bases(request: HttpRequest) -> Any:
    """The legal bases in force in the caller's partnerships, with who may rely on each: a
    disclosure or an agenda point citing a basis its agency may not rely on is refused."""
    user = caller(request)
    partnerships = partnerships_where_any(user, ConcernCapability.READ_LEGAL_BASES.roles or ())
    bases = LegalBasis.objects.filter(partnership__in=partnerships, retired_at__isnull=True)
    return [
        {
            **{field: getattr(basis, field) for field in LegalBasisOut.model_fields},
            "partnership": basis.partnership.slug,
        }
        for basis in bases.select_related("partnership").order_by("partnership__slug", "citation", "-version")
    ]


class NotificationOut(Schema):
    id: UUID
    message: str
    link: str = Field(description="the page it is about, as a path; empty when none")
    created_at: datetime
    read_at: datetime | None


class NewestNotifications(Stretches):
    time_field = "created_at"
    uuid_ids = True

    class Input(Schema):
        limit: int = Field(50, ge=1, le=MAX_PAGE, description=f"at most {MAX_PAGE}")
        cursor: str = Field("", pattern=r"^([0-9]{1,16}\.[0-9a-f]{32})?$", description=CURSOR)


@router.get("/notifications", auth=scoped("read"), response={200: list[NotificationOut], **ERRORS})
@paginate(NewestNotifications)
@admits(ANY_MEMBER)
def list_notifications(request: HttpRequest, unread: bool = False) -> Any:
    """The caller's notifications, newest first, page by page from `next`: one that arrives while
    they are read never pushes another onto the next page twice. They name no person."""
    notifications = caller(request).notifications.all()
    return notifications.unread() if unread else notifications

import secrets
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from varde.accounts.actors import Actor
from varde.core.audit import record_event
from varde.core.errors import ActionRefused

from ..audit_actions import ConcernAudit
from ..choices import Status
from ..models import Concern, ConcernEvent
from ..permissions import can_change_concern

# No 0/O or 1/I/L: references are read aloud on the phone.
_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_reference() -> str:
    while True:
        code = "".join(secrets.choice(_ALPHABET) for _ in range(8))
        reference = f"{code[:4]}-{code[4:]}"
        if not Concern.objects.filter(reference=reference).exists():
            return reference


def require_owner(actor: Actor, concern: Concern) -> None:
    if not can_change_concern(actor, concern):
        raise PermissionDenied


def require_open(concern: Concern) -> None:
    """A closed concern is read-only for its owners until it is reopened: nothing new is recorded,
    started or disclosed from it."""
    if concern.status == Status.CLOSED:
        raise ActionRefused(_("The concern is closed. Reopen it first."))


def log(
    concern: Concern,
    actor: Actor | None,
    action: ConcernAudit,
    *,
    reason: str = "",
    from_status: str = "",
    to_status: str = "",
    detail: dict[str, Any] | None = None,
    purpose: str = "",
) -> None:
    """One line in the concern's timeline and one event in the audit trail."""
    ConcernEvent.objects.create(
        concern=concern,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action.timeline_kind,
        reason=reason,
        from_status=from_status,
        to_status=to_status,
    )
    record_event(
        action,
        actor=actor,
        obj=concern,
        partnership=concern.partnership,
        agency=concern.owning_agency,
        purpose=purpose,
        detail={"reference": concern.reference, **(detail or {})},
    )

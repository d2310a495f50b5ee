"""Creating, using and revoking personal access tokens. Every creation and revocation is audited."""

import hashlib
import secrets
import uuid
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from varde.accounts.actors import Actor
from varde.api.audit_actions import ApiAudit
from varde.core.audit import record_event
from varde.core.errors import ActionRefused

from .models import AccessToken, Scope

PREFIX = "varde_"
LONGEST_LIFETIME_DAYS = 365
DEFAULT_LIFETIME_DAYS = 90
# Writing last_used_at on every call would turn each read into a write; once a minute is enough.
LAST_USED_PRECISION = timedelta(minutes=1)


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _check(name: str, scopes: Iterable[str], days: int) -> list[str]:
    chosen = sorted(set(scopes))
    if not name.strip():
        raise ActionRefused(_("Give the token a name, so you know later what it is for."))
    if not chosen or any(scope not in Scope.values for scope in chosen):
        raise ActionRefused(_("Choose at least one scope from the list."))
    if not 1 <= days <= LONGEST_LIFETIME_DAYS:
        raise ActionRefused(_("A token lives from 1 to %(days)d days.") % {"days": LONGEST_LIFETIME_DAYS})
    return chosen


@transaction.atomic
def create_token(
    actor: Actor | None, *, user: Actor, name: str, scopes: Iterable[str], days: int = DEFAULT_LIFETIME_DAYS
) -> tuple[AccessToken, str]:
    """A new token for the user and its secret, which is never stored and cannot be shown again."""
    chosen = _check(name, scopes, days)
    secret = PREFIX + secrets.token_urlsafe(32)
    token = AccessToken.objects.create(
        user=user,
        name=name.strip(),
        prefix=secret[: len(PREFIX) + 4],
        secret_hash=_hash(secret),
        scopes=chosen,
        expires_at=timezone.now() + timedelta(days=days),
    )
    record_event(
        ApiAudit.TOKEN_CREATED,
        actor=actor,
        obj=token,
        detail={"user": user.get_username(), "scopes": chosen, "days": days},
    )
    return token, secret


@transaction.atomic
def revoke_token(actor: Actor | None, token: AccessToken) -> AccessToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        record_event(
            ApiAudit.TOKEN_REVOKED, actor=actor, obj=token, detail={"user": token.user.get_username()}
        )
    return token


def token_for(secret: str) -> AccessToken | None:
    """The usable token with this secret, or None; notes when it was last used."""
    if not secret.startswith(PREFIX):
        return None
    token = AccessToken.objects.usable().select_related("user").filter(secret_hash=_hash(secret)).first()
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
        AccessToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def token_with_id(value: Any, user: Actor | None = None) -> AccessToken | None:
    """The token with this id (of this user, when given); None for anything else, malformed ids too."""
    try:
        pk = uuid.UUID(str(value))
    except ValueError:
        return None
    tokens = AccessToken.objects.filter(pk=pk)
    return (tokens.filter(user=user) if user is not None else tokens).select_related("user").first()

"""Who a request can be from, as the core sees them: the doors and the audit trail need only this much
of a person, whether signed in or not. The accounts app's User is one (and its Actor type, for the apps)."""

from collections.abc import Iterable
from typing import Any, Protocol

from django.contrib.auth.models import AnonymousUser


class Someone(Protocol):
    """Anyone: a signed-in person or an anonymous visitor."""

    pk: Any

    @property
    def is_authenticated(self) -> bool: ...

    def get_username(self) -> str: ...


class RoleHolder(Someone, Protocol):
    """A signed-in person, whose roles the doors ask about."""

    def has_any_role(self, roles: Iterable[str]) -> bool: ...


type Visitor = RoleHolder | AnonymousUser

"""Access rules: every view declares who may use it, and anything undeclared is refused.

A rule answers one question at the door of a view: may this user open it at all? Which objects
they may see behind the door is decided by each app's permissions.py. A door is a capability: what
a person may do in an app, named once with the roles that grant it and the rule (named by a code)
that decides which objects it reaches; the access matrix is roles × capabilities.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum
from typing import Any, Self, TypeVar

from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.models import AnonymousUser
from django.db import models

from .people import Visitor


@dataclass(frozen=True)
class AccessRule:
    label: str
    login: bool = True
    # False only for the pages that let a user finish logging in (second factor, logout).
    second_factor: bool = True
    # None admits every logged-in user; otherwise the user needs one of these roles.
    roles: frozenset[str] | None = None
    # Names the object-level check the view adds, for the access matrix.
    object_check: str = ""
    # The capability the door stands for, by its code; empty for the doors every member or nobody passes.
    capability: str = ""
    # The scope an API token needs to pass the door; empty for the pages.
    scope: str = ""

    def admits_role(self, role: str) -> bool:
        return self.roles is None or role in self.roles

    def allows(self, user: Visitor) -> bool:
        if not self.login:
            return True
        if isinstance(user, AnonymousUser) or not user.is_authenticated:
            return False
        if self.roles is None:
            return True
        return bool(user.has_any_role(self.roles))


PUBLIC = AccessRule("public", login=False, second_factor=False)
LOGGING_IN = AccessRule("logged in, before the second factor", second_factor=False)
ANY_MEMBER = AccessRule("any logged-in user")


class ObjectRule(models.TextChoices):
    """The check on which objects a capability reaches, by a code and in words; each app names its own."""


class Capability(Enum):
    """What a person may do in one app: its code, the roles that grant it, and its object rule."""

    roles: frozenset[str]
    rule: ObjectRule | None

    def __new__(cls, code: str, granted_to: Iterable[str], rule: ObjectRule | None = None) -> Self:
        capability = object.__new__(cls)
        capability._value_ = code
        capability.roles = frozenset(granted_to)
        capability.rule = rule
        return capability

    @property
    def door(self) -> AccessRule:
        return AccessRule(
            "capability: " + self.value,
            roles=self.roles,
            object_check=self.rule.value if self.rule is not None else "",
            capability=self.value,
        )


View = TypeVar("View", bound=Callable[..., Any])


def door_of(declared: AccessRule | Capability) -> AccessRule:
    return declared.door if isinstance(declared, Capability) else declared


def access(declared: AccessRule | Capability) -> Callable[[View], View]:
    """Declare the access rule of a view, or the capability it needs. A view without one answers 404
    to everyone."""
    rule = door_of(declared)

    def decorate(view: View) -> View:
        if not rule.login:
            view = login_not_required(view)
        view.access_rule = rule  # type: ignore[attr-defined]
        return view

    return decorate


def rule_of(view: Callable[..., Any]) -> AccessRule | None:
    return getattr(view, "access_rule", None)

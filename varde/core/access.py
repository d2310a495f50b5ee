"""Access rules: every view declares who may use it, and anything undeclared is refused.

A rule answers one question at the door of a view: may this user open it at all? Which objects
they may see behind the door is decided by each app's permissions.py.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.contrib.auth.decorators import login_not_required


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

    def admits_role(self, role: str) -> bool:
        return self.roles is None or role in self.roles

    def allows(self, user: Any) -> bool:
        if not self.login:
            return True
        if not user.is_authenticated:
            return False
        if self.roles is None:
            return True
        return bool(user.has_any_role(self.roles))


PUBLIC = AccessRule("public", login=False, second_factor=False)
LOGGING_IN = AccessRule("logged in, before the second factor", second_factor=False)
ANY_MEMBER = AccessRule("any logged-in user")


def roles(*codes: str, object_check: str = "") -> AccessRule:
    return AccessRule("roles: " + ", ".join(sorted(codes)), roles=frozenset(codes), object_check=object_check)


View = TypeVar("View", bound=Callable[..., Any])


def access(rule: AccessRule) -> Callable[[View], View]:
    """Declare the access rule of a view. A view without one answers 404 to everyone."""

    def decorate(view: View) -> View:
        if not rule.login:
            view = login_not_required(view)
        view.access_rule = rule  # type: ignore[attr-defined]
        return view

    return decorate


def rule_of(view: Callable[..., Any]) -> AccessRule | None:
    return getattr(view, "access_rule", None)

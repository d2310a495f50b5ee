"""Login, failed login, lockout and logout go into the audit trail.

These are signal receivers because every authentication path (password, OpenID Connect, a
future one) sends Django's auth signals; hooking the views would miss some of them.
"""

from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from varde.accounts.audit_actions import AccountAudit
from varde.core.audit import record_event

from .middleware import start_session_clock
from .models import User
from .throttle import count_failure, forget_failures_of


def _account_named(credentials: dict[str, Any]) -> User | None:
    # What was typed is never stored: it may be a mistyped password or someone else's name.
    username = credentials.get("username")
    if not isinstance(username, str):
        return None
    return User.objects.filter(username=username).first()


@receiver(user_logged_in)
def record_login(sender: Any, request: Any, user: User, **kwargs: Any) -> None:
    record_event(AccountAudit.LOGIN_SUCCEEDED, actor=user, obj=user)
    forget_failures_of(user)
    if request is not None and hasattr(request, "session"):
        start_session_clock(request)


@receiver(user_login_failed)
def record_failed_login(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    account = _account_named(credentials)
    if request is not None:
        count_failure(request, credentials.get("username"))
    record_event(
        AccountAudit.LOGIN_FAILED,
        obj=account,
        object_type="user",
        detail={"known_account": account is not None},
    )


@receiver(user_locked_out)
def record_lockout(sender: Any, request: Any, username: str | None = None, **kwargs: Any) -> None:
    account = _account_named({"username": username})
    record_event(
        AccountAudit.LOGIN_LOCKED_OUT,
        obj=account,
        object_type="user",
        detail={"known_account": account is not None},
    )


@receiver(user_logged_out)
def record_logout(sender: Any, request: Any, user: User | None, **kwargs: Any) -> None:
    if user is not None:
        record_event(AccountAudit.LOGOUT, actor=user, obj=user)

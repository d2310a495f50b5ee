"""Failed logins counted per network address and per name, beside django-axes's lock on the name.

- An address with VARDE_LOGIN_ADDRESS_LIMIT failures in the window is refused before any password is
  checked, whichever names it tries: guessing across many names, or locking many accounts, stops.
  The limit is well above one account's, so colleagues behind one office address are not shut out by
  one person's typos.
- The lock on a name grows with the failures since its last successful login (1, 2, 4, 8, then at
  most VARDE_LOCKOUT_MINUTES minutes), so a few wrong tries by someone else cost the owner a minute,
  not a quarter of an hour.

What was typed and where from are kept only as keyed hashes, and only for a day.
"""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from varde.core.addresses import client_address
from varde.core.crypto import keyed_digest

from .models import LoginFailure, User

ADDRESS_WINDOW = timedelta(minutes=15)
KEPT_FOR = timedelta(days=1)
FIRST_LOCK = timedelta(minutes=1)


def _address_key(request: HttpRequest) -> str:
    return keyed_digest("address:" + client_address(request))


def _name_key(username: str) -> str:
    return keyed_digest("name:" + username.strip().casefold())


def address_blocked(request: HttpRequest) -> bool:
    since = timezone.now() - ADDRESS_WINDOW
    failures = LoginFailure.objects.filter(key_hash=_address_key(request), failed_at__gte=since)
    return failures.count() >= settings.VARDE_LOGIN_ADDRESS_LIMIT


def count_failure(request: HttpRequest, username: Any) -> None:
    now = timezone.now()
    LoginFailure.objects.filter(failed_at__lt=now - KEPT_FOR).delete()
    keys = [_address_key(request)]
    if isinstance(username, str) and username.strip():
        keys.append(_name_key(username))
    LoginFailure.objects.bulk_create(LoginFailure(key_hash=key, failed_at=now) for key in keys)


def forget_failures_of(user: User) -> None:
    LoginFailure.objects.filter(key_hash=_name_key(user.username)).delete()


def lockout_time(request: HttpRequest | None) -> timedelta:
    """How long django-axes locks the name being tried (its AXES_COOLOFF_TIME)."""
    longest = timedelta(minutes=settings.VARDE_LOCKOUT_MINUTES)
    username = request.POST.get("username", "") if request is not None else ""
    if not username:
        return longest
    failures = LoginFailure.objects.filter(key_hash=_name_key(username)).count()
    limit: int = settings.AXES_FAILURE_LIMIT
    rounds = max(failures - 1, 0) // limit  # 0 for the first lock
    growing: timedelta = FIRST_LOCK * 2**rounds
    return min(growing, longest)

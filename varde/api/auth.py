"""Who is calling: a personal access token (Bearer) with the scope the endpoint needs, or a logged-in
browser session that has passed the second factor. Either way the caller is a user, and every
endpoint asks the same permissions.py functions as the pages.
"""

import math
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja.security import APIKeyCookie, HttpBearer
from ninja.throttling import SimpleRateThrottle

from varde.accounts.second_factor import second_factor_satisfied

from .errors import ApiError
from .tokens import token_for


class UserRateThrottle(SimpleRateThrottle):
    """Requests per minute, counted per user: a person's tokens and browser session share one limit,
    so that making more tokens does not buy more requests."""

    def __init__(self) -> None:
        super().__init__(f"{settings.VARDE_API_REQUESTS_PER_MINUTE}/min")

    def allow_request(self, request: HttpRequest) -> bool:
        # Read on every call, so that the setting can change without rebuilding the API.
        self.num_requests = settings.VARDE_API_REQUESTS_PER_MINUTE
        allowed = super().allow_request(request)
        if self.key is not None:
            oldest_drops_out = self.duration - (self.now - self.history[-1]) if self.history else 0
            request.rate_limit = RateLimit(  # type: ignore[attr-defined]
                limit=self.num_requests,
                remaining=max(self.num_requests - len(self.history), 0),
                reset=math.ceil(oldest_drops_out),
                window=int(self.duration or 60),
            )
        return allowed

    def get_cache_key(self, request: HttpRequest) -> str | None:
        user = getattr(request, "auth", None)
        return f"api-throttle-user-{user.pk}" if user is not None else None


@dataclass(frozen=True)
class RateLimit:
    limit: int
    remaining: int
    reset: int
    window: int


def rate_limit_headers(request: HttpRequest) -> dict[str, str]:
    """The caller's limit, what is left of it and the seconds until the oldest request counted drops
    out (the IETF RateLimit header fields), so that a client can slow down before a 429."""
    found: RateLimit | None = getattr(request, "rate_limit", None)
    if found is None:
        return {}
    return {
        "RateLimit-Limit": str(found.limit),
        "RateLimit-Remaining": str(found.remaining),
        "RateLimit-Reset": str(found.reset),
        "RateLimit-Policy": f"{found.limit};w={found.window}",
    }


class TokenAuth(HttpBearer):
    def __init__(self, scope: str) -> None:
        super().__init__()
        self.scope = scope

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = token_for(token)
        if found is None:
            return None
        if self.scope not in found.scopes:
            raise ApiError(403, "scope_missing", _("This token does not have the scope this call needs."))
        request.user = found.user
        request.access_token = found  # type: ignore[attr-defined]
        return found.user


class SessionAuth(APIKeyCookie):
    """The browser's own session, for the docs page and the site's scripts; CSRF applies to writes."""

    param_name = settings.SESSION_COOKIE_NAME

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = request.user
        if isinstance(user, AnonymousUser) or not (user.is_active and second_factor_satisfied(request, user)):
            return None
        # A one-time password opens only the page where the user replaces it.
        return None if user.must_change_password else user


SESSION = SessionAuth()


def scoped(scope: str) -> list[Any]:
    """The authentication an endpoint with this scope accepts."""
    return [TokenAuth(scope), SESSION]

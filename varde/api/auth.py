"""Who is calling: a personal access token (Bearer) with the scope the endpoint needs, or a logged-in
browser session that has passed the second factor. Either way the caller is a user, and every
endpoint asks the same permissions.py functions as the pages.
"""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja.security import APIKeyCookie, HttpBearer
from ninja.throttling import SimpleRateThrottle

from varde.accounts.second_factor import second_factor_satisfied

from .errors import ApiError
from .tokens import token_for


class TokenRateThrottle(SimpleRateThrottle):
    """Requests per minute, counted per token (per user for a browser session)."""

    def __init__(self) -> None:
        super().__init__(f"{settings.VARDE_API_REQUESTS_PER_MINUTE}/min")

    def allow_request(self, request: HttpRequest) -> bool:
        # Read on every call, so that the setting can change without rebuilding the API.
        self.num_requests = settings.VARDE_API_REQUESTS_PER_MINUTE
        return super().allow_request(request)

    def get_cache_key(self, request: HttpRequest) -> str | None:
        token = getattr(request, "access_token", None)
        ident = f"token-{token.pk}" if token is not None else f"user-{getattr(request.auth, 'pk', '')}"  # type: ignore[attr-defined]
        return f"api-throttle-{ident}"


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
        user: Any = request.user
        if not (user.is_authenticated and user.is_active and second_factor_satisfied(request)):
            return None
        # A one-time password opens only the page where the user replaces it.
        return None if user.must_change_password else user


SESSION = SessionAuth()


def scoped(scope: str) -> list[Any]:
    """The authentication an endpoint with this scope accepts."""
    return [TokenAuth(scope), SESSION]

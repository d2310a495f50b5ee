import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from varde.accounts.actors import Actor, ActorRequest
from varde.core.access import rule_of

from .second_factor import has_authenticator, second_factor_satisfied


class FirstStepsMiddleware:
    """Sends a signed-in user through what every page waits for: the second factor their roles need
    (enrol or verify), then a password of their own in place of a one-time one, so the password an
    administrator or the operator saw works for one login only."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: ActorRequest, view_func: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        rule = rule_of(view_func)
        user = request.user
        if rule is None or not rule.second_factor or not user.is_authenticated:
            return None
        step = self._next_step(request, user)
        if step is None:
            return None
        return redirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")

    @staticmethod
    def _next_step(request: HttpRequest, user: Actor) -> str | None:
        if not second_factor_satisfied(request, user):
            return "accounts:mfa_verify" if has_authenticator(user) else "accounts:mfa_setup"
        match = request.resolver_match
        if user.must_change_password and match is not None and match.view_name != "accounts:password_change":
            return "accounts:password_change"
        return None


STARTED_AT = "_varde_started_at"


def start_session_clock(request: HttpRequest) -> None:
    request.session[STARTED_AT] = int(time.time())


class SessionLifetimeMiddleware:
    """Ends a session VARDE_SESSION_HOURS after its login however busy it was, so a session left open
    on a shared machine, or a stolen cookie kept alive, has a hard end."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated and self._expired(request):
            logout(request)
            messages.info(
                request,
                _("You were logged out because your session is %(hours)s hours old. Log in again.")
                % {"hours": settings.VARDE_SESSION_HOURS},
            )
        return self.get_response(request)

    @staticmethod
    def _expired(request: HttpRequest) -> bool:
        started = request.session.get(STARTED_AT)
        # A session from before this rule has no start time: it ends too.
        return started is None or time.time() - started > settings.VARDE_SESSION_HOURS * 3600


RENEWED_AT = "_varde_renewed_at"
RENEW_EVERY_SECONDS = 60


class IdleTimeoutMiddleware:
    """Ends a session 30 idle minutes after its last request (SESSION_COOKIE_AGE) without writing the
    session on every request: a session in use is saved with a new expiry at most once a minute, so it
    ends between 29 and 30 minutes after the last request. Saving on every request cost each page view
    an UPDATE and a commit."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and not session.is_empty():
            now = int(time.time())
            if now - session.get(RENEWED_AT, 0) >= RENEW_EVERY_SECONDS:
                session[RENEWED_AT] = now  # marks the session changed: the session middleware saves it
        return response

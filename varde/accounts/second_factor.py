"""When a logged-in user has satisfied the second-factor requirement, and when they may enrol one."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from .models import AuthenticatorApp

# Set when an identity provider (ID-porten, Entra ID) did the strong authentication.
IDP_SECOND_FACTOR_SESSION_KEY = "varde_second_factor_by_idp"


def second_factor_satisfied(request: HttpRequest) -> bool:
    user: Any = request.user
    if not user.needs_second_factor:
        return True
    if second_factor_proven(request):
        return True
    # Demo users skip the second factor only in demo mode, which production settings refuse.
    return bool(settings.VARDE_DEMO_MODE and user.is_demo)


def second_factor_proven(request: HttpRequest) -> bool:
    """This session passed a second factor: a code, a recovery code or the identity provider's."""
    user: Any = request.user
    return bool(user.is_verified() or request.session.get(IDP_SECOND_FACTOR_SESSION_KEY))


def has_authenticator(user: Any) -> bool:
    return bool(AuthenticatorApp.objects.filter(user=user, confirmed=True).exists())


def may_enrol_authenticator(request: HttpRequest) -> bool:
    """A first authenticator after the password; a replacement only from a session that proved the
    one it replaces (or a recovery code). Otherwise a stolen password would replace the second factor.
    """
    return not has_authenticator(request.user) or second_factor_proven(request)

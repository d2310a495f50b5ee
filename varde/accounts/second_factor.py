"""When a logged-in user has satisfied the second-factor requirement, and when they may enrol one."""

from django.conf import settings
from django.http import HttpRequest

from varde.accounts.actors import Actor, ActorRequest

from .models import AuthenticatorApp

# Set when an identity provider (ID-porten, Entra ID) did the strong authentication.
IDP_SECOND_FACTOR_SESSION_KEY = "varde_second_factor_by_idp"


def second_factor_satisfied(request: HttpRequest, user: Actor) -> bool:
    if not user.needs_second_factor:
        return True
    if second_factor_proven(request, user):
        return True
    # Demo users skip the second factor only in demo mode, which production settings refuse.
    return bool(settings.VARDE_DEMO_MODE and user.is_demo)


def second_factor_proven(request: HttpRequest, user: Actor) -> bool:
    """This session passed a second factor: a code, a recovery code or the identity provider's."""
    # django_otp's middleware gives the user is_verified, from the device this session proved.
    verified = user.is_verified()  # type: ignore[attr-defined]
    return bool(verified or request.session.get(IDP_SECOND_FACTOR_SESSION_KEY))


def has_authenticator(user: Actor) -> bool:
    return bool(AuthenticatorApp.objects.filter(user=user, confirmed=True).exists())


def may_enrol_authenticator(request: ActorRequest) -> bool:
    """A first authenticator after the password; a replacement only from a session that proved the
    one it replaces (or a recovery code). Otherwise a stolen password would replace the second factor.
    """
    return not has_authenticator(request.user) or second_factor_proven(request, request.user)

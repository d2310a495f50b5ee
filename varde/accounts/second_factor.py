"""When a logged-in user has satisfied the second-factor requirement."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest

# Set when an identity provider (ID-porten, Entra ID) did the strong authentication.
IDP_SECOND_FACTOR_SESSION_KEY = "varde_second_factor_by_idp"


def second_factor_satisfied(request: HttpRequest) -> bool:
    user: Any = request.user
    if not user.needs_second_factor:
        return True
    if user.is_verified():
        return True
    if request.session.get(IDP_SECOND_FACTOR_SESSION_KEY):
        return True
    # Demo users skip the second factor only in demo mode, which production settings refuse.
    return bool(settings.VARDE_DEMO_MODE and user.is_demo)

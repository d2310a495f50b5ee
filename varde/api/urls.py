"""The API under /api/v1/ and the page where a person manages their tokens."""

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.urls import URLPattern, URLResolver, path
from django.views.decorators.http import conditional_page, require_safe

from varde.core.access import PUBLIC, AccessRule, access
from varde.core.people import Visitor

from . import views
from .api import api
from .common import page_rule_of


@dataclass(frozen=True)
class ApiDoor(AccessRule):
    """An API operation's rule. The door itself lets the request in, because a token is checked only
    by the endpoint's authentication (anonymous callers get 401 there); the endpoint then applies the
    page's roles (see common.admits). The roles are kept here so that the access matrix shows them."""

    def allows(self, user: Visitor) -> bool:
        return True


def _door(operation: str, scopes: dict[str, str]) -> AccessRule:
    rule = page_rule_of(operation)
    if rule is None:
        # The schema, the docs and the root: no data behind them.
        return PUBLIC
    return ApiDoor(
        f"API: a token with the scope, or a session; {rule.label}",
        second_factor=False,
        roles=rule.roles,
        object_check=rule.object_check,
        capability=rule.capability,
        scope=scopes.get(operation, ""),
    )


def _declared(patterns: list[Any], scopes: dict[str, str]) -> list[Any]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            _declared(pattern.url_patterns, scopes)
        elif isinstance(pattern, URLPattern):
            # Token callers have no session: the login redirect must not catch them at the door. Every
            # read gets an ETag (of its body, unless the endpoint set one) and answers If-None-Match.
            view = conditional_page(login_not_required(pattern.callback))
            door = _door(pattern.name or "", scopes)
            if door is PUBLIC:
                # The schema and the docs are read, never written to.
                view = require_safe(view)
            pattern.callback = access(door)(view)
    return patterns


api_patterns, _app_name, namespace = api.urls
api_urls = (_declared(api_patterns, api.scopes_by_operation()), "api-v1", namespace)

app_name = "api"
urlpatterns = [
    path("profil/api-tokener/", views.token_list, name="tokens"),
]

"""Attack probes, generated: every page that opens one object, tried from another partnership by
every role that may open it in its own, answers 404, exactly as a page that does not exist. (Roles
that may not open it at all get 404 already in the page matrices.) The objects are built by each
app's own matrix helper, so a new object page is probed as soon as it is in a matrix."""

from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from conftest import log_in
from varde.accounts.roles import Role
from varde.accounts.tests import test_permissions as accounts
from varde.actionplan.tests import test_permissions as actionplan
from varde.assessments.tests import test_permissions as assessments
from varde.concerns.tests import test_permissions as concerns
from varde.meetings.tests import test_permissions as meetings
from varde.meetings.tests.factories import secretary_of
from varde.network.tests import test_network as network

APPS = [accounts, actionplan, assessments, concerns, meetings, network]


def _pages_with_arguments() -> set[str]:
    """The named pages whose address takes an argument: each shows one object."""
    found: set[str] = set()

    def walk(patterns: list[Any], namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(
                    pattern.url_patterns,
                    f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace,
                )
            elif isinstance(pattern, URLPattern) and pattern.name and pattern.pattern.converters:
                found.add(f"{namespace}{pattern.name}")

    walk(get_resolver().url_patterns, "")
    return found


OBJECT_PAGES = _pages_with_arguments()
PROBES = [
    (app, name, role)
    for app in APPS
    for name in sorted(app.EXPECTED)
    if name in OBJECT_PAGES
    for role in sorted(app.EXPECTED[name])
]


@pytest.mark.parametrize(
    ("app", "name", "role"), PROBES, ids=[f"{name}-{role}" for _app, name, role in PROBES]
)
def test_objects_of_another_partnership_are_not_found(app, name, role, world, other_world, client):
    url = app.url_for(name, world)
    stranger = secretary_of(other_world) if role == Role.SECRETARY else other_world.make_user(role)
    log_in(client, stranger)
    assert client.get(url).status_code == 404


def test_the_probes_cover_the_object_pages():
    assert len(PROBES) > 30

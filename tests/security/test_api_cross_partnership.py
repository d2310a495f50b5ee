"""Attack probes for the API, generated: every operation on one object of another partnership, by
every role that may use the operation in its own, answers 404."""

import re

import pytest

from varde.accounts.roles import Role
from varde.actionplan.tests.factories import make_plan
from varde.api import tokens
from varde.api.models import Scope
from varde.api.tests.test_permissions import EXPECTED, request_for
from varde.api.urls import api_urls
from varde.meetings.tests.factories import secretary_of

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
# The operations whose address names one object (a concern, an assessment, a meeting).
ON_ONE_OBJECT = sorted(f"api-v1:{pattern.name}" for pattern in api_urls[0] if pattern.pattern.converters)
PROBES = [(name, role) for name in ON_ONE_OBJECT for role in sorted(EXPECTED[name])]


@pytest.mark.parametrize(("name", "role"), PROBES, ids=[f"{name}-{role}" for name, role in PROBES])
def test_objects_of_another_partnership_are_not_found_through_the_api(name, role, world, other_world, client):
    make_plan(world)
    method, path, body = request_for(name, world)
    assert UUID.search(path)
    stranger = secretary_of(other_world) if role == Role.SECRETARY else other_world.make_user(role)
    _token, secret = tokens.create_token(stranger, user=stranger, name="probe", scopes=Scope.values)
    kwargs = {"content_type": "application/json", "data": body} if method == "post" else {}
    answer = getattr(client, method)(
        path, headers={"Authorization": f"Bearer {secret}", "If-Match": '"x"'}, **kwargs
    )
    assert answer.status_code == 404, answer.content

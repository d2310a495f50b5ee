"""Schemathesis against our own schema: for every operation, generated calls (valid and not) never
get a server error, and every answer matches what the schema promises."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from hypothesis import settings as settings_for_walks
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from varde.accounts.demo import load_demo
from varde.accounts.models import User
from varde.accounts.roles import Role
from varde.api import tokens
from varde.api.links import CONCERN_CALLS
from varde.api.models import Scope

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """Schemathesis calls the WSGI app directly, whose end-of-request signal would close the test's
    database connection (Django's own test client detaches it the same way)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def secret(world, settings):
    settings.VARDE_API_REQUESTS_PER_MINUTE = 100_000
    coordinator = world.make_user(Role.COORDINATOR)
    return tokens.create_token(coordinator, user=coordinator, name="schemathesis", scopes=Scope.values)[1]


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_keeps_its_schema(case, secret):
    case.call_and_validate(headers={"Authorization": f"Bearer {secret}"}, checks=CHECKS)


WALK_FROM = {"list_concerns", "list_measures", "list_consents", "list_disclosures", "list_assessments"}


class WalkedCalls:
    """Which operations a walk reached, and with which answers."""

    def __init__(self) -> None:
        self.answers: dict[str, set[int]] = {}

    def record(self, case, response) -> None:
        self.answers.setdefault(case.operation.definition.raw["operationId"], set()).add(response.status_code)


@pytest.mark.django_db
def test_a_walk_through_the_demo_by_the_schema_s_links_keeps_the_schema(settings):
    """Stateful: from the demo's own lists to their rows, and from each create to what it made, the
    coordinator walks the API by the links, with ids only the API gave; every answer keeps the schema."""
    settings.VARDE_API_REQUESTS_PER_MINUTE = 100_000
    load_demo()
    coordinator = User.objects.get(username="koordinator")
    secret = tokens.create_token(coordinator, user=coordinator, name="walk", scopes=Scope.values)[1]
    walked = WalkedCalls()

    class Walk(schema.as_state_machine()):  # type: ignore[misc]
        def before_call(self, case):
            # Lists unfiltered and intake in the coordinator's own agency, so that the walk finds rows
            # to follow; everything else is as generated.
            if case.operation.definition.raw["operationId"] in WALK_FROM:
                case.query = {}
            if isinstance(case.body, dict):
                case.body.pop("agency", None)

        def get_call_kwargs(self, case):
            return {"headers": {"Authorization": f"Bearer {secret}", "If-Match": "*"}}

        def after_call(self, response, case):
            walked.record(case, response)

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            case.validate_response(response, checks=CHECKS, transport_kwargs=kwargs)

    Walk.run(
        settings=settings_for_walks(
            max_examples=30,
            stateful_step_count=6,
            deadline=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        ),
    )
    reached = {operation for operation, statuses in walked.answers.items() if statuses & {200, 201}}
    # The walk reached rows of the demo by their links, not only the lists.
    # The walk reached the demo's concerns by the ids a list gave, and went on from them.
    assert reached & set(CONCERN_CALLS), str(walked.answers)
    assert len(reached) >= 6, str(walked.answers)

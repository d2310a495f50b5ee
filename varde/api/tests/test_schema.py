"""Schemathesis against our own schema: for every operation, generated calls (valid and not) never
get a server error, and every answer matches what the schema promises."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from varde.accounts.roles import Role
from varde.api import tokens
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

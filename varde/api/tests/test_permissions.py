"""Every API operation, called as every role with a token holding every scope, answers exactly as the
page it mirrors: the same roles get through, everyone else gets 404. The expectations are the page
matrices' own, looked up by page name."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from conftest import ALL_ROLES, World
from varde.accounts.roles import Role
from varde.actionplan.actions import TrainingRecord, record_training
from varde.actionplan.tests import test_permissions as actionplan_pages
from varde.actionplan.tests.factories import make_plan, plan_manager
from varde.api import tokens
from varde.api.models import Scope
from varde.assessments.tests import test_permissions as assessment_pages
from varde.assessments.tests.factories import make_assessment
from varde.concerns.actions import intake
from varde.concerns.models import Concern
from varde.concerns.tests import test_permissions as concern_pages
from varde.concerns.tests.factories import (
    SUBJECT_NAME,
    basis,
    handler_for,
    make_concern,
    make_consent,
    make_disclosure,
    make_measure,
    measure_type,
)
from varde.meetings.tests import test_permissions as meeting_pages
from varde.meetings.tests.factories import make_meeting, secretary_of
from varde.statistics.tests import test_statistics as statistics_pages

from ..urls import api_urls

HANDLERS = {Role.COORDINATOR.value, Role.POLICE_CONTACT.value}
PAGES = {
    **concern_pages.EXPECTED,
    **assessment_pages.EXPECTED,
    **meeting_pages.EXPECTED,
    **actionplan_pages.EXPECTED,
    **statistics_pages.EXPECTED,
}
CONTRIBUTORS = {Role.PLAN_MANAGER.value, *HANDLERS}

# Operation → the roles that get through, for a concern owned by the municipality and shared with nobody.
EXPECTED = {
    "api-v1:read_me": set(ALL_ROLES),
    "api-v1:list_notifications": set(ALL_ROLES),
    # Reference data: the organisation's own structure, for every member.
    "api-v1:list_agencies": set(ALL_ROLES),
    "api-v1:list_measure_types": set(ALL_ROLES),
    "api-v1:list_units": set(ALL_ROLES),
    "api-v1:list_concern_choices": PAGES["concerns:measure_add"],
    # The municipality's advice session: its own handlers.
    "api-v1:read_advice_session": {Role.COORDINATOR.value},
    "api-v1:read_measure": PAGES["concerns:detail"],
    "api-v1:read_consent": PAGES["concerns:consent_add"],
    # The owner, and the agency the disclosure is made to.
    "api-v1:read_disclosure": HANDLERS,
    "api-v1:read_training": PAGES["actionplan:trainings"],
    "api-v1:list_concerns": PAGES["concerns:list"],
    "api-v1:read_concern": PAGES["concerns:detail"],
    "api-v1:create_concern": PAGES["concerns:intake"],
    "api-v1:create_advice_session": PAGES["concerns:intake"],
    "api-v1:change_status": PAGES["concerns:change_status"],
    "api-v1:list_measures": PAGES["concerns:detail"],
    "api-v1:create_measure": PAGES["concerns:measure_add"],
    "api-v1:list_consents": PAGES["concerns:consent_add"],
    "api-v1:create_consent": PAGES["concerns:consent_add"],
    "api-v1:list_disclosures": PAGES["concerns:disclose"],
    "api-v1:create_disclosure": PAGES["concerns:disclose"],
    "api-v1:list_assessments": PAGES["assessments:trajectory"],
    "api-v1:read_assessment": PAGES["assessments:detail"],
    # Case handlers cite them in the disclosure form; administrators keep them.
    "api-v1:list_legal_bases": HANDLERS | concern_pages.EXPECTED["concerns:legal_basis_list"],
    "api-v1:list_meetings": PAGES["meetings:list"],
    "api-v1:read_meeting": PAGES["meetings:detail"],
    "api-v1:read_plan": PAGES["actionplan:dashboard"],
    "api-v1:list_trainings": PAGES["actionplan:trainings"],
    # The trainings page takes a new training only from contributors.
    "api-v1:create_training": CONTRIBUTORS,
    "api-v1:read_statistics_table": PAGES["statistics:situation"],
    "api-v1:read_statistics_csv": PAGES["statistics:situation_csv"],
    "api-v1:read_statistics_xlsx": PAGES["statistics:situation_csv"],
    "api-v1:list_audit_events": {Role.PRIVACY_OFFICER.value},
    "api-v1:find_person_in_audit": {Role.PRIVACY_OFFICER.value},
}
# The schema, the docs and the root need no token: they hold no data. The token page is in test_tokens.
OUTSIDE_MATRIX = {
    "api-v1:openapi-json",
    "api-v1:openapi-view",
    "api-v1:api-root",
    "api-v1:list_problem_types",
    "api:tokens",
}


def test_every_operation_is_in_the_matrix():
    names = {f"api-v1:{pattern.name}" for pattern in api_urls[0]} | {"api:tokens"}
    assert names == set(EXPECTED) | OUTSIDE_MATRIX


def request_for(operation: str, world: World) -> tuple[str, str, dict[str, Any]]:
    """Method, path and JSON body for one call that the admitted roles may make."""
    name = operation.removeprefix("api-v1:")
    year = timezone.localdate().year
    concern = make_concern(world)
    base = f"/api/v1/concerns/{concern.pk}"
    today = timezone.localdate().isoformat()
    coordinator = handler_for(world, world.municipality)
    simple = {
        "read_me": ("get", "/api/v1/me", {}),
        "list_notifications": ("get", "/api/v1/notifications", {}),
        "list_agencies": ("get", "/api/v1/agencies", {}),
        "list_measure_types": ("get", "/api/v1/measure-types", {}),
        "list_units": ("get", "/api/v1/units", {}),
        "list_concern_choices": ("get", f"{base}/choices", {}),
        "list_concerns": ("get", "/api/v1/concerns", {}),
        "read_concern": ("get", base, {}),
        "change_status": (
            "post",
            f"{base}/transitions",
            {"to_status": "under_assessment", "reason": "Nytt."},
        ),
        "list_measures": ("get", f"{base}/measures", {}),
        "list_consents": ("get", f"{base}/consents", {}),
        "list_disclosures": ("get", f"{base}/disclosures", {}),
        "list_assessments": ("get", f"{base}/assessments", {}),
        "list_legal_bases": ("get", "/api/v1/legal-bases", {}),
        "list_meetings": ("get", "/api/v1/meetings", {}),
        "read_plan": ("get", "/api/v1/plan", {}),
        "list_trainings": ("get", "/api/v1/trainings", {}),
        "list_audit_events": ("get", "/api/v1/audit-events", {}),
        "read_statistics_table": ("get", f"/api/v1/statistics/table?first_year={year}&last_year={year}", {}),
        "read_statistics_xlsx": (
            "get",
            f"/api/v1/statistics/table.xlsx?first_year={year}&last_year={year}",
            {},
        ),
        "read_statistics_csv": (
            "get",
            f"/api/v1/statistics/table.csv?first_year={year}&last_year={year}",
            {},
        ),
    }
    if name in simple:
        return simple[name]
    report = {"channel": "hotline", "reporter_category": "relative", "phenomenon": "right_wing"}
    bodies: dict[str, tuple[str, str, dict[str, Any]]] = {
        "find_person_in_audit": ("post", "/api/v1/audit-events/person", {"name": SUBJECT_NAME}),
        "create_concern": ("post", "/api/v1/concerns", {**report, "description": "Uro for en elev."}),
        "create_advice_session": ("post", "/api/v1/advice-sessions", {**report, "advice_given": "Ring oss."}),
        "create_measure": (
            "post",
            f"{base}/measures",
            {
                "measure_type": str(measure_type(world, "follow-up-conversation").pk),
                "owner_agency": str(world.municipality.pk),
                "start_date": today,
            },
        ),
        "create_consent": (
            "post",
            f"{base}/consents",
            {
                "given_by_names": "Kari Nordmann",
                "agencies": [str(world.municipality.pk)],
                "measure_types": [str(measure_type(world, "mentor").pk)],
                "purposes": "Mentor.",
                "valid_from": today,
            },
        ),
        "create_disclosure": (
            "post",
            f"{base}/disclosures",
            {
                "to_agency": str(world.police.pk),
                "parts": ["description"],
                "legal_basis": str(basis(world, "public-body-own-tasks").pk),
                "justification": "Trengs.",
                "approved_by": str(coordinator.pk),
                "person_informed": "later",
            },
        ),
        "create_training": (
            "post",
            "/api/v1/trainings",
            {
                "kind": "competence",
                "held_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
                "units": [str(world.unit.pk)],
                "participants": 12,
                "given_by": "SLT",
            },
        ),
    }
    if name in bodies:
        return bodies[name]
    if name in SINGLE_READS:
        return "get", SINGLE_READS[name](world, concern), {}
    return "get", f"/api/v1/meetings/{make_meeting(world).pk}", {}


def _advice_session(world: World, concern: Concern) -> str:
    session = intake.log_advice_session(
        handler_for(world, world.municipality),
        agency=world.municipality,
        held_on=timezone.localdate(),
        channel="hotline",
        reporter_category="relative",
        phenomenon="right_wing",
        advice_given="Ring oss.",
    )
    return f"/api/v1/advice-sessions/{session.pk}"


def _training(world: World, concern: Concern) -> str:
    training = record_training(
        plan_manager(world),
        world.partnership,
        record=TrainingRecord(
            kind="competence",
            held_on=timezone.localdate(),
            units=[world.unit],
            audience="",
            participants=12,
            topics=[],
            given_by="SLT",
        ),
    )
    return f"/api/v1/trainings/{training.pk}"


SINGLE_READS = {
    "read_assessment": lambda world, concern: (
        f"/api/v1/concerns/{concern.pk}/assessments/{make_assessment(world, concern, final=True).pk}"
    ),
    "read_measure": lambda world, concern: (
        f"/api/v1/concerns/{concern.pk}/measures/{make_measure(world, concern).pk}"
    ),
    "read_consent": lambda world, concern: (
        f"/api/v1/concerns/{concern.pk}/consents/{make_consent(world, concern).pk}"
    ),
    "read_disclosure": lambda world, concern: (
        f"/api/v1/concerns/{concern.pk}/disclosures/{make_disclosure(world, concern).pk}"
    ),
    "read_advice_session": _advice_session,
    "read_training": _training,
}


@pytest.fixture
def planned(world):
    make_plan(world)
    return world


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_role_reaches_exactly_what_the_page_allows(name, role, planned, client):
    method, path, body = request_for(name, planned)
    user = secretary_of(planned) if role == Role.SECRETARY else planned.make_user(role)
    _token, secret = tokens.create_token(user, user=user, name="matrix", scopes=Scope.values)
    call = getattr(client, method)
    kwargs = {"content_type": "application/json", "data": body} if method == "post" else {}
    response = call(path, headers={"Authorization": f"Bearer {secret}"}, **kwargs)
    if role in EXPECTED[name]:
        assert response.status_code in {200, 201, 428}, response.content
    else:
        assert response.status_code == 404, response.content
        assert response.json()["code"] == "not_found"

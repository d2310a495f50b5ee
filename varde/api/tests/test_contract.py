"""The contract a client relies on: problem details for every error under /api/, HTTP semantics
(HEAD, If-Match, 201 with Location and ETag, unknown fields refused), one list envelope, and a schema
that says what is valid, which scope each operation needs and what a generated client calls it."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from varde.accounts.models import Notification
from varde.accounts.roles import Role
from varde.api import tokens
from varde.concerns.models import Measure
from varde.concerns.tests.factories import handler_for, make_concern, make_measure

PROBLEM = "application/problem+json"


def bearer(user, *scopes):
    secret = tokens.create_token(user, user=user, name="contract", scopes=scopes or ["read"])[1]
    return {"Authorization": f"Bearer {secret}"}


@pytest.fixture
def schema(client):
    return client.get("/api/v1/openapi.json").json()


def operations(schema):
    for path, methods in schema["paths"].items():
        for method, details in methods.items():
            yield path, method, details


@pytest.mark.parametrize(
    ("method", "path", "status", "code"),
    [
        ("get", "/api/v1/no-such-thing", 404, "not_found"),
        ("get", "/api/nothing", 404, "not_found"),
        ("delete", "/api/v1/me", 405, "method_not_allowed"),
        ("put", "/api/v1/openapi.json", 405, "method_not_allowed"),
    ],
)
def test_every_error_under_api_is_a_problem_never_a_page(client, method, path, status, code):
    answer = getattr(client, method)(path)
    assert answer.status_code == status
    assert answer.json()["code"] == code
    assert answer["Content-Type"].startswith(PROBLEM)
    problem = answer.json()
    assert problem["status"] == status
    assert problem["type"] == f"/api/v1/problems#{problem['code']}"
    assert problem["title"]
    assert problem["detail"] == problem["message_nb"]
    if status == 405:
        assert "GET" in answer["Allow"]


def test_the_problem_types_are_listed_for_client_developers(client):
    listed = client.get("/api/v1/problems").json()
    codes = {problem["code"]: problem["status"] for problem in listed["items"]}
    assert codes["not_found"] == 404
    assert codes["invalid_input"] == 422
    assert codes["rate_limited"] == 429
    assert listed["count"] == len(codes)


def test_the_detail_follows_the_language_asked_for(world, client):
    answer = client.get("/api/v1/me", headers={"Accept-Language": "en"})
    assert answer.status_code == 401
    assert answer.json()["detail"] == answer.json()["message_en"]


def test_head_answers_as_get_without_the_body(world, client):
    coordinator = world.make_user(Role.COORDINATOR)
    headers = bearer(coordinator)
    concern = make_concern(world)
    got = client.get(f"/api/v1/concerns/{concern.pk}", headers=headers)
    head = client.head(f"/api/v1/concerns/{concern.pk}", headers=headers)
    assert head.status_code == 200
    assert head.content == b""
    assert head["ETag"] == got["ETag"]
    assert head["Content-Length"] == str(len(got.content))


def _change(client, concern, headers, if_match):
    return client.post(
        f"/api/v1/concerns/{concern.pk}/transitions",
        {"to_status": "under_assessment", "reason": "Nye opplysninger."},
        content_type="application/json",
        headers={**headers, "If-Match": if_match},
    )


@pytest.mark.parametrize("sent", ["*", '"stale", {current}', "{current}"])
def test_if_match_takes_a_star_or_a_list_that_holds_the_current_etag(world, client, sent):
    concern = make_concern(world)
    headers = bearer(handler_for(world, world.municipality), "read", "casework")
    current = client.get(f"/api/v1/concerns/{concern.pk}", headers=headers)["ETag"]
    assert _change(client, concern, headers, sent.format(current=current)).status_code == 200


@pytest.mark.parametrize("sent", ['"stale"', "W/{current}"])
def test_if_match_refuses_a_stale_or_weak_etag(world, client, sent):
    concern = make_concern(world)
    headers = bearer(handler_for(world, world.municipality), "read", "casework")
    current = client.get(f"/api/v1/concerns/{concern.pk}", headers=headers)["ETag"]
    answer = _change(client, concern, headers, sent.format(current=current))
    assert answer.status_code == 412
    assert answer["Content-Type"].startswith(PROBLEM)


def test_an_unknown_field_is_refused_by_name_and_nothing_is_made(world, client):
    concern = make_concern(world)
    headers = bearer(handler_for(world, world.municipality), "read", "casework")
    answer = client.post(
        f"/api/v1/concerns/{concern.pk}/measures",
        {"measure_typ": "x", "owner_agency": str(world.municipality.pk), "start_date": "2026-01-05"},
        content_type="application/json",
        headers=headers,
    )
    assert answer.status_code == 422
    assert "measure_typ" in {field["field"] for field in answer.json()["fields"]}
    assert not Measure.objects.exists()


def test_a_measure_is_made_from_ids_the_api_gave_and_answers_201_with_location_and_etag(world, client):
    concern = make_concern(world)
    headers = bearer(handler_for(world, world.municipality), "read", "casework")
    choices = client.get(f"/api/v1/concerns/{concern.pk}/choices", headers=headers).json()["measure"]
    follow_up = next(c for c in choices["measure_type"] if c["label"] == "Samtaleoppfølging")
    made = client.post(
        f"/api/v1/concerns/{concern.pk}/measures",
        {
            "measure_type": follow_up["id"],
            "owner_agency": choices["owner_agency"][0]["id"],
            "responsible": choices["responsible"][0]["id"],
            "start_date": timezone.localdate().isoformat(),
        },
        content_type="application/json",
        headers=headers,
    )
    assert made.status_code == 201, made.content
    read = client.get(made["Location"], headers=headers)
    assert read.status_code == 200
    assert read.json() == made.json()
    assert read["ETag"] == made["ETag"]
    assert made.json()["measure_type_id"] == follow_up["id"]


def test_every_list_has_one_envelope(world, client):
    concern = make_concern(world)
    make_measure(world, concern)
    headers = bearer(handler_for(world, world.municipality))
    for path in ("/api/v1/concerns", f"/api/v1/concerns/{concern.pk}/measures", "/api/v1/agencies"):
        answer = client.get(path, headers=headers).json()
        assert set(answer) == {"items", "count"}, path


def test_operation_ids_are_the_endpoints_names(schema):
    ids = {details["operationId"] for _path, _method, details in operations(schema)}
    assert {"list_concerns", "read_concern", "create_concern", "create_disclosure"} <= ids
    assert not [operation for operation in ids if operation.startswith("varde_")]


def test_every_operation_with_data_names_its_scope(schema):
    for path, method, details in operations(schema):
        if path in ("/api/v1/problems",):
            continue
        scope = details["x-scopes"][0]
        assert {"TokenAuth": [scope]} in details["security"], (path, method)


def test_the_schema_declares_if_match_and_problem_answers(schema):
    change = schema["paths"]["/api/v1/concerns/{concern_id}/transitions"]["post"]
    header = next(p for p in change["parameters"] if p["name"] == "If-Match")
    assert header["in"] == "header"
    assert header["required"]
    assert set(change["responses"]["412"]["content"]) == {PROBLEM}
    assert set(change["responses"]["200"]["content"]) == {"application/json"}


def _body_schema(schema, path, method="post"):
    reference = schema["paths"][path][method]["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    return schema["components"]["schemas"][reference.rsplit("/", 1)[1]]


def test_the_schema_says_what_is_valid(schema):
    concern = _body_schema(schema, "/api/v1/concerns")
    assert "hate_crime" in concern["properties"]["phenomenon"]["enum"]
    assert concern["properties"]["description"]["maxLength"] == 5000
    assert concern["additionalProperties"] is False
    training = _body_schema(schema, "/api/v1/trainings")
    assert training["properties"]["participants"]["minimum"] == 1
    table = {p["name"]: p["schema"] for p in schema["paths"]["/api/v1/statistics/table"]["get"]["parameters"]}
    assert (table["first_year"]["minimum"], table["first_year"]["maximum"]) == (2000, 2100)
    disclosure = _body_schema(schema, "/api/v1/concerns/{concern_id}/disclosures")
    assert disclosure["properties"]["parts"]["items"]["enum"] == [
        "identity",
        "description",
        "assessment",
        "measures",
    ]


def test_the_schema_validates_as_openapi(schema):
    from openapi_spec_validator import validate

    validate(json.loads(json.dumps(schema)))


def notify(user, message, *, minutes_ago):
    notification = Notification.objects.create(user=user, message=message)
    moment = timezone.now() - timedelta(minutes=minutes_ago)
    Notification.objects.filter(pk=notification.pk).update(created_at=moment)


def test_notifications_page_by_cursor_and_a_new_one_does_not_repeat_a_row(world, client):
    coordinator = world.make_user(Role.COORDINATOR)
    headers = bearer(coordinator)
    notify(coordinator, "Eldst", minutes_ago=2)
    notify(coordinator, "Midt", minutes_ago=1)
    first = client.get("/api/v1/notifications?limit=1", headers=headers).json()

    assert [n["message"] for n in first["items"]] == ["Midt"]
    notify(coordinator, "Nyest", minutes_ago=0)  # arrives while the list is read
    second = client.get(first["next"], headers=headers).json()
    assert [n["message"] for n in second["items"]] == ["Eldst"]
    assert second["next"] is None
    refused = client.get("/api/v1/notifications?cursor=1.2", headers=headers)
    assert refused.status_code == 422
    assert refused.json()["fields"][0]["field"] == "cursor"


def test_a_server_error_is_a_problem_that_tells_nothing(world, monkeypatch):
    from django.test import Client

    from varde.accounts.models import User

    coordinator = world.make_user(Role.COORDINATOR)
    monkeypatch.setattr(User, "display_name", property(lambda user: 1 / 0))
    answer = Client(raise_request_exception=False).get("/api/v1/me", headers=bearer(coordinator))
    assert answer.status_code == 500
    assert answer["Content-Type"].startswith(PROBLEM)
    assert answer.json()["code"] == "server_error"
    assert "ZeroDivision" not in answer.content.decode()


def test_intake_to_disclosure_with_only_ids_the_api_gave(world, client):
    """The walk-through in docs/api.md: every id comes from an answer."""
    headers = bearer(handler_for(world, world.municipality), "read", "intake", "casework")

    def post(path, body):
        answer = client.post(f"/api/v1{path}", body, content_type="application/json", headers=headers)
        assert answer.status_code == 201, answer.content
        return answer.json()

    concern = post(
        "/concerns",
        {
            "channel": "hotline",
            "reporter_category": "relative",
            "phenomenon": "right_wing",
            "description": "Mor ringte.",
            "subject_name": "Test Testesen",
            "subject_birth_year": 2010,
        },
    )
    base = f"/concerns/{concern['id']}"
    choices = client.get(f"/api/v1{base}/choices", headers=headers).json()
    mentor = next(c["id"] for c in choices["measure"]["measure_type"] if c["label"] == "Mentor")
    municipality = concern["owning_agency_id"]
    police = choices["disclosure"]["to_agency"][0]["id"]
    today = timezone.localdate().isoformat()
    consent = post(
        f"{base}/consents",
        {
            "given_by_names": "Mor og far",
            "given_by_guardians": True,
            "agencies": [municipality, police],
            "measure_types": [mentor],
            "purposes": "Mentor.",
            "valid_from": today,
        },
    )
    measure = post(
        f"{base}/measures",
        {"measure_type": mentor, "owner_agency": municipality, "start_date": today, "consent": consent["id"]},
    )
    choices = client.get(f"/api/v1{base}/choices", headers=headers).json()
    basis = next(c["id"] for c in choices["disclosure"]["legal_basis"] if "Samtykke" in c["label"])
    disclosure = post(
        f"{base}/disclosures",
        {
            "to_agency": police,
            "parts": ["description"],
            "legal_basis": basis,
            "consent": consent["id"],
            "justification": "Politiet følger opp.",
            "approved_by": choices["disclosure"]["approved_by"][0]["id"],
            "person_informed": "yes",
        },
    )
    assert measure["consent_id"] == consent["id"]
    assert (disclosure["to_agency_id"], disclosure["legal_basis_id"]) == (police, basis)

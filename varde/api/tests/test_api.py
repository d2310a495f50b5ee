"""The API: tokens, errors, and the same answers as the pages."""

import json

import pytest

from conftest import log_in
from varde.accounts.roles import Role
from varde.api import tokens
from varde.concerns.tests.factories import make_concern
from varde.statistics.tests.factories import this_year_by_phenomenon


def bearer(user, *scopes, days=30):
    _token, secret = tokens.create_token(user, user=user, name="test", scopes=scopes or ["read"], days=days)
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_the_schema_and_docs_are_served(client):
    schema = client.get("/api/v1/openapi.json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert "/api/v1/concerns" in paths
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    assert "cdn" not in docs.content.decode().lower()


def test_me_with_a_token(world, client):
    coordinator = world.make_user(Role.COORDINATOR)
    answer = client.get("/api/v1/me", **bearer(coordinator))
    assert answer.status_code == 200, answer.content
    assert answer.json()["username"] == coordinator.username
    assert answer.json()["scopes"] == ["read"]


def test_without_a_token_the_answer_is_401_in_the_error_shape(client):
    answer = client.get("/api/v1/me")
    assert answer.status_code == 401
    error = answer.json()
    assert error["code"] == "unauthenticated"
    assert error["message_nb"] != error["message_en"]


def test_concern_read_and_list(world, client):
    coordinator = world.make_user(Role.COORDINATOR)
    concern = make_concern(world)
    headers = bearer(coordinator)
    listed = client.get("/api/v1/concerns", **headers)
    assert listed.status_code == 200, listed.content
    assert listed.json()["count"] == 1
    read = client.get(f"/api/v1/concerns/{concern.pk}", **headers)
    assert read.status_code == 200, read.content
    assert read["ETag"]
    assert (
        client.get(f"/api/v1/concerns/{concern.pk}", HTTP_IF_NONE_MATCH=read["ETag"], **headers).status_code
        == 304
    )


def test_a_logged_in_browser_session_works_and_writes_need_csrf(world):
    from django.test import Client

    coordinator = world.make_user(Role.COORDINATOR)
    browser = Client(enforce_csrf_checks=True)
    log_in(browser, coordinator)
    answer = browser.get("/api/v1/me")
    assert answer.status_code == 200
    assert answer.json()["scopes"] is None
    refused = browser.post(
        "/api/v1/advice-sessions",
        {
            "channel": "hotline",
            "reporter_category": "relative",
            "phenomenon": "other",
            "advice_given": "Ring.",
        },
        content_type="application/json",
    )
    assert refused.status_code == 403
    assert refused.json()["code"] == "csrf_failed"


def test_statistics_are_the_suppressed_figures_of_the_page(world, client):

    from varde.concerns.choices import Phenomenon
    from varde.statistics.tables import count_table

    for phenomenon, count in (
        (Phenomenon.RIGHT_WING, 6),
        (Phenomenon.HATE_CRIME, 2),
        (Phenomenon.LEFT_WING, 7),
    ):
        for _ in range(count):
            make_concern(world, phenomenon=phenomenon)
    viewer = world.make_user(Role.VIEWER)
    headers = bearer(viewer, "statistics")
    query = this_year_by_phenomenon()
    answer = client.get("/api/v1/statistics/table", query, **headers).json()
    year = int(query["first_year"])
    published = count_table(
        world.partnership,
        source=query["source"],
        dimension=query["dimension"],
        period=query["period"],
        first_year=year,
        last_year=year,
    )[1].published()
    assert answer["rows"] == published[1:-1]
    assert answer["totals"] == published[-1][1:]
    assert ["Hatkriminalitet", "<5", "<5"] in answer["rows"]
    csv_text = client.get("/api/v1/statistics/table.csv", query, **headers).content.decode()
    assert "Hatkriminalitet;hate_crime;<5;<5" in csv_text
    wrong = client.get("/api/v1/statistics/table", {**query, "period": "week"}, **headers)
    assert wrong.status_code == 422
    assert wrong.json()["fields"][0]["field"] == "period"


def test_lists_page_in_a_stable_order(world, client):
    coordinator = world.make_user(Role.COORDINATOR)
    for _ in range(5):
        make_concern(world)
    headers = bearer(coordinator)
    first = client.get("/api/v1/concerns", {"limit": 2, "offset": 0}, **headers).json()
    rest = client.get("/api/v1/concerns", {"limit": 10, "offset": 2}, **headers).json()
    assert first["count"] == rest["count"] == 5
    references = [item["reference"] for item in first["items"] + rest["items"]]
    assert len(set(references)) == 5


def test_a_meeting_shows_a_concern_only_through_its_shared_summary(world, client):
    from varde.concerns.tests.factories import basis, handler_for
    from varde.meetings import actions
    from varde.meetings.models import ItemKind
    from varde.meetings.tests.factories import make_meeting, secretary_of

    concern = make_concern(world)
    meeting = make_meeting(world)
    actions.prepare_case_item(
        handler_for(world, world.municipality),
        meeting,
        concern=concern,
        kind=ItemKind.CASE,
        summary="Elev med bekymringsfulle ytringer.",
        legal_basis=basis(world, "initial-discussion"),
    )
    answer = client.get(f"/api/v1/meetings/{meeting.pk}", **bearer(secretary_of(world))).json()
    text = json.dumps(answer, ensure_ascii=False)
    assert "Elev med bekymringsfulle ytringer." in text
    assert concern.reference not in text
    assert str(concern.pk) not in text
    assert concern.subject_name not in text


def test_every_read_has_an_etag_and_answers_304(world, client):
    from varde.meetings.tests.factories import make_meeting, secretary_of

    meeting = make_meeting(world)
    headers = bearer(secretary_of(world))
    for url in (f"/api/v1/meetings/{meeting.pk}", "/api/v1/meetings", "/api/v1/me"):
        first = client.get(url, **headers)
        assert first.status_code == 200
        again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"], **headers)
        assert again.status_code == 304, url


def test_an_offset_past_any_list_is_refused_not_sent_to_the_database(world, client):
    answer = client.get("/api/v1/meetings", {"offset": 2**63}, **bearer(world.make_user(Role.COORDINATOR)))
    assert answer.status_code == 422
    assert answer.json()["fields"][0]["field"] == "offset"


def test_a_partnership_named_by_a_null_character_is_not_found_in_the_error_shape(world, client):
    from varde.actionplan.tests.factories import plan_manager

    answer = client.get("/api/v1/trainings", {"samarbeid": "\x00"}, **bearer(plan_manager(world)))
    assert answer.status_code == 404
    assert answer.json()["code"] == "not_found"


LONE_SURROGATE_BODIES = [
    '{"channel": "hotline", "reporter_category": "relative", "phenomenon": "other", '
    '"description": "x\\ud800y"}',
    '{"channel": "hotline", "reporter_category": "relative", "phenomenon": "other", "description": "ok", '
    '"subject": {"name": "\\udfff"}}',
    '{"\\ud800": "x"}',
]


@pytest.mark.parametrize("body", LONE_SURROGATE_BODIES)
def test_text_that_cannot_be_stored_is_refused_with_422_and_changes_nothing(world, client, body):
    from varde.concerns.models import Concern

    coordinator = world.make_user(Role.COORDINATOR)
    answer = client.post(
        "/api/v1/concerns", body, content_type="application/json", **bearer(coordinator, "intake")
    )
    assert answer.status_code == 422
    error = answer.json()
    assert error["code"] == "invalid_input"
    assert "ikke kan lagres" in error["fields"][0]["message_nb"]
    assert not Concern.objects.exists()


def test_a_lone_surrogate_is_refused_on_every_write_not_only_concerns(world, client):
    from varde.actionplan.tests.factories import plan_manager

    body = '{"kind": "awareness", "held_on": "2026-11-20", "participants": 5, "given_by": "\\ud800"}'
    answer = client.post(
        "/api/v1/trainings", body, content_type="application/json", **bearer(plan_manager(world), "plan")
    )
    assert answer.status_code == 422
    assert answer.json()["fields"][0]["field"] == "given_by"

"""Personal access tokens: made on the page or the command line, shown once, stored hashed, scoped,
expiring, revocable, rate limited; and API calls audited like page visits."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from conftest import log_in
from varde.accounts.roles import Role
from varde.api import tokens
from varde.api.models import AccessToken
from varde.concerns.choices import Part
from varde.concerns.tests.factories import make_concern, make_disclosure
from varde.core.models import AuditEvent


def auth(secret):
    return {"Authorization": f"Bearer {secret}"}


@pytest.fixture
def coordinator(world):
    return world.make_user(Role.COORDINATOR)


def test_a_token_made_on_the_page_is_shown_once_and_stored_hashed(coordinator, client):
    log_in(client, coordinator)
    page = client.post(
        reverse("api:tokens"),
        {"action": "create", "name": "Telefonlogg", "scopes": ["read", "intake"], "days": 30},
    )
    text = page.content.decode()
    secret = text.split('<code id="new-token">')[1].split("</code>")[0]
    token = AccessToken.objects.get(user=coordinator)
    assert secret.startswith("varde_")
    assert secret not in token.secret_hash
    assert token.scopes == ["intake", "read"]
    assert secret not in client.get(reverse("api:tokens")).content.decode()
    assert client.get("/api/v1/me", headers=auth(secret)).status_code == 200
    assert AuditEvent.objects.filter(action="api.token_created", object_id=str(token.pk)).exists()


def test_bad_token_input_gets_a_message_and_makes_nothing(coordinator, client):
    log_in(client, coordinator)
    page = client.post(reverse("api:tokens"), {"action": "create", "name": "", "scopes": [], "days": 900})
    assert page.status_code == 200
    assert "Feltet er påkrevd" in page.content.decode() or "må fylles ut" in page.content.decode()
    assert not AccessToken.objects.exists()


def test_revoked_expired_and_wrong_scope_tokens_are_refused(coordinator, world, client):
    token, secret = tokens.create_token(coordinator, user=coordinator, name="t", scopes=["read"], days=1)
    assert client.get("/api/v1/me", headers=auth(secret)).status_code == 200
    answer = client.post(
        "/api/v1/advice-sessions",
        {"advice_given": "x"},
        content_type="application/json",
        headers=auth(secret),
    )
    assert answer.status_code == 403
    assert answer.json()["code"] == "scope_missing"
    AccessToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get("/api/v1/me", headers=auth(secret)).status_code == 401
    other, other_secret = tokens.create_token(coordinator, user=coordinator, name="u", scopes=["read"])
    log_in(client, coordinator)
    client.post(reverse("api:tokens"), {"action": "revoke", "token": str(other.pk)})
    client.logout()
    answer = client.get("/api/v1/me", headers=auth(other_secret))
    assert answer.status_code == 401
    assert answer.json()["code"] == "unauthenticated"
    assert AuditEvent.objects.filter(action="api.token_revoked", object_id=str(other.pk)).exists()
    stranger = world.make_user(Role.COORDINATOR)
    log_in(client, stranger)
    mine, _secret = tokens.create_token(coordinator, user=coordinator, name="v", scopes=["read"])
    assert client.post(reverse("api:tokens"), {"action": "revoke", "token": str(mine.pk)}).status_code == 404


def test_a_deactivated_user_s_tokens_stop_working(coordinator, client):
    _token, secret = tokens.create_token(coordinator, user=coordinator, name="t", scopes=["read"])
    coordinator.is_active = False
    coordinator.save()
    assert client.get("/api/v1/me", headers=auth(secret)).status_code == 401


def test_last_use_is_noted(coordinator, client):
    token, secret = tokens.create_token(coordinator, user=coordinator, name="t", scopes=["read"])
    client.get("/api/v1/me", headers=auth(secret))
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_each_person_is_rate_limited_across_their_tokens_and_is_told_before_the_429(
    coordinator, client, settings
):
    from django.core.cache import cache

    cache.clear()
    settings.VARDE_API_REQUESTS_PER_MINUTE = 3
    secrets = [
        tokens.create_token(coordinator, user=coordinator, name=f"t{n}", scopes=["read"])[1] for n in (1, 2)
    ]
    try:
        answers = [client.get("/api/v1/me", headers=auth(secrets[n % 2])) for n in range(4)]
    finally:
        cache.clear()
    assert [a.status_code for a in answers[:3]] == [200, 200, 200]
    assert [a["RateLimit-Remaining"] for a in answers[:3]] == ["2", "1", "0"]
    assert {a["RateLimit-Limit"] for a in answers} == {"3"}
    assert 0 < int(answers[0]["RateLimit-Reset"]) <= 60
    assert answers[3].status_code == 429
    assert answers[3].json()["code"] == "rate_limited"
    assert int(answers[3]["Retry-After"]) > 0


def test_the_command_line_makes_lists_and_revokes(coordinator):
    out, err = StringIO(), StringIO()
    call_command(
        "token",
        "create",
        "--user",
        coordinator.username,
        "--scope",
        "read",
        "statistics",
        "--expires",
        "10",
        stdout=out,
        stderr=err,
    )
    secret = out.getvalue().strip()
    token = AccessToken.objects.get(user=coordinator)
    assert tokens.token_for(secret) == token
    assert token.scopes == ["read", "statistics"]
    listing = StringIO()
    call_command("token", "list", "--user", coordinator.username, stdout=listing)
    assert str(token.pk) in listing.getvalue()
    assert secret not in listing.getvalue()
    call_command("token", "revoke", str(token.pk), stdout=StringIO())
    assert tokens.token_for(secret) is None
    with pytest.raises(CommandError):
        call_command("token", "create", "--user", "nobody", "--scope", "read", stdout=StringIO())
    with pytest.raises(CommandError):
        call_command(
            "token",
            "create",
            "--user",
            coordinator.username,
            "--scope",
            "read",
            "--expires",
            "0",
            stdout=StringIO(),
            stderr=StringIO(),
        )


def test_api_reads_and_writes_are_audited_like_pages(world, coordinator, client):
    concern = make_concern(world)
    _token, secret = tokens.create_token(coordinator, user=coordinator, name="t", scopes=["read", "casework"])
    read = client.get(f"/api/v1/concerns/{concern.pk}", headers=auth(secret))
    viewed = AuditEvent.objects.filter(
        action="concern.viewed", object_id=str(concern.pk), actor_id=str(coordinator.pk)
    )
    assert viewed.count() == 1
    change = client.post(
        f"/api/v1/concerns/{concern.pk}/transitions",
        {"to_status": "under_assessment", "reason": "Nye opplysninger."},
        content_type="application/json",
        headers={**auth(secret), "If-Match": read["ETag"]},
    )
    assert change.status_code == 200, change.content
    log_in(client, coordinator)
    client.get(reverse("concerns:detail", args=[concern.pk]))
    page_events = set(AuditEvent.objects.filter(purpose="case page").values_list("action", flat=True))
    api_events = set(AuditEvent.objects.filter(purpose="api").values_list("action", flat=True))
    assert page_events == api_events == {"concern.viewed"}
    assert AuditEvent.objects.filter(action="concern.status_changed", object_id=str(concern.pk)).exists()


def test_no_lost_updates(world, coordinator, client):
    concern = make_concern(world)
    _token, secret = tokens.create_token(coordinator, user=coordinator, name="t", scopes=["read", "casework"])
    url = f"/api/v1/concerns/{concern.pk}"
    etag = client.get(url, headers=auth(secret))["ETag"]
    body = {"to_status": "under_assessment", "reason": "Nye opplysninger."}
    missing = client.post(f"{url}/transitions", body, content_type="application/json", headers=auth(secret))
    assert missing.status_code == 428
    first = client.post(
        f"{url}/transitions",
        body,
        content_type="application/json",
        headers={**auth(secret), "If-Match": etag},
    )
    assert first.status_code == 200
    again = client.post(
        f"{url}/transitions",
        {"to_status": "closed", "outcome": "unfounded", "reason": "Ferdig."},
        content_type="application/json",
        headers={**auth(secret), "If-Match": etag},
    )
    assert again.status_code == 412
    assert again.json()["code"] == "precondition_failed"
    concern.refresh_from_db()
    assert concern.status == "under_assessment"


def test_invalid_input_names_the_field_in_both_languages(coordinator, client):
    _token, secret = tokens.create_token(coordinator, user=coordinator, name="t", scopes=["intake"])
    answer = client.post(
        "/api/v1/concerns",
        {"channel": "hotline", "reporter_category": "relative", "phenomenon": "nonsense", "description": ""},
        content_type="application/json",
        headers=auth(secret),
    )
    assert answer.status_code == 422
    error = answer.json()
    fields = {field["field"]: field for field in error["fields"]}
    assert set(fields) == {"phenomenon", "description"}
    assert fields["description"]["message_en"] == "This field is required."
    assert fields["description"]["message_nb"] not in ("", "This field is required.")
    assert "hate_crime" in fields["phenomenon"]["message_en"]
    missing = client.post("/api/v1/concerns", {}, content_type="application/json", headers=auth(secret))
    assert missing.status_code == 422
    assert {f["field"] for f in missing.json()["fields"]} >= {"channel", "description"}


def test_the_receiving_agency_reads_only_the_disclosed_parts(world, client):
    concern = make_concern(world)
    police = world.make_user(Role.POLICE_CONTACT)
    _token, secret = tokens.create_token(police, user=police, name="t", scopes=["read"])
    url = f"/api/v1/concerns/{concern.pk}"
    assert client.get(url, headers=auth(secret)).status_code == 404
    assert client.get("/api/v1/concerns", headers=auth(secret)).json()["count"] == 0
    make_disclosure(world, concern, parts=(Part.DESCRIPTION,))
    answer = client.get(url, headers=auth(secret)).json()
    assert answer["parts"] == ["description"]
    assert answer["description"] == concern.description
    assert answer["subject"] is None
    assert answer["assessment_summary"] is None
    listed = client.get("/api/v1/concerns", headers=auth(secret)).json()
    assert listed["count"] == 1
    assert listed["items"][0]["status"] is None

"""/metrics: request counts and latency per view, the worker, the purge and the audit chain, for the
server itself or the metrics token; never for the public, and never with personal data."""

import pytest
from django.core.management import call_command
from django.test import Client

from varde.concerns.tests.factories import make_concern


def scrape(client, **headers):
    return client.get("/metrics", **headers)


def test_the_server_itself_may_scrape_and_sees_views_by_name_not_by_address(world, client):
    concern = make_concern(world)
    client.get(f"/api/v1/concerns/{concern.pk}")  # 401, but counted
    answer = scrape(client)
    assert answer.status_code == 200
    text = answer.content.decode()
    assert 'varde_http_requests_total{method="GET",status="401",view="api-v1:read_concern"}' in text
    assert "varde_http_request_duration_seconds_bucket" in text
    assert str(concern.pk) not in text
    assert concern.reference not in text
    assert "varde_worker_queue_length" in text
    assert 'varde_task_last_finished_timestamp_seconds{task="retention_purge"}' in text


@pytest.mark.parametrize(
    "headers",
    [
        {"REMOTE_ADDR": "203.0.113.7"},
        # Through the proxy the request comes from loopback, but carries the visitor's address.
        {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.7"},
        {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_REAL_IP": "203.0.113.7"},
        {"REMOTE_ADDR": "203.0.113.7", "HTTP_AUTHORIZATION": "Bearer wrong"},
    ],
)
def test_anyone_else_gets_not_found(db, headers, settings):
    settings.VARDE_METRICS_TOKEN = "s3cret-token"
    assert scrape(Client(), **headers).status_code == 404


def test_the_metrics_token_opens_it_from_elsewhere(db, settings):
    settings.VARDE_METRICS_TOKEN = "s3cret-token"
    answer = scrape(Client(), REMOTE_ADDR="203.0.113.7", HTTP_AUTHORIZATION="Bearer s3cret-token")
    assert answer.status_code == 200


def test_the_audit_chain_s_last_verification_is_reported(db, client, tmp_path):
    assert "varde_audit_chain_intact 0.0" in scrape(client).content.decode()
    call_command("verify_audit", checkpoints=tmp_path / "none.jsonl", stdout=open("/dev/null", "w"))  # noqa: SIM115
    text = scrape(client).content.decode()
    assert "varde_audit_chain_intact 1.0" in text
    stamp = next(
        line for line in text.splitlines() if line.startswith("varde_audit_chain_verified_timestamp")
    )
    assert float(stamp.split()[-1]) > 0

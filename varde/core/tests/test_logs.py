"""Operators' logs: JSON lines with the request's id, and no personal data even when a database
error quotes a row."""

import json
import logging
import logging.config
import sys
from typing import Any

from django.conf import settings
from django.db import IntegrityError

from varde.core.logs import HEADER, RequestIdFilter, WithoutPersonalDataFilter, current_request_id


def json_formatter() -> logging.Formatter:
    configurator = logging.config.DictConfigurator({"version": 1})
    return configurator.configure_formatter(dict(settings.LOGGING["formatters"]["json"]))


def formatted(record: logging.LogRecord) -> dict[str, Any]:
    for log_filter in (RequestIdFilter(), WithoutPersonalDataFilter()):
        log_filter.filter(record)
    formatted: dict[str, Any] = json.loads(json_formatter().format(record))
    return formatted


def test_every_response_carries_a_request_id_and_a_proxys_id_is_kept(client, db):
    made = client.get("/healthz")[HEADER]
    assert len(made) == 32
    assert client.get("/healthz", headers={HEADER: "abc123def4567890"})[HEADER] == "abc123def4567890"
    # A malformed id from outside is not trusted into the logs.
    assert client.get("/healthz", headers={HEADER: "<script>"})[HEADER] != "<script>"


def test_a_log_line_is_json_with_the_request_id():
    token = current_request_id.set("feedc0ffee123456")
    try:
        record = logging.LogRecord("varde", logging.WARNING, __file__, 1, "Purged %d", (3,), None)
        line = formatted(record)
    finally:
        current_request_id.reset(token)
    assert line["request_id"] == "feedc0ffee123456"
    assert line["message"] == "Purged 3"
    assert line["level"] == "WARNING"


def test_a_database_error_is_logged_without_the_values_it_quotes(rf):
    quoted = "duplicate key value: Key (subject_name)=(Ola Nordmann) already exists."
    try:
        raise IntegrityError(quoted)
    except IntegrityError:
        record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "Error", (), sys.exc_info())
    record.request = rf.post("/bekymringer/ny/", {"subject_name": "Ola Nordmann"})
    line = json.dumps(formatted(record))
    assert "Ola Nordmann" not in line
    assert "IntegrityError (details withheld)" in line
    assert "test_logs.py" in line  # the traceback's code lines stay

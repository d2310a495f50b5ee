"""Logs for operators: one JSON object per line, each with the id of the request it belongs to, and
never personal data. Names and texts live in the database only; a log line carries ids, paths and
classes of errors.

The request id comes from the proxy (nginx sets X-Request-ID) or is made here, is returned in the
response, and so ties nginx's access log, gunicorn's and Varde's own lines together.
"""

import logging
import re
import traceback
import uuid
from collections.abc import Callable
from contextvars import ContextVar

from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse

HEADER = "X-Request-ID"
_WELL_FORMED = re.compile(r"[A-Za-z0-9-]{8,64}")
current_request_id: ContextVar[str] = ContextVar("current_request_id", default="-")


class RequestIdMiddleware:
    """Give each request an id: the proxy's when it is well formed, otherwise a new one."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        given = request.headers.get(HEADER, "")
        request_id = given if _WELL_FORMED.fullmatch(given) else uuid.uuid4().hex
        token = current_request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            current_request_id.reset(token)
        response[HEADER] = request_id
        return response


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id.get()
        return True


class WithoutPersonalDataFilter(logging.Filter):
    """Django attaches the request to error records, and a database error's message can quote the
    values of a row. Keep the method, path and the traceback's code lines; drop the rest."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        if request is not None:
            record.method, record.path = request.method, request.path
            del record.request  # type: ignore[attr-defined]
        if record.exc_info and isinstance(record.exc_info[1], DatabaseError):
            kind, _error, trace = record.exc_info
            assert kind is not None
            lines = traceback.format_tb(trace)
            record.exc_text = "".join(lines) + f"{kind.__module__}.{kind.__qualname__} (details withheld)"
            record.exc_info = None
        return True

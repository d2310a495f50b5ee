"""The filtered audit trail taken away as CSV or PDF, in the words the page uses; taking it is audited."""

import csv
from collections.abc import Iterator
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from varde.core.audit import record_event
from varde.core.pdf import render_pdf

from .vocabulary import action_label, purpose_label

FORMATS = ("csv", "pdf")
# A file holds at most this many events, newest first: a wider search is narrowed by date first.
CSV_ROWS = 50_000
PDF_ROWS = 2_000


def _row(event: Any) -> list[str]:
    return [
        timezone.localtime(event.occurred_at).isoformat(timespec="seconds"),
        event.actor_label,
        event.agency_label,
        action_label(event.action),
        event.action,
        event.detail.get("reference", ""),
        event.object_type,
        event.object_id,
        purpose_label(event.purpose) if event.purpose else "",
    ]


def _header() -> list[str]:
    return [
        _("Time"),
        _("Who"),
        _("Agency"),
        _("What"),
        _("Action code"),
        _("Case reference"),
        _("Object type"),
        _("Object id"),
        _("Purpose"),
    ]


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_lines(events: Any) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(_header())  # the byte-order mark tells Excel it is UTF-8
    for event in events.iterator(chunk_size=2000):
        yield writer.writerow(_row(event))


def download(request: HttpRequest, events: Any, used: list[str], output: str) -> HttpResponseBase:
    rows = CSV_ROWS if output == "csv" else PDF_ROWS
    chosen = events[:rows]
    detail = {"filters": used, "format": output, "at_most": rows}
    record_event("audit.exported", actor=request.user, detail=detail)
    name = f"revisjonslogg-{timezone.localdate():%Y-%m-%d}.{output}"
    response: HttpResponseBase
    if output == "csv":
        response = StreamingHttpResponse(_csv_lines(chosen), content_type="text/csv; charset=utf-8")
    else:
        html = render_to_string(
            "privacy/audit_trail_pdf.html",
            {"header": _header(), "rows": [_row(event) for event in chosen], "limit": rows, "filters": used},
        )
        response = HttpResponse(render_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response

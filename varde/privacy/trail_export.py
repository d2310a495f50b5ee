"""The filtered audit trail taken away as CSV or PDF, in the words the page uses; taking it is audited."""

from collections.abc import Iterator
from itertools import batched
from typing import Any

from django.http import HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from varde.accounts.actors import Actor, ActorRequest
from varde.core.audit import record_event
from varde.core.pdf import render_pdf
from varde.core.spreadsheets import BOM, csv_line
from varde.privacy.audit_actions import PrivacyAudit

from .trail import case_label, describe
from .vocabulary import action_label, purpose_label

FORMATS = ("csv", "pdf")
# A file holds at most this many events, newest first: a wider search is narrowed by date first.
CSV_ROWS = 50_000
PDF_ROWS = 2_000
BATCH = 2_000


def _row(event: Any) -> list[str]:
    return [
        timezone.localtime(event.occurred_at).isoformat(timespec="seconds"),
        event.actor_label,
        getattr(event, "acting_agencies", ""),
        event.agency_label,
        action_label(event.action),
        event.action,
        case_label(event),
        event.object_type,
        event.object_id,
        purpose_label(event.purpose) if event.purpose else "",
    ]


def _header() -> list[str]:
    return [
        _("Time"),
        _("Who"),
        _("Acting agency"),
        _("Agency of the data"),
        _("What"),
        _("Action code"),
        _("Case"),
        _("Object type"),
        _("Object id"),
        _("Purpose"),
    ]


def _described_rows(officer: Actor, events: Any) -> Iterator[list[str]]:
    """The rows in batches, each batch's cases and agencies read at once."""
    for batch in batched(events.iterator(chunk_size=BATCH), BATCH):
        yield from (_row(event) for event in describe(officer, list(batch)))


def _csv_lines(officer: Actor, events: Any) -> Iterator[str]:
    yield BOM + csv_line(_header())
    for row in _described_rows(officer, events):
        yield csv_line(row)


def download(request: ActorRequest, events: Any, used: list[str], output: str) -> HttpResponseBase:
    rows = CSV_ROWS if output == "csv" else PDF_ROWS
    chosen = events[:rows]
    detail = {"filters": used, "format": output, "at_most": rows}
    record_event(PrivacyAudit.AUDIT_EXPORTED, actor=request.user, detail=detail)
    name = f"revisjonslogg-{timezone.localdate():%Y-%m-%d}.{output}"
    response: HttpResponseBase
    if output == "csv":
        response = StreamingHttpResponse(
            _csv_lines(request.user, chosen), content_type="text/csv; charset=utf-8"
        )
    else:
        html = render_to_string(
            "privacy/audit_trail_pdf.html",
            {
                "header": _header(),
                "rows": list(_described_rows(request.user, chosen)),
                "limit": rows,
                "filters": used,
            },
        )
        response = HttpResponse(render_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response

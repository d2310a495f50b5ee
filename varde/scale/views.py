"""The benchmark floor: pages that do as little as a page can on the same stack (middleware, sessions,
login, templates), so that real pages are measured as ratios to them. The audited floors also append
one event to the audit trail, as every page that reads personal data must, so that a page's own work
can be told from the price of recording its view. They answer only when VARDE_BENCH_FLOOR is on,
which production installations never set."""

from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from varde.accounts.actors import ActorRequest
from varde.accounts.models import Unit
from varde.core.access import ANY_MEMBER, access
from varde.core.audit import record_event
from varde.scale.audit_actions import BenchAudit

TABLE_ROWS = 50


def _require_bench() -> None:
    if not settings.VARDE_BENCH_FLOOR:
        raise Http404


def _record_view(request: HttpRequest, audited: bool, **fields: Any) -> None:
    """The event an audited floor appends: linked and committed like a real page's view."""
    if audited:
        record_event(BenchAudit.FLOOR_VIEWED, actor=request.user, **fields)


@access(ANY_MEMBER)
def floor_row(request: ActorRequest, *, audited: bool = False) -> HttpResponse:
    """Reads one row and renders a tiny template."""
    _require_bench()
    unit = Unit.objects.order_by("pk").first()
    _record_view(request, audited, obj=unit)
    return render(request, "scale/floor_row.html", {"unit": unit})


@access(ANY_MEMBER)
def floor_table(request: ActorRequest, *, audited: bool = False) -> HttpResponse:
    """Renders a 50-row table in the page layout every real page uses."""
    _require_bench()
    units = list(Unit.objects.select_related("agency").order_by("pk")[:TABLE_ROWS])
    _record_view(request, audited, detail={"count": len(units)})
    return render(request, "scale/floor_table.html", {"units": units})

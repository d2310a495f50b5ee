"""The benchmark floor: two pages that do as little as a page can on the same stack (middleware,
sessions, login, templates), so that real pages are measured as ratios to them. They answer only when
VARDE_BENCH_FLOOR is on, which production installations never set."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from varde.accounts.models import Unit
from varde.core.access import ANY_MEMBER, access

TABLE_ROWS = 50


def _require_bench() -> None:
    if not settings.VARDE_BENCH_FLOOR:
        raise Http404


@access(ANY_MEMBER)
def floor_row(request: HttpRequest) -> HttpResponse:
    """Reads one row and renders a tiny template."""
    _require_bench()
    return render(request, "scale/floor_row.html", {"unit": Unit.objects.order_by("pk").first()})


@access(ANY_MEMBER)
def floor_table(request: HttpRequest) -> HttpResponse:
    """Renders a 50-row table in the page layout every real page uses."""
    _require_bench()
    units = Unit.objects.select_related("agency").order_by("pk")[:TABLE_ROWS]
    return render(request, "scale/floor_table.html", {"units": units})

from datetime import date, datetime, time, timedelta
from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from varde.accounts.roles import Role
from varde.core.access import access, roles
from varde.core.audit import record_event
from varde.core.htmx import HtmxHttpRequest
from varde.core.models import AuditEvent
from varde.core.paging import CappedPaginator
from varde.core.planner import plans_for_the_values

from .forms import AuditFilterForm
from .permissions import audit_events_visible_to

EVENTS_PER_PAGE = 50
# How far the page counts the events that match: the trail grows with every view, and a count of all
# of them would make the page slower year by year (ADR 0030).
COUNTED_EVENTS = 10_000


def filtered_events(events: Any, form: AuditFilterForm) -> Any:
    data = form.cleaned_data
    if data["action"]:
        events = events.filter(action__icontains=data["action"])
    if data["actor"]:
        events = events.filter(actor_label__iexact=data["actor"])
    if data["object_id"]:
        events = events.filter(object_id=data["object_id"])
    # Days as bounds on the time itself, not on its date (occurred_at__date): an index answers the
    # bounds, while the date is computed from every event in the trail (ADR 0029).
    if data["date_from"]:
        events = events.filter(occurred_at__gte=_midnight_before(data["date_from"]))
    if data["date_to"]:
        events = events.filter(occurred_at__lt=_midnight_before(data["date_to"] + timedelta(days=1)))
    return events


def _midnight_before(day: date) -> datetime:
    """The start of the day in the installation's time zone."""
    return timezone.make_aware(datetime.combine(day, time.min))


@access(roles(Role.PRIVACY_OFFICER, object_check="events of the officer's partnerships"))
def audit_trail(request: HtmxHttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    events = audit_events_visible_to(request.user).most_recent_first()
    if form.is_bound and form.is_valid():
        events = filtered_events(events, form)
        used = form.used_filters()
    else:
        events = events if not form.is_bound else AuditEvent.objects.none()
        used = []
    with plans_for_the_values():
        paginator = CappedPaginator(events, EVENTS_PER_PAGE, cap=COUNTED_EVENTS)
        page = paginator.get_page(request.GET.get("side"))
        # Read before this viewing is recorded: read after, the viewing took the place of the page's
        # last event when it matched the filters, and the count above the page left it out.
        page.object_list = list(page.object_list)
    record_event("audit.viewed", actor=request.user, detail={"filters": used})
    query = request.GET.copy()
    query.pop("side", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    if request.htmx:
        return render(request, "privacy/audit_trail.html#results", context)
    return render(request, "privacy/audit_trail.html", context)

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from varde.accounts.actors import Actor, ActorRequest
from varde.accounts.models import Agency
from varde.core.access import access
from varde.core.audit import record_event
from varde.core.forms import perform, submitted
from varde.core.models import AuditEvent
from varde.core.once import sent_once
from varde.core.paging import Position, capped_count, newest_first_stretch
from varde.core.pdf import render_pdf
from varde.core.planner import plans_for_the_values
from varde.privacy.audit_actions import PrivacyAudit
from varde.privacy.permissions import PrivacyCapability

from . import access_report, processing, requests, retention, trail, trail_export
from .forms import AccessReportForm, AuditFilterForm, HandlingForm, NewRequestForm, PersonForm
from .permissions import audit_events_visible_to
from .tokens import person_token

EVENTS_PER_PAGE = 50
# How far the page counts the events that match: the trail grows with every view, and a count of all
# of them would make the page slower year by year (ADR 0047).
COUNTED_EVENTS = 10_000


@access(PrivacyCapability.READ_TRAIL)
@require_http_methods(["GET", "POST"])
def audit_trail(request: ActorRequest) -> HttpResponseBase:
    """The trail, filtered by GET; a person is looked up by POST (see tokens.py)."""
    person_form = PersonForm(request.POST or None, prefix="person")
    if request.method == "POST":
        return _find_person(request, person_form)
    query_data = request.GET.copy()
    output = query_data.pop("format", [""])[-1]
    older = Position.parse(query_data.pop("eldre", [""])[-1])
    newer = Position.parse(query_data.pop("nyere", [""])[-1])
    form = AuditFilterForm(query_data or None, agencies=trail.agencies_of(request.user))
    events = audit_events_visible_to(request.user)
    filtered = form.is_bound and form.is_valid()
    if filtered:
        events = trail.filtered_events(events, form)
        used = form.used_filters()
    else:
        events = events if not form.is_bound else AuditEvent.objects.none()
        used = []
    if output in trail_export.FORMATS:
        return trail_export.download(request, events.most_recent_first(), used, output)
    with plans_for_the_values():
        counted = capped_count(events, COUNTED_EVENTS)
        # Read before this viewing is recorded: read after, the viewing would be the first row of a
        # page it matches, and the count above the page would leave it out.
        stretch = newest_first_stretch(events, EVENTS_PER_PAGE, older_than=older, newer_than=newer)
    trail.describe(request.user, stretch.rows)
    person = form.cleaned_data.get("person") if filtered else None
    person_cases = trail.case_words(request.user, person) if person else {}
    detail: dict[str, Any] = {"filters": used}
    if person_cases:
        detail["references"] = sorted(words.split()[0] for words in person_cases.values())
    record_event(PrivacyAudit.AUDIT_VIEWED, actor=request.user, detail=detail)
    context = {
        "form": form,
        "person_form": person_form,
        "person_cases": sorted(person_cases.values()),
        "stretch": stretch,
        "counted": counted,
        "query": query_data.urlencode(),
    }
    if request.htmx:
        return render(request, "privacy/audit_trail.html#results", context)
    return render(request, "privacy/audit_trail.html", context)


def _find_person(request: ActorRequest, person_form: PersonForm) -> HttpResponseBase:
    """The person's cases as a token in the trail's address, or the form again saying why not."""
    if person_form.is_valid():
        data = person_form.cleaned_data
        found = trail.concerns_about(request.user, data["name"], data["birth_year"])
        if found:
            token = person_token(concern.pk for concern in found)
            return redirect(f"{reverse('privacy:audit_trail')}?{urlencode({'person': token})}")
        person_form.add_error(None, trail.NO_CASES)
    form = AuditFilterForm(agencies=trail.agencies_of(request.user))
    context = {"form": form, "person_form": person_form, "stretch": None, "query": ""}
    return render(request, "privacy/audit_trail.html", context)


@access(PrivacyCapability.REPORT_ACCESS)
@require_http_methods(["GET", "POST"])
def access_report_page(request: ActorRequest) -> HttpResponse:
    """Search by name (sent by POST, so that no name is in an address or a log) and show the report;
    the same form with "PDF" gives the copy for the person."""
    form = AccessReportForm(request.POST or None)
    if request.method != "POST" or not form.is_valid():
        return render(request, "privacy/access_report.html", {"form": form})
    data = form.cleaned_data
    reports = access_report.cases_about(request.user, data["name"], data["birth_year"])
    as_pdf = request.POST.get("format") == "pdf"
    names = not data["without_employee_names"]
    access_report.record_report(
        request.user, reports, output="pdf" if as_pdf else "html", employee_names=names
    )
    context = {
        "form": form,
        "reports": reports,
        "searched": True,
        "employee_names": names,
        "officer_agencies": request.user.agency_ids_where(PrivacyCapability.REPORT_ACCESS.roles),
        "today": timezone.localdate(),
    }
    if not as_pdf:
        return render(request, "privacy/access_report.html", context)
    html = render_to_string("privacy/access_report_pdf.html", context, request=request)
    response = HttpResponse(render_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="innsyn-{timezone.localdate():%Y-%m-%d}.pdf"'
    return response


def _records_of(user: Actor) -> list[processing.ProcessingRecord]:
    """The record of each agency in which the user is the privacy officer."""
    records = user.agency_ids_where(PrivacyCapability.READ_PROCESSING_RECORD.roles)
    return processing.records_for(Agency.objects.filter(pk__in=records))


@access(PrivacyCapability.READ_PROCESSING_RECORD)
def processing_record(request: ActorRequest) -> HttpResponse:
    # Under the page's heading and each agency's: the record's own headings go two levels down.
    records = [(record, processing.record_html(record, below=2)) for record in _records_of(request.user)]
    return render(request, "privacy/processing_record.html", {"records": records})


@access(PrivacyCapability.READ_PROCESSING_RECORD)
def processing_record_pdf(request: ActorRequest, agency_pk: Any) -> HttpResponse:
    record = next((r for r in _records_of(request.user) if r.agency.pk == agency_pk), None)
    if record is None:
        raise Http404
    response = HttpResponse(processing.record_pdf(record), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{processing.record_file_name(record)}.pdf"'
    return response


@access(PrivacyCapability.OVERSEE_RETENTION)
def retention_overview(request: ActorRequest) -> HttpResponse:
    agency_ids = request.user.agency_ids_where(PrivacyCapability.OVERSEE_RETENTION.roles)
    today = timezone.localdate()
    view = retention.overview(agency_ids, today)
    # The holds' reasons are case content: reading them is recorded, by reference.
    record_event(
        PrivacyAudit.RETENTION_VIEWED,
        actor=request.user,
        purpose="retention oversight",
        detail={"holds": [concern.reference for concern in view.holds]},
    )
    context = {"view": view, "today": today, "look_ahead_days": retention.LOOK_AHEAD.days}
    return render(request, "privacy/retention.html", context)


@access(PrivacyCapability.HANDLE_REQUESTS)
@require_http_methods(["GET", "POST"])
@sent_once
def request_list(request: ActorRequest) -> HttpResponse:
    user = request.user
    # The agency the requests are made to: the officer's (an officer of both registers in the first).
    agency = (
        Agency.objects.filter(pk__in=user.agency_ids_where(PrivacyCapability.HANDLE_REQUESTS.roles))
        .order_by("kind")
        .first()
    )
    if agency is None:
        raise Http404
    form = NewRequestForm(request.POST or None, initial={"received_on": timezone.localdate()})
    created: list[Any] = []
    if submitted(request, form) and perform(
        form,
        lambda: created.append(
            requests.register_request(user, agency, requests.NewRequest(**form.cleaned_data))
        ),
    ):
        messages.success(
            request,
            _("The request is registered. It must be answered by %(date)s.")
            % {"date": formats.date_format(created[0].due_on, "SHORT_DATE_FORMAT")},
        )
        return redirect("privacy:request_detail", pk=created[0].pk)
    found = requests.requests_visible_to(user).select_related("agency")
    context = {"form": form, "requests": found, "today": timezone.localdate()}
    return render(request, "privacy/requests.html", context)


@access(PrivacyCapability.HANDLE_REQUESTS)
@require_http_methods(["GET", "POST"])
def request_detail(request: ActorRequest, pk: Any) -> HttpResponse:
    user = request.user
    found = requests.get_request_for(user, pk)
    form = HandlingForm(
        request.POST or None,
        record=found,
        initial={"handling": found.handling, "references": found.references, "answer": found.answer},
    )
    if submitted(request, form) and perform(
        form,
        lambda: requests.handle_request(user, found, **form.edits(), version=form.seen_version()),
    ):
        messages.success(request, _("The request is saved."))
        return redirect("privacy:request_detail", pk=found.pk)
    context = {"found": found, "form": form, "today": timezone.localdate()}
    return render(request, "privacy/request_detail.html", context)

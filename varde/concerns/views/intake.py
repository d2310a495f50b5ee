"""Intake by case handlers and by employees, and the employee's receipts."""

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from varde.accounts.actors import ActorRequest
from varde.accounts.permissions import handler_agencies
from varde.concerns.audit_actions import ConcernAudit
from varde.core.access import ANY_MEMBER, access
from varde.core.audit import record_event
from varde.core.forms import perform
from varde.core.once import sent_once

from ..actions import intake
from ..forms import AdviceFilterForm, EmployeeReportForm, IntakeForm
from ..listing import advice_matching
from ..models import AdviceSession
from ..permissions import ConcernCapability, possible_duplicates, reporting_agencies, reports_of
from ..workflow import REPORTER_STATUS

ADVICE_PER_PAGE = 50

REPORTS_PER_PAGE = 25


def _log_from(request: ActorRequest, form: IntakeForm) -> HttpResponse | None:
    user = request.user
    data = form.cleaned_data
    agency = data["agency"]
    if form.is_advice:
        fields = {k: data[k] for k in ("channel", "reporter_category", "phenomenon", "advice_given")}
        if perform(
            form,
            lambda: intake.log_advice_session(user, agency=agency, held_on=timezone.localdate(), **fields),
        ):
            messages.success(request, _("The advice session is logged. No case was opened."))
            return redirect("concerns:intake")
        return None
    created: list[Any] = []
    if perform(
        form, lambda: created.append(intake.register_concern(user, agency=agency, report=form.report()))
    ):
        concern = created[0]
        if data["acute"]:
            return redirect("concerns:acute", pk=concern.pk)
        messages.success(
            request, _("Concern %(reference)s is registered.") % {"reference": concern.reference}
        )
        return redirect("concerns:detail", pk=concern.pk)
    return None


@access(ConcernCapability.HANDLE)
@require_http_methods(["GET", "POST"])
@sent_once
def intake_view(request: ActorRequest) -> HttpResponse:
    """Log a call or register a concern in one form: advice only, or a concern with a case."""
    agencies = handler_agencies(request.user).select_related("partnership")
    form = IntakeForm(request.POST or None, agencies=agencies)
    matches: list[Any] = []
    if request.method == "POST" and form.is_valid():
        name = form.cleaned_data["subject_name"]
        if name and not form.is_advice:
            matches = list(possible_duplicates(request.user, form.cleaned_data["agency"], name))
        if matches and not form.cleaned_data["confirmed_new"]:
            form.add_error(
                "confirmed_new", _("Check the possible matches below before creating a new concern.")
            )
        else:
            response = _log_from(request, form)
            if response is not None:
                return response
    return render(request, "concerns/intake.html", {"form": form, "matches": matches})


@access(ANY_MEMBER)
@require_http_methods(["GET", "POST"])
@sent_once
def report(request: ActorRequest) -> HttpResponse:
    user = request.user
    agencies = reporting_agencies(user)
    form = EmployeeReportForm(request.POST or None, agencies=agencies)
    created: list[Any] = []
    if (
        request.method == "POST"
        and form.is_valid()
        and perform(
            form,
            lambda: created.append(
                intake.report_concern(user, agency=form.cleaned_data["agency"], report=form.report())
            ),
        )
    ):
        messages.success(
            request,
            _("Thank you. Your concern is received with reference %(reference)s.")
            % {"reference": created[0].reference},
        )
        return redirect("concerns:my_reports")
    return render(request, "concerns/report.html", {"form": form, "has_agency": agencies.exists()})


@access(ANY_MEMBER)
def my_reports(request: ActorRequest) -> HttpResponse:
    """Receipts for what the user reported: reference, status in three words and a contact person."""
    reports = reports_of(request.user).select_related("responsible", "owning_agency").order_by("-created_at")
    page = Paginator(reports, REPORTS_PER_PAGE).get_page(request.GET.get("side"))
    rows = [
        {
            "reference": concern.reference,
            "received": concern.created_at,
            "status": REPORTER_STATUS[concern.status],
            "contact": concern.responsible.display_name
            if concern.responsible
            else concern.owning_agency.name,
        }
        for concern in page
    ]
    record_event(ConcernAudit.RECEIPTS_VIEWED, actor=request.user, detail={"count": len(rows)})
    return render(request, "concerns/my_reports.html", {"page": page, "rows": rows})


@access(ConcernCapability.HANDLE)
def advice_list(request: ActorRequest) -> HttpResponse:
    """The hotline's advice calls of the handler's agencies, newest first, found by date, phenomenon,
    caller and the advice given."""
    form = AdviceFilterForm(request.GET or None)
    agencies = handler_agencies(request.user).values_list("pk", flat=True)
    sessions = AdviceSession.objects.filter(agency_id__in=list(agencies)).order_by("-held_on", "-id")
    searched_text = False
    if form.is_bound and form.is_valid():
        sessions, searched_text = advice_matching(sessions, form.cleaned_data)
    elif form.is_bound:
        sessions = AdviceSession.objects.none()
    page = Paginator(sessions, ADVICE_PER_PAGE).get_page(request.GET.get("side"))
    record_event(
        ConcernAudit.ADVICE_SESSION_LIST_VIEWED, actor=request.user, detail={"count": len(page.object_list)}
    )
    query = request.GET.copy()
    query.pop("side", None)
    context = {"form": form, "page": page, "query": query.urlencode(), "searched_text": searched_text}
    return render(request, "concerns/advice_list.html", context)

"""The action plan: dashboard, plan measures, obligations, trainings and coverage, requests, import and
export, and the status report."""

from datetime import date
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from varde.accounts.actors import ActorRequest
from varde.accounts.models import Unit
from varde.accounts.permissions import chosen_partnership
from varde.actionplan.audit_actions import PlanAudit
from varde.core.access import access
from varde.core.audit import record_event
from varde.core.documents import DocumentError
from varde.core.errors import ActionRefused
from varde.core.forms import FormOnPage, handle_page_forms, perform, posted, pressed, submitted
from varde.core.once import sent_once
from varde.core.pdf import render_pdf

from . import actions
from .forms import (
    ActivityForm,
    PlanUploadForm,
    ReportPeriodForm,
    RequestForm,
    ScheduleRequestForm,
    StatusForm,
    TrainingForm,
)
from .models import ActionPlan, Obligation, SessionRequest
from .obligations import Records, current_plan, statuses_for, what_counts
from .permissions import (
    PlanCapability,
    can_contribute,
    can_keep,
    get_measure_for,
)
from .planfile import export_plan
from .report import build_report

LIST_LIMIT = 50


def _plan_for(request: ActorRequest) -> ActionPlan:
    plan = current_plan(
        chosen_partnership(request.user, PlanCapability.READ.roles, request.GET.get("samarbeid"))
    )
    if plan is None:
        raise Http404
    return plan


@access(PlanCapability.READ)
def dashboard(request: ActorRequest) -> HttpResponse:
    partnership = chosen_partnership(request.user, PlanCapability.READ.roles, request.GET.get("samarbeid"))
    plan = current_plan(partnership)
    context: dict[str, Any] = {
        "partnership": partnership,
        "plan": plan,
        "can_keep": can_keep(request.user, partnership),
    }
    if plan is not None:
        context |= {
            "measures": plan.measures.all(),
            "obligations": statuses_for(plan, timezone.localdate()),
        }
    return render(request, "actionplan/dashboard.html", context)


@access(PlanCapability.READ)
@require_http_methods(["GET", "POST"])
@sent_once
def measure(request: ActorRequest, pk: Any) -> HttpResponse:
    user = request.user
    item = get_measure_for(user, pk)
    partnership = item.plan.partnership
    status_form = StatusForm(
        posted(request, "status"), prefix="status", record=item, initial={"status": item.status}
    )
    activity_form = ActivityForm(
        posted(request, "activity"), prefix="activity", initial={"occurred_on": timezone.localdate()}
    )
    done = handle_page_forms(
        request,
        {
            "status": FormOnPage(
                can_keep(user, partnership),
                status_form,
                lambda: actions.set_measure_status(
                    user, item, **status_form.edits(), version=status_form.seen_version()
                ),
                _("The status is changed."),
            ),
            "activity": FormOnPage(
                can_contribute(user, partnership),
                activity_form,
                lambda: actions.log_activity(user, item, **activity_form.cleaned_data),
                _("The activity is logged."),
            ),
        },
        "actionplan:measure",
        pk=item.pk,
    )
    if done:
        return done
    context = {
        "measure": item,
        "activities": item.activities.select_related("recorded_by")[:LIST_LIMIT],
        "obligations": item.obligations.all(),
        "status_form": status_form if can_keep(user, partnership) else None,
        "activity_form": activity_form if can_contribute(user, partnership) else None,
    }
    return render(request, "actionplan/measure.html", context)


@access(PlanCapability.READ)
def obligation(request: ActorRequest, pk: Any) -> HttpResponse:
    plan = _plan_for(request)
    item = Obligation.objects.filter(pk=pk, plan=plan).select_related("measure").first()
    if item is None:
        raise Http404
    status = Records(plan, timezone.localdate()).status_of(item)
    context = {"status": status, "plan": plan, "counts": what_counts(item)}
    return render(request, "actionplan/obligation.html", context)


@access(PlanCapability.READ)
@require_http_methods(["GET", "POST"])
@sent_once
def trainings(request: ActorRequest) -> HttpResponse:
    user = request.user
    partnership = chosen_partnership(user, PlanCapability.READ.roles, request.GET.get("samarbeid"))
    contributor = can_contribute(user, partnership)
    form = TrainingForm(
        request.POST if request.method == "POST" else None,
        units=Unit.objects.filter(agency__partnership=partnership, is_active=True).order_by(
            "-first_line", "name"
        ),
        initial={"held_on": timezone.localdate()},
    )
    if request.method == "POST" and not contributor:
        raise Http404
    if submitted(request, form) and perform(
        form, lambda: actions.record_training(user, partnership, record=form.record())
    ):
        messages.success(request, _("The training is recorded."))
        return redirect("actionplan:trainings")
    context = {
        "partnership": partnership,
        "trainings": partnership.trainings.prefetch_related("units")[:LIST_LIMIT],
        "form": form if contributor else None,
    }
    return render(request, "actionplan/trainings.html", context)


@access(PlanCapability.READ)
def coverage(request: ActorRequest) -> HttpResponse:
    plan = _plan_for(request)
    records = Records(plan, timezone.localdate())
    rule = plan.obligations.filter(rule="first_line_every_months").first()
    status = records.status_of(rule) if rule else None
    return render(request, "actionplan/coverage.html", {"plan": plan, "status": status})


@access(PlanCapability.READ)
@require_http_methods(["GET", "POST"])
@sent_once
def requests(request: ActorRequest) -> HttpResponse:
    user = request.user
    partnership = chosen_partnership(user, PlanCapability.READ.roles, request.GET.get("samarbeid"))
    contributor = can_contribute(user, partnership)
    form = RequestForm(request.POST or None, initial={"received_on": timezone.localdate()})
    if request.method == "POST" and not contributor:
        raise Http404
    if submitted(request, form) and perform(
        form, lambda: actions.register_request(user, partnership, **form.cleaned_data)
    ):
        messages.success(request, _("The request is registered."))
        return redirect("actionplan:requests")
    context = {
        "partnership": partnership,
        "requests": partnership.session_requests.select_related("training")[:LIST_LIMIT],
        "form": form if contributor else None,
        "schedule_form": ScheduleRequestForm(prefix="schedule") if contributor else None,
        "today": timezone.localdate(),
    }
    return render(request, "actionplan/requests.html", context)


def _request_for(request: ActorRequest, pk: Any) -> SessionRequest:
    partnership = chosen_partnership(
        request.user, PlanCapability.CONTRIBUTE.roles, request.GET.get("samarbeid")
    )
    found = SessionRequest.objects.filter(pk=pk, partnership=partnership).first()
    if found is None:
        raise Http404
    return found


@access(PlanCapability.CONTRIBUTE)
@require_POST
def request_action(request: ActorRequest, pk: Any) -> HttpResponse:
    user = request.user
    found = _request_for(request, pk)
    form = ScheduleRequestForm(request.POST, prefix="schedule")
    try:
        if pressed(request) == "decline":
            actions.decline_request(user, found)
        elif form.is_valid():
            actions.schedule_request(user, found, on=form.cleaned_data["on"])
        else:
            messages.error(request, _("Give the date of the session."))
            return redirect("actionplan:requests")
    except ActionRefused as refusal:
        for message in refusal.messages:
            messages.error(request, message)
        return redirect("actionplan:requests")
    messages.success(request, _("The request is updated."))
    return redirect("actionplan:requests")


@access(PlanCapability.CONTRIBUTE)
@require_http_methods(["GET", "POST"])
def request_held(request: ActorRequest, pk: Any) -> HttpResponse:
    user = request.user
    found = _request_for(request, pk)
    form = TrainingForm(
        request.POST if request.method == "POST" else None,
        units=Unit.objects.filter(agency__partnership=found.partnership, is_active=True),
        initial={"kind": found.kind, "held_on": found.scheduled_for, "audience": found.organisation},
    )
    if submitted(request, form) and perform(
        form, lambda: actions.hold_request(user, found, record=form.record())
    ):
        messages.success(request, _("The session is recorded as held."))
        return redirect("actionplan:requests")
    return render(request, "actionplan/request_held.html", {"request_": found, "form": form})


@access(PlanCapability.KEEP)
@require_http_methods(["GET", "POST"])
def import_plan(request: ActorRequest) -> HttpResponse:
    user = request.user
    partnership = chosen_partnership(user, PlanCapability.KEEP.roles, request.GET.get("samarbeid"))
    form = PlanUploadForm(request.POST or None, request.FILES or None)
    if submitted(request, form) and (source := form.source()) is not None:
        try:
            plan = actions.import_plan(user, partnership, source=source)
        except DocumentError as error:
            for message in error.messages:
                form.add_error("file", message)
        else:
            messages.success(request, _("%(plan)s is loaded.") % {"plan": plan})
            return redirect("actionplan:dashboard")
    return render(request, "actionplan/import.html", {"form": form, "partnership": partnership})


@access(PlanCapability.READ)
def export(request: ActorRequest) -> HttpResponse:
    plan = _plan_for(request)
    record_event(PlanAudit.EXPORTED, actor=request.user, obj=plan, partnership=plan.partnership)
    response = HttpResponse(export_plan(plan), content_type="application/yaml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="handlingsplan-v{plan.version}.yaml"'
    return response


def _period(request: HttpRequest) -> tuple[ReportPeriodForm, date, date]:
    today = timezone.localdate()
    form = ReportPeriodForm(
        request.GET or None, initial={"start": today.replace(month=1, day=1), "end": today}
    )
    if form.is_bound and form.is_valid():
        return form, form.cleaned_data["start"], form.cleaned_data["end"]
    return form, today.replace(month=1, day=1), today


@access(PlanCapability.READ)
def report(request: ActorRequest) -> HttpResponse:
    plan = _plan_for(request)
    form, start, end = _period(request)
    context = {"form": form, "report": build_report(plan, start, end), "query": request.GET.urlencode()}
    return render(request, "actionplan/report.html", context)


@access(PlanCapability.READ)
def report_pdf(request: ActorRequest) -> HttpResponse:
    plan = _plan_for(request)
    _form, start, end = _period(request)
    context = {
        "report": build_report(plan, start, end),
        "printed_at": timezone.localtime(),
        "printed_by": request.user,
    }
    html = render_to_string("actionplan/report_pdf.html", context, request=request)
    record_event(PlanAudit.REPORT_EXPORTED, actor=request.user, obj=plan, partnership=plan.partnership)
    response = HttpResponse(render_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="statusrapport-{start:%Y%m%d}-{end:%Y%m%d}.pdf"'
    return response

"""The situation picture (suppressed tables and their CSV), and the registration of hate incidents and
online observations."""

from collections.abc import Iterable
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from varde.accounts.actors import Actor, ActorRequest
from varde.accounts.models import Partnership
from varde.accounts.permissions import chosen_partnership, handler_agencies, partnerships_where_any
from varde.core.access import access
from varde.core.audit import record_event
from varde.core.forms import perform, submitted
from varde.core.once import sent_once
from varde.core.pdf import render_pdf
from varde.core.spreadsheets import table_download
from varde.statistics.audit_actions import StatisticsAudit

from . import actions
from .charts import by_category, by_period
from .forms import AssessmentForm, IncidentForm, ObservationForm, SituationForm
from .models import HateIncident, LocalAssessment, OnlineObservation
from .permissions import StatisticsCapability
from .report import build_report
from .suppression import HIDDEN, THRESHOLD, Table
from .tables import SUPPRESSED, Period, Source, count_table, export_notes, export_rows

LIST_LIMIT = 50


def _filters(request: ActorRequest) -> SituationForm:
    """The chosen filters; a user in more than one partnership also chooses which one."""
    year = timezone.localdate().year
    initial = {
        "source": Source.CONCERNS,
        "dimension": "phenomenon",
        "period": Period.QUARTER,
        "first_year": year,
        "last_year": year,
    }
    form = SituationForm(
        request.GET or initial,
        partnerships=partnerships_where_any(request.user, StatisticsCapability.READ.roles),
    )
    form.is_valid()
    return form


def _table_for(request: ActorRequest, form: SituationForm) -> tuple[Any, Table] | None:
    if not form.is_valid():
        return None
    partnership = chosen_partnership(
        request.user, StatisticsCapability.READ.roles, form.cleaned_data.get("samarbeid")
    )
    return count_table(partnership, **form.table_filters())


@access(StatisticsCapability.READ)
def situation(request: ActorRequest) -> HttpResponse:
    form = _filters(request)
    result = _table_for(request, form)
    context: dict[str, Any] = {
        "form": form,
        "threshold": THRESHOLD,
        "hidden": HIDDEN,
        "query": request.GET.urlencode(),
    }
    if result is not None:
        dimension, table = result
        title = f"{Source(form.cleaned_data['source']).label} – {dimension.label}"
        context |= {
            "charts": [
                by_category("situation-categories", title, table),
                by_period("situation-trend", _("%(what)s over time") % {"what": title}, table),
            ],
            "title": title,
            "dimension": dimension,
            "table": table,
            "lines": table.published()[1:],
        }
    return render(request, "statistics/situation.html", context)


@access(StatisticsCapability.READ)
def situation_csv(request: ActorRequest) -> HttpResponse:
    return _situation_file(request, "csv")


@access(StatisticsCapability.READ)
def situation_xlsx(request: ActorRequest) -> HttpResponse:
    return _situation_file(request, "xlsx")


def _situation_file(request: ActorRequest, output: str) -> HttpResponse:
    """The published table to take away, as the page shows it, with codes beside the labels."""
    form = _filters(request)
    if not form.is_valid():
        return HttpResponse(_("Choose a valid period and breakdown."), status=400, content_type="text/plain")
    partnership = chosen_partnership(
        request.user, StatisticsCapability.READ.roles, form.cleaned_data.get("samarbeid")
    )
    dimension, table = count_table(partnership, **form.table_filters())
    record_event(StatisticsAudit.EXPORTED, actor=request.user, detail={"format": output, **form.cleaned_data})
    rows = export_rows(partnership, dimension, table)
    return table_download(
        rows, output=output, name="situasjonsbilde", marked=SUPPRESSED, notes=export_notes()
    )


def _partnership_choice(user: Actor, allowed: Iterable[str], partnership: Partnership) -> dict[str, Any]:
    """For the links that switch partnership, shown to users who work in more than one."""
    return {"partnership": partnership, "partnerships": list(partnerships_where_any(user, allowed))}


@access(StatisticsCapability.REGISTER)
@require_http_methods(["GET", "POST"])
@sent_once
def incidents(request: ActorRequest) -> HttpResponse:
    user = request.user
    partnership = chosen_partnership(user, StatisticsCapability.REGISTER.roles, request.GET.get("samarbeid"))
    form = IncidentForm(
        request.POST or None, initial={"occurred_on": timezone.localdate(), "arena": "physical"}
    )
    if submitted(request, form) and perform(
        form, lambda: actions.register_incident(user, incident=form.incident(), partnership=partnership)
    ):
        messages.success(request, _("The incident is registered."))
        return redirect(f"{reverse('statistics:incidents')}?samarbeid={partnership.slug}")
    recent = HateIncident.objects.filter(partnership=partnership)[:LIST_LIMIT]
    context = {
        "form": form,
        "incidents": recent,
        **_partnership_choice(user, StatisticsCapability.REGISTER.roles, partnership),
    }
    return render(request, "statistics/incidents.html", context)


@access(StatisticsCapability.REGISTER)
@require_http_methods(["GET", "POST"])
@sent_once
def observations(request: ActorRequest) -> HttpResponse:
    user = request.user
    partnership = chosen_partnership(user, StatisticsCapability.REGISTER.roles, request.GET.get("samarbeid"))
    form = ObservationForm(request.POST or None, initial={"observed_on": timezone.localdate()})
    if submitted(request, form) and perform(
        form, lambda: actions.register_observation(user, **form.cleaned_data, partnership=partnership)
    ):
        messages.success(request, _("The observation is registered."))
        return redirect(f"{reverse('statistics:observations')}?samarbeid={partnership.slug}")
    recent = OnlineObservation.objects.filter(partnership=partnership)[:LIST_LIMIT]
    context = {
        "form": form,
        "observations": recent,
        **_partnership_choice(user, StatisticsCapability.REGISTER.roles, partnership),
    }
    return render(request, "statistics/observations.html", context)


def _report_year(request: HttpRequest) -> int:
    current = timezone.localdate().year
    try:
        year = int(request.GET.get("aar", current))
    except ValueError:
        return current
    return year if 2000 <= year <= current else current


@access(StatisticsCapability.READ)
@require_http_methods(["GET", "POST"])
def report(request: ActorRequest) -> HttpResponse:
    user = request.user
    partnership = chosen_partnership(user, StatisticsCapability.READ.roles, request.GET.get("samarbeid"))
    year = _report_year(request)
    writer = handler_agencies(user).filter(partnership=partnership).exists()
    existing = LocalAssessment.objects.filter(partnership=partnership, year=year).first()
    form = AssessmentForm(
        request.POST if request.method == "POST" else None,
        initial={"text": existing.text if existing else ""},
    )
    if request.method == "POST" and not writer:
        raise Http404
    if submitted(request, form) and perform(
        form,
        lambda: actions.save_assessment(
            user, year=year, text=form.cleaned_data["text"], partnership=partnership
        ),
    ):
        messages.success(request, _("The assessment is saved."))
        return redirect(f"{reverse('statistics:report')}?samarbeid={partnership.slug}&aar={year}")
    context = {
        "report": build_report(partnership, year),
        **_partnership_choice(user, StatisticsCapability.READ.roles, partnership),
        "form": form if writer else None,
        "year": year,
        "year_query": f"&aar={year}",
        "years": range(timezone.localdate().year, 1999, -1)[:10],
    }
    return render(request, "statistics/report.html", context)


@access(StatisticsCapability.READ)
def report_pdf(request: ActorRequest) -> HttpResponse:
    partnership = chosen_partnership(
        request.user, StatisticsCapability.READ.roles, request.GET.get("samarbeid")
    )
    year = _report_year(request)
    context = {
        "report": build_report(partnership, year),
        "printed_at": timezone.localtime(),
        "printed_by": request.user,
    }
    html = render_to_string("statistics/report_pdf.html", context, request=request)
    record_event(
        StatisticsAudit.REPORT_EXPORTED, actor=request.user, partnership=partnership, detail={"year": year}
    )
    response = HttpResponse(render_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="situasjonsrapport-{year}.pdf"'
    return response

"""The case list, the case page, and the forms that change a case."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from varde.accounts.actors import ActorRequest
from varde.accounts.permissions import handler_agency_ids
from varde.accounts.roles import AgencyKind
from varde.concerns.audit_actions import ConcernAudit
from varde.core.access import access
from varde.core.audit import record_event
from varde.core.forms import perform, submitted
from varde.core.once import sent_once

from ..actions import casework, intake, measures, retention, sharing
from ..choices import Status
from ..forms import (
    AcuteForm,
    AssessmentForm,
    AssignForm,
    CaseFilterForm,
    CloseForm,
    MeasureUpdateForm,
    ReasonForm,
    ReopenForm,
    RetentionForm,
    ReviewForm,
    StatusForm,
    consent_form,
    consent_terms,
    disclosure_form,
    measure_form,
)
from ..listing import acute_case_rows, case_list_page
from ..models import Concern, Consent, Disclosure, LegalBasis
from ..panels import panels_for
from ..permissions import (
    ConcernCapability,
    case_handlers_of,
    concerns_visible_to,
    get_concern_for,
    get_measure_for,
    get_owned_concern_for,
)
from ..selectors import disclosures_for, filtered_concerns, measures_for
from ..workflow import allowed_transitions
from .common import action_page, done


@access(ConcernCapability.READ)
def case_list(request: ActorRequest) -> HttpResponse:
    user = request.user
    form = CaseFilterForm(request.GET or None)
    visible = concerns_visible_to(user)
    concerns = (
        filtered_concerns(visible, form, user)
        if form.is_valid()
        else visible.order_by("-created_at", "reference")
    )
    owned_by, today = handler_agency_ids(user), timezone.localdate()
    listed = case_list_page(concerns, request.GET.get("side"), owned_by=owned_by, today=today)
    if request.htmx:
        # The acute cases stand above the results, which are all a filter sent by htmx replaces.
        record_event(ConcernAudit.LIST_VIEWED, actor=user, detail={"count": len(listed.page.object_list)})
        results = {"page": listed.page, "rows": listed.rows, "query": _query_without_page(request)}
        return render(request, "concerns/case_list.html#results", results)
    acute_count, acute = acute_case_rows(visible, owned_by=owned_by, today=today)
    detail = {"count": len(listed.page.object_list), "acute": acute_count}
    record_event(ConcernAudit.LIST_VIEWED, actor=user, detail=detail)
    context: dict[str, Any] = {
        "form": form,
        "page": listed.page,
        "rows": listed.rows,
        "acute_rows": acute,
        "query": _query_without_page(request),
    }
    return render(request, "concerns/case_list.html", context)


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("side", None)
    return query.urlencode()


@access(ConcernCapability.READ)
def concern_detail(request: ActorRequest, pk: Any) -> HttpResponse:
    user = request.user
    concern, access_ = get_concern_for(user, pk, purpose="case page")
    context: dict[str, Any] = {
        "concern": concern,
        "access": access_,
        "measures": measures_for(user, concern, access_),
        "panels": panels_for(user, concern, access_),
        "today": timezone.localdate(),
    }
    if access_.is_owner:
        context |= {
            "events": concern.events.select_related("actor"),
            "consents": concern.consents.prefetch_related("agencies", "measure_types").select_related(
                "withdrawn_by"
            ),
            "disclosures": disclosures_for(user, concern, access_),
            "reviews": concern.reviews.select_related("done_by"),
            "transitions": allowed_transitions(concern.status),
        }
    else:
        context["disclosures"] = disclosures_for(user, concern, access_)
    return render(request, "concerns/concern_detail.html", context)


# Triage and status ------------------------------------------------------------------------------


@access(ConcernCapability.HANDLE)
@require_http_methods(["GET", "POST"])
def acute(request: ActorRequest, pk: Any) -> HttpResponse:
    user = request.user
    concern = get_owned_concern_for(user, pk, purpose="acute triage")
    moving = concern.owning_agency.kind != AgencyKind.POLICE
    bases = LegalBasis.objects.citable_by(concern.owning_agency) if moving else None
    initial = {
        "alerted_at": timezone.localtime().replace(second=0, microsecond=0),
        "alerted_by": user.display_name,
    }
    form = AcuteForm(request.POST or None, bases=bases, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if perform(
            form,
            lambda: intake.mark_acute(
                user,
                concern,
                alerted_at=data["alerted_at"],
                alerted_by=data["alerted_by"],
                legal_basis=data.get("legal_basis"),
                justification=data.get("justification", ""),
            ),
        ):
            if moving:
                return _moved_to_police(request, concern)
            return done(request, concern, _("The concern is marked acute."))
    return action_page(
        request,
        concern,
        form,
        heading=_("Acute concern"),
        submit=_("Record and move to the police") if moving else _("Record"),
        danger=True,
        extra={"acute": True, "moving": moving},
    )


def _moved_to_police(request: HttpRequest, concern: Concern) -> HttpResponse:
    return render(request, "concerns/moved_to_police.html", {"concern": concern})


@access(ConcernCapability.HANDLE)
@require_http_methods(["GET", "POST"])
def change_status(request: ActorRequest, pk: Any) -> HttpResponse:
    user = request.user
    concern = get_owned_concern_for(user, pk, purpose="change status")
    if concern.is_closed:
        return redirect("concerns:reopen", pk=concern.pk)
    form = StatusForm(request.POST or None, allowed=list(allowed_transitions(concern.status)))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if perform(
            form,
            lambda: casework.change_status(user, concern, to_status=data["to_status"], reason=data["reason"]),
        ):
            return done(request, concern, _("The status is changed."))
    return action_page(request, concern, form, heading=_("Change status"), submit=_("Change status"))


@access(ConcernCapability.HANDLE)
@require_http_methods(["GET", "POST"])
def close(request: ActorRequest, pk: Any) -> HttpResponse:
    user = request.user
    concern = get_owned_concern_for(user, pk, purpose="close")
    if Status.CLOSED not in allowed_transitions(concern.status):
        raise Http404
    running = concern.measures.running().select_related("measure_type", "responsible")
    form = CloseForm(request.POST or None, running=running)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if perform(
            form,
            lambda: casework.close_concern(
                user, concern, outcome=data["outcome"], reason=data["reason"], measure_endings=form.endings()
            ),
        ):
            return done(request, concern, _("The concern is closed."))
    intro = _(
        "Closing ends the work on the case: each running measure ends as you choose below, the tasks "
        "about it close, and a mentor no longer sees it. Initial-discussion disclosures end; other "
        "disclosures stay on record. The case is read-only until someone reopens it. If it had "
        "measures, reviews are scheduled."
    )
    return action_page(request, concern, form, heading=_("Close concern"), submit=_("Close"), intro=intro)


@access(ConcernCapability.HANDLE)
@require_http_methods(["GET", "POST"])
def reopen(request: ActorRequest, pk: Any) -> HttpResponse:
    user = request.user
    concern = get_owned_concern_for(user, pk, purpose="reopen")
    if not concern.is_closed:
        raise Http404
    form = ReopenForm(request.POST or None)
    reopened = request.method == "POST" and form.is_valid()
    if reopened and perform(
        form, lambda: casework.reopen_concern(user, concern, reason=form.cleaned_data["reason"])
    ):
        return done(request, concern, _("The concern is reopened for assessment."))
    intro = _(
        "Reopening sends the case back to assessment and removes its outcome and pending reviews. "
        "Measures that ended stay ended. The reason is kept in the case's history and the audit trail."
    )
    return action_page(request, concern, form, heading=_("Reopen concern"), submit=_("Reopen"), intro=intro)


@access(ConcernCapability.HANDLE)
@require_http_methods(["GET", "POST"])
def assign(request: ActorRequest, pk: Any) -> HttpResponse:
    user = request.user
    concern = get_owned_concern_for(user, pk, purpose="assign")
    form = AssignForm(
        request.POST or None,
        handlers=case_handlers_of(concern.owning_agency),
        initial={"responsible": concern.responsible_id},
    )
    if submitted(request, form) and perform(
        form,
        lambda: casework.assign_responsible(user, concern, responsible=form.cleaned_data["responsible"]),
    ):
        return done(request, concern, _("The responsible person is changed."))
    return action_page(request, concern, form, heading=_("Responsible person"), submit=_("Save"))


@access(ConcernCapability.HANDLE)
@require_http_methods(["GET", "POST"])
def assessment(request: ActorRequest, pk: Any) -> HttpResponse:
    user = request.user
    concern = get_owned_concern_for(user, pk, purpose="write assessment")
    form = AssessmentForm(
        request.POST or None, record=concern, initial={"summary": concern.assessment_summary}
    )
    if submitted(request, form) and perform(
        form,
        lambda: casework.update_assessment(
            user, concern, summary=form.cleaned_data["summary"], version=form.seen_version()
        ),
    ):
        return done(request, concern, _("The assessment is saved."))
    return action_page(request, concern, form, heading=_("Assessment"), submit=_("Save"))


@access(ConcernCapability.HANDLE)
@require_http_methods(["GET", "POST"])
def review(request: ActorRequest, pk: Any, review_pk: Any) -> HttpResponse:
    user = request.user
    concern = get_owned_concern_for(user, pk, purpose="review")
    item = concern.reviews.pending().filter(pk=review_pk).first()
    if item is None:
        raise Http404
    form = ReviewForm(request.POST or None)
    if submitted(request, form) and perform(
        form, lambda: casework.complete_review(user, item, notes=form.cleaned_data["notes"])
    ):
        return done(request, concern, _("The review is recorded."))
    return action_page(request, concern, form, heading=_("Review after closure"), submit=_("Record review"))


@access(ConcernCapability.HANDLE)
@require_http_methods(["GET", "POST"])
def keep_longer(request: ActorRequest, pk: Any) -> HttpResponse:
    user = request.user
    concern = get_owned_concern_for(user, pk, purpose="retention")
    form = RetentionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if perform(
            form,
            lambda: retention.extend_retention(
                user, concern, keep_until=data["keep_until"], reason=data["reason"]
            ),
        ):
            return done(request, concern, _("The personal data will be kept until the new date."))
    intro = _(
        "Personal data is deleted or restricted by the retention rules. Keeping it longer needs a reason."
    )
    return action_page(
        request, concern, form, heading=_("Keep personal data longer"), submit=_("Save"), intro=intro
    )


# Measures ---------------------------------------------------------------------------------------


@access(ConcernCapability.HANDLE)
@require_http_methods(["GET", "POST"])
@sent_once
def measure_add(request: ActorRequest, pk: Any) -> HttpResponse:
    user = request.user
    concern = get_owned_concern_for(user, pk, purpose="add measure")
    form = measure_form(concern, request.POST or None)
    if submitted(request, form) and perform(
        form, lambda: measures.add_measure(user, concern, **form.cleaned_data)
    ):
        return done(request, concern, _("The measure is added."))
    return action_page(request, concern, form, heading=_("New measure"), submit=_("Add measure"))


@access(ConcernCapability.READ)
@require_http_methods(["GET", "POST"])
def measure_edit(request: ActorRequest, pk: Any, measure_pk: Any) -> HttpResponse:
    user = request.user
    concern, _access = get_concern_for(user, pk, purpose="update measure")
    measure = get_measure_for(user, measure_pk)
    if measure.concern_id != concern.pk:
        raise Http404
    initial = {"status": measure.status, "next_review": measure.next_review, "evaluation": measure.evaluation}
    form = MeasureUpdateForm(request.POST or None, record=measure, initial=initial)
    if submitted(request, form) and perform(
        form,
        lambda: measures.update_measure(user, measure, **form.edits(), version=form.seen_version()),
    ):
        return done(request, concern, _("The measure is updated."))
    heading = _("Measure: %(type)s") % {"type": measure.measure_type}
    return action_page(request, concern, form, heading=heading, submit=_("Save"))


# Consent and disclosures ------------------------------------------------------------------------


@access(ConcernCapability.HANDLE)
@require_http_methods(["GET", "POST"])
@sent_once
def consent_add(request: ActorRequest, pk: Any) -> HttpResponse:
    user = request.user
    concern = get_owned_concern_for(user, pk, purpose="record consent")
    form = consent_form(concern, request.POST or None)
    if request.method == "POST" and form.is_valid():
        terms = consent_terms(form.cleaned_data)
        if perform(form, lambda: sharing.record_consent(user, concern, terms=terms)):
            return done(request, concern, _("The consent is recorded."))
    return action_page(request, concern, form, heading=_("Record consent"), submit=_("Record consent"))


@access(ConcernCapability.HANDLE)
@require_http_methods(["GET", "POST"])
def consent_withdraw(request: ActorRequest, pk: Any, consent_pk: Any) -> HttpResponse:
    user = request.user
    concern = get_owned_concern_for(user, pk, purpose="withdraw consent")
    consent = Consent.objects.filter(concern=concern, pk=consent_pk, withdrawn_at__isnull=True).first()
    if consent is None:
        raise Http404
    form = ReasonForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and perform(form, lambda: sharing.withdraw_consent(user, consent))
    ):
        return done(
            request, concern, _("The consent is withdrawn. Sharing and measures resting on it have ended.")
        )
    intro = _(
        "From now on, every disclosure and measure that rests on this consent ends, "
        "and the people responsible are told."
    )
    return action_page(
        request,
        concern,
        form,
        heading=_("Withdraw consent"),
        submit=_("Withdraw consent"),
        intro=intro,
        danger=True,
    )


@access(ConcernCapability.HANDLE)
@require_http_methods(["GET", "POST"])
@sent_once
def disclose(request: ActorRequest, pk: Any) -> HttpResponse:
    user = request.user
    concern = get_owned_concern_for(user, pk, purpose="disclose")
    form = disclosure_form(concern, request.POST or None, initial={"approved_by": user.pk})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        terms = sharing.DisclosureTerms(**data)
        if perform(form, lambda: sharing.disclose(user, concern, terms=terms)):
            return done(request, concern, _("The information is shared with the other agency."))
    intro = _("The other agency will see exactly the parts you choose, read-only, until the disclosure ends.")
    return action_page(
        request, concern, form, heading=_("Share with the other agency"), submit=_("Share"), intro=intro
    )


@access(ConcernCapability.HANDLE)
@require_http_methods(["GET", "POST"])
def disclosure_revoke(request: ActorRequest, pk: Any, disclosure_pk: Any) -> HttpResponse:
    user = request.user
    concern = get_owned_concern_for(user, pk, purpose="revoke disclosure")
    disclosure = Disclosure.objects.in_force().filter(concern=concern, pk=disclosure_pk).first()
    if disclosure is None:
        raise Http404
    form = ReasonForm(request.POST or None)
    if submitted(request, form) and perform(
        form, lambda: sharing.revoke_disclosure(user, disclosure, reason=form.cleaned_data["reason"])
    ):
        return done(request, concern, _("The disclosure is revoked."))
    return action_page(
        request, concern, form, heading=_("Revoke disclosure"), submit=_("Revoke"), danger=True
    )

"""Structured assessments on a concern, their trajectory and PDF summary; instruments and level scale."""

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from varde.accounts.actors import Actor, ActorRequest
from varde.accounts.permissions import AccountCapability
from varde.assessments.audit_actions import AssessmentAudit
from varde.concerns.models import Concern
from varde.concerns.panels import Panel
from varde.concerns.permissions import (
    ConcernAccess,
    ConcernCapability,
    get_concern_for,
    get_owned_concern_for,
    partnerships_administered_by,
)
from varde.concerns.views.common import administered_partnership
from varde.core.access import access
from varde.core.audit import record_event
from varde.core.errors import ActionRefused
from varde.core.forms import perform, submitted
from varde.core.pdf import render_pdf

from . import actions
from .engine import InstrumentError, Item, Section, Step, Text
from .forms import AssessmentForm, ConcernLevelForm, InstrumentUploadForm, StartForm, initial_for
from .models import Assessment, ConcernLevel, Instrument, Rating
from .permissions import (
    AssessmentCapability,
    assessments_visible_to,
    can_write_assessment,
    get_assessment_for,
    possible_participants,
)
from .trajectory import trajectory_of

# The case page's section ---------------------------------------------------------------------------


def case_panel(user: Actor, concern: Concern, access_: ConcernAccess) -> Panel | None:
    assessments = list(
        assessments_visible_to(user, concern, access_)
        .select_related("level", "instrument")
        .order_by("-assessed_on", "-created_at")
    )
    if not access_.is_owner and not assessments:
        return None
    current = next((a for a in assessments if a.is_final and not _is_replaced(a, assessments)), None)
    return Panel(
        "assessments/case_panel.html",
        {
            "assessments": assessments,
            "current": current,
            "draft": next((a for a in assessments if not a.is_final), None),
            "can_start": access_.is_owner and not concern.is_closed,
        },
    )


def _is_replaced(assessment: Assessment, assessments: list[Assessment]) -> bool:
    return any(other.supersedes_id == assessment.pk and other.is_final for other in assessments)


# Assessments -------------------------------------------------------------------------------------


@access(ConcernCapability.HANDLE)
@require_http_methods(["GET", "POST"])
def start(request: ActorRequest, pk: Any) -> HttpResponse:
    user = request.user
    concern = get_owned_concern_for(user, pk, purpose="start assessment")
    draft = concern.assessments.drafts().first()
    if draft is not None:
        return redirect("assessments:edit", pk=concern.pk, assessment_pk=draft.pk)
    # A reassessment uses the same instrument as the last one, so that the areas line up.
    last = concern.assessments.in_force().order_by("-assessed_on", "-created_at").first()
    form = StartForm(
        request.POST or None,
        instruments=concern.partnership.instruments.current(),
        initial={"instrument": last.instrument_id if last else None},
    )
    if submitted(request, form):
        started: list[Assessment] = []
        if perform(
            form,
            lambda: started.append(
                actions.start_assessment(user, concern, instrument=form.cleaned_data["instrument"])
            ),
        ):
            return redirect("assessments:edit", pk=concern.pk, assessment_pk=started[0].pk)
    return render(request, "assessments/start.html", {"concern": concern, "form": form})


def _previous_answers(assessment: Assessment) -> dict[str, Text]:
    """The ratings of the newest finalised assessment before this one, shown beside each item."""
    earlier = assessment.concern.assessments.in_force().exclude(pk=assessment.pk)
    if assessment.supersedes_id is not None:
        earlier = earlier.exclude(pk=assessment.supersedes_id)
    previous = earlier.order_by("-assessed_on", "-created_at").first()
    if previous is None:
        return {}
    definition = previous.instrument.definition
    answers = {}
    for rating in previous.ratings.all():
        item = definition.item(rating.item)
        option = item.option(rating.answer) if item and rating.answer else None
        if option is not None:
            answers[rating.item] = option.label
    return answers


@access(ConcernCapability.HANDLE)
@require_http_methods(["GET", "POST"])
def edit(request: ActorRequest, pk: Any, assessment_pk: Any) -> HttpResponse:
    user = request.user
    assessment, _access = get_assessment_for(user, pk, assessment_pk, purpose="edit assessment")
    if not can_write_assessment(user, assessment):
        raise Http404
    concern = assessment.concern
    form = AssessmentForm(
        request.POST or None,
        record=assessment,
        definition=assessment.instrument.definition,
        levels=concern.partnership.concern_levels.active(),
        people=possible_participants(concern),
        previous=_previous_answers(assessment),
        initial=initial_for(assessment),
    )
    finalising = "finalise" in request.POST
    if submitted(request, form) and perform(
        form,
        lambda: actions.save_assessment(
            user, assessment, content=form.content(), version=form.seen_version()
        ),
    ):
        if not finalising:
            messages.success(request, _("The draft is saved."))
            return redirect("assessments:edit", pk=concern.pk, assessment_pk=assessment.pk)
        if perform(form, lambda: actions.finalise_assessment(user, assessment)):
            messages.success(request, _("The assessment is finalised."))
            return redirect("assessments:detail", pk=concern.pk, assessment_pk=assessment.pk)
    context = {"concern": concern, "assessment": assessment, "form": form}
    return render(request, "assessments/edit.html", context)


@access(ConcernCapability.HANDLE)
@require_POST
def discard(request: ActorRequest, pk: Any, assessment_pk: Any) -> HttpResponse:
    user = request.user
    assessment, _access = get_assessment_for(user, pk, assessment_pk, purpose="discard assessment")
    if not can_write_assessment(user, assessment):
        raise Http404
    actions.discard_draft(user, assessment)
    messages.success(request, _("The draft is discarded."))
    return redirect("concerns:detail", pk=pk)


@access(ConcernCapability.HANDLE)
@require_POST
def correct(request: ActorRequest, pk: Any, assessment_pk: Any) -> HttpResponse:
    user = request.user
    assessment, access_ = get_assessment_for(user, pk, assessment_pk, purpose="correct assessment")
    if not access_.is_owner:
        raise Http404
    try:
        correction = actions.correct_assessment(user, assessment)
    except ActionRefused as refusal:
        for message in refusal.messages:
            messages.error(request, message)
        return redirect("assessments:detail", pk=pk, assessment_pk=assessment.pk)
    messages.success(request, _("A correction is started. The original stays as it was."))
    return redirect("assessments:edit", pk=pk, assessment_pk=correction.pk)


@dataclass(frozen=True)
class ItemSummary:
    item: Item
    rating: Rating | None
    answer: Text | None


@dataclass(frozen=True)
class SectionSummary:
    section: Section
    texts: list[tuple[Text, str]]
    items: list[ItemSummary]


def summary_of(assessment: Assessment) -> list[tuple[Step, list[SectionSummary]]]:
    """The assessment's content in the instrument's order, for the summary page and the PDF."""
    ratings = {rating.item: rating for rating in assessment.ratings.all()}
    steps = []
    for step in assessment.instrument.definition.steps:
        sections = []
        for section in step.sections:
            texts = [(f.label, assessment.texts.get(f.code, "")) for f in section.fields]
            items = []
            for item in section.items:
                rating = ratings.get(item.code)
                option = item.option(rating.answer) if rating and rating.answer else None
                items.append(ItemSummary(item, rating, option.label if option else None))
            sections.append(SectionSummary(section, texts, items))
        steps.append((step, sections))
    return steps


def _summary_context(assessment: Assessment, access_: ConcernAccess) -> dict[str, Any]:
    definition = assessment.instrument.definition
    return {
        "concern": assessment.concern,
        "assessment": assessment,
        "access": access_,
        "steps": summary_of(assessment),
        "focus": [item.label for code in assessment.focus if (item := definition.item(code))],
        "participants": assessment.participants.select_related("user", "agency"),
        "corrected_by": Assessment.objects.filter(supersedes=assessment).first()
        if access_.is_owner
        else None,
    }


@access(AssessmentCapability.READ)
def detail(request: ActorRequest, pk: Any, assessment_pk: Any) -> HttpResponse:
    user = request.user
    assessment, access_ = get_assessment_for(user, pk, assessment_pk, purpose="assessment summary")
    context = _summary_context(assessment, access_) | {"can_write": can_write_assessment(user, assessment)}
    return render(request, "assessments/detail.html", context)


@access(AssessmentCapability.READ)
def pdf(request: ActorRequest, pk: Any, assessment_pk: Any) -> HttpResponse:
    user = request.user
    assessment, access_ = get_assessment_for(user, pk, assessment_pk, purpose="assessment PDF")
    context = _summary_context(assessment, access_) | {"printed_at": timezone.localtime(), "printed_by": user}
    html = render_to_string("assessments/summary_pdf.html", context, request=request)
    record_event(
        AssessmentAudit.EXPORTED,
        actor=user,
        obj=assessment,
        partnership=assessment.concern.partnership,
        agency=assessment.concern.owning_agency,
        purpose="PDF summary",
        detail={"reference": assessment.concern.reference, "parts": sorted(access_.parts), "format": "pdf"},
    )
    response = HttpResponse(render_pdf(html), content_type="application/pdf")
    filename = f"vurdering-{assessment.concern.reference}-{assessment.assessed_on:%Y-%m-%d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@access(AssessmentCapability.READ)
def trajectory(request: ActorRequest, pk: Any) -> HttpResponse:
    user = request.user
    concern, access_ = get_concern_for(
        user,
        pk,
        purpose="assessment trajectory",
        permits=lambda concern, access_: (
            access_.is_owner or assessments_visible_to(user, concern, access_).exists()
        ),
    )
    visible = assessments_visible_to(user, concern, access_)
    in_force = list(
        visible.in_force()
        .select_related("level", "instrument")
        .prefetch_related("ratings")
        .order_by("assessed_on", "created_at")
    )
    context = {
        "concern": concern,
        "access": access_,
        "trajectory": trajectory_of(in_force),
        "all": visible.select_related("level", "instrument", "supersedes").order_by(
            "-assessed_on", "-created_at"
        ),
    }
    return render(request, "assessments/trajectory.html", context)


# Administration -----------------------------------------------------------------------------------


@access(AccountCapability.CONFIGURE_PARTNERSHIP)
@require_http_methods(["GET", "POST"])
def instrument_list(request: ActorRequest) -> HttpResponse:
    partnership = administered_partnership(request)
    form = InstrumentUploadForm(request.POST or None, request.FILES or None)
    if submitted(request, form) and (source := form.source()) is not None:
        try:
            instrument, created = actions.import_instrument(request.user, partnership, source=source)
        except InstrumentError as error:
            for message in error.messages:
                form.add_error("file", message)
        else:
            if created:
                messages.success(request, _("%(instrument)s is loaded.") % {"instrument": instrument})
            else:
                messages.info(
                    request,
                    _("%(instrument)s was already loaded; nothing changed.") % {"instrument": instrument},
                )
            return redirect("assessments:instrument_list")
    instruments = partnership.instruments.order_by("code", "-version")
    context = {"partnership": partnership, "instruments": instruments, "form": form}
    return render(request, "assessments/instrument_list.html", context)


def _instrument_for(request: ActorRequest, pk: Any) -> Instrument:
    instrument = Instrument.objects.filter(
        pk=pk, partnership__in=partnerships_administered_by(request.user)
    ).first()
    if instrument is None:
        raise Http404
    return instrument


@access(AccountCapability.CONFIGURE_PARTNERSHIP)
def instrument_detail(request: ActorRequest, pk: Any) -> HttpResponse:
    instrument = _instrument_for(request, pk)
    in_use = instrument.assessments.count()
    return render(request, "assessments/instrument_detail.html", {"instrument": instrument, "in_use": in_use})


@access(AccountCapability.CONFIGURE_PARTNERSHIP)
@require_POST
def instrument_retire(request: ActorRequest, pk: Any) -> HttpResponse:
    instrument = _instrument_for(request, pk)
    retire = instrument.retired_at is None
    actions.set_instrument_retired(request.user, instrument, retired=retire)
    messages.success(
        request, _("The instrument is retired.") if retire else _("The instrument is in use again.")
    )
    return redirect("assessments:instrument_list")


@access(AccountCapability.CONFIGURE_PARTNERSHIP)
@require_http_methods(["GET", "POST"])
def level_scale(request: ActorRequest) -> HttpResponse:
    partnership = administered_partnership(request)
    form = ConcernLevelForm(request.POST or None)
    if submitted(request, form) and perform(
        form, lambda: actions.save_concern_level(request.user, partnership, **form.cleaned_data)
    ):
        messages.success(request, _("The concern level is saved."))
        return redirect("assessments:level_scale")
    levels = ConcernLevel.objects.filter(partnership=partnership)
    return render(
        request, "assessments/level_scale.html", {"form": form, "levels": levels, "partnership": partnership}
    )

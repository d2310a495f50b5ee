"""Minutes: the overview, writing a point, approval, addenda, the PDF and tasks."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from varde.accounts.actors import Actor, ActorRequest
from varde.accounts.permissions import handler_agencies
from varde.concerns.categorical import MeasureType
from varde.concerns.permissions import can_change_concern
from varde.core.access import access
from varde.core.audit import record_event
from varde.core.errors import ActionRefused
from varde.core.forms import FormOnPage, handle_page_forms, posted, submitted
from varde.core.pdf import render_pdf
from varde.meetings.audit_actions import MeetingAudit

from .. import actions
from ..actions import minutes_of
from ..agenda import items_for
from ..forms import (
    AddendumForm,
    AgencyNoteForm,
    ItemMinutesForm,
    NextStepForm,
    OtherItemForm,
)
from ..models import (
    AgencyNote,
    ItemMinutes,
    MeetingStatus,
    Task,
)
from ..permissions import (
    MeetingCapability,
    can_organise,
    get_meeting_for,
    people_who_may_open,
)
from .common import item_for

# Minutes ----------------------------------------------------------------------------------------------


def _minutes_context(user: Actor, meeting: Any) -> dict[str, Any]:
    minutes = minutes_of(meeting)
    views = items_for(user, meeting)
    own_agencies = set(handler_agencies(user).values_list("pk", flat=True))
    records = {
        r.item_id: r for r in ItemMinutes.objects.filter(item__meeting=meeting).select_related("agreed_level")
    }
    notes = {
        n.item_id: n for n in AgencyNote.objects.filter(item__meeting=meeting, agency_id__in=own_agencies)
    }
    tasks: dict[Any, list[Task]] = {}
    for task in Task.objects.filter(item__meeting=meeting).select_related(
        "owner", "agency", "measure__measure_type"
    ):
        tasks.setdefault(task.item_id, []).append(task)
    return {
        "meeting": meeting,
        "minutes": minutes,
        "points": [
            (view, records.get(view.item.pk), notes.get(view.item.pk), tasks.get(view.item.pk, []))
            for view in views
        ],
        "approvals": minutes.approvals.select_related("user", "agency"),
        "addenda": minutes.addenda.select_related("author"),
    }


@access(MeetingCapability.READ)
def minutes_page(request: ActorRequest, pk: Any) -> HttpResponse:
    user = request.user
    meeting = get_meeting_for(user, pk)
    if meeting.status != MeetingStatus.HELD:
        raise Http404
    context = _minutes_context(user, meeting)
    record_event(
        MeetingAudit.MINUTES_VIEWED,
        actor=user,
        obj=meeting,
        partnership=meeting.partnership,
        purpose="read the minutes of a meeting",
    )
    attended = meeting.participants.filter(user=user, attended=True).exists()
    organiser = can_organise(user, meeting)
    handler = handler_agencies(user).filter(partnership=meeting.partnership_id).exists()
    locked = context["minutes"].is_locked
    context |= {
        # Organisers write the shared part; case handlers their agency's notes and next steps.
        "can_write": not locked and (organiser or handler),
        "other_form": OtherItemForm() if organiser and not locked else None,
        "can_approve": attended
        and not locked
        and not context["minutes"].approvals.filter(user=user).exists(),
        "addendum_form": AddendumForm() if locked else None,
    }
    return render(request, "meetings/minutes.html", context)


@access(MeetingCapability.ORGANISE)
@require_http_methods(["GET", "POST"])
def item_minutes(request: ActorRequest, pk: Any, item_pk: Any) -> HttpResponse:
    user = request.user
    item = item_for(request, pk, item_pk)
    meeting = item.meeting
    if meeting.status != MeetingStatus.HELD or minutes_of(meeting).is_locked:
        raise Http404
    organiser = can_organise(user, meeting)
    own_agency = handler_agencies(user).filter(partnership=meeting.partnership_id).first()
    if not organiser and own_agency is None:
        raise Http404
    record = ItemMinutes.objects.filter(item=item).first() or ItemMinutes(item=item, version=0)
    note = AgencyNote.objects.filter(item=item, agency=own_agency).first() or AgencyNote(
        item=item, agency=own_agency, version=0
    )
    owner = item.concern is not None and can_change_concern(user, item.concern)
    shared = ItemMinutesForm(
        posted(request, "shared"),
        prefix="shared",
        levels=meeting.partnership.concern_levels.active() if item.is_about_a_case else None,
        record=record,
        initial={
            "discussion": record.discussion,
            "decisions": record.decisions,
            "agreed_level": record.agreed_level_id,
        },
    )
    note_form = AgencyNoteForm(
        posted(request, "note"), prefix="note", record=note, initial={"text": note.text}
    )
    step_form = NextStepForm(
        posted(request, "step"),
        prefix="step",
        people=people_who_may_open(meeting),
        measure_types=MeasureType.objects.active().filter(partnership=meeting.partnership) if owner else None,
    )
    done = handle_page_forms(
        request,
        {
            "shared": FormOnPage(
                organiser,
                shared,
                lambda: actions.write_item_minutes(
                    user,
                    item,
                    discussion=shared.cleaned_data["discussion"],
                    decisions=shared.cleaned_data["decisions"],
                    agreed_level=shared.cleaned_data.get("agreed_level"),
                    version=shared.seen_version(),
                ),
                _("The shared minutes are saved."),
            ),
            "note": FormOnPage(
                own_agency is not None,
                note_form,
                lambda: actions.save_agency_note(
                    user, item, **note_form.edits(), version=note_form.seen_version()
                ),
                _("Your agency's notes are saved."),
            ),
            # Whether the step may become a measure or only a task is the action's to decide.
            "step": FormOnPage(
                True,
                step_form,
                lambda: actions.add_next_step(user, item, step=actions.NextStep(**step_form.cleaned_data)),
                _("The next step is added."),
            ),
        },
        "meetings:minutes",
        pk=meeting.pk,
    )
    if done:
        return done
    view = next(v for v in items_for(user, meeting) if v.item.pk == item.pk)
    record_event(
        MeetingAudit.POINT_MINUTES_VIEWED,
        actor=user,
        obj=meeting,
        partnership=meeting.partnership,
        purpose="write the minutes of a point",
        detail={"item": str(item.pk)},
    )
    context = {
        "meeting": meeting,
        "view": view,
        "shared": shared if organiser else None,
        "note_form": note_form if own_agency else None,
        "own_agency": own_agency,
        "step_form": step_form,
    }
    return render(request, "meetings/item_minutes.html", context)


@access(MeetingCapability.READ)
@require_POST
def approve(request: ActorRequest, pk: Any) -> HttpResponse:
    user = request.user
    meeting = get_meeting_for(user, pk)
    try:
        approved = actions.approve_minutes(user, meeting)
    except ActionRefused as refusal:
        for message in refusal.messages:
            messages.error(request, message)
    else:
        if approved.is_locked:
            messages.success(request, _("The minutes are approved and locked."))
        else:
            messages.success(
                request, _("Your approval is recorded. The minutes lock when both agencies have approved.")
            )
    return redirect("meetings:minutes", pk=meeting.pk)


@access(MeetingCapability.READ)
@require_POST
def addendum(request: ActorRequest, pk: Any) -> HttpResponse:
    user = request.user
    meeting = get_meeting_for(user, pk)
    form = AddendumForm(request.POST)
    if submitted(request, form):
        try:
            actions.add_addendum(user, meeting, text=form.cleaned_data["text"])
        except (ActionRefused, PermissionDenied):
            raise Http404 from None
        messages.success(request, _("The addendum is added."))
    else:
        messages.error(request, _("Write the addendum."))
    return redirect("meetings:minutes", pk=meeting.pk)


@access(MeetingCapability.READ)
def minutes_pdf(request: ActorRequest, pk: Any) -> HttpResponse:
    user = request.user
    meeting = get_meeting_for(user, pk)
    if meeting.status != MeetingStatus.HELD:
        raise Http404
    context = _minutes_context(user, meeting) | {
        "participants": list(meeting.participants.select_related("user", "agency")),
        "printed_at": timezone.localtime(),
        "printed_by": user,
    }
    html = render_to_string("meetings/minutes_pdf.html", context, request=request)
    record_event(
        MeetingAudit.MINUTES_EXPORTED,
        actor=user,
        obj=meeting,
        partnership=meeting.partnership,
        purpose="print the minutes of a meeting",
        detail={"format": "pdf"},
    )
    response = HttpResponse(render_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="referat-{timezone.localdate(meeting.starts_at):%Y-%m-%d}.pdf"'
    )
    return response


@access(MeetingCapability.READ)
@require_POST
def complete_task(request: ActorRequest, pk: Any) -> HttpResponse:
    user = request.user
    task = (
        Task.objects.filter(pk=pk, owner=user, done_at__isnull=True).select_related("item__meeting").first()
    )
    if task is None:
        raise Http404
    actions.complete_task(user, task)
    messages.success(request, _("The task is marked as done."))
    return redirect("meetings:minutes", pk=task.item.meeting_id)

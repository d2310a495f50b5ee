"""The agenda: proposals, preparing a concern with a shared summary, other points, order."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from varde.accounts.actors import ActorRequest
from varde.concerns.models import LegalBasis
from varde.concerns.permissions import ConcernCapability, get_owned_concern_for
from varde.core.access import access
from varde.core.audit import record_event
from varde.core.errors import ActionRefused
from varde.core.forms import perform, submitted
from varde.core.once import sent_once
from varde.meetings.audit_actions import MeetingAudit

from .. import actions
from ..agenda import items_for, proposals_for, suggestions_for
from ..forms import (
    OtherItemForm,
    PrepareItemForm,
)
from ..models import (
    ItemKind,
    MeetingStatus,
)
from ..permissions import (
    MeetingCapability,
    can_organise,
    get_meeting_for,
    get_organised_meeting_for,
)
from .common import item_for

# The agenda -----------------------------------------------------------------------------------------


@access(MeetingCapability.READ)
def agenda(request: ActorRequest, pk: Any) -> HttpResponse:
    user = request.user
    meeting = get_meeting_for(user, pk)
    if not meeting.has_case_items and not meeting.items.exists() and not can_organise(user, meeting):
        raise Http404
    views = items_for(user, meeting)
    record_event(
        MeetingAudit.AGENDA_VIEWED,
        actor=user,
        obj=meeting,
        partnership=meeting.partnership,
        purpose="read the agenda of a meeting",
        detail={"case_points": sum(1 for view in views if view.item.concern_id)},
    )
    open_agenda = meeting.status == MeetingStatus.PLANNED
    context = {
        "meeting": meeting,
        "items": views,
        "proposals": proposals_for(user, meeting) if open_agenda else [],
        "suggestions": suggestions_for(meeting) if open_agenda and can_organise(user, meeting) else [],
        "can_arrange": open_agenda and can_organise(user, meeting),
        "other_form": OtherItemForm() if open_agenda and can_organise(user, meeting) else None,
        "open_agenda": open_agenda,
    }
    return render(request, "meetings/agenda.html", context)


@access(ConcernCapability.HANDLE)
@require_http_methods(["GET", "POST"])
def prepare_item(request: ActorRequest, pk: Any, concern_pk: Any) -> HttpResponse:
    user = request.user
    meeting = get_meeting_for(user, pk)
    concern = get_owned_concern_for(user, concern_pk, purpose="prepare a contact-meeting point")
    if not meeting.has_case_items or meeting.status != MeetingStatus.PLANNED:
        raise Http404
    kind = request.GET.get("type", ItemKind.CASE)
    form = PrepareItemForm(
        request.POST or None,
        bases=LegalBasis.objects.citable_in_meetings_by(concern.owning_agency),
        initial={"kind": kind if kind in ItemKind.about_a_case() else ItemKind.CASE},
    )
    if submitted(request, form) and perform(
        form,
        lambda: actions.prepare_case_item(
            user,
            meeting,
            concern=concern,
            kind=form.cleaned_data["kind"],
            summary=form.cleaned_data["summary"],
            legal_basis=form.cleaned_data["legal_basis"],
        ),
    ):
        messages.success(request, _("The concern is on the agenda with its shared summary."))
        return redirect("meetings:agenda", pk=meeting.pk)
    context = {
        "meeting": meeting,
        "form": form,
        "heading": _("Prepare concern %(reference)s for the meeting") % {"reference": concern.reference},
        "intro": _(
            "A concern is discussed only through a summary your agency writes for the meeting, on a "
            "legal basis you choose. Sharing the name needs a disclosure."
        ),
        "submit": _("Put on the agenda"),
    }
    return render(request, "meetings/form_page.html", context)


@access(MeetingCapability.ORGANISE)
@require_POST
@sent_once
def add_item(request: ActorRequest, pk: Any) -> HttpResponse:
    user = request.user
    meeting = get_organised_meeting_for(user, pk)
    form = OtherItemForm(request.POST)
    if submitted(request, form) and perform(
        form,
        lambda: actions.add_other_item(
            user, meeting, title=form.cleaned_data["title"], text=form.cleaned_data["text"]
        ),
    ):
        messages.success(request, _("The point is added."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    # While the minutes are written, the point is added from the minutes page.
    back = "meetings:minutes" if meeting.status == MeetingStatus.HELD else "meetings:agenda"
    return redirect(back, pk=meeting.pk)


@access(MeetingCapability.ORGANISE)
@require_POST
def move_item(request: ActorRequest, pk: Any, item_pk: Any) -> HttpResponse:
    item = item_for(request, pk, item_pk)
    try:
        actions.move_item(request.user, item, up=request.POST.get("direction") == "up")
    except (PermissionDenied, ActionRefused):
        raise Http404 from None
    return redirect("meetings:agenda", pk=pk)


@access(MeetingCapability.ORGANISE)
@require_POST
def remove_item(request: ActorRequest, pk: Any, item_pk: Any) -> HttpResponse:
    item = item_for(request, pk, item_pk)
    try:
        actions.remove_item(request.user, item)
    except (PermissionDenied, ActionRefused):
        raise Http404 from None
    messages.success(request, _("The point is taken off the agenda."))
    return redirect("meetings:agenda", pk=pk)

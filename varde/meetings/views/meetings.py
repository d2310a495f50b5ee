"""The meeting list, scheduling, the meeting page, invitations, attendance and cancelling."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from varde.accounts.actors import ActorRequest
from varde.accounts.permissions import AccountCapability
from varde.concerns.views.common import administered_partnership
from varde.core.access import access
from varde.core.errors import ActionRefused
from varde.core.forms import perform, submitted
from varde.core.once import sent_once

from .. import actions
from ..forms import (
    AttendanceForm,
    CancelForm,
    InviteForm,
    QuorumRuleForm,
    ScheduleForm,
)
from ..models import (
    MeetingKind,
    MeetingStatus,
    Participant,
)
from ..permissions import (
    MeetingCapability,
    can_organise,
    get_meeting_for,
    get_organised_meeting_for,
    invitable_people,
    meetings_visible_to,
    partnerships_organised_by,
)

LIST_LIMIT = 50


@access(MeetingCapability.READ)
def meeting_list(request: ActorRequest) -> HttpResponse:
    user = request.user
    now = timezone.now()
    visible = meetings_visible_to(user).select_related("partnership")
    context = {
        "upcoming": visible.upcoming(now).order_by("starts_at")[:LIST_LIMIT],
        "past": visible.past(now).order_by("-starts_at")[:LIST_LIMIT],
        "can_schedule": partnerships_organised_by(user, MeetingKind.RESOURCE_NETWORK).exists(),
    }
    return render(request, "meetings/meeting_list.html", context)


@access(MeetingCapability.ORGANISE)
@require_http_methods(["GET", "POST"])
@sent_once
def schedule(request: ActorRequest) -> HttpResponse:
    user = request.user
    partnerships = partnerships_organised_by(user, MeetingKind.RESOURCE_NETWORK)
    first = partnerships.first()
    if first is None:
        raise Http404
    # Everyone here organises the plan's other meetings; contact meetings only case handlers and secretaries.
    contact = partnerships_organised_by(user, MeetingKind.CONTACT).exists()
    form = ScheduleForm(
        request.POST or None,
        partnerships=partnerships,
        people=invitable_people(partnerships),
        kinds=[kind for kind in MeetingKind if contact or kind != MeetingKind.CONTACT],
        initial={"partnership": first.pk, "kind": MeetingKind.CONTACT, "repeat": actions.Repeat.NONE},
    )
    created: list[Any] = []
    if submitted(request, form) and perform(
        form,
        lambda: created.extend(
            actions.schedule_meetings(user, form.cleaned_data["partnership"], schedule=form.schedule())
        ),
    ):
        messages.success(
            request,
            ngettext("%(count)d meeting scheduled.", "%(count)d meetings scheduled.", len(created))
            % {"count": len(created)},
        )
        return redirect("meetings:detail", pk=created[0].pk)
    context = {"form": form, "heading": _("Schedule a meeting"), "submit": _("Schedule")}
    return render(request, "meetings/form_page.html", context)


def _participants(meeting: Any) -> list[Participant]:
    return list(meeting.participants.select_related("user", "agency"))


@access(MeetingCapability.READ)
def meeting_detail(request: ActorRequest, pk: Any) -> HttpResponse:
    user = request.user
    meeting = get_meeting_for(user, pk)
    participants = _participants(meeting)
    held = meeting.status == MeetingStatus.HELD
    counted = [p for p in participants if p.attended] if held else participants
    context = {
        "meeting": meeting,
        "participants": participants,
        "quorum": actions.check_quorum(meeting, counted) if meeting.has_case_items else None,
        "held": held,
        "can_organise": can_organise(user, meeting),
        "now": timezone.now(),
    }
    return render(request, "meetings/meeting_detail.html", context)


@access(MeetingCapability.ORGANISE)
@require_http_methods(["GET", "POST"])
def invite(request: ActorRequest, pk: Any) -> HttpResponse:
    user = request.user
    meeting = get_organised_meeting_for(user, pk)
    invited = meeting.participants.exclude(user=None).values("user")
    form = InviteForm(
        request.POST or None, people=invitable_people([meeting.partnership]).exclude(pk__in=invited)
    )
    if submitted(request, form) and perform(
        form,
        lambda: actions.invite(
            user, meeting, people=list(form.cleaned_data["people"]), guests=form.cleaned_data["guests"]
        ),
    ):
        messages.success(request, _("The invitations are saved."))
        return redirect("meetings:detail", pk=meeting.pk)
    context = {"meeting": meeting, "form": form, "heading": _("Invite"), "submit": _("Invite")}
    return render(request, "meetings/form_page.html", context)


@access(MeetingCapability.ORGANISE)
@require_http_methods(["GET", "POST"])
def attendance(request: ActorRequest, pk: Any) -> HttpResponse:
    user = request.user
    meeting = get_organised_meeting_for(user, pk)
    if meeting.status == MeetingStatus.CANCELLED:
        raise Http404
    participants = meeting.participants.select_related("user", "agency")
    initial = {"present": [p.pk for p in participants if p.attended]}
    # Nobody ticked is a valid answer, so an empty POST still binds the form.
    data = request.POST if request.method == "POST" else None
    form = AttendanceForm(data, participants=participants, initial=initial)
    if request.htmx and request.method == "POST":
        # The live quorum check: count what is ticked, change nothing.
        present = list(form.cleaned_data["present"]) if form.is_valid() else []
        context = {"meeting": meeting, "quorum": actions.check_quorum(meeting, present)}
        return render(request, "meetings/attendance.html#quorum", context)
    if submitted(request, form) and perform(
        form,
        lambda: actions.record_attendance(
            user,
            meeting,
            present=list(form.cleaned_data["present"]),
            no_quorum_reason=form.cleaned_data["no_quorum_reason"],
        ),
    ):
        messages.success(request, _("The attendance is recorded and the meeting is marked as held."))
        return redirect("meetings:detail", pk=meeting.pk)
    present = [p for p in participants if p.attended] if meeting.status == MeetingStatus.HELD else []
    if form.is_bound and form.is_valid():
        present = list(form.cleaned_data["present"])
    context = {
        "meeting": meeting,
        "form": form,
        "quorum": actions.check_quorum(meeting, present) if meeting.has_case_items else None,
    }
    return render(request, "meetings/attendance.html", context)


@access(MeetingCapability.ORGANISE)
@require_http_methods(["GET", "POST"])
def cancel(request: ActorRequest, pk: Any) -> HttpResponse:
    user = request.user
    meeting = get_organised_meeting_for(user, pk)
    form = CancelForm(request.POST or None)
    if submitted(request, form) and perform(
        form, lambda: actions.cancel_meeting(user, meeting, reason=form.cleaned_data["reason"])
    ):
        messages.success(request, _("The meeting is cancelled."))
        return redirect("meetings:detail", pk=meeting.pk)
    context = {
        "meeting": meeting,
        "form": form,
        "heading": _("Cancel the meeting"),
        "submit": _("Cancel the meeting"),
        "danger": True,
    }
    return render(request, "meetings/form_page.html", context)


@access(MeetingCapability.ORGANISE)
@require_POST
def remove_participant(request: ActorRequest, pk: Any, participant_pk: Any) -> HttpResponse:
    user = request.user
    meeting = get_organised_meeting_for(user, pk)
    participant = meeting.participants.filter(pk=participant_pk).first()
    if participant is None:
        raise Http404
    try:
        actions.remove_participant(user, participant)
    except ActionRefused as refusal:
        for message in refusal.messages:
            messages.error(request, message)
    return redirect("meetings:detail", pk=meeting.pk)


# Administration -----------------------------------------------------------------------------------


@access(AccountCapability.CONFIGURE_PARTNERSHIP)
@require_http_methods(["GET", "POST"])
def quorum_rule(request: ActorRequest) -> HttpResponse:
    partnership = administered_partnership(request)
    rule = actions.settings_for(partnership)
    initial = {
        "municipality": rule.quorum_municipality,
        "police": rule.quorum_police,
        "secretary": rule.quorum_secretary,
    }
    form = QuorumRuleForm(request.POST or None, initial=initial)
    if submitted(request, form) and perform(
        form, lambda: actions.save_quorum_rule(request.user, partnership, **form.cleaned_data)
    ):
        messages.success(request, _("The quorum rule is saved."))
        return redirect("meetings:quorum_rule")
    intro = _(
        "A contact meeting has quorum when at least these many take part from each agency, besides the "
        "secretary. A meeting without quorum can still be held; it is marked, with a reason."
    )
    context = {"form": form, "heading": _("Quorum for contact meetings"), "submit": _("Save"), "intro": intro}
    return render(request, "meetings/form_page.html", context)

"""Public information pages, their editor, and the employee page."""

from datetime import date
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from varde.accounts.actors import Actor, ActorRequest
from varde.accounts.models import Membership, Partnership, Unit, User
from varde.accounts.permissions import chosen_partnership, partnerships_of
from varde.accounts.roles import Role
from varde.actionplan.obligations import UnitCoverage, coverage, current_plan, with_last_training
from varde.concerns.models import ConcernSettings
from varde.core.access import ANY_MEMBER, PUBLIC, access
from varde.core.audit import record_event
from varde.core.errors import ActionRefused
from varde.core.forms import FormOnPage, handle_page_forms, perform, posted, pressed, submitted
from varde.core.once import sent_once
from varde.information.audit_actions import InformationAudit

from . import actions
from .drift import mark_outdated_translations, translation_is_outdated
from .formatting import render_text
from .forms import EventForm, EventStatusForm, EventTaskForm, PageForm, RiskNoteForm
from .models import EventTask, InfoPage, PageKey, PageVersion, VersionStatus
from .permissions import (
    InformationCapability,
    can_keep,
    events_visible_to,
    get_editable_page_for,
    get_event_for,
    pages_editable_by,
    sees_risk_notes,
    task_owners_for,
)

# Without a rule in the plan, a unit is reminded two years after its last training.
DEFAULT_TRAINING_MONTHS = 24


def _published(partnership: Partnership, key: str) -> PageVersion | None:
    """The published version in the visitor's language, or in bokmål when there is none."""
    versions = PageVersion.objects.filter(
        page__partnership=partnership, page__key=key, status=VersionStatus.PUBLISHED
    ).select_related("page")
    language = (get_language() or "nb")[:2]
    return versions.filter(page__language=language).first() or versions.filter(page__language="nb").first()


@access(PUBLIC)
def public_index(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = get_object_or_404(Partnership, slug=slug)
    pages = [(key, version) for key in PageKey if (version := _published(partnership, key)) is not None]
    context = {"partnership": partnership, "pages": pages, "settings": ConcernSettings.of(partnership)}
    return render(request, "information/public_index.html", context)


def front_door(request: HttpRequest) -> HttpResponse:
    """Where the public starts: each partnership with its pages, its form and its hotline. Reached
    through the root's view, which declares it public."""
    partnerships = Partnership.objects.order_by("name").select_related("concern_settings")
    return render(request, "information/front_door.html", {"partnerships": partnerships})


@access(PUBLIC)
def public_page(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    partnership = get_object_or_404(Partnership, slug=slug)
    if key not in PageKey.values:
        raise Http404
    version = _published(partnership, key)
    if version is None:
        raise Http404
    context = {
        "partnership": partnership,
        "version": version,
        "outdated": translation_is_outdated(version),
        "body": render_text(version.body),
        "others": [k for k in PageKey if k != key],
    }
    return render(request, "information/public_page.html", context)


@access(InformationCapability.EDIT_PAGES)
def editor_list(request: ActorRequest) -> HttpResponse:
    # The list tags each page published or draft; the superseded versions of years of edits stay unread.
    standing = PageVersion.objects.exclude(status=VersionStatus.SUPERSEDED).only(
        "page_id", "status", "published_at"
    )
    pages = list(
        pages_editable_by(request.user)
        .select_related("partnership")
        .prefetch_related(Prefetch("versions", queryset=standing))
    )
    mark_outdated_translations(pages)
    return render(request, "information/editor_list.html", {"pages": pages})


@access(InformationCapability.EDIT_PAGES)
@require_http_methods(["GET", "POST"])
def edit(request: ActorRequest, pk: Any) -> HttpResponse:
    user = request.user
    page = get_editable_page_for(user, pk)
    draft = page.versions.filter(status=VersionStatus.DRAFT).first()
    published = page.versions.filter(status=VersionStatus.PUBLISHED).first()
    current = draft or published
    form = PageForm(
        request.POST if pressed(request) in {"save", "preview"} else None,
        record=page,
        initial={"title": current.title if current else "", "body": current.body if current else ""},
    )
    action = pressed(request)
    done = {"publish": _("The page is published."), "review": _("The page is marked as reviewed.")}
    if action in done:
        try:
            _page_action(user, page, action)
        except ActionRefused as refusal:
            for message in refusal.messages:
                messages.error(request, message)
        else:
            messages.success(request, done[action])
        return redirect("information:edit", pk=page.pk)
    if (
        action == "save"
        and submitted(request, form)
        and perform(form, lambda: actions.save_draft(user, page, **form.edits(), version=form.seen_version()))
    ):
        messages.success(request, _("The draft is saved. It is not public until you publish it."))
        return redirect("information:edit", pk=page.pk)
    preview = render_text(form.cleaned_data["body"]) if action == "preview" and form.is_valid() else None
    context = {
        "page": page,
        "form": form,
        "draft": draft,
        "published": published,
        "preview": preview,
        "preview_title": form.cleaned_data.get("title") if preview is not None else "",
        "outdated": published is not None and translation_is_outdated(published),
        "history": page.versions.select_related("created_by", "published_by"),
    }
    return render(request, "information/edit.html", context)


def _page_action(user: Actor, page: InfoPage, action: str | None) -> Any:
    return actions.publish(user, page) if action == "publish" else actions.mark_reviewed(user, page)


def _training_status(units: list[Unit], partnership: Partnership, today: date) -> list[UnitCoverage]:
    plan = current_plan(partnership)
    rule = plan.obligations.filter(rule="first_line_every_months").first() if plan else None
    months = rule.value if rule else DEFAULT_TRAINING_MONTHS
    listed = Unit.objects.filter(pk__in=[unit.pk for unit in units])
    start = plan.adopted_on if plan else today
    return coverage(list(with_last_training(listed, partnership, today)), start, months, today)


@access(ANY_MEMBER)
def employee_page(request: ActorRequest) -> HttpResponse:
    """What every employee needs when worried: whom to contact, how to report, their unit's training."""
    user = request.user
    partnership = partnerships_of(user).first()
    if partnership is None:
        raise Http404
    own_units = [m.unit for m in user.memberships.select_related("unit") if m.unit is not None]
    resource_people = Membership.objects.filter(
        role=Role.RESOURCE_PERSON, unit__in=own_units, user__is_active=True
    ).select_related("user", "unit")

    def people(role: str) -> Any:
        return (
            User.objects.filter(
                is_active=True, memberships__role=role, memberships__agency__partnership=partnership
            )
            .distinct()
            .order_by("first_name", "last_name")
        )

    context = {
        "partnership": partnership,
        "resource_people": resource_people,
        "coordinators": people(Role.COORDINATOR),
        "police_contacts": people(Role.POLICE_CONTACT),
        "training": _training_status(own_units, partnership, timezone.localdate()),
        "today": timezone.localdate(),
    }
    return render(request, "information/employee.html", context)


# Events and demonstrations ---------------------------------------------------------------------------


@access(InformationCapability.READ_EVENTS)
@require_http_methods(["GET", "POST"])
@sent_once
def event_list(request: ActorRequest) -> HttpResponse:
    user = request.user
    partnership = chosen_partnership(
        user, InformationCapability.READ_EVENTS.roles, request.GET.get("samarbeid")
    )
    keeper = can_keep(user, partnership)
    if request.method == "POST" and not keeper:
        raise Http404
    form = EventForm(request.POST or None)
    created: list[Any] = []
    if submitted(request, form) and perform(
        form,
        lambda: created.append(
            actions.register_event(user, partnership, details=actions.EventDetails(**form.cleaned_data))
        ),
    ):
        messages.success(request, _("The event is registered."))
        return redirect("information:event", pk=created[0].pk)
    now = timezone.now()
    visible = events_visible_to(user).filter(partnership=partnership)
    context = {
        "upcoming": visible.filter(starts_at__gte=now).order_by("starts_at")[:50],
        "past": visible.filter(starts_at__lt=now).order_by("-starts_at")[:20],
        "form": form if keeper else None,
    }
    return render(request, "information/event_list.html", context)


@access(InformationCapability.READ_EVENTS)
@require_http_methods(["GET", "POST"])
@sent_once
def event_detail(request: ActorRequest, pk: Any) -> HttpResponse:
    user = request.user
    event = get_event_for(user, pk)
    keeper = can_keep(user, event.partnership)
    police = sees_risk_notes(user, event.partnership)
    task_form = EventTaskForm(posted(request, "task"), prefix="task", people=task_owners_for(event))
    note_form = RiskNoteForm(posted(request, "note"), prefix="note")
    status_form = EventStatusForm(
        posted(request, "status"), prefix="status", initial={"status": event.status}
    )
    done = handle_page_forms(
        request,
        {
            "task": FormOnPage(
                keeper,
                task_form,
                lambda: actions.add_task(user, event, **task_form.cleaned_data),
                _("The task is added."),
            ),
            "note": FormOnPage(
                police,
                note_form,
                lambda: actions.add_risk_note(user, event, **note_form.cleaned_data),
                _("The risk note is saved."),
            ),
            "status": FormOnPage(
                keeper,
                status_form,
                lambda: actions.set_status(user, event, **status_form.cleaned_data),
                _("The status is changed."),
            ),
        },
        "information:event",
        pk=event.pk,
    )
    if done:
        return done
    record_event(
        InformationAudit.EVENT_VIEWED,
        actor=user,
        obj=event,
        partnership=event.partnership,
        detail={"risk_notes": police},
    )
    context = {
        "event": event,
        "tasks": event.tasks.select_related("owner", "agency"),
        "risk_notes": event.risk_notes.select_related("author") if police else None,
        "task_form": task_form if keeper else None,
        "note_form": note_form if police else None,
        "status_form": status_form if keeper else None,
        "today": timezone.localdate(),
    }
    return render(request, "information/event_detail.html", context)


@access(InformationCapability.READ_EVENTS)
@require_POST
def event_task_done(request: ActorRequest, pk: Any) -> HttpResponse:
    user = request.user
    task = EventTask.objects.filter(pk=pk, event__in=events_visible_to(user)).select_related("event").first()
    if task is None:
        raise Http404
    try:
        actions.complete_task(user, task)
    except (PermissionDenied, ActionRefused):
        raise Http404 from None
    messages.success(request, _("The task is marked as done."))
    return redirect("information:event", pk=task.event_id)

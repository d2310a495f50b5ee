"""Public information pages, their editor, and the employee page."""

from datetime import date
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from varde.accounts.models import Membership, Partnership, User
from varde.accounts.permissions import partnerships_of
from varde.accounts.roles import Role
from varde.actionplan.models import Training, TrainingKind
from varde.actionplan.obligations import current_plan
from varde.concerns.actions.errors import ActionRefused
from varde.concerns.dates import add_months
from varde.concerns.views.common import perform, submitted
from varde.core.access import ANY_MEMBER, PUBLIC, access, roles

from . import actions
from .formatting import render_text
from .forms import PageForm
from .models import InfoPage, PageKey, PageVersion, VersionStatus
from .permissions import EDITORS, get_editable_page_for, pages_editable_by

EDITOR_RULE = roles(*EDITORS, object_check="pages of the user's partnerships")
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
    return render(request, "information/public_index.html", {"partnership": partnership, "pages": pages})


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
        "body": render_text(version.body),
        "others": [k for k in PageKey if k != key],
    }
    return render(request, "information/public_page.html", context)


@access(EDITOR_RULE)
def editor_list(request: HttpRequest) -> HttpResponse:
    pages = pages_editable_by(request.user).select_related("partnership").prefetch_related("versions")
    return render(request, "information/editor_list.html", {"pages": pages})


@access(EDITOR_RULE)
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: Any) -> HttpResponse:
    user: Any = request.user
    page = get_editable_page_for(user, pk)
    draft = page.versions.filter(status=VersionStatus.DRAFT).first()
    published = page.versions.filter(status=VersionStatus.PUBLISHED).first()
    current = draft or published
    form = PageForm(
        request.POST if request.POST.get("action") in {"save", "preview"} else None,
        initial={"title": current.title if current else "", "body": current.body if current else ""},
    )
    action = request.POST.get("action")
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
        and perform(form, lambda: actions.save_draft(user, page, **form.cleaned_data))
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
        "history": page.versions.select_related("created_by", "published_by"),
    }
    return render(request, "information/edit.html", context)


def _page_action(user: Any, page: InfoPage, action: str | None) -> Any:
    return actions.publish(user, page) if action == "publish" else actions.mark_reviewed(user, page)


def _training_status(
    units: list[Any], partnership: Partnership, today: date
) -> list[tuple[Any, date | None, date]]:
    plan = current_plan(partnership)
    rule = plan.obligations.filter(rule="first_line_every_months").first() if plan else None
    months = rule.value if rule else DEFAULT_TRAINING_MONTHS
    rows = []
    for unit in units:
        last = (
            Training.objects.filter(units=unit, kind=TrainingKind.COMPETENCE, held_on__lte=today)
            .order_by("-held_on")
            .values_list("held_on", flat=True)
            .first()
        )
        start = last or (plan.adopted_on if plan else today)
        rows.append((unit, last, add_months(start, months)))
    return rows


@access(ANY_MEMBER)
def employee_page(request: HttpRequest) -> HttpResponse:
    """What every employee needs when worried: whom to contact, how to report, their unit's training."""
    user: Any = request.user
    partnership = partnerships_of(user).first()
    if partnership is None:
        raise Http404
    own_units = [m.unit for m in user.memberships.filter(unit__isnull=False).select_related("unit")]
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

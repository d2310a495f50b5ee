"""Every change to the information pages goes through a function here."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from varde.core.audit import record_on
from varde.core.errors import ActionRefused
from varde.core.versioning import claim
from varde.information.audit_actions import InformationAudit

from .models import InfoPage, PageVersion, VersionStatus
from .permissions import can_edit


def _require_editor(actor: Any, page: InfoPage) -> None:
    # The demo loader and seeding act as the system (actor None); people must edit this partnership.
    if actor is not None and not can_edit(actor, page):
        raise PermissionDenied


@transaction.atomic
def save_draft(
    actor: Any, page: InfoPage, *, title: str, body: str, version: int | None = None
) -> PageVersion:
    """The editor's text as the page's draft; the published version stays as it is until published."""
    _require_editor(actor, page)
    if not title.strip() or not body.strip():
        raise ActionRefused(_("A page needs a title and a text."))
    claim(page, version)
    draft = page.versions.filter(status=VersionStatus.DRAFT).first()
    if draft is None:
        number = (page.versions.aggregate(last=Max("number"))["last"] or 0) + 1
        draft = PageVersion(page=page, number=number, created_by=actor)
    draft.title, draft.body = title, body
    draft.save()
    record_on(InformationAudit.DRAFT_SAVED, actor, page, version=draft.number)
    return draft


@transaction.atomic
def publish(actor: Any, page: InfoPage) -> PageVersion:
    """Publish the draft; the version shown until now is kept in the history. Publishing is a review."""
    _require_editor(actor, page)
    draft = page.versions.filter(status=VersionStatus.DRAFT).first()
    if draft is None:
        raise ActionRefused(_("There is no draft to publish."))
    page.versions.filter(status=VersionStatus.PUBLISHED).update(status=VersionStatus.SUPERSEDED)
    draft.status = VersionStatus.PUBLISHED
    draft.published_by, draft.published_at = actor, timezone.now()
    draft.save()
    page.reviewed_on, page.reviewed_by = timezone.localdate(), actor
    page.save(update_fields=["reviewed_on", "reviewed_by"])
    record_on(InformationAudit.PUBLISHED, actor, page, version=draft.number)
    return draft


@transaction.atomic
def mark_reviewed(actor: Any, page: InfoPage) -> InfoPage:
    """The published text was read through and is still right."""
    _require_editor(actor, page)
    if not page.versions.filter(status=VersionStatus.PUBLISHED).exists():
        raise ActionRefused(_("Publish the page before marking it as reviewed."))
    page.reviewed_on, page.reviewed_by = timezone.localdate(), actor
    page.save(update_fields=["reviewed_on", "reviewed_by"])
    record_on(InformationAudit.REVIEWED, actor, page)
    return page

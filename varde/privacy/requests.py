"""Requests from a person (access, correction, erasure, restriction, objection): who may see them and
every change, one function each. Each agency's privacy officer handles the requests to their agency."""

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from varde.accounts.actors import Actor
from varde.accounts.models import Agency
from varde.core.audit import record_on
from varde.core.errors import ActionRefused
from varde.core.versioning import claim
from varde.privacy.audit_actions import PrivacyAudit

from .models import RequestKind, SubjectRequest, SubjectRequestQuerySet, answer_due
from .permissions import PrivacyCapability

REFERENCE = re.compile(r"[0-9A-Z]{4}-[0-9A-Z]{4}")


def requests_visible_to(user: Actor) -> SubjectRequestQuerySet:
    # Rule: an officer sees the requests to the agencies where they hold the role.
    if not user.is_authenticated or not user.is_active:
        return SubjectRequest.objects.none()
    return SubjectRequest.objects.filter(
        agency_id__in=user.agency_ids_where(PrivacyCapability.HANDLE_REQUESTS.roles)
    )


def get_request_for(user: Actor, pk: Any) -> SubjectRequest:
    """Missing and forbidden both answer 404; the read is recorded (the request names a person)."""
    found = get_object_or_404(requests_visible_to(user).select_related("agency"), pk=pk)
    record_on(PrivacyAudit.SUBJECT_REQUEST_VIEWED, user, found)
    return found


def clean_references(text: str) -> str:
    """Case references, one or more, as the receipt spells them; anything else is refused."""
    references = [word.upper() for word in re.split(r"[\s,;]+", text) if word]
    wrong = [word for word in references if not REFERENCE.fullmatch(word)]
    if wrong:
        raise ActionRefused(_("Write case references like ABCD-2345, separated by commas."))
    return ", ".join(dict.fromkeys(references))


@dataclass(frozen=True)
class NewRequest:
    kind: str
    requester: str
    request: str
    received_on: date
    references: str = ""


@transaction.atomic
def register_request(actor: Actor, agency: Agency, new: NewRequest) -> SubjectRequest:
    if agency.pk not in actor.agency_ids_where(PrivacyCapability.HANDLE_REQUESTS.roles):
        raise PermissionDenied
    if new.kind not in RequestKind.values:
        raise ActionRefused(_("Choose what the person asks for."))
    if new.received_on > timezone.localdate():
        raise ActionRefused(_("The date received cannot be in the future."))
    found = SubjectRequest.objects.create(
        agency=agency,
        kind=new.kind,
        requester=new.requester,
        request=new.request,
        received_on=new.received_on,
        due_on=answer_due(new.received_on),
        references=clean_references(new.references),
        registered_by=actor,
    )
    record_on(PrivacyAudit.SUBJECT_REQUEST_REGISTERED, actor, found)
    return found


@transaction.atomic
def handle_request(
    actor: Actor,
    found: SubjectRequest,
    *,
    handling: str,
    references: str,
    answer: str,
    answered: bool,
    version: int | None = None,
) -> SubjectRequest:
    """Record how the request is handled and, when answered, what the person was told."""
    if found.agency_id not in actor.agency_ids_where(PrivacyCapability.HANDLE_REQUESTS.roles):
        raise PermissionDenied
    claim(found, version)
    if found.answered_on is not None:
        raise ActionRefused(_("This request is answered and can no longer be changed."))
    if answered and not answer.strip():
        raise ActionRefused(_("Write the answer the person was given."))
    found.handling, found.answer = handling, answer
    found.references = clean_references(references)
    found.answered_on = timezone.localdate() if answered else None
    found.save()
    record_on(
        PrivacyAudit.SUBJECT_REQUEST_ANSWERED if answered else PrivacyAudit.SUBJECT_REQUEST_UPDATED,
        actor,
        found,
    )
    return found

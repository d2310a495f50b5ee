"""Who may see and do what with structured assessments. They follow the concern's two-controller rule.

- The owning agency's case handlers see every assessment of the concern, drafts too, and write them.
- The other agency's case handlers see finalised assessments while the assessment part of the
  concern is disclosed to them; never drafts.
- Mentors and everyone else see none.
- Administrators keep the instruments and the level scale, which hold no case content.
"""

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet

from varde.accounts.actors import Actor
from varde.accounts.models import Agency, User
from varde.accounts.permissions import CASE_HANDLER_ROLES
from varde.accounts.roles import Role
from varde.assessments.audit_actions import AssessmentAudit
from varde.concerns.choices import Part
from varde.concerns.models import Concern, Disclosure
from varde.concerns.permissions import (
    ConcernAccess,
    access_to,
    load_concern,
    record_about,
    record_read,
    refuse,
)
from varde.core.access import Capability, ObjectRule

from .models import Assessment, AssessmentQuerySet


def assessments_visible_to(user: Actor, concern: Concern, access: ConcernAccess | None) -> AssessmentQuerySet:
    """The assessments of one concern a user may read, given their access to the concern."""
    if access is None:
        return Assessment.objects.none()
    # Rule: the owning agency sees all, drafts included.
    if access.is_owner:
        return concern.assessments.all()
    # Rule: the receiving agency sees finalised assessments while the assessment part is disclosed.
    if access.shows_assessment and not access.mentor_only:
        return concern.assessments.final()
    return Assessment.objects.none()


def can_view_assessment(user: Actor, assessment: Assessment) -> bool:
    access = access_to(user, assessment.concern)
    return assessments_visible_to(user, assessment.concern, access).filter(pk=assessment.pk).exists()


def can_write_assessment(user: Actor, assessment: Assessment) -> bool:
    # Rule: only the owning agency writes, and only while the assessment is a draft.
    access = access_to(user, assessment.concern)
    return access is not None and access.is_owner and not assessment.is_final


def get_assessment_for(
    user: Actor, concern_pk: Any, pk: Any, *, purpose: str
) -> tuple[Assessment, ConcernAccess]:
    """Load an assessment for a view; missing and forbidden both answer 404. The read is audited,
    and a refusal is recorded as an attempt on the concern."""
    concern, access = load_concern(user, concern_pk)
    assessment = (
        assessments_visible_to(user, concern, access)
        .select_related("instrument", "level", "agency", "created_by", "finalised_by", "supersedes")
        .filter(pk=pk)
        .first()
        if access is not None
        else None
    )
    if access is None or assessment is None:
        refuse(user, concern, purpose=purpose)
    record_read(user, concern, access, purpose=purpose)
    assessment.concern = concern
    record_about(AssessmentAudit.VIEWED, user, concern, purpose=purpose, obj=assessment)
    return assessment, access


# Apps above assessments (contact meetings) name further agencies that have discussed a concern.
ParticipantSource = Callable[[Concern], set[Any]]
_participant_sources: list[ParticipantSource] = []


def register_participant_source(source: ParticipantSource) -> None:
    if source not in _participant_sources:
        _participant_sources.append(source)


def participant_agencies(concern: Concern) -> QuerySet[Agency]:
    """The agencies whose case handlers may take part: the owner, those the assessment is disclosed to,
    and those that discussed the concern as a point in a contact meeting."""
    # The parts are a JSON list, which SQLite cannot search, and a concern has few disclosures.
    disclosed_to = {
        disclosure.to_agency_id
        for disclosure in Disclosure.objects.in_force().filter(concern=concern)
        if Part.ASSESSMENT in disclosure.parts
    }
    discussed_by = {agency for source in _participant_sources for agency in source(concern)}
    return Agency.objects.filter(pk__in={concern.owning_agency_id, *disclosed_to, *discussed_by})


def possible_participants(concern: Concern) -> QuerySet[User]:
    # Rule: cross-agency participation only where a disclosure or a contact-meeting point allows it.
    return (
        User.objects.filter(
            is_active=True,
            memberships__role__in=CASE_HANDLER_ROLES,
            memberships__agency__in=participant_agencies(concern),
        )
        .distinct()
        .order_by("first_name", "last_name")
    )


class AssessmentRule(ObjectRule):
    OWNED_OR_DISCLOSED_FINAL = (
        "assessment.owned_or_disclosed_final",
        "owning agency; finalised assessments where the assessment part is disclosed",
    )


class AssessmentCapability(Capability):
    """What may be done with structured assessments."""

    READ = (
        "assessments.read",
        (
            Role.COORDINATOR,
            Role.POLICE_CONTACT,
        ),
        AssessmentRule.OWNED_OR_DISCLOSED_FINAL,
    )

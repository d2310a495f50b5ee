"""Who may see and do what with concerns. This is the two-controller rule in code.

- The owning agency's case handlers (coordinators in the municipality, police contacts in the
  police) see and change the whole concern.
- The other agency's case handlers see only the parts disclosed to their agency by a disclosure
  in force, read-only.
- A mentor sees the person and the measures assigned to them, nothing else.
- Nobody sees a restricted concern in casework.

The policy (CONCERNS) states once which concerns each capability reaches: concerns_visible_to() is the
only starting point for lists and counts, and can_view/can_change ask the same rule of one concern.
access_to() adds what no filter can say, the parts a reader sees; get_concern_for() is the only way a
view loads a concern, and it records the read in the audit trail.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NoReturn

from django.db.models import Case, Exists, F, OuterRef, Q, QuerySet, When
from django.http import Http404

from varde.accounts.actors import Actor
from varde.accounts.models import Agency, Partnership, User
from varde.accounts.permissions import (
    CASE_HANDLER_ROLES,
    handler_agency_ids,
    partnership_ids_of,
    partnerships_where,
)
from varde.accounts.policy import NOTHING, Policy
from varde.accounts.roles import Role
from varde.concerns.audit_actions import ConcernAudit
from varde.core.access import Capability, ObjectRule
from varde.core.audit import AuditAction, record_event
from varde.core.crypto import name_index

from .choices import Part
from .models import Concern, ConcernQuerySet, Disclosure, Measure

ALL_PARTS = frozenset(Part.values)
MENTOR_PARTS = frozenset({Part.IDENTITY.value, Part.MEASURES.value})


def case_handlers_of(agency: Agency) -> QuerySet[User]:
    return User.objects.filter(
        is_active=True, memberships__agency=agency, memberships__role__in=CASE_HANDLER_ROLES
    ).distinct()


def people_for_measures(concern: Concern) -> QuerySet[User]:
    # Rule: a measure is given to a case handler or a mentor of the owning agency: they may open the
    # case it belongs to. Anyone else would hold a task they can never see, or, in the other agency,
    # see the person without a disclosure.
    return User.objects.filter(
        is_active=True,
        memberships__agency_id=concern.owning_agency_id,
        memberships__role__in=[*CASE_HANDLER_ROLES, Role.MENTOR],
    ).distinct()


def _is_mentor(user: Actor) -> bool:
    return bool(user.is_authenticated and user.is_active and Role.MENTOR in user.role_codes)


class ConcernPolicy(Policy[Concern, ConcernQuerySet]):
    model = Concern

    def rule(self, actor: Actor, capability: Capability) -> Q:
        agencies = handler_agency_ids(actor)
        # Rule: restricted concerns are out of casework for everyone.
        in_use = Q(restricted_at__isnull=True)
        # Rule: the owning agency's case handlers see the concern and change it.
        owned = Q(owning_agency_id__in=agencies)
        if capability is ConcernCapability.HANDLE:
            return in_use & owned
        if capability is not ConcernCapability.READ:
            return NOTHING
        # Rule: the other agency's case handlers see it while a disclosure to their agency is in force.
        disclosed = Exists(
            Disclosure.objects.in_force().filter(concern=OuterRef("pk"), to_agency_id__in=agencies)
        )
        reach = owned | Q(disclosed)
        # Rule: a mentor sees the concerns in which a running measure is assigned to them; when the
        # measure ends (or the case closes, which ends it), so does the access.
        if _is_mentor(actor):
            reach |= Q(Exists(Measure.objects.running().filter(concern=OuterRef("pk"), responsible=actor)))
        # Rule: nothing outside the user's own partnerships (disclosures and measures never cross one, so
        # this narrows nothing; it lets the database start from the partnership's cases, not the country's).
        return in_use & reach & Q(partnership_id__in=partnership_ids_of(actor))


CONCERNS = ConcernPolicy()


def concerns_visible_to(user: Actor) -> ConcernQuerySet:
    return CONCERNS.visible(user, ConcernCapability.READ)


def owned_concerns_of(user: Actor) -> ConcernQuerySet:
    return concerns_visible_to(user).filter(owning_agency_id__in=handler_agency_ids(user))


def _owned_by(user: Actor) -> Q:
    return Q(owning_agency_id__in=handler_agency_ids(user))


def narrowed_by_category(user: Actor, concerns: QuerySet[Concern]) -> QuerySet[Concern]:
    # Rule: a filter on a category (status, phenomenon, deadline, responsible) finds only the user's
    # own concerns. The list shows a shared concern without its categories, and a filter must not tell
    # what the row hides.
    return concerns.filter(_owned_by(user))


def category_sort_key(user: Actor, name: str) -> Case:
    # Rule: sorted by a category, the user's own concerns come in its order and shared ones after them,
    # all alike, for the same reason.
    return Case(When(_owned_by(user), then=F(name)), default=None)


@dataclass(frozen=True)
class ConcernAccess:
    """What one user may see of one concern, computed once per request and passed to templates."""

    is_owner: bool
    parts: frozenset[str] = field(default_factory=frozenset)
    mentor_only: bool = False

    def shows(self, part: str) -> bool:
        return part in self.parts

    @property
    def shows_identity(self) -> bool:
        return self.shows(Part.IDENTITY)

    @property
    def shows_description(self) -> bool:
        return self.shows(Part.DESCRIPTION)

    @property
    def shows_assessment(self) -> bool:
        return self.shows(Part.ASSESSMENT)

    @property
    def shows_measures(self) -> bool:
        return self.shows(Part.MEASURES)


def access_to(user: Actor, concern: Concern) -> ConcernAccess | None:
    """The user's view of a concern, or None when they may not see it at all."""
    if not user.is_authenticated or not user.is_active or concern.restricted_at is not None:
        return None
    agencies = handler_agency_ids(user)
    # Rule: the owning agency's case handlers see everything and may change it.
    if concern.owning_agency_id in agencies:
        return ConcernAccess(is_owner=True, parts=ALL_PARTS)
    # Rule: the receiving agency sees the union of the parts disclosed to it, read-only.
    disclosed: set[str] = set()
    for parts in (
        concern.disclosures.in_force().filter(to_agency__in=agencies).values_list("parts", flat=True)
    ):
        disclosed.update(parts)
    if disclosed:
        return ConcernAccess(is_owner=False, parts=frozenset(disclosed))
    # Rule: a mentor sees the person and their own measures while one of them runs.
    if _is_mentor(user) and concern.measures.running().filter(responsible=user).exists():
        return ConcernAccess(is_owner=False, parts=MENTOR_PARTS, mentor_only=True)
    return None


def can_view_concern(user: Actor, concern: Concern) -> bool:
    return CONCERNS.allows(user, concern, ConcernCapability.READ)


def can_change_concern(user: Actor, concern: Concern) -> bool:
    return CONCERNS.allows(user, concern, ConcernCapability.HANDLE)


def can_update_measure(user: Actor, measure: Measure) -> bool:
    # Rule: the owning agency's case handlers, or the mentor the measure is assigned to.
    if can_change_concern(user, measure.concern):
        return True
    return _is_mentor(user) and measure.responsible_id == user.pk and can_view_concern(user, measure.concern)


def load_concern(user: Actor, pk: Any) -> tuple[Concern, ConcernAccess | None]:
    """A concern and the user's access to it, nothing recorded yet: for a loader that checks more
    before it records a read (record_read) or a refusal (refuse); a missing concern answers 404."""
    concern = (
        Concern.objects.select_related("owning_agency", "responsible", "partnership").filter(pk=pk).first()
    )
    if concern is None:
        raise Http404
    return concern, access_to(user, concern)


def record_about(
    action: AuditAction, user: Actor, concern: Concern, *, purpose: str, obj: Any = None, **detail: Any
) -> None:
    """An audit event about a concern (or `obj` within it), in its partnership and owning agency."""
    record_event(
        action,
        actor=user,
        obj=obj or concern,
        partnership=concern.partnership,
        agency=concern.owning_agency,
        purpose=purpose,
        detail={"reference": concern.reference, **detail},
    )


def refuse(user: Actor, concern: Concern, *, purpose: str) -> NoReturn:
    """Answer 404 for a concern that exists, and record the attempt with the purpose asked for."""
    record_about(ConcernAudit.ACCESS_REFUSED, user, concern, purpose=purpose)
    raise Http404


def record_read(user: Actor, concern: Concern, access: ConcernAccess, *, purpose: str) -> None:
    record_about(ConcernAudit.VIEWED, user, concern, purpose=purpose, parts=sorted(access.parts))


def get_concern_for(
    user: Actor,
    pk: Any,
    *,
    purpose: str,
    owner_only: bool = False,
    permits: Callable[[Concern, ConcernAccess], bool] | None = None,
) -> tuple[Concern, ConcernAccess]:
    """Load a concern for a view; missing and forbidden both answer 404.

    A read is recorded only when the view will show the concern. A refusal of a concern that exists
    (no access, an owner's page opened by someone else, or what `permits` refuses) is recorded as an
    attempt with the purpose asked for, never as a read.
    """
    concern, access = load_concern(user, pk)
    if (
        access is None
        or (owner_only and not access.is_owner)
        or (permits is not None and not permits(concern, access))
    ):
        refuse(user, concern, purpose=purpose)
    record_read(user, concern, access, purpose=purpose)
    return concern, access


def get_owned_concern_for(user: Actor, pk: Any, *, purpose: str) -> Concern:
    """Load a concern the user may change; anything less answers 404."""
    return get_concern_for(user, pk, purpose=purpose, owner_only=True)[0]


def get_measure_for(user: Actor, pk: Any) -> Measure:
    measure = Measure.objects.select_related("concern", "measure_type").filter(pk=pk).first()
    if measure is None or not can_update_measure(user, measure):
        raise Http404
    return measure


def reports_of(user: Actor) -> ConcernQuerySet:
    """The concerns a user reported themselves; they see only the receipt and the status."""
    if not user.is_authenticated or not user.is_active:
        return Concern.objects.none()
    return Concern.objects.filter(reported_by=user)


def reporting_agencies(user: Actor) -> QuerySet[Agency]:
    """The agencies in which the user may report a concern: those they are a member of."""
    if not user.is_authenticated or not user.is_active:
        return Agency.objects.none()
    return Agency.objects.filter(memberships__user=user).select_related("partnership").distinct()


def partnerships_administered_by(user: Actor) -> QuerySet[Partnership]:
    return partnerships_where(user, Role.ADMIN)


def possible_duplicates(user: Actor, agency: Agency, name: str, *, limit: int = 10) -> ConcernQuerySet:
    """Search before create: concerns in the same agency about someone with the same words in their
    name. Names are encrypted, so the search compares keyed digests of whole words."""
    digests = name_index(name, agency.partnership_id).split()
    if not digests:
        return Concern.objects.none()
    matches = owned_concerns_of(user).filter(owning_agency=agency, is_named=True)
    for digest in digests:
        matches = matches.filter(subject_name_index__contains=digest)
    return matches.order_by("-created_at")[:limit]


class CaseRule(ObjectRule):
    HANDLER_IN_OWNING_AGENCY = "case.handler_in_owning_agency", "case handler in the owning agency"
    OWNED_DISCLOSED_OR_ASSIGNED = (
        "case.owned_disclosed_or_assigned",
        "owning agency, a disclosure in force, or an assigned measure",
    )
    OWN_PARTNERSHIPS = "case.own_partnerships", "their partnerships"


class ConcernCapability(Capability):
    """What may be done with cases: handled by the owning agency's case handlers, read where held,
    disclosed or assigned a measure; legal bases read by those who cite or keep them."""

    HANDLE = "concerns.handle", CASE_HANDLER_ROLES, CaseRule.HANDLER_IN_OWNING_AGENCY
    READ = "concerns.read", (*CASE_HANDLER_ROLES, Role.MENTOR), CaseRule.OWNED_DISCLOSED_OR_ASSIGNED
    READ_LEGAL_BASES = (
        "concerns.read_legal_bases",
        (*CASE_HANDLER_ROLES, Role.ADMIN),
        CaseRule.OWN_PARTNERSHIPS,
    )

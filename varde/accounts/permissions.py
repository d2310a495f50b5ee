"""Who may see and manage accounts, units and memberships.

Each agency is its own data controller, so an administrator manages the people and units of the agency
in which they hold the admin role, never the other agency's. Settings the two agencies share (legal
bases, measure types, retention) belong to the partnership and are changed by either administrator.
Every list starts from a *_visible_to function; every detail page loads through get_*_for.
"""

from collections.abc import Iterable
from typing import Any
from uuid import UUID

from django.core.validators import slug_re
from django.db.models import Q, QuerySet
from django.http import Http404

from varde.accounts.actors import Actor
from varde.accounts.audit_actions import AccountAudit
from varde.core.access import Capability, ObjectRule

from .models import Agency, Membership, Partnership, Unit, UnitQuerySet, User
from .policy import Policy
from .roles import Role

# The roles that handle concerns: coordinators in the municipality, police contacts in the police.
CASE_HANDLER_ROLES = (Role.COORDINATOR, Role.POLICE_CONTACT)


def partnerships_where(user: Actor, role: str) -> QuerySet[Partnership]:
    return partnerships_where_any(user, (role,))


def handler_agencies(user: Actor) -> QuerySet[Agency]:
    """The agencies in which the user handles cases."""
    return Agency.objects.filter(pk__in=handler_agency_ids(user))


def handler_agency_ids(user: Actor) -> frozenset[UUID]:
    """The same agencies as ids, from the roles read once per request: for filters and checks."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    return user.agency_ids_where(CASE_HANDLER_ROLES)


def partnership_ids_of(user: Actor) -> frozenset[UUID]:
    """The partnerships the user is a member of, as ids from the roles read once per request."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    return user.partnership_ids


def partnership_ids_where_any(user: Actor, roles: Iterable[str]) -> frozenset[UUID]:
    """The partnerships in which the user holds at least one of the roles, as ids from the roles read
    once per request."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    return user.partnership_ids_where(roles)


def partnerships_where_any(user: Actor, roles: Iterable[str]) -> QuerySet[Partnership]:
    """The partnerships in which the user holds at least one of the roles."""
    return Partnership.objects.filter(pk__in=partnership_ids_where_any(user, roles))


def holds_role_in(user: Actor, roles: Iterable[str], partnership: Partnership) -> bool:
    """Whether the user holds one of the roles in the partnership; asks the database nothing."""
    return partnership.pk in partnership_ids_where_any(user, roles)


def chosen_partnership(user: Actor, roles: Iterable[str], slug: str | None = None) -> Partnership:
    """The partnership a page works in: the one named in ?samarbeid=, or the user's first; else 404.
    What cannot be a short name is not looked up: PostgreSQL refuses to compare with a NUL character."""
    if slug and not slug_re.match(slug):
        raise Http404
    partnerships = partnerships_where_any(user, roles)
    partnership = partnerships.filter(slug=slug).first() if slug else partnerships.first()
    if partnership is None:
        raise Http404
    return partnership


def partnerships_of(user: Actor) -> QuerySet[Partnership]:
    return Partnership.objects.filter(pk__in=partnership_ids_of(user))


def agency_ids_administered_by(user: Actor) -> frozenset[UUID]:
    # Rule: an administrator administers the agency in which they hold the role, not its partner.
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    return user.agency_ids_where((Role.ADMIN,))


def agencies_administered_by(user: Actor) -> QuerySet[Agency]:
    return Agency.objects.filter(pk__in=agency_ids_administered_by(user))


class PersonPolicy(Policy[User, QuerySet[User]]):
    model = User
    read_action = AccountAudit.USER_VIEWED

    def rule(self, actor: Actor, capability: Capability) -> Q:
        # Rule: an administrator sees the people who hold a membership in an agency they administer.
        return Q(
            pk__in=Membership.objects.filter(agency_id__in=agency_ids_administered_by(actor)).values("user")
        )


class UnitPolicy(Policy[Unit, UnitQuerySet]):
    model = Unit
    related = ("agency",)

    def rule(self, actor: Actor, capability: Capability) -> Q:
        # Rule: an administrator keeps the units of the agencies they administer.
        return Q(agency_id__in=agency_ids_administered_by(actor))


class MembershipPolicy(Policy[Membership, QuerySet[Membership]]):
    model = Membership
    related = ("user", "agency")

    def rule(self, actor: Actor, capability: Capability) -> Q:
        # Rule: the membership's agency must be one the acting user administers.
        return Q(agency_id__in=agency_ids_administered_by(actor))


PEOPLE, UNITS, MEMBERSHIPS = PersonPolicy(), UnitPolicy(), MembershipPolicy()


def users_visible_to(user: Actor) -> QuerySet[User]:
    return PEOPLE.visible(user, AccountCapability.ADMINISTER_AGENCY)


def units_visible_to(user: Actor) -> UnitQuerySet:
    return UNITS.visible(user, AccountCapability.ADMINISTER_AGENCY)


def can_manage_user(user: Actor, target: User) -> bool:
    # Rule: the password, second factor and activity of an account are managed by someone who
    # administers every agency the person works for: a reset hands over the account, and with it
    # whatever the person may read in the other agency. ("Every", not "one": no filter of the person
    # alone says it, so it stays a check.)
    agencies = set(target.memberships.values_list("agency_id", flat=True))
    return bool(agencies) and agencies <= agency_ids_administered_by(user)


def can_manage_membership(user: Actor, membership: Membership) -> bool:
    return MEMBERSHIPS.allows(user, membership, AccountCapability.ADMINISTER_AGENCY)


def get_account_for(actor: Actor, pk: Any) -> User:
    """Load an account whose password, second factor or activity the administrator may change;
    an account they may only see answers 404 like one that does not exist."""
    target = get_user_for(actor, pk, purpose="account administration")
    if not can_manage_user(actor, target):
        raise Http404
    return target


def get_user_for(actor: Actor, pk: Any, *, purpose: str) -> User:
    """Load a user account for an administrator; missing and forbidden both answer 404."""
    return PEOPLE.load(actor, pk, AccountCapability.ADMINISTER_AGENCY, purpose=purpose)


def get_unit_for(actor: Actor, pk: Any) -> Unit:
    return UNITS.load(actor, pk, AccountCapability.ADMINISTER_AGENCY)


def get_membership_for(actor: Actor, pk: Any) -> Membership:
    return MEMBERSHIPS.load(actor, pk, AccountCapability.ADMINISTER_AGENCY)


class AccountRule(ObjectRule):
    ADMINISTERED_AGENCY = "account.administered_agency", "people and units of the agency the user administers"
    ADMINISTERED_PARTNERSHIPS = "account.administered_partnerships", "partnerships the user administers"


class AccountCapability(Capability):
    """What administrators may do: their own agency's people and units, and their partnerships' settings."""

    ADMINISTER_AGENCY = "accounts.administer_agency", (Role.ADMIN,), AccountRule.ADMINISTERED_AGENCY
    CONFIGURE_PARTNERSHIP = (
        "accounts.configure_partnership",
        (Role.ADMIN,),
        AccountRule.ADMINISTERED_PARTNERSHIPS,
    )

"""Who may see and keep the network registries: the people who do the plan's work, and its readers.

- Plan managers, coordinators and police contacts keep organisations, contacts and the contact log.
- Viewers read them.
"""

from typing import Any

from django.db.models import QuerySet

from varde.accounts.actors import Actor
from varde.accounts.models import Partnership
from varde.accounts.permissions import chosen_partnership, holds_role_in
from varde.accounts.policy import PartnershipPolicy
from varde.accounts.roles import Role
from varde.core.access import Capability, ObjectRule

from .models import Organisation


def partnership_for(user: Actor, slug: str | None = None) -> Partnership:
    return chosen_partnership(user, NetworkCapability.READ.roles, slug)


def can_keep(user: Actor, partnership: Partnership) -> bool:
    return holds_role_in(user, NetworkCapability.KEEP.roles, partnership)


class OrganisationPolicy(PartnershipPolicy[Organisation, QuerySet[Organisation]]):
    model = Organisation


ORGANISATIONS = OrganisationPolicy()


def get_organisation_for(user: Actor, pk: Any) -> Organisation:
    return ORGANISATIONS.load(user, pk, NetworkCapability.READ)


class NetworkRule(ObjectRule):
    OWN_PARTNERSHIPS = "network.own_partnerships", "registries of the user's partnerships"


_KEEPERS = (Role.PLAN_MANAGER, Role.COORDINATOR, Role.POLICE_CONTACT)


class NetworkCapability(Capability):
    """What may be done with the network registry."""

    READ = "network.read", (*_KEEPERS, Role.VIEWER), NetworkRule.OWN_PARTNERSHIPS
    KEEP = "network.keep", _KEEPERS, NetworkRule.OWN_PARTNERSHIPS

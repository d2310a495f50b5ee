"""Who may see and keep the action plan. None of it is case content, so the rules are about roles.

- The plan manager keeps the plan: imports versions, changes measure status, logs activities,
  records trainings and requests.
- Coordinators and police contacts, who give many of the trainings, may record trainings and log
  activities too.
- Viewers (directors, Politirådet) read everything here and the status report.
"""

from typing import Any

from django.db.models import QuerySet

from varde.accounts.actors import Actor
from varde.accounts.models import Partnership
from varde.accounts.permissions import holds_role_in
from varde.accounts.policy import PartnershipPolicy
from varde.accounts.roles import Role
from varde.core.access import Capability, ObjectRule

from .models import ActionPlan, PlanMeasure


def can_keep(user: Actor, partnership: Partnership) -> bool:
    return holds_role_in(user, PlanCapability.KEEP.roles, partnership)


def can_contribute(user: Actor, partnership: Partnership) -> bool:
    return holds_role_in(user, PlanCapability.CONTRIBUTE.roles, partnership)


class PlanPolicy(PartnershipPolicy[ActionPlan, QuerySet[ActionPlan]]):
    model = ActionPlan


class PlanMeasurePolicy(PartnershipPolicy[PlanMeasure, QuerySet[PlanMeasure]]):
    model = PlanMeasure
    partnership = "plan__partnership"
    related = ("plan__partnership",)


PLANS, PLAN_MEASURES = PlanPolicy(), PlanMeasurePolicy()


def get_measure_for(user: Actor, pk: Any) -> PlanMeasure:
    return PLAN_MEASURES.load(user, pk, PlanCapability.READ)


def plans_visible_to(user: Actor) -> QuerySet[ActionPlan]:
    return PLANS.visible(user, PlanCapability.READ)


class PlanRule(ObjectRule):
    OWN_PARTNERSHIPS = "plan.own_partnerships", "plans of the user's partnerships"


_CONTRIBUTORS = (Role.PLAN_MANAGER, Role.COORDINATOR, Role.POLICE_CONTACT)


class PlanCapability(Capability):
    """What may be done with the action plan."""

    READ = "plan.read", (*_CONTRIBUTORS, Role.VIEWER), PlanRule.OWN_PARTNERSHIPS
    CONTRIBUTE = "plan.contribute", _CONTRIBUTORS, PlanRule.OWN_PARTNERSHIPS
    KEEP = "plan.keep", (Role.PLAN_MANAGER,), PlanRule.OWN_PARTNERSHIPS

"""Who may see and keep the action plan. None of it is case content, so the rules are about roles.

- The plan manager keeps the plan: imports versions, changes measure status, logs activities,
  records trainings and requests.
- Coordinators and police contacts, who give many of the trainings, may record trainings and log
  activities too.
- Viewers (directors, Politirådet) read everything here and the status report.
"""

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from varde.accounts.actors import Actor
from varde.accounts.models import Partnership
from varde.accounts.permissions import holds_role_in, partnerships_where_any
from varde.accounts.roles import Role
from varde.core.access import Capability, ObjectRule

from .models import ActionPlan, PlanMeasure


def can_keep(user: Actor, partnership: Partnership) -> bool:
    return holds_role_in(user, PlanCapability.KEEP.roles, partnership)


def can_contribute(user: Actor, partnership: Partnership) -> bool:
    return holds_role_in(user, PlanCapability.CONTRIBUTE.roles, partnership)


def get_measure_for(user: Actor, pk: Any) -> PlanMeasure:
    readable = PlanMeasure.objects.select_related("plan__partnership").filter(
        plan__partnership__in=partnerships_where_any(user, PlanCapability.READ.roles)
    )
    return get_object_or_404(readable, pk=pk)


def plans_visible_to(user: Actor) -> QuerySet[ActionPlan]:
    return ActionPlan.objects.filter(partnership__in=partnerships_where_any(user, PlanCapability.READ.roles))


class PlanRule(ObjectRule):
    OWN_PARTNERSHIPS = "plan.own_partnerships", "plans of the user's partnerships"


_CONTRIBUTORS = (Role.PLAN_MANAGER, Role.COORDINATOR, Role.POLICE_CONTACT)


class PlanCapability(Capability):
    """What may be done with the action plan."""

    READ = "plan.read", (*_CONTRIBUTORS, Role.VIEWER), PlanRule.OWN_PARTNERSHIPS
    CONTRIBUTE = "plan.contribute", _CONTRIBUTORS, PlanRule.OWN_PARTNERSHIPS
    KEEP = "plan.keep", (Role.PLAN_MANAGER,), PlanRule.OWN_PARTNERSHIPS

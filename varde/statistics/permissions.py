"""Who may register incidents and observations, and who may see the situation picture.

- Coordinators and police contacts register hate incidents and online observations.
- They, plan managers and viewers see the situation picture. It holds only suppressed counts.
"""

from varde.accounts.roles import Role
from varde.core.access import Capability, ObjectRule


class StatisticsRule(ObjectRule):
    SUPPRESSED_COUNTS = "statistics.suppressed_counts", "suppressed counts of the user's partnerships"
    OWN_PARTNERSHIPS = "statistics.own_partnerships", "records of the user's partnerships"


class StatisticsCapability(Capability):
    """What may be done with the situation picture."""

    READ = (
        "statistics.read",
        (Role.COORDINATOR, Role.POLICE_CONTACT, Role.PLAN_MANAGER, Role.VIEWER),
        StatisticsRule.SUPPRESSED_COUNTS,
    )
    REGISTER = "statistics.register", (Role.COORDINATOR, Role.POLICE_CONTACT), StatisticsRule.OWN_PARTNERSHIPS

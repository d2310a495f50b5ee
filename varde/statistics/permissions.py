"""Who may register incidents and observations, and who may see the situation picture.

- Coordinators and police contacts register hate incidents and online observations.
- They, plan managers and viewers see the situation picture. It holds only suppressed counts.
"""

from varde.accounts.roles import Role
from varde.core.access import Capability, ObjectRule

REGISTRARS = (Role.COORDINATOR, Role.POLICE_CONTACT)
READERS = (*REGISTRARS, Role.PLAN_MANAGER, Role.VIEWER)


class StatisticsRule(ObjectRule):
    SUPPRESSED_COUNTS = "statistics.suppressed_counts", "suppressed counts of the user's partnerships"
    OWN_PARTNERSHIPS = "statistics.own_partnerships", "records of the user's partnerships"


class StatisticsCapability(Capability):
    """What may be done with the situation picture."""

    READ = "statistics.read", (*READERS,), StatisticsRule.SUPPRESSED_COUNTS
    REGISTER = "statistics.register", (*REGISTRARS,), StatisticsRule.OWN_PARTNERSHIPS

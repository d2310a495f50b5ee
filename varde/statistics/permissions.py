"""Who may register incidents and observations, and who may see the situation picture.

- Coordinators and police contacts register hate incidents and online observations.
- They, plan managers and viewers see the situation picture. It holds only suppressed counts.
"""

from varde.accounts.roles import Role
from varde.core.access import roles

REGISTRARS = (Role.COORDINATOR, Role.POLICE_CONTACT)
READERS = (*REGISTRARS, Role.PLAN_MANAGER, Role.VIEWER)


# The door of the situation pages and the API's statistics endpoints.
STATISTICS_READERS = roles(*READERS, object_check="suppressed counts of the user's partnerships")

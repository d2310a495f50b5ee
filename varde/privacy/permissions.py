"""Which audit events a data protection officer may read.

A privacy officer sees the events of the partnerships where they hold that role, and the
logins and logouts of the people who are members there.
"""

from typing import Any

from django.db.models import F, Q

from varde.accounts.models import Membership
from varde.accounts.permissions import partnerships_where
from varde.accounts.roles import Role
from varde.core.functions import InSubquery, UUIDText
from varde.core.models import AuditEvent, AuditEventQuerySet


def audit_events_visible_to(user: Any) -> AuditEventQuerySet:
    partnerships = partnerships_where(user, Role.PRIVACY_OFFICER)
    partnership_ids = [str(pk) for pk in partnerships.values_list("pk", flat=True)]
    if not partnership_ids:
        return AuditEvent.objects.none()
    # The members' ids spelled as the trail stores them, as a subquery: a national partnership has
    # hundreds of members, and a list of them made the query expensive to build and to send.
    member_ids = Membership.objects.filter(agency__partnership_id__in=partnership_ids).values(
        id_text=UUIDText("user_id")
    )
    outside_any_partnership = Q(partnership_id="")
    return AuditEvent.objects.filter(
        # Rule: events recorded in the officer's partnerships.
        Q(partnership_id__in=partnership_ids)
        # Rule: events about accounts (logins, failed logins) of the partnerships' members.
        | (outside_any_partnership & InSubquery(F("actor_id"), member_ids))
        | (outside_any_partnership & Q(object_type="user") & InSubquery(F("object_id"), member_ids))
    )

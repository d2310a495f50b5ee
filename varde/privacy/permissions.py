"""Which audit events a data protection officer may read.

Each agency is its own data controller with its own officer. An officer sees the trail of their own
agency's data, what their agency's people did (including reading what the other agency disclosed to
them), the partnership's shared settings and meetings, and the disclosures between the two agencies,
which both controllers answer for. The other agency's work on its own cases is not theirs to see.
"""

from typing import Any

from django.db.models import F, Q, QuerySet

from varde.accounts.actors import Actor
from varde.accounts.models import Membership
from varde.accounts.roles import Role
from varde.concerns.audit_actions import ConcernAudit
from varde.core.access import Capability, ObjectRule
from varde.core.functions import InSubquery, UUIDText
from varde.core.models import AuditEvent, AuditEventQuerySet

# The events about a disclosure from one agency to the other: both officers see them.
DISCLOSURE_ACTIONS = (
    ConcernAudit.DISCLOSED,
    ConcernAudit.DISCLOSURE_REVOKED,
    ConcernAudit.MARKED_ACUTE,
    ConcernAudit.AGENDA_ITEM_PREPARED,
)


def audit_events_visible_to(user: Actor) -> AuditEventQuerySet:
    if not user.is_authenticated or not user.is_active:
        return AuditEvent.objects.none()
    roles = (Role.PRIVACY_OFFICER,)
    agency_ids = sorted(str(pk) for pk in user.agency_ids_where(roles))
    partnership_ids = sorted(str(pk) for pk in user.partnership_ids_where(roles))
    if not agency_ids:
        return AuditEvent.objects.none()
    # The members' ids spelled as the trail stores them, as a subquery: a national partnership has
    # hundreds of members, and a list of them made the query expensive to build and to send.
    member_ids = Membership.objects.filter(agency_id__in=agency_ids).values(id_text=UUIDText("user_id"))
    in_partnership = Q(partnership_id__in=partnership_ids)
    outside_any_partnership = Q(partnership_id="")
    return AuditEvent.objects.filter(
        # Rule: events about the officer's own agency's data, and the partnership's shared settings
        # and meetings, which belong to no one agency.
        (in_partnership & Q(agency_id__in=[*agency_ids, ""]))
        # Rule: what the agency's own people did, including reading what was disclosed to them.
        | (in_partnership & among("actor_id", member_ids))
        # Rule: the disclosures between the two agencies.
        | (in_partnership & Q(action__in=DISCLOSURE_ACTIONS))
        # Rule: events about the accounts (logins, failed logins) of the agency's members.
        | (outside_any_partnership & among("actor_id", member_ids))
        | (outside_any_partnership & Q(object_type="user") & among("object_id", member_ids))
    )


def among(column: str, member_ids: QuerySet[Membership, Any]) -> Q:
    """The column is one of the members' ids, asked twice, for the two ways PostgreSQL reads the trail.

    As a set it can hash (`in`, first): when it reads the events of a time range along the time's
    index, each event is one lookup. As an array (InSubquery): an index can look the members up, which
    the search without dates needs. With the array alone, PostgreSQL compared each event of a month
    with every member in turn, and could not know how many there were: 77-143 ms for a month's search
    on the national set once the trail's statistics were refreshed, against 21 ms (ADR 0047).
    """
    return Q(**{f"{column}__in": member_ids}) & Q(InSubquery(F(column), member_ids))


class PrivacyRule(ObjectRule):
    OFFICER_PARTNERSHIPS = "privacy.officer_partnerships", "events of the officer's partnerships"
    OFFICER_AGENCY_OR_DISCLOSED = (
        "privacy.officer_agency_or_disclosed",
        "cases of the officer's agency and what was disclosed to it",
    )
    OFFICER_AGENCY_RECORD = "privacy.officer_agency_record", "the record of the officer's own agency"
    OFFICER_AGENCY_CLOSED_CASES = (
        "privacy.officer_agency_closed_cases",
        "closed cases of the officer's own agency",
    )
    OFFICER_AGENCY_REQUESTS = "privacy.officer_agency_requests", "requests to the officer's own agency"


class PrivacyCapability(Capability):
    """What the privacy officer may do."""

    READ_TRAIL = "privacy.read_trail", (Role.PRIVACY_OFFICER,), PrivacyRule.OFFICER_PARTNERSHIPS
    REPORT_ACCESS = "privacy.report_access", (Role.PRIVACY_OFFICER,), PrivacyRule.OFFICER_AGENCY_OR_DISCLOSED
    READ_PROCESSING_RECORD = (
        "privacy.read_processing_record",
        (Role.PRIVACY_OFFICER,),
        PrivacyRule.OFFICER_AGENCY_RECORD,
    )
    OVERSEE_RETENTION = (
        "privacy.oversee_retention",
        (Role.PRIVACY_OFFICER,),
        PrivacyRule.OFFICER_AGENCY_CLOSED_CASES,
    )
    HANDLE_REQUESTS = "privacy.handle_requests", (Role.PRIVACY_OFFICER,), PrivacyRule.OFFICER_AGENCY_REQUESTS

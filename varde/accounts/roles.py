"""The role catalogue: every role, where it may be held, and whether it needs a second factor.

This is the one place roles are defined; views name them in their access rules and the access
matrix is generated from those rules.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class AgencyKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    POLICE = "police", _("Police station district")


class LegalRegime(models.TextChoices):
    GDPR = "gdpr", _("GDPR and the Personal Data Act")
    POLICE_REGISTER_ACT = "police_register_act", _("Police Register Act")


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    POLICE_CONTACT = "police_contact", _("Police radicalisation contact")
    SECRETARY = "secretary", _("Secretary")
    MENTOR = "mentor", _("Mentor")
    RESOURCE_PERSON = "resource_person", _("Resource person")
    EMPLOYEE = "employee", _("Employee")
    PLAN_MANAGER = "plan_manager", _("Action plan manager")
    COMMUNICATIONS = "communications", _("Communications")
    VIEWER = "viewer", _("Viewer")
    PRIVACY_OFFICER = "privacy_officer", _("Data protection officer")
    ADMIN = "admin", _("Administrator")


@dataclass(frozen=True)
class RoleInfo:
    description: Promise
    agency_kinds: frozenset[str]
    # Roles that can read personal data or control access must use a second factor.
    needs_second_factor: bool
    # Resource persons speak for a unit, so their membership names it.
    needs_unit: bool = False


MUNICIPAL = frozenset({AgencyKind.MUNICIPALITY.value})
POLICE = frozenset({AgencyKind.POLICE.value})
EITHER = MUNICIPAL | POLICE

ROLE_CATALOGUE: dict[Role, RoleInfo] = {
    Role.COORDINATOR: RoleInfo(
        _("Receives, assesses and follows up concerns for the municipality and prepares contact meetings."),
        MUNICIPAL,
        needs_second_factor=True,
    ),
    Role.POLICE_CONTACT: RoleInfo(
        _("Receives, assesses and follows up concerns for the police and takes part in contact meetings."),
        POLICE,
        needs_second_factor=True,
    ),
    Role.SECRETARY: RoleInfo(
        _("Schedules meetings and writes minutes; sees what the meeting sees."),
        MUNICIPAL,
        needs_second_factor=True,
    ),
    Role.MENTOR: RoleInfo(
        _("Follows up the cases and parts of cases assigned to them."),
        MUNICIPAL,
        needs_second_factor=True,
    ),
    Role.RESOURCE_PERSON: RoleInfo(
        _("Contact point for a unit: reports concerns and follows the unit's training."),
        MUNICIPAL,
        needs_second_factor=False,
        needs_unit=True,
    ),
    Role.EMPLOYEE: RoleInfo(
        _("Reports a concern or asks for guidance, and follows the status of own reports."),
        EITHER,
        needs_second_factor=False,
    ),
    Role.PLAN_MANAGER: RoleInfo(
        _("Follows up the action plan: measures, obligations, trainings and reports."),
        EITHER,
        needs_second_factor=False,
    ),
    Role.COMMUNICATIONS: RoleInfo(
        _("Edits the public and employee information pages."),
        EITHER,
        needs_second_factor=False,
    ),
    Role.VIEWER: RoleInfo(
        _("Reads status reports and anonymised statistics."),
        EITHER,
        needs_second_factor=False,
    ),
    Role.PRIVACY_OFFICER: RoleInfo(
        _("Oversees the audit trail, access reports and retention."),
        EITHER,
        needs_second_factor=True,
    ),
    Role.ADMIN: RoleInfo(
        _("Manages users, memberships and units; never sees case content."),
        EITHER,
        needs_second_factor=True,
    ),
}


def role_info(role: str) -> RoleInfo:
    return ROLE_CATALOGUE[Role(role)]


def may_hold(role: str, agency_kind: str) -> bool:
    return agency_kind in role_info(role).agency_kinds

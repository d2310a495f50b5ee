"""The work areas shown in the navigation and on the home page.

An entry is shown only when the access rule of the view behind it admits the user, so the menu
can never offer what the page would refuse.
"""

from dataclasses import dataclass
from functools import cache
from typing import Any

from django.conf import settings
from django.urls import resolve, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from varde.accounts.actors import Actor
from varde.core.access import AccessRule, rule_of
from varde.core.rendering import url_of


class Group:
    """Where an area stands in the menu when the user has many (see menu_for)."""

    COLLABORATION = _("Collaboration")
    PLAN = _("Plan and figures")
    OWN = _("Report and help")
    ADMINISTRATION = _("Administration")
    PRIVACY = _("Privacy")


@dataclass(frozen=True)
class WorkArea:
    url_name: str
    label: Promise
    description: Promise

    @property
    def group(self) -> Promise | None:
        """The menu's group of the area; None for the first row's."""
        return GROUPS.get(self.url_name)

    @property
    def url(self) -> str:
        return url_of(self.url_name)


WORK_AREAS = [
    WorkArea("concerns:list", _("Cases"), _("Concerns your agency owns or that are shared with it.")),
    WorkArea("concerns:intake", _("Log a call"), _("Hotline calls, advice sessions and new concerns.")),
    WorkArea("meetings:list", _("Meetings"), _("Contact meetings and the plan's other meetings.")),
    WorkArea("information:events", _("Events"), _("Announced events and demonstrations, and who does what.")),
    WorkArea(
        "actionplan:dashboard",
        _("Action plan"),
        _("Plan measures and recurring obligations at a glance, trainings and the status report."),
    ),
    WorkArea(
        "statistics:situation",
        _("Situation picture"),
        _("Anonymised counts of concerns, advice and hate incidents, with small numbers hidden."),
    ),
    WorkArea(
        "network:organisations",
        _("Network"),
        _("Organisations and contacts, resource persons per unit, the preparedness officer."),
    ),
    WorkArea("concerns:report", _("Report a concern"), _("Tell the coordination group what worries you.")),
    WorkArea("concerns:my_reports", _("My reports"), _("Receipts and status for what you have reported.")),
    WorkArea(
        "information:employee",
        _("Worried at work?"),
        _("Whom to contact, how to report, and your unit's training."),
    ),
    WorkArea(
        "information:editor_list",
        _("Information pages"),
        _("The public pages about radicalisation and hate, and where to turn."),
    ),
    WorkArea("accounts:user_list", _("Users"), _("Accounts, roles and memberships in your partnership.")),
    WorkArea(
        "accounts:unit_list", _("Units"), _("Municipal services and workplaces, and which are first line.")
    ),
    WorkArea(
        "concerns:legal_basis_list", _("Legal bases"), _("The legal bases that disclosures may rest on.")
    ),
    WorkArea("concerns:measure_type_list", _("Measure types"), _("The catalogue of measures in cases.")),
    WorkArea(
        "assessments:instrument_list",
        _("Assessment instruments"),
        _("The instruments structured assessments are made with, by version."),
    ),
    WorkArea(
        "assessments:level_scale",
        _("Concern levels"),
        _("The scale assessors choose the concern level from."),
    ),
    WorkArea(
        "concerns:casework_settings",
        _("Casework settings"),
        _("Review intervals, deadlines and how long personal data is kept."),
    ),
    WorkArea("meetings:quorum_rule", _("Quorum"), _("How many from each agency a contact meeting needs.")),
    WorkArea("privacy:audit_trail", _("Audit trail"), _("Who has seen and changed what, and when.")),
    WorkArea(
        "privacy:access_report",
        _("Access report"),
        _("What the agency holds about a person, what it shared, and who has seen it."),
    ),
    WorkArea(
        "privacy:requests",
        _("Requests from people"),
        _("Access, correction, erasure, restriction and objection, each with its deadline."),
    ),
    WorkArea(
        "privacy:retention",
        _("Deletion under oversight"),
        _("What will be restricted or erased and when, holds, receipts, and the nightly purge."),
    ),
    WorkArea(
        "privacy:processing_record",
        _("Record of processing activities"),
        _("What the agency processes, why, on which legal bases and for how long (GDPR art. 30)."),
    ),
]


@dataclass(frozen=True)
class MenuEntry:
    """A link of the menu, or a group of links under a heading that opens them."""

    label: Promise
    areas: list[WorkArea]

    @property
    def is_group(self) -> bool:
        return len(self.areas) > 1


# Up to this many areas, each is a link of its own; more are grouped, so that the menu keeps to one
# row on a laptop's screen.
UNGROUPED = 7


def menu_for(areas: list[WorkArea]) -> list[MenuEntry]:
    """The menu of the user's areas: the first-row ones as links, the others by group."""
    if len(areas) <= UNGROUPED:
        return [MenuEntry(area.label, [area]) for area in areas]
    entries: list[MenuEntry] = []
    groups: dict[Any, MenuEntry] = {}
    for area in areas:
        if area.group is None:
            entries.append(MenuEntry(area.label, [area]))
        elif area.group in groups:
            groups[area.group].areas.append(area)
        else:
            groups[area.group] = MenuEntry(area.group, [area])
            entries.append(groups[area.group])
    return [entry if entry.is_group else MenuEntry(entry.areas[0].label, entry.areas) for entry in entries]


GROUPS: dict[str, Promise] = {
    "information:events": Group.COLLABORATION,
    "network:organisations": Group.COLLABORATION,
    "actionplan:dashboard": Group.PLAN,
    "statistics:situation": Group.PLAN,
    "concerns:report": Group.OWN,
    "concerns:my_reports": Group.OWN,
    "information:employee": Group.OWN,
    "information:editor_list": Group.ADMINISTRATION,
    "accounts:user_list": Group.ADMINISTRATION,
    "accounts:unit_list": Group.ADMINISTRATION,
    "concerns:legal_basis_list": Group.ADMINISTRATION,
    "concerns:measure_type_list": Group.ADMINISTRATION,
    "assessments:instrument_list": Group.ADMINISTRATION,
    "assessments:level_scale": Group.ADMINISTRATION,
    "concerns:casework_settings": Group.ADMINISTRATION,
    "meetings:quorum_rule": Group.ADMINISTRATION,
    "privacy:audit_trail": Group.PRIVACY,
    "privacy:access_report": Group.PRIVACY,
    "privacy:requests": Group.PRIVACY,
    "privacy:retention": Group.PRIVACY,
    "privacy:processing_record": Group.PRIVACY,
}


def work_areas_for(user: Actor) -> list[WorkArea]:
    areas = []
    for area in WORK_AREAS:
        rule = _rule_for(area.url_name, settings.ROOT_URLCONF)
        if rule is not None and rule.allows(user):
            areas.append(area)
    return areas


@cache
def _rule_for(url_name: str, urlconf: str) -> AccessRule | None:
    # A URLconf does not change while the process runs; resolving every entry on every page did cost.
    return rule_of(resolve(reverse(url_name, urlconf=urlconf), urlconf=urlconf).func)

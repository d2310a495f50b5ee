"""The quorum rule: enough people from each agency, and a municipal secretary.

The secretary is counted apart: with the default rule a contact meeting needs two from the
municipality besides the secretary, and two from the police.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from varde.accounts.roles import AgencyKind

from .models import MeetingSettings, Participant


@dataclass(frozen=True)
class Quorum:
    municipality: int
    police: int
    secretary: bool
    problems: list[str]

    @property
    def met(self) -> bool:
        return not self.problems


def quorum_of(rule: MeetingSettings, present: Iterable[Participant]) -> Quorum:
    """Count those present against the rule; guests do not count."""
    municipality = police = 0
    secretary = False
    for person in present:
        if person.agency is None:
            continue
        if person.is_secretary and not secretary:
            secretary = True
        elif person.agency.kind == AgencyKind.POLICE:
            police += 1
        else:
            municipality += 1
    problems = []
    if municipality < rule.quorum_municipality:
        problems.append(
            _("%(count)d of at least %(needed)d from the municipality.")
            % {"count": municipality, "needed": rule.quorum_municipality}
        )
    if police < rule.quorum_police:
        problems.append(
            _("%(count)d of at least %(needed)d from the police.")
            % {"count": police, "needed": rule.quorum_police}
        )
    if rule.quorum_secretary and not secretary:
        problems.append(_("No municipal secretary."))
    return Quorum(municipality, police, secretary, problems)

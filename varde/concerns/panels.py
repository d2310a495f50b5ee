"""Sections that apps above concerns add to the case page (structured assessments, meeting items).

Concerns sits below those apps, so they register a panel source here instead of the case page
importing them. A source sees the user's access to the concern and returns nothing when the user
may not see its part.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from varde.accounts.actors import Actor

from .models import Concern
from .permissions import ConcernAccess


@dataclass(frozen=True)
class Panel:
    template: str
    context: dict[str, Any]


PanelSource = Callable[[Any, Concern, ConcernAccess], Panel | None]
_sources: list[PanelSource] = []


def register_case_panel(source: PanelSource) -> None:
    if source not in _sources:
        _sources.append(source)


def panels_for(user: Actor, concern: Concern, access: ConcernAccess) -> list[Panel]:
    return [panel for source in _sources if (panel := source(user, concern, access)) is not None]

"""Sections other apps add to the status report, registered here so that adding one imports nothing
else of the action plan."""

from collections.abc import Callable
from datetime import date
from typing import Any

from varde.accounts.models import Partnership

# Given the partnership and the report's period: the template to include and its context.
ReportSection = Callable[[Partnership, date, date], tuple[str, dict[str, Any]]]
_sections: list[ReportSection] = []


def register_report_section(section: ReportSection) -> None:
    _sections.append(section)


def registered_sections() -> list[ReportSection]:
    return list(_sections)

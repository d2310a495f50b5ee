"""The access report for a person (GDPR art. 15): what the officer's agency holds about them, what it
shared and received, on which basis, the consents and their history, and who read or changed what.

The officer finds the person by name and year of birth. Names are encrypted, so the search compares
the blind index of the whole name, then the year. An officer reports on their own agency's cases in
full, and on the other agency's cases only the parts that were disclosed to their agency.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from varde.accounts.actors import Actor
from varde.accounts.models import Partnership
from varde.concerns.choices import Part
from varde.concerns.models import Concern, Disclosure
from varde.core.audit import record_event
from varde.privacy.audit_actions import PrivacyAudit

from .permissions import PrivacyCapability, audit_events_visible_to


@dataclass
class Line:
    """The reads or changes of one person, of one kind and for one purpose, on one day: a case read
    all day long is one line with its count, its first and its last time, not hundreds."""

    first: datetime
    last: datetime
    actor_label: str
    action: str
    purpose: str
    count: int = 1


@dataclass
class CaseReport:
    concern: Concern
    # The parts the officer's agency holds: all of its own cases, what was disclosed of the other's.
    parts: frozenset[str]
    lines: list[Line] = field(default_factory=list)
    _by_key: dict[tuple[Any, ...], Line] = field(default_factory=dict, repr=False)

    def add(self, occurred_at: datetime, actor_label: str, action: str, purpose: str) -> None:
        key = (timezone.localdate(occurred_at), actor_label, action, purpose)
        line = self._by_key.get(key)
        if line is None:
            self._by_key[key] = line = Line(occurred_at, occurred_at, actor_label, action, purpose)
            self.lines.append(line)
        else:
            line.last, line.count = occurred_at, line.count + 1

    @property
    def is_own(self) -> bool:
        return self.parts == frozenset(Part.values)

    def shows(self, part: str) -> bool:
        return part in self.parts


def held_by(agency_ids: Iterable[Any]) -> Q:
    """The cases the agencies hold: their own, and those disclosed to them."""
    received = Disclosure.objects.filter(concern=OuterRef("pk"), to_agency_id__in=agency_ids)
    return Q(owning_agency_id__in=agency_ids) | Q(Exists(received))


def born_in(concern: Concern, year: int | None) -> bool:
    if year is None:
        return True
    born = concern.subject_birth_year or (
        concern.subject_birth_date.year if concern.subject_birth_date else None
    )
    return born == year


def cases_about(officer: Actor, name: str, birth_year: int | None) -> list[CaseReport]:
    """Every case about the person that the officer's agency owns or received a disclosure of, with
    the events the officer may read about each, oldest first. Restricted cases are included: what is
    held is reported, whether or not it is still in use."""
    agency_ids = officer.agency_ids_where(PrivacyCapability.REPORT_ACCESS.roles)
    partnerships = Partnership.objects.filter(
        pk__in=officer.partnership_ids_where(PrivacyCapability.REPORT_ACCESS.roles)
    )
    found: list[Concern] = []
    for partnership in partnerships:
        matches = (
            Concern.objects.about(partnership, name)
            .filter(held_by(agency_ids))
            .select_related("owning_agency", "responsible")
            .prefetch_related(
                "measures__measure_type",
                "measures__responsible",
                "consents__agencies",
                "disclosures__legal_basis",
                "disclosures__to_agency",
                "disclosures__from_agency",
                "assessments",
            )
        )
        found.extend(concern for concern in matches if born_in(concern, birth_year))
    reports = [CaseReport(concern, _parts_held(concern, agency_ids)) for concern in found]
    _attach_events(officer, reports)
    return sorted(reports, key=lambda report: report.concern.created_at)


def _parts_held(concern: Concern, agency_ids: frozenset[Any]) -> frozenset[str]:
    if concern.owning_agency_id in agency_ids:
        return frozenset(Part.values)
    held: set[str] = {Part.IDENTITY.value}
    for disclosure in concern.disclosures.all():
        if disclosure.to_agency_id in agency_ids:
            held.update(disclosure.parts)
    return frozenset(held)


def _attach_events(officer: Actor, reports: list[CaseReport]) -> None:
    """One query for the events of all the cases and their assessments."""
    by_object: dict[str, CaseReport] = {}
    for report in reports:
        by_object[str(report.concern.pk)] = report
        for assessment in report.concern.assessments.all():
            by_object[str(assessment.pk)] = report
    if not by_object:
        return
    events = (
        audit_events_visible_to(officer)
        .filter(object_id__in=list(by_object))
        .order_by("occurred_at", "id")
        .values_list("object_id", "occurred_at", "actor_label", "action", "purpose")
    )
    for object_id, occurred_at, actor_label, action, purpose in events:
        by_object[object_id].add(occurred_at, actor_label, action, purpose)


def record_report(officer: Actor, reports: list[CaseReport], *, output: str, employee_names: bool) -> None:
    """Producing a report is itself audited: which cases (references only), in which form, and
    whether the employees' names were left in."""
    record_event(
        PrivacyAudit.PRIVACY_ACCESS_REPORT,
        actor=officer,
        purpose="access report for a person",
        detail={
            "references": [report.concern.reference for report in reports],
            "format": output,
            "employee_names": employee_names,
        },
    )

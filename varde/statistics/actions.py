"""Registering hate incidents and online observations: categorical facts, one function each."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from varde.accounts.actors import Actor
from varde.accounts.models import Agency, Partnership
from varde.accounts.permissions import handler_agencies
from varde.core.audit import record_event
from varde.core.errors import ActionRefused
from varde.statistics.audit_actions import StatisticsAudit

from .models import HateIncident, LocalAssessment, OnlineObservation


def _agency_of(actor: Actor, partnership: Partnership | None) -> Agency:
    """The actor's case-handling agency in the partnership (or in their first one)."""
    agencies = handler_agencies(actor).select_related("partnership")
    agency = (agencies.filter(partnership=partnership) if partnership else agencies).first()
    if agency is None:
        raise PermissionDenied
    return agency


def _check_date(day: date) -> None:
    if day > timezone.localdate():
        raise ActionRefused(_("The date cannot be in the future."))


@dataclass(frozen=True)
class Incident:
    occurred_on: date
    kind: str
    arena: str
    target_group: str
    reported_to_police: bool


@transaction.atomic
def register_incident(
    actor: Actor, *, incident: Incident, partnership: Partnership | None = None
) -> HateIncident:
    agency = _agency_of(actor, partnership)
    _check_date(incident.occurred_on)
    record = HateIncident.objects.create(
        partnership=agency.partnership, agency=agency, registered_by=actor, **vars(incident)
    )
    record_event(StatisticsAudit.INCIDENT_REGISTERED, actor=actor, obj=record, partnership=agency.partnership)
    return record


@transaction.atomic
def register_observation(
    actor: Actor,
    *,
    observed_on: date,
    platform: str,
    phenomenon: str,
    note: str,
    partnership: Partnership | None = None,
) -> OnlineObservation:
    agency = _agency_of(actor, partnership)
    _check_date(observed_on)
    record = OnlineObservation.objects.create(
        partnership=agency.partnership,
        agency=agency,
        observed_on=observed_on,
        platform=platform,
        phenomenon=phenomenon,
        note=note,
        registered_by=actor,
    )
    record_event(
        StatisticsAudit.OBSERVATION_REGISTERED, actor=actor, obj=record, partnership=agency.partnership
    )
    return record


@transaction.atomic
def save_assessment(
    actor: Actor, *, year: int, text: str, partnership: Partnership | None = None
) -> LocalAssessment:
    """The local assessment for a year's situation report; written by the case handlers."""
    agency = _agency_of(actor, partnership)
    if not text.strip():
        raise ActionRefused(_("Write the assessment."))
    assessment, _created = LocalAssessment.objects.update_or_create(
        partnership=agency.partnership, year=year, defaults={"text": text, "written_by": actor}
    )
    record_event(
        StatisticsAudit.ASSESSMENT_SAVED, actor=actor, obj=assessment, partnership=agency.partnership
    )
    return assessment

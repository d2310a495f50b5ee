"""Intake: advice sessions, concerns from every channel, and acute triage."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from varde.accounts.actors import Actor
from varde.accounts.models import Agency, Partnership, User
from varde.accounts.notifications import notify
from varde.accounts.permissions import handler_agencies
from varde.accounts.roles import AgencyKind
from varde.concerns.audit_actions import ConcernAudit
from varde.core.audit import record_event
from varde.core.errors import ActionRefused

from ..alerts import alert_police_by_email, police_agency_of
from ..categorical import StatisticsFact
from ..choices import LegalBasisKind, Part, age_band
from ..models import AdviceSession, Concern, ConcernSettings, Disclosure, LegalBasis, acute_due_at
from ..permissions import case_handlers_of, reporting_agencies
from .common import log, new_reference, require_open, require_owner


@dataclass(frozen=True)
class Subject:
    name: str
    birth_date: date | None = None
    birth_year: int | None = None
    municipality: str = ""
    guardians: str = ""


@dataclass(frozen=True)
class Report:
    """What every channel knows about a concern when it arrives."""

    channel: str
    reporter_category: str
    phenomenon: str
    description: str
    subject: Subject | None = None
    other_body_name: str = ""
    anonymised: bool = False
    reporter_contact: str = ""


def _require_handler(actor: Actor, agency: Agency) -> None:
    if not handler_agencies(actor).filter(pk=agency.pk).exists():
        raise PermissionDenied


@transaction.atomic
def log_advice_session(
    actor: Actor,
    *,
    agency: Agency,
    channel: str,
    reporter_category: str,
    phenomenon: str,
    advice_given: str,
    held_on: date,
) -> AdviceSession:
    """Record guidance given without a case. Nothing in it identifies the caller or anyone else."""
    _require_handler(actor, agency)
    session = AdviceSession.objects.create(
        partnership=agency.partnership,
        agency=agency,
        logged_by=actor,
        held_on=held_on,
        channel=channel,
        reporter_category=reporter_category,
        phenomenon=phenomenon,
        advice_given=advice_given,
    )
    StatisticsFact.objects.create(
        partnership=agency.partnership,
        agency=agency,
        kind=StatisticsFact.Kind.ADVICE,
        occurred_on=held_on,
        channel=channel,
        reporter_category=reporter_category,
        phenomenon=phenomenon,
    )
    record_event(
        ConcernAudit.ADVICE_SESSION_LOGGED,
        actor=actor,
        obj=session,
        partnership=agency.partnership,
        agency=agency,
    )
    return session


def _create(actor: Actor | None, agency: Agency, report: Report, *, reported_by: User | None) -> Concern:
    settings = ConcernSettings.of(agency.partnership)
    today = timezone.localdate()
    subject = report.subject
    concern = Concern.objects.create(
        reference=new_reference(),
        partnership=agency.partnership,
        owning_agency=agency,
        channel=report.channel,
        reporter_category=report.reporter_category,
        other_body_name=report.other_body_name,
        anonymised=report.anonymised,
        reported_by=reported_by,
        reporter_contact=report.reporter_contact,
        phenomenon=report.phenomenon,
        description=report.description,
        is_named=subject is not None,
        subject_name=subject.name if subject else "",
        subject_birth_date=subject.birth_date if subject else None,
        subject_birth_year=subject.birth_year if subject else None,
        subject_municipality=subject.municipality if subject else "",
        subject_guardians=subject.guardians if subject else "",
        age_band=age_band(
            birth_date=subject.birth_date if subject else None,
            birth_year=subject.birth_year if subject else None,
            today=today,
        ),
        assessment_due=today + timedelta(days=settings.assessment_days),
    )
    StatisticsFact.objects.create(
        partnership=agency.partnership,
        agency=agency,
        kind=StatisticsFact.Kind.CONCERN,
        occurred_on=today,
        channel=concern.channel,
        reporter_category=concern.reporter_category,
        phenomenon=concern.phenomenon,
        age_band=concern.age_band,
        concern=concern,
    )
    log(concern, actor, ConcernAudit.RECEIVED, to_status=concern.status, detail={"channel": report.channel})
    return concern


def _notify_handlers(agency: Agency, concern: Concern, message: str) -> None:
    notify(case_handlers_of(agency), message, link=reverse("concerns:detail", args=[concern.pk]))


@transaction.atomic
def register_concern(actor: Actor, *, agency: Agency, report: Report) -> Concern:
    """A case handler registers a concern from a call, another public body or own observation."""
    _require_handler(actor, agency)
    if report.anonymised and report.subject is not None:
        raise ActionRefused(_("An anonymous consultation cannot name the person."))
    return _create(actor, agency, report, reported_by=None)


@transaction.atomic
def report_concern(actor: Actor, *, agency: Agency, report: Report) -> Concern:
    """Any employee reports a concern to their own agency, and gets a receipt."""
    if not reporting_agencies(actor).filter(pk=agency.pk).exists():
        raise PermissionDenied
    concern = _create(actor, agency, report, reported_by=actor)
    _notify_handlers(
        agency, concern, _("New concern %(reference)s reported") % {"reference": concern.reference}
    )
    return concern


@transaction.atomic
def submit_public_concern(partnership: Partnership, *, report: Report) -> Concern:
    """A concern from the public online form, into the intake queue of the receiving agency."""
    settings = ConcernSettings.of(partnership)
    agency = settings.public_intake_agency or partnership.agencies.get(kind=AgencyKind.MUNICIPALITY)
    concern = _create(None, agency, report, reported_by=None)
    _notify_handlers(
        agency,
        concern,
        _("New concern %(reference)s from the online form") % {"reference": concern.reference},
    )
    return concern


@transaction.atomic
def mark_acute(
    actor: Actor,
    concern: Concern,
    *,
    alerted_at: datetime,
    alerted_by: str,
    legal_basis: LegalBasis | None = None,
    justification: str = "",
) -> Concern:
    """Record that the police were alerted, and move a municipal concern to the police at once.

    Moving it is a disclosure of everything to the police, so it needs a basis for averting danger.
    """
    require_owner(actor, concern)
    require_open(concern)
    if alerted_at > timezone.now():
        raise ActionRefused(_("The time the police were alerted cannot be in the future."))
    police = police_agency_of(concern)
    concern.is_acute = True
    concern.police_alerted_at = alerted_at
    concern.police_alerted_by = alerted_by
    # The day of the hours-based deadline, so that lists sorted and filtered by date find it too.
    concern.assessment_due = timezone.localdate(acute_due_at(alerted_at))
    moving = concern.owning_agency_id != police.pk
    if moving:
        if legal_basis is None or legal_basis.kind != LegalBasisKind.AVERT or legal_basis.retired_at:
            raise ActionRefused(_("Choose a basis for averting danger or serious crime."))
        if legal_basis.partnership_id != concern.partnership_id:
            raise PermissionDenied
        if not legal_basis.citable_by(concern.owning_agency):
            raise ActionRefused(
                _("This legal basis cannot be cited by %(agency)s.") % {"agency": concern.owning_agency}
            )
        Disclosure.objects.create(
            concern=concern,
            from_agency=concern.owning_agency,
            to_agency=police,
            parts=sorted(Part.values),
            legal_basis=legal_basis,
            justification=justification,
            approved_by=actor,
            person_informed="later",
            ended_at=timezone.now(),
            end_reason="owner_changed",
        )
        concern.owning_agency = police
        concern.responsible = None
    concern.save()
    StatisticsFact.objects.filter(concern=concern).update(is_acute=True, agency=concern.owning_agency)
    log(concern, actor, ConcernAudit.MARKED_ACUTE, detail={"moved_to_police": moving})
    message = (
        _("Acute concern %(reference)s moved to the police")
        if moving
        else _("Concern %(reference)s was marked acute")
    )
    _notify_handlers(police, concern, message % {"reference": concern.reference})
    alert_police_by_email(concern)
    return concern

"""Measures in a case. A measure whose type requires consent cannot start without a valid one."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from varde.accounts.actors import Actor
from varde.accounts.models import Agency, User
from varde.accounts.notifications import notify
from varde.core.errors import ActionRefused
from varde.core.versioning import claim

from ..audit_actions import ConcernAudit
from ..categorical import MeasureType, StatisticsFact
from ..choices import MeasureStatus
from ..models import Concern, Consent, Measure
from ..permissions import can_update_measure, people_for_measures
from .common import log, require_open, require_owner


def _check_consent(
    measure_type: MeasureType, owner_agency: Agency, consent: Consent | None, day: date
) -> None:
    if not measure_type.requires_consent:
        return
    if consent is None:
        raise ActionRefused(_("This measure needs the person's consent. Record the consent first."))
    if not consent.is_valid_on(day):
        raise ActionRefused(_("The consent chosen is not valid on the start date."))
    if not consent.measure_types.filter(pk=measure_type.pk).exists():
        raise ActionRefused(_("The consent chosen does not cover this kind of measure."))
    if not consent.agencies.filter(pk=owner_agency.pk).exists():
        raise ActionRefused(_("The consent chosen does not cover the agency that owns the measure."))


@transaction.atomic
def add_measure(
    actor: Actor,
    concern: Concern,
    *,
    measure_type: MeasureType,
    owner_agency: Agency,
    responsible: User | None,
    start_date: date,
    next_review: date | None,
    consent: Consent | None = None,
) -> Measure:
    require_owner(actor, concern)
    require_open(concern)
    if (
        measure_type.partnership_id != concern.partnership_id
        or owner_agency.partnership_id != concern.partnership_id
    ):
        raise PermissionDenied
    if consent is not None and consent.concern_id != concern.pk:
        raise PermissionDenied
    if next_review is not None and next_review < start_date:
        raise ActionRefused(_("The next review cannot be before the start."))
    if responsible is not None and not people_for_measures(concern).filter(pk=responsible.pk).exists():
        raise ActionRefused(
            _("A measure is given to a case handler or a mentor in the agency that owns the concern.")
        )
    _check_consent(measure_type, owner_agency, consent, start_date)
    measure = Measure.objects.create(
        concern=concern,
        measure_type=measure_type,
        owner_agency=owner_agency,
        responsible=responsible,
        start_date=start_date,
        next_review=next_review,
        consent=consent,
        status=MeasureStatus.ACTIVE if start_date <= timezone.localdate() else MeasureStatus.PLANNED,
    )
    fact = StatisticsFact.objects.filter(concern=concern).first()
    if fact is not None and measure_type.code not in fact.measure_types:
        fact.measure_types = sorted([*fact.measure_types, measure_type.code])
        fact.save(update_fields=["measure_types"])
    log(concern, actor, ConcernAudit.MEASURE_ADDED, detail={"measure_type": measure_type.code})
    if responsible is not None and responsible != actor:
        notify(
            [responsible],
            _("You are responsible for a measure in concern %(reference)s")
            % {"reference": concern.reference},
            link=reverse("concerns:detail", args=[concern.pk]),
        )
    return measure


@transaction.atomic
def update_measure(
    actor: Actor,
    measure: Measure,
    *,
    status: str,
    next_review: date | None,
    evaluation: str,
    ended_reason: str = "",
    version: int | None = None,
) -> Measure:
    if not can_update_measure(actor, measure):
        raise PermissionDenied
    claim(measure, version)
    if measure.status not in MeasureStatus.running():
        raise ActionRefused(_("This measure has ended and can no longer be changed."))
    if status == MeasureStatus.ACTIVE and measure.status != MeasureStatus.ACTIVE:
        _check_consent(measure.measure_type, measure.owner_agency, measure.consent, timezone.localdate())
    if status == MeasureStatus.STOPPED and not ended_reason.strip():
        raise ActionRefused(_("Say why the measure was stopped."))
    measure.status = status
    measure.next_review = next_review
    measure.evaluation = evaluation
    measure.ended_reason = ended_reason
    measure.save()
    log(measure.concern, actor, ConcernAudit.MEASURE_UPDATED, detail={"status": status})
    return measure

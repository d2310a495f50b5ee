"""Consent and disclosures: the only ways information about a concern reaches the other agency."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from varde.accounts.actors import Actor
from varde.accounts.models import Agency, User
from varde.accounts.notifications import notify
from varde.accounts.permissions import handler_agencies
from varde.core.errors import ActionRefused

from ..audit_actions import ConcernAudit
from ..categorical import MeasureType
from ..choices import DisclosureEnd, InformedChoice, LegalBasisKind, MeasureStatus, Part
from ..models import Concern, Consent, Disclosure, LegalBasis
from ..permissions import case_handlers_of
from ..workflow import ASSESSMENT_PHASE
from .common import log, require_open, require_owner


@dataclass(frozen=True)
class ConsentTerms:
    given_by_names: str
    given_by_guardians: bool
    agencies: list[Agency]
    measure_types: list[MeasureType]
    purposes: str
    valid_from: date
    valid_until: date | None = None


@transaction.atomic
def record_consent(actor: Actor, concern: Concern, *, terms: ConsentTerms) -> Consent:
    require_owner(actor, concern)
    require_open(concern)
    if terms.valid_until is not None and terms.valid_until < terms.valid_from:
        raise ActionRefused(_("The consent cannot end before it starts."))
    if not terms.agencies:
        raise ActionRefused(_("Choose at least one agency the consent covers."))
    partnership_ids = {a.partnership_id for a in terms.agencies} | {
        m.partnership_id for m in terms.measure_types
    }
    if partnership_ids != {concern.partnership_id}:
        raise PermissionDenied
    consent = Consent.objects.create(
        concern=concern,
        given_by_names=terms.given_by_names,
        given_by_guardians=terms.given_by_guardians,
        purposes=terms.purposes,
        valid_from=terms.valid_from,
        valid_until=terms.valid_until,
        recorded_by=actor,
    )
    consent.agencies.set(terms.agencies)
    consent.measure_types.set(terms.measure_types)
    log(concern, actor, ConcernAudit.CONSENT_RECORDED, detail={"consent": str(consent.pk)})
    return consent


@transaction.atomic
def withdraw_consent(actor: Actor, consent: Consent) -> Consent:
    """From this moment, end every disclosure and stop every measure that rests on the consent."""
    concern = consent.concern
    require_owner(actor, concern)
    if consent.withdrawn_at is not None:
        raise ActionRefused(_("This consent is already withdrawn."))
    consent.withdrawn_at = timezone.now()
    consent.withdrawn_by = actor
    consent.save(update_fields=["withdrawn_at", "withdrawn_by"])
    _end_what_rests_on(
        consent,
        actor=actor,
        end=DisclosureEnd.CONSENT_WITHDRAWN,
        message=_(
            "Consent withdrawn in concern %(reference)s: sharing and measures resting on it have ended."
        ),
    )
    return consent


def end_lapsed_consents(today: date) -> int:
    """The nightly task's step: a consent whose end date has passed ends what rests on it, as a
    withdrawal does; the disclosures were already out of force when read (`in_force`)."""
    lapsed = Consent.objects.lapsed_on(today).filter(
        Q(disclosures__ended_at__isnull=True) | Q(measures__status__in=MeasureStatus.running())
    )
    ended = 0
    for consent in lapsed.select_related("concern").distinct():
        with transaction.atomic():
            _end_what_rests_on(
                consent,
                actor=None,
                end=DisclosureEnd.CONSENT_EXPIRED,
                message=_(
                    "A consent in concern %(reference)s ran out: sharing and measures resting on it "
                    "have ended."
                ),
            )
        ended += 1
    return ended


def _end_what_rests_on(consent: Consent, *, actor: Actor | None, end: DisclosureEnd, message: str) -> None:
    concern = consent.concern
    ended = consent.disclosures.not_ended().update(ended_at=timezone.now(), end_reason=end)
    measures = list(consent.measures.running())
    for measure in measures:
        measure.status = MeasureStatus.STOPPED
        measure.ended_reason = str(end.label)
        measure.save(update_fields=["status", "ended_reason"])
    log(
        concern,
        actor,
        ConcernAudit.CONSENT_WITHDRAWN
        if end == DisclosureEnd.CONSENT_WITHDRAWN
        else ConcernAudit.CONSENT_EXPIRED,
        detail={"consent": str(consent.pk), "disclosures_ended": ended, "measures_stopped": len(measures)},
    )
    owners = [concern.responsible] if concern.responsible else list(case_handlers_of(concern.owning_agency))
    notify(
        [*owners, *(m.responsible for m in measures)],
        message % {"reference": concern.reference},
        link=reverse("concerns:detail", args=[concern.pk]),
    )


@dataclass(frozen=True)
class DisclosureTerms:
    to_agency: Agency
    parts: list[str]
    legal_basis: LegalBasis
    justification: str
    approved_by: User
    person_informed: str
    not_informed_reason: str = ""
    consent: Consent | None = None


def _check_terms(concern: Concern, terms: DisclosureTerms) -> None:
    basis = terms.legal_basis
    if (
        terms.to_agency.partnership_id != concern.partnership_id
        or basis.partnership_id != concern.partnership_id
    ):
        raise PermissionDenied
    if terms.to_agency.pk == concern.owning_agency_id:
        raise ActionRefused(_("Information is disclosed to the other agency, not to the owning one."))
    if not terms.parts or not set(terms.parts) <= set(Part.values):
        raise ActionRefused(_("Choose which parts to share."))
    if basis.retired_at is not None:
        raise ActionRefused(_("This legal basis is retired. Choose one in force."))
    if not basis.citable_by(concern.owning_agency):
        raise ActionRefused(
            _("This legal basis cannot be cited by %(agency)s.") % {"agency": concern.owning_agency}
        )
    if not handler_agencies(terms.approved_by).filter(pk=concern.owning_agency_id).exists():
        raise ActionRefused(_("The disclosure must be approved by a case handler in the owning agency."))
    if terms.person_informed == InformedChoice.NO and not terms.not_informed_reason.strip():
        raise ActionRefused(_("Say why the person will not be told."))
    if basis.kind == LegalBasisKind.INITIAL_DISCUSSION and concern.status not in ASSESSMENT_PHASE:
        raise ActionRefused(
            _("The initial-discussion basis can only be used while the concern is being assessed.")
        )
    if basis.kind == LegalBasisKind.CONSENT:
        _check_consent_covers(concern, terms)


def _check_consent_covers(concern: Concern, terms: DisclosureTerms) -> None:
    consent = terms.consent
    if consent is None or consent.concern_id != concern.pk:
        raise ActionRefused(_("Choose the consent the disclosure rests on."))
    if not consent.is_valid_on(timezone.localdate()):
        raise ActionRefused(_("The consent chosen is not valid today."))
    if not consent.agencies.filter(pk=terms.to_agency.pk).exists():
        raise ActionRefused(_("The consent chosen does not cover the receiving agency."))


@transaction.atomic
def disclose(actor: Actor, concern: Concern, *, terms: DisclosureTerms) -> Disclosure:
    require_owner(actor, concern)
    require_open(concern)
    _check_terms(concern, terms)
    disclosure = Disclosure.objects.create(
        concern=concern,
        from_agency=concern.owning_agency,
        to_agency=terms.to_agency,
        parts=sorted(set(terms.parts)),
        legal_basis=terms.legal_basis,
        consent=terms.consent if terms.legal_basis.kind == LegalBasisKind.CONSENT else None,
        justification=terms.justification,
        approved_by=terms.approved_by,
        person_informed=terms.person_informed,
        not_informed_reason=terms.not_informed_reason,
    )
    log(
        concern,
        actor,
        ConcernAudit.DISCLOSED,
        detail={
            "disclosure": str(disclosure.pk),
            "to_agency": str(terms.to_agency.pk),
            "parts": disclosure.parts,
            "legal_basis": str(terms.legal_basis.pk),
        },
    )
    notify(
        case_handlers_of(terms.to_agency),
        _("Information in concern %(reference)s was shared with your agency")
        % {"reference": concern.reference},
        link=reverse("concerns:detail", args=[concern.pk]),
    )
    return disclosure


@transaction.atomic
def revoke_disclosure(actor: Actor, disclosure: Disclosure, *, reason: str) -> Disclosure:
    concern = disclosure.concern
    require_owner(actor, concern)
    if disclosure.ended_at is not None:
        raise ActionRefused(_("This disclosure has already ended."))
    if not reason.strip():
        raise ActionRefused(_("Give a reason for revoking the disclosure."))
    disclosure.ended_at = timezone.now()
    disclosure.end_reason = DisclosureEnd.REVOKED
    disclosure.save(update_fields=["ended_at", "end_reason"])
    log(
        concern,
        actor,
        ConcernAudit.DISCLOSURE_REVOKED,
        reason=reason,
        detail={"disclosure": str(disclosure.pk)},
    )
    return disclosure

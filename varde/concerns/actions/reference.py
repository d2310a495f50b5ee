"""Reference data kept by a partnership's administrators (legal bases, measure types, casework settings),
and new partnerships with their defaults."""

import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from varde.accounts.actors import Actor
from varde.accounts.models import Agency, Partnership
from varde.accounts.roles import AgencyKind, LegalRegime
from varde.concerns.audit_actions import ConcernAudit
from varde.core.audit import record_event, record_on
from varde.core.errors import ActionRefused
from varde.core.versioning import claim

from ..categorical import MeasureType
from ..models import ConcernSettings, LegalBasis, RetentionRule
from ..permissions import partnerships_administered_by
from ..reference_data import seed_reference_data

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _require_admin(actor: Actor, partnership: Partnership) -> None:
    if not partnerships_administered_by(actor).filter(pk=partnership.pk).exists():
        raise PermissionDenied


@transaction.atomic
def add_legal_basis(actor: Actor, partnership: Partnership, *, code: str, **wording: Any) -> LegalBasis:
    """A new basis; `wording` holds the fields of LegalBasisForm.edited."""
    _require_admin(actor, partnership)
    if LegalBasis.objects.filter(partnership=partnership, code=code).exists():
        raise ActionRefused(_("A legal basis with this code already exists. Revise it instead."))
    basis = LegalBasis.objects.create(partnership=partnership, code=code, **wording)
    record_on(ConcernAudit.LEGAL_BASIS_ADDED, actor, basis)
    return basis


@transaction.atomic
def revise_legal_basis(
    actor: Actor, basis: LegalBasis, *, version: int | None = None, **wording: Any
) -> LegalBasis:
    """Change the wording of a basis, or who may rely on it. One that disclosures rest on is
    superseded by a new version: what it meant when it was cited stays on record."""
    _require_admin(actor, basis.partnership)
    claim(basis, version, field="revision")
    if basis.retired_at is not None:
        raise ActionRefused(_("A retired legal basis cannot be revised."))
    if not basis.disclosures.exists():
        for name, value in wording.items():
            setattr(basis, name, value)
        basis.save()
        record_on(ConcernAudit.LEGAL_BASIS_EDITED, actor, basis)
        return basis
    basis.retired_at = timezone.now()
    basis.save(update_fields=["retired_at"])
    successor = LegalBasis.objects.create(
        partnership=basis.partnership,
        code=basis.code,
        version=basis.version + 1,
        supersedes=basis,
        **wording,
    )
    record_on(ConcernAudit.LEGAL_BASIS_SUPERSEDED, actor, successor)
    return successor


@transaction.atomic
def retire_legal_basis(actor: Actor, basis: LegalBasis) -> LegalBasis:
    _require_admin(actor, basis.partnership)
    if basis.retired_at is not None:
        raise ActionRefused(_("This legal basis is already retired."))
    basis.retired_at = timezone.now()
    basis.save(update_fields=["retired_at"])
    record_on(ConcernAudit.LEGAL_BASIS_RETIRED, actor, basis)
    return basis


@transaction.atomic
def mark_legal_basis_verified(actor: Actor, basis: LegalBasis) -> LegalBasis:
    """The legal adviser has confirmed the wording."""
    _require_admin(actor, basis.partnership)
    basis.needs_legal_review = False
    basis.save(update_fields=["needs_legal_review"])
    record_on(ConcernAudit.LEGAL_BASIS_VERIFIED, actor, basis)
    return basis


@transaction.atomic
def save_measure_type(
    actor: Actor, partnership: Partnership, *, code: str, name: str, requires_consent: bool, is_active: bool
) -> MeasureType:
    _require_admin(actor, partnership)
    measure_type, _created = MeasureType.objects.update_or_create(
        partnership=partnership,
        code=code,
        defaults={"name": name, "requires_consent": requires_consent, "is_active": is_active},
    )
    record_on(ConcernAudit.MEASURE_TYPE_SAVED, actor, measure_type)
    return measure_type


@dataclass(frozen=True)
class PublicIntake:
    """How the public reaches the partnership: the hotline, and the public form's hourly limit."""

    hotline_phone: str = ""
    public_form_limit: int = 5


@transaction.atomic
def save_casework_settings(
    actor: Actor,
    partnership: Partnership,
    *,
    review_months: list[int],
    assessment_days: int,
    rules: dict[str, tuple[int | None, int | None]],
    public: PublicIntake | None = None,
    version: int | None = None,
) -> ConcernSettings:
    """Review intervals, the first deadline, the retention periods and the public's ways in. Retention
    changes apply from the next purge."""
    _require_admin(actor, partnership)
    settings = ConcernSettings.of(partnership)
    claim(settings, version)
    settings.review_months = review_months
    settings.assessment_days = assessment_days
    if public is not None:
        settings.hotline_phone, settings.public_form_limit = public.hotline_phone, public.public_form_limit
    settings.save()
    for outcome, (restrict, erase) in rules.items():
        if restrict is None and erase is None:
            raise ActionRefused(_("Every outcome needs a retention period."))
        RetentionRule.objects.update_or_create(
            partnership=partnership,
            outcome=outcome,
            defaults={"restrict_after_months": restrict, "erase_after_months": erase},
        )
    record_event(
        ConcernAudit.CASEWORK_SETTINGS_SAVED,
        actor=actor,
        obj=partnership,
        partnership=partnership,
        detail={
            "review_months": review_months,
            "assessment_days": assessment_days,
            "rules": rules,
            "public_form_limit": settings.public_form_limit,
        },
    )
    return settings


@transaction.atomic
def create_partnership(*, name: str, slug: str, municipality: str, police: str) -> Partnership:
    """A new partnership for an operator: the municipality and the police district as its two data
    controllers, and the default reference data. Run from the command line, so there is no actor."""
    name, slug = name.strip(), slug.strip()
    if not all((name, slug, municipality.strip(), police.strip())):
        raise ActionRefused(_("Give the partnership a name, a short name and both agencies."))
    if not SLUG.fullmatch(slug):
        raise ActionRefused(_("The short name may hold only lower-case letters, digits and hyphens."))
    if Partnership.objects.filter(Q(name=name) | Q(slug=slug)).exists():
        raise ActionRefused(_("A partnership with this name or short name already exists."))
    partnership = Partnership.objects.create(name=name, slug=slug)
    Agency.objects.create(
        partnership=partnership,
        name=municipality.strip(),
        kind=AgencyKind.MUNICIPALITY,
        legal_regime=LegalRegime.GDPR,
    )
    Agency.objects.create(
        partnership=partnership,
        name=police.strip(),
        kind=AgencyKind.POLICE,
        legal_regime=LegalRegime.POLICE_REGISTER_ACT,
    )
    seed_reference_data(partnership)
    record_event(ConcernAudit.PARTNERSHIP_CREATED, actor=None, obj=partnership, partnership=partnership)
    return partnership

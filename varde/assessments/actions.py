"""Every change to instruments, the level scale and assessments goes through a function here."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from varde.accounts.actors import Actor
from varde.accounts.models import Partnership, User
from varde.accounts.permissions import handler_agencies
from varde.assessments.audit_actions import AssessmentAudit
from varde.concerns.actions.common import log, require_open, require_owner
from varde.concerns.audit_actions import ConcernAudit
from varde.concerns.models import Concern
from varde.concerns.permissions import partnerships_administered_by
from varde.core.audit import record_event, record_on
from varde.core.errors import ActionRefused
from varde.core.versioning import claim

from .engine import InstrumentError, checksum, describe, read_instrument
from .models import Assessment, AssessmentStatus, ConcernLevel, Instrument, Participant, Rating, Reliability
from .permissions import can_write_assessment, participant_agencies

# Instruments --------------------------------------------------------------------------------------


def _require_admin(actor: Actor | None, partnership: Partnership) -> None:
    # The command line acts as the operator (actor None); people must administer the partnership.
    if actor is not None and not partnerships_administered_by(actor).filter(pk=partnership.pk).exists():
        raise PermissionDenied


@transaction.atomic
def import_instrument(
    actor: Actor | None, partnership: Partnership, *, source: str
) -> tuple[Instrument, bool]:
    """Check an instrument file and load it as a new version; audited when something was loaded."""
    _require_admin(actor, partnership)
    instrument, created = store_instrument(partnership, read_instrument(source), actor=actor)
    if created:
        record_event(
            AssessmentAudit.INSTRUMENT_IMPORTED,
            actor=actor,
            obj=instrument,
            partnership=partnership,
            detail={"code": instrument.code, "version": instrument.version},
        )
    return instrument, created


def store_instrument(
    partnership: Partnership, document: dict[str, Any], *, actor: Actor | None
) -> tuple[Instrument, bool]:
    """Store a checked document. The same content again changes nothing; other content under the same
    version is refused, because an assessment may already rest on that version."""
    existing = Instrument.objects.filter(
        partnership=partnership, code=document["code"], version=document["version"]
    ).first()
    if existing is not None:
        if existing.checksum == checksum(document):
            return existing, False
        raise InstrumentError(
            [
                _(
                    "Version %(version)s of %(code)s is already loaded with other content. "
                    "A version is never changed: publish the changes as version %(next)s."
                )
                % {"version": document["version"], "code": document["code"], "next": document["version"] + 1}
            ]
        )
    instrument = Instrument.objects.create(
        partnership=partnership,
        code=document["code"],
        version=document["version"],
        name=describe(document).name.get("nb", ""),
        document=document,
        checksum=checksum(document),
        imported_by=actor,
    )
    return instrument, True


@transaction.atomic
def set_instrument_retired(actor: Actor, instrument: Instrument, *, retired: bool) -> Instrument:
    """A retired instrument is not offered for new assessments; old ones keep showing with it."""
    _require_admin(actor, instrument.partnership)
    instrument.retired_at = timezone.now() if retired else None
    instrument.save(update_fields=["retired_at"])
    record_event(
        AssessmentAudit.INSTRUMENT_RETIRED if retired else AssessmentAudit.INSTRUMENT_REINSTATED,
        actor=actor,
        obj=instrument,
        partnership=instrument.partnership,
        detail={"code": instrument.code, "version": instrument.version},
    )
    return instrument


@transaction.atomic
def save_concern_level(
    actor: Actor, partnership: Partnership, *, code: str, name: str, name_en: str, order: int, is_active: bool
) -> ConcernLevel:
    _require_admin(actor, partnership)
    level, _created = ConcernLevel.objects.update_or_create(
        partnership=partnership,
        code=code,
        defaults={"name": name, "name_en": name_en, "order": order, "is_active": is_active},
    )
    record_event(
        ConcernAudit.CONCERN_LEVEL_SAVED,
        actor=actor,
        obj=level,
        partnership=partnership,
        detail={"code": code},
    )
    return level


# Assessments --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RatingInput:
    answer: str = ""
    evidence: str = ""
    source: str = ""
    reliability: str = ""
    protective: str = ""


@dataclass(frozen=True)
class AssessmentContent:
    assessed_on: date
    texts: dict[str, str] = field(default_factory=dict)
    ratings: dict[str, RatingInput] = field(default_factory=dict)
    focus: list[str] = field(default_factory=list)
    level: ConcernLevel | None = None
    level_reason: str = ""
    next_review: date | None = None
    participants: list[User] = field(default_factory=list)


@transaction.atomic
def start_assessment(actor: Actor, concern: Concern, *, instrument: Instrument) -> Assessment:
    require_owner(actor, concern)
    require_open(concern)
    if instrument.partnership_id != concern.partnership_id or instrument.retired_at is not None:
        raise ActionRefused(_("Choose an instrument that is in use in this partnership."))
    if concern.assessments.drafts().exists():
        raise ActionRefused(
            _("This concern already has an assessment in progress. Finish or discard it first.")
        )
    assessment = Assessment.objects.create(
        concern=concern,
        instrument=instrument,
        agency=concern.owning_agency,
        assessed_on=timezone.localdate(),
        created_by=actor,
    )
    Participant.objects.create(assessment=assessment, user=actor, agency=concern.owning_agency)
    record_on(
        AssessmentAudit.STARTED, actor, assessment, instrument=f"{instrument.code} v{instrument.version}"
    )
    return assessment


def _require_draft(actor: Actor, assessment: Assessment) -> None:
    require_owner(actor, assessment.concern)
    require_open(assessment.concern)
    if not can_write_assessment(actor, assessment):
        raise ActionRefused(_("A finalised assessment cannot be changed. Make a correction instead."))


def _check_content(assessment: Assessment, content: AssessmentContent) -> None:
    definition = assessment.instrument.definition
    if content.assessed_on > timezone.localdate():
        raise ActionRefused(_("The date of the assessment cannot be in the future."))
    if content.next_review is not None and content.next_review < content.assessed_on:
        raise ActionRefused(_("The next assessment must come after this one."))
    for code, rating in content.ratings.items():
        item = definition.item(code)
        if item is None or (rating.answer and item.option(rating.answer) is None):
            raise ActionRefused(_("A rating does not belong to this instrument."))
        if rating.reliability and rating.reliability not in Reliability.values:
            raise ActionRefused(_("Choose how reliable the information is."))
    if set(content.texts) - {text_field.code for text_field in definition.fields()}:
        raise ActionRefused(_("A written part does not belong to this instrument."))
    if set(content.focus) - {item.code for item in definition.items()}:
        raise ActionRefused(_("A focus area does not belong to this instrument."))
    if content.level is not None and content.level.partnership_id != assessment.concern.partnership_id:
        raise ActionRefused(_("Choose a concern level from this partnership's scale."))


def _set_participants(assessment: Assessment, people: list[User]) -> None:
    allowed = set(participant_agencies(assessment.concern).values_list("pk", flat=True))
    rows = []
    for person in people:
        # Rule: each participant speaks for an agency that may see the assessment.
        agency = handler_agencies(person).filter(pk__in=allowed).first()
        if agency is None:
            raise ActionRefused(
                _("%(name)s cannot take part: their agency has not been given the assessment.")
                % {"name": person.display_name}
            )
        rows.append(Participant(assessment=assessment, user=person, agency=agency))
    assessment.participants.all().delete()
    Participant.objects.bulk_create(rows)


@transaction.atomic
def save_assessment(
    actor: Actor, assessment: Assessment, *, content: AssessmentContent, version: int | None = None
) -> Assessment:
    """Save the draft as it stands; nothing is required until it is finalised."""
    _require_draft(actor, assessment)
    claim(assessment, version)
    _check_content(assessment, content)
    assessment.assessed_on = content.assessed_on
    assessment.texts = {code: text for code, text in content.texts.items() if text.strip()}
    assessment.focus = list(dict.fromkeys(content.focus))
    assessment.level = content.level
    assessment.level_reason = content.level_reason
    assessment.next_review = content.next_review
    assessment.save()
    assessment.ratings.all().delete()
    Rating.objects.bulk_create(
        Rating(assessment=assessment, item=code, **vars(rating))
        for code, rating in content.ratings.items()
        if any(vars(rating).values())
    )
    _set_participants(assessment, content.participants)
    record_on(AssessmentAudit.SAVED, actor, assessment)
    return assessment


def missing_for_final(assessment: Assessment) -> list[str]:
    """What must be filled in before the assessment can be finalised, as messages."""
    definition = assessment.instrument.definition
    missing = [
        _("%(field)s is required.") % {"field": text_field.label}
        for text_field in definition.fields()
        if text_field.required and not assessment.texts.get(text_field.code, "").strip()
    ]
    if assessment.level_id is None:
        missing.append(_("Choose the concern level."))
    if not assessment.level_reason.strip():
        missing.append(_("Give the reason for the concern level."))
    return missing


@transaction.atomic
def finalise_assessment(actor: Actor, assessment: Assessment) -> Assessment:
    """Finalise: from now on the assessment is read-only. A correction replaces it in the trajectory."""
    _require_draft(actor, assessment)
    missing = missing_for_final(assessment)
    if missing:
        raise ActionRefused(missing)
    assessment.status = AssessmentStatus.FINAL
    assessment.finalised_at = timezone.now()
    assessment.finalised_by = actor
    assessment.save(update_fields=["status", "finalised_at", "finalised_by", "updated_at"])
    action = (
        ConcernAudit.STRUCTURED_ASSESSMENT_CORRECTED
        if assessment.supersedes_id
        else ConcernAudit.STRUCTURED_ASSESSMENT_FINALISED
    )
    log(
        assessment.concern, actor, action, detail={"level": assessment.level.code if assessment.level else ""}
    )
    return assessment


@transaction.atomic
def correct_assessment(actor: Actor, assessment: Assessment) -> Assessment:
    """Start a correction of a finalised assessment: a new draft with the same content, linked to it."""
    require_owner(actor, assessment.concern)
    if not assessment.is_final:
        raise ActionRefused(_("Only a finalised assessment can be corrected; edit the draft instead."))
    if Assessment.objects.filter(supersedes=assessment).exists():
        raise ActionRefused(_("This assessment has already been corrected. Correct the newest version."))
    if assessment.concern.assessments.drafts().exists():
        raise ActionRefused(
            _("This concern already has an assessment in progress. Finish or discard it first.")
        )
    correction = Assessment.objects.create(
        concern=assessment.concern,
        instrument=assessment.instrument,
        agency=assessment.agency,
        assessed_on=assessment.assessed_on,
        texts=assessment.texts,
        focus=assessment.focus,
        level=assessment.level,
        level_reason=assessment.level_reason,
        next_review=assessment.next_review,
        supersedes=assessment,
        created_by=actor,
    )
    Rating.objects.bulk_create(
        Rating(
            assessment=correction,
            item=rating.item,
            answer=rating.answer,
            evidence=rating.evidence,
            source=rating.source,
            reliability=rating.reliability,
            protective=rating.protective,
        )
        for rating in assessment.ratings.all()
    )
    Participant.objects.bulk_create(
        Participant(assessment=correction, user_id=person.user_id, agency_id=person.agency_id)
        for person in assessment.participants.all()
    )
    record_on(AssessmentAudit.CORRECTION_STARTED, actor, correction, corrects=str(assessment.pk))
    return correction


@transaction.atomic
def discard_draft(actor: Actor, assessment: Assessment) -> None:
    _require_draft(actor, assessment)
    record_on(AssessmentAudit.DISCARDED, actor, assessment)
    assessment.delete()

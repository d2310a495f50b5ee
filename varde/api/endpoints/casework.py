"""A concern's measures, consents, disclosures and assessments: the parts the caller may see, and the
same forms and actions as the case page for what they may add."""

from datetime import date, datetime
from typing import Any
from uuid import UUID

from django.http import Http404, HttpRequest
from ninja import Router, Schema, Status

from varde.assessments.permissions import assessments_visible_to, get_assessment_for
from varde.assessments.views import ASSESSMENT_READERS
from varde.concerns.actions import measures, sharing
from varde.concerns.actions.sharing import DisclosureTerms
from varde.concerns.models import Concern
from varde.concerns.permissions import ConcernAccess, get_concern_for
from varde.concerns.views.casework import (
    consent_form,
    consent_terms,
    disclosure_form,
    disclosures_for,
    measure_form,
    measures_for,
)
from varde.concerns.views.common import CASE_READERS, HANDLERS

from ..auth import scoped
from ..common import admits, caller, validated
from ..errors import ERRORS

router = Router(tags=["casework"])


def _concern(request: HttpRequest, concern_id: UUID, purpose: str) -> tuple[Any, Concern, ConcernAccess]:
    user = caller(request)
    concern, access = get_concern_for(user, concern_id, purpose=purpose)
    return user, concern, access


def _owned(request: HttpRequest, concern_id: UUID, purpose: str) -> tuple[Any, Concern]:
    user, concern, access = _concern(request, concern_id, purpose)
    if not access.is_owner:
        raise Http404
    return user, concern


class MeasureOut(Schema):
    id: UUID
    measure_type: str
    owner_agency: str
    responsible: str | None
    status: str
    start_date: date
    next_review: date | None

    @staticmethod
    def resolve_measure_type(measure: Any) -> str:
        return str(measure.measure_type.code)

    @staticmethod
    def resolve_owner_agency(measure: Any) -> str:
        return str(measure.owner_agency)

    @staticmethod
    def resolve_responsible(measure: Any) -> str | None:
        return measure.responsible.username if measure.responsible else None


@router.get(
    "/concerns/{concern_id}/measures", auth=scoped("read"), response={200: list[MeasureOut], **ERRORS}
)
@admits(CASE_READERS)
def list_measures(request: HttpRequest, concern_id: UUID) -> Any:
    """The measures the caller may see: all for the owner and where measures are disclosed; a mentor's own."""
    user, concern, access = _concern(request, concern_id, "api: measures")
    if not access.shows_measures:
        raise Http404
    return measures_for(user, concern, access)


class NewMeasure(Schema):
    measure_type: UUID
    owner_agency: UUID
    responsible: UUID | None = None
    start_date: date
    next_review: date | None = None
    consent: UUID | None = None


@router.post("/concerns/{concern_id}/measures", auth=scoped("casework"), response={201: MeasureOut, **ERRORS})
@admits(HANDLERS)
def create_measure(request: HttpRequest, concern_id: UUID, payload: NewMeasure) -> Any:
    user, concern = _owned(request, concern_id, "api: add measure")
    data = validated(measure_form(concern, _form_data(payload)))
    return Status(201, measures.add_measure(user, concern, **data))


class ConsentOut(Schema):
    id: UUID
    given_by_names: str
    given_by_guardians: bool
    agencies: list[str]
    measure_types: list[str]
    purposes: str
    valid_from: date
    valid_until: date | None
    withdrawn_at: datetime | None

    @staticmethod
    def resolve_agencies(consent: Any) -> list[str]:
        return [str(agency) for agency in consent.agencies.all()]

    @staticmethod
    def resolve_measure_types(consent: Any) -> list[str]:
        return [measure_type.code for measure_type in consent.measure_types.all()]


@router.get(
    "/concerns/{concern_id}/consents", auth=scoped("read"), response={200: list[ConsentOut], **ERRORS}
)
@admits(HANDLERS)
def list_consents(request: HttpRequest, concern_id: UUID) -> Any:
    """Consents name people: only the owning agency sees them, as on the case page."""
    _user, concern = _owned(request, concern_id, "api: consents")
    return concern.consents.prefetch_related("agencies", "measure_types").order_by("-valid_from", "id")


class NewConsent(Schema):
    given_by_names: str
    given_by_guardians: bool = False
    agencies: list[UUID]
    measure_types: list[UUID] = []
    purposes: str
    valid_from: date
    valid_until: date | None = None


@router.post("/concerns/{concern_id}/consents", auth=scoped("casework"), response={201: ConsentOut, **ERRORS})
@admits(HANDLERS)
def create_consent(request: HttpRequest, concern_id: UUID, payload: NewConsent) -> Any:
    user, concern = _owned(request, concern_id, "api: record consent")
    data = validated(consent_form(concern, _form_data(payload)))
    return Status(201, sharing.record_consent(user, concern, terms=consent_terms(data)))


class DisclosureOut(Schema):
    id: UUID
    from_agency: str
    to_agency: str
    parts: list[str]
    legal_basis: str
    justification: str
    disclosed_at: datetime
    ended_at: datetime | None

    @staticmethod
    def resolve_from_agency(disclosure: Any) -> str:
        return str(disclosure.from_agency)

    @staticmethod
    def resolve_to_agency(disclosure: Any) -> str:
        return str(disclosure.to_agency)

    @staticmethod
    def resolve_legal_basis(disclosure: Any) -> str:
        return str(disclosure.legal_basis.citation)


@router.get(
    "/concerns/{concern_id}/disclosures", auth=scoped("read"), response={200: list[DisclosureOut], **ERRORS}
)
@admits(HANDLERS)
def list_disclosures(request: HttpRequest, concern_id: UUID) -> Any:
    """All disclosures for the owning agency; those in force to it for the receiving agency."""
    user, concern, access = _concern(request, concern_id, "api: disclosures")
    return disclosures_for(user, concern, access).order_by("-disclosed_at", "id")


class NewDisclosure(Schema):
    to_agency: UUID
    parts: list[str]
    legal_basis: UUID
    consent: UUID | None = None
    justification: str
    approved_by: UUID
    person_informed: str
    not_informed_reason: str = ""


@router.post(
    "/concerns/{concern_id}/disclosures", auth=scoped("casework"), response={201: DisclosureOut, **ERRORS}
)
@admits(HANDLERS)
def create_disclosure(request: HttpRequest, concern_id: UUID, payload: NewDisclosure) -> Any:
    """Share parts with the other agency under a legal basis, as on the case page."""
    user, concern = _owned(request, concern_id, "api: disclose")
    data = validated(disclosure_form(concern, _form_data(payload)))
    return Status(201, sharing.disclose(user, concern, terms=DisclosureTerms(**data)))


class AssessmentSummary(Schema):
    id: UUID
    status: str
    assessed_on: date
    agency: str
    level: str | None

    @staticmethod
    def resolve_agency(assessment: Any) -> str:
        return str(assessment.agency)

    @staticmethod
    def resolve_level(assessment: Any) -> str | None:
        return str(assessment.level) if assessment.level else None


class AssessmentOut(AssessmentSummary):
    texts: dict[str, Any]
    focus: list[Any]
    level_reason: str
    next_review: date | None


@router.get(
    "/concerns/{concern_id}/assessments",
    auth=scoped("read"),
    response={200: list[AssessmentSummary], **ERRORS},
)
@admits(ASSESSMENT_READERS)
def list_assessments(request: HttpRequest, concern_id: UUID) -> Any:
    """Drafts and finals for the owner; finals where the assessment part is disclosed."""
    user, concern, access = _concern(request, concern_id, "api: assessments")
    return (
        assessments_visible_to(user, concern, access)
        .select_related("agency", "level")
        .order_by("-assessed_on", "id")
    )


@router.get(
    "/concerns/{concern_id}/assessments/{assessment_id}",
    auth=scoped("read"),
    response={200: AssessmentOut, **ERRORS},
)
@admits(ASSESSMENT_READERS)
def read_assessment(request: HttpRequest, concern_id: UUID, assessment_id: UUID) -> Any:
    user = caller(request)
    assessment, _access = get_assessment_for(user, concern_id, assessment_id, purpose="api")
    return assessment


def _form_data(payload: Schema) -> dict[str, Any]:
    """A payload as form data: ids as text, lists kept, nothing for absent values."""
    return {key: _form_value(value) for key, value in payload.dict().items() if value is not None}


def _form_value(value: Any) -> Any:
    if isinstance(value, list):
        return [str(item) for item in value]
    return str(value) if isinstance(value, UUID) else value

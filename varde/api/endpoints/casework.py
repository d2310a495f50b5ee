"""A concern's measures, consents, disclosures and assessments: the parts the caller may see, and the
same forms and actions as the case page for what they may add."""

from datetime import date, datetime
from typing import Annotated, Any
from uuid import UUID

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from varde.assessments.models import AssessmentStatus
from varde.assessments.permissions import AssessmentCapability, assessments_visible_to, get_assessment_for
from varde.concerns.actions import measures, sharing
from varde.concerns.actions.sharing import DisclosureTerms
from varde.concerns.choices import MeasureStatus, Part
from varde.concerns.forms import (
    ConsentForm,
    DisclosureForm,
    consent_form,
    consent_terms,
    disclosure_form,
    measure_form,
)
from varde.concerns.models import Concern
from varde.concerns.permissions import ConcernAccess, ConcernCapability, get_concern_for
from varde.concerns.selectors import disclosures_for, measures_for

from ..auth import scoped
from ..common import Input, Pages, admits, caller, coded, created, like, shown, validated, with_etag
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
    measure_type: str = Field(description="the measure type's code")
    measure_type_id: UUID
    owner_agency: str
    owner_agency_id: UUID
    responsible: str | None = Field(description="the responsible person's user name")
    responsible_id: UUID | None
    status: Annotated[str, coded(MeasureStatus)]
    start_date: date
    next_review: date | None
    consent_id: UUID | None

    @staticmethod
    def resolve_measure_type(measure: Any) -> str:
        return str(measure.measure_type.code)

    @staticmethod
    def resolve_owner_agency(measure: Any) -> str:
        return str(measure.owner_agency)

    @staticmethod
    def resolve_responsible(measure: Any) -> str | None:
        return measure.responsible.username if measure.responsible else None


def _measures(request: HttpRequest, concern_id: UUID, purpose: str) -> list[Any]:
    user, concern, access = _concern(request, concern_id, purpose)
    if not access.shows_measures:
        raise Http404
    return measures_for(user, concern, access)


@router.get(
    "/concerns/{concern_id}/measures", auth=scoped("read"), response={200: list[MeasureOut], **ERRORS}
)
@paginate(Pages)
@admits(ConcernCapability.READ)
def list_measures(request: HttpRequest, concern_id: UUID) -> Any:
    """The measures the caller may see: all for the owner and where measures are disclosed; a mentor's own."""
    return _measures(request, concern_id, "api: measures")


@router.get(
    "/concerns/{concern_id}/measures/{measure_id}",
    auth=scoped("read"),
    response={200: MeasureOut, 304: None, **ERRORS},
)
@admits(ConcernCapability.READ)
def read_measure(request: HttpRequest, response: HttpResponse, concern_id: UUID, measure_id: UUID) -> Any:
    found = [
        measure for measure in _measures(request, concern_id, "api: measure") if measure.pk == measure_id
    ]
    if not found:
        raise Http404
    return with_etag(request, response, shown(MeasureOut, found[0]))


class NewMeasure(Input):
    measure_type: UUID = Field(description="GET …/choices: measure.measure_type")
    owner_agency: UUID
    responsible: UUID | None = None
    start_date: date
    next_review: date | None = Field(None, description="Not before the start.")
    consent: UUID | None = Field(None, description="Needed when the measure type requires consent.")


@router.post("/concerns/{concern_id}/measures", auth=scoped("casework"), response={201: MeasureOut, **ERRORS})
@admits(ConcernCapability.HANDLE)
def create_measure(
    request: HttpRequest, response: HttpResponse, concern_id: UUID, payload: NewMeasure
) -> Any:
    """Add a measure, as the case page does. Refused with 422 besides what the schema says: a choice
    that is not in `…/choices`, a next review before the start, a measure type that needs consent
    without a valid consent that covers it."""
    user, concern = _owned(request, concern_id, "api: add measure")
    data = validated(measure_form(concern, _form_data(payload)))
    measure = measures.add_measure(user, concern, **data)
    return created(
        response, f"/api/v1/concerns/{concern.pk}/measures/{measure.pk}", shown(MeasureOut, measure)
    )


class ConsentOut(Schema):
    id: UUID
    given_by_names: str
    given_by_guardians: bool
    agencies: list[str]
    agency_ids: list[UUID]
    measure_types: list[str] = Field(description="the measure types' codes")
    measure_type_ids: list[UUID]
    purposes: str
    valid_from: date
    valid_until: date | None
    withdrawn_at: datetime | None

    @staticmethod
    def resolve_agencies(consent: Any) -> list[str]:
        return [str(agency) for agency in consent.agencies.all()]

    @staticmethod
    def resolve_agency_ids(consent: Any) -> list[UUID]:
        return [agency.pk for agency in consent.agencies.all()]

    @staticmethod
    def resolve_measure_types(consent: Any) -> list[str]:
        return [measure_type.code for measure_type in consent.measure_types.all()]

    @staticmethod
    def resolve_measure_type_ids(consent: Any) -> list[UUID]:
        return [measure_type.pk for measure_type in consent.measure_types.all()]


def _consents(request: HttpRequest, concern_id: UUID, purpose: str) -> Any:
    _user, concern = _owned(request, concern_id, purpose)
    return concern.consents.prefetch_related("agencies", "measure_types").order_by("-valid_from", "id")


@router.get(
    "/concerns/{concern_id}/consents", auth=scoped("read"), response={200: list[ConsentOut], **ERRORS}
)
@paginate(Pages)
@admits(ConcernCapability.HANDLE)
def list_consents(request: HttpRequest, concern_id: UUID) -> Any:
    """Consents name people: only the owning agency sees them, as on the case page."""
    return _consents(request, concern_id, "api: consents")


@router.get(
    "/concerns/{concern_id}/consents/{consent_id}",
    auth=scoped("read"),
    response={200: ConsentOut, 304: None, **ERRORS},
)
@admits(ConcernCapability.HANDLE)
def read_consent(request: HttpRequest, response: HttpResponse, concern_id: UUID, consent_id: UUID) -> Any:
    consent = get_object_or_404(_consents(request, concern_id, "api: consent"), pk=consent_id)
    return with_etag(request, response, shown(ConsentOut, consent))


class NewConsent(Input):
    given_by_names: Annotated[str, like(ConsentForm, "given_by_names")]
    given_by_guardians: bool = False
    agencies: list[UUID] = Field(min_length=1, description="GET …/choices: consent.agencies")
    measure_types: list[UUID] = []
    purposes: Annotated[str, like(ConsentForm, "purposes")]
    valid_from: date
    valid_until: date | None = Field(None, description="Not before valid_from.")


@router.post("/concerns/{concern_id}/consents", auth=scoped("casework"), response={201: ConsentOut, **ERRORS})
@admits(ConcernCapability.HANDLE)
def create_consent(
    request: HttpRequest, response: HttpResponse, concern_id: UUID, payload: NewConsent
) -> Any:
    """Record a consent, as the case page does. Refused with 422 besides what the schema says: a
    choice that is not in `…/choices`, valid_until before valid_from."""
    user, concern = _owned(request, concern_id, "api: record consent")
    data = validated(consent_form(concern, _form_data(payload)))
    consent = sharing.record_consent(user, concern, terms=consent_terms(data))
    return created(
        response, f"/api/v1/concerns/{concern.pk}/consents/{consent.pk}", shown(ConsentOut, consent)
    )


class DisclosureOut(Schema):
    id: UUID
    from_agency: str
    from_agency_id: UUID
    to_agency: str
    to_agency_id: UUID
    parts: list[Annotated[str, coded(Part)]]
    legal_basis: str = Field(description="the provision cited")
    legal_basis_id: UUID
    consent_id: UUID | None
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


def _disclosures(request: HttpRequest, concern_id: UUID, purpose: str) -> Any:
    user, concern, access = _concern(request, concern_id, purpose)
    return disclosures_for(user, concern, access).order_by("-disclosed_at", "id")


@router.get(
    "/concerns/{concern_id}/disclosures", auth=scoped("read"), response={200: list[DisclosureOut], **ERRORS}
)
@paginate(Pages)
@admits(ConcernCapability.HANDLE)
def list_disclosures(request: HttpRequest, concern_id: UUID) -> Any:
    """All disclosures for the owning agency; those in force to it for the receiving agency."""
    return _disclosures(request, concern_id, "api: disclosures")


@router.get(
    "/concerns/{concern_id}/disclosures/{disclosure_id}",
    auth=scoped("read"),
    response={200: DisclosureOut, 304: None, **ERRORS},
)
@admits(ConcernCapability.HANDLE)
def read_disclosure(
    request: HttpRequest, response: HttpResponse, concern_id: UUID, disclosure_id: UUID
) -> Any:
    disclosure = get_object_or_404(_disclosures(request, concern_id, "api: disclosure"), pk=disclosure_id)
    return with_etag(request, response, shown(DisclosureOut, disclosure))


class NewDisclosure(Input):
    to_agency: UUID = Field(description="GET …/choices: disclosure.to_agency")
    parts: Annotated[list[str], like(DisclosureForm, "parts")]
    legal_basis: UUID = Field(description="GET …/choices: disclosure.legal_basis, or GET /legal-bases")
    consent: UUID | None = Field(None, description="Needed when the legal basis is consent.")
    justification: Annotated[str, like(DisclosureForm, "justification")]
    approved_by: UUID = Field(description="GET …/choices: disclosure.approved_by")
    person_informed: Annotated[str, like(DisclosureForm, "person_informed")]
    not_informed_reason: Annotated[str, like(DisclosureForm, "not_informed_reason")] = Field(
        "", description="Required when the person will not be told."
    )


@router.post(
    "/concerns/{concern_id}/disclosures", auth=scoped("casework"), response={201: DisclosureOut, **ERRORS}
)
@admits(ConcernCapability.HANDLE)
def create_disclosure(
    request: HttpRequest, response: HttpResponse, concern_id: UUID, payload: NewDisclosure
) -> Any:
    """Share parts with the other agency under a legal basis, as on the case page. Refused with 422
    besides what the schema says: a choice that is not in `…/choices` (a legal basis the agency may not
    cite is not), consent as the basis without a valid consent, no reason when the person will not
    be told."""
    user, concern = _owned(request, concern_id, "api: disclose")
    data = validated(disclosure_form(concern, _form_data(payload)))
    disclosure = sharing.disclose(user, concern, terms=DisclosureTerms(**data))
    location = f"/api/v1/concerns/{concern.pk}/disclosures/{disclosure.pk}"
    return created(response, location, shown(DisclosureOut, disclosure))


class AssessmentSummary(Schema):
    id: UUID
    status: Annotated[str, coded(AssessmentStatus)]
    assessed_on: date
    agency: str
    agency_id: UUID
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
@paginate(Pages)
@admits(AssessmentCapability.READ)
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
    response={200: AssessmentOut, 304: None, **ERRORS},
)
@admits(AssessmentCapability.READ)
def read_assessment(
    request: HttpRequest, response: HttpResponse, concern_id: UUID, assessment_id: UUID
) -> Any:
    user = caller(request)
    assessment, _access = get_assessment_for(user, concern_id, assessment_id, purpose="api")
    return with_etag(request, response, shown(AssessmentOut, assessment))


def _form_data(payload: Schema) -> dict[str, Any]:
    """A payload as form data: ids as text, lists kept, nothing for absent values."""
    return {key: _form_value(value) for key, value in payload.dict().items() if value is not None}


def _form_value(value: Any) -> Any:
    if isinstance(value, list):
        return [str(item) for item in value]
    return str(value) if isinstance(value, UUID) else value

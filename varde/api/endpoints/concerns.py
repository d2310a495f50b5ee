"""Concerns through the API: the same rules, forms, actions and audit events as the case pages."""

from datetime import date, datetime
from typing import Annotated, Any
from uuid import UUID

from annotated_types import Le
from django import forms
from django.db.models import BooleanField, Case, QuerySet, Value, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from pydantic import ConfigDict
from pydantic.config import JsonDict

from varde.accounts.actors import Actor
from varde.accounts.permissions import handler_agencies, handler_agency_ids
from varde.concerns.actions import casework, intake
from varde.concerns.audit_actions import ConcernAudit
from varde.concerns.choices import Channel, Part, Phenomenon, ReporterCategory
from varde.concerns.choices import Status as ConcernStatus
from varde.concerns.forms import (
    MEASURE_ENDINGS,
    CaseFilterForm,
    CloseForm,
    IntakeForm,
    ReopenForm,
    StatusForm,
)
from varde.concerns.models import AdviceSession, Concern
from varde.concerns.permissions import (
    ConcernAccess,
    ConcernCapability,
    concerns_visible_to,
    get_concern_for,
)
from varde.concerns.selectors import filtered_concerns
from varde.concerns.workflow import allowed_transitions
from varde.core.audit import record_event

from ..auth import scoped
from ..common import (
    IF_MATCH,
    Input,
    Like,
    Pages,
    admits,
    caller,
    coded,
    created,
    like,
    require_match,
    shown,
    validated,
    with_etag,
)
from ..errors import ERRORS, NOT_BLANK, Problem

router = Router(tags=["concerns"])
# A year of birth is not in the future; the schema states the year the server started in.
THIS_YEAR = date.today().year
CHANGE_ERRORS = {**ERRORS, 412: Problem, 428: Problem}


class Subject(Schema):
    name: str
    birth_date: date | None
    birth_year: int | None
    municipality: str
    guardians: str


class ConcernSummary(Schema):
    id: UUID
    reference: str
    owned: bool = Field(description="The caller's agency owns the concern; otherwise it is shared with it.")
    status: Annotated[str | None, coded(ConcernStatus, nullable=True)] = Field(
        description="Shown to the owning agency only."
    )
    phenomenon: Annotated[str | None, coded(Phenomenon, nullable=True)] = Field(
        description="Shown to the owning agency only."
    )
    received: datetime

    # Like the case list: only the owning agency sees categories; others see that something is shared.
    @staticmethod
    def resolve_owned(concern: Any) -> bool:
        return bool(concern.is_owned)

    @staticmethod
    def resolve_status(concern: Any) -> str | None:
        return concern.status if concern.is_owned else None

    @staticmethod
    def resolve_phenomenon(concern: Any) -> str | None:
        return concern.phenomenon if concern.is_owned else None

    @staticmethod
    def resolve_received(concern: Any) -> datetime:
        return concern.created_at  # type: ignore[no-any-return]


class ConcernOut(Schema):
    id: UUID
    reference: str
    owned: bool
    parts: list[Annotated[str, coded(Part)]] = Field(
        description="The parts of the concern the caller may see."
    )
    status: Annotated[str, coded(ConcernStatus)]
    allowed_transitions: list[Annotated[str, coded(ConcernStatus)]]
    received: datetime
    owning_agency: str
    owning_agency_id: UUID
    phenomenon: Annotated[str | None, coded(Phenomenon, nullable=True)]
    channel: Annotated[str | None, coded(Channel, nullable=True)]
    description: str | None = Field(description="With the description part only.")
    assessment_summary: str | None = Field(description="With the assessment part only.")
    subject: Subject | None = Field(description="With the identity part only; null when nobody is named.")


def _detail(concern: Concern, access: ConcernAccess) -> dict[str, Any]:
    subject = None
    if access.shows_identity and concern.is_named:
        subject = {
            "name": concern.subject_name,
            "birth_date": concern.subject_birth_date,
            "birth_year": concern.subject_birth_year,
            "municipality": concern.subject_municipality,
            "guardians": concern.subject_guardians,
        }
    return {
        "id": concern.pk,
        "reference": concern.reference,
        "owned": access.is_owner,
        "parts": sorted(access.parts),
        "status": concern.status,
        "allowed_transitions": sorted(allowed_transitions(concern.status)) if access.is_owner else [],
        "received": concern.created_at,
        "owning_agency": str(concern.owning_agency),
        "owning_agency_id": concern.owning_agency_id,
        "phenomenon": concern.phenomenon if access.is_owner or access.shows_description else None,
        "channel": concern.channel if access.is_owner else None,
        "description": concern.description if access.shows_description else None,
        "assessment_summary": concern.assessment_summary if access.shows_assessment else None,
        "subject": subject,
    }


class ConcernFilters(Schema):
    status: Annotated[str, like(CaseFilterForm, "status")] = ""
    phenomenon: Annotated[str, like(CaseFilterForm, "phenomenon")] = ""
    responsible: Annotated[str, like(CaseFilterForm, "responsible")] = Field(
        "", description="me, nobody, or empty for anyone"
    )
    overdue: bool = False
    sort: Annotated[str, like(CaseFilterForm, "sort")] = Field("", description="newest first when empty")


@router.get("/concerns", auth=scoped("read"), response={200: list[ConcernSummary], **ERRORS})
@paginate(Pages)
@admits(ConcernCapability.READ)
def list_concerns(request: HttpRequest, filters: Query[ConcernFilters]) -> Any:
    """The concerns the caller may see, filtered as on the case list, in a stable order."""
    user = caller(request)
    form = CaseFilterForm(filters.dict())
    validated(form)
    concerns: QuerySet[Concern] = (
        concerns_visible_to(user)
        .only("reference", "status", "phenomenon", "created_at")
        .annotate(
            is_owned=Case(
                When(owning_agency_id__in=handler_agency_ids(user), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
    )
    record_event(ConcernAudit.LIST_VIEWED, actor=user, detail={"via": "api"})
    return filtered_concerns(concerns, form, user)


@router.get("/concerns/{concern_id}", auth=scoped("read"), response={200: ConcernOut, 304: None, **ERRORS})
@admits(ConcernCapability.READ)
def read_concern(request: HttpRequest, response: HttpResponse, concern_id: UUID) -> Any:
    """One concern: only the parts the caller may see. Sends an ETag; answers 304 to If-None-Match."""
    user = caller(request)
    concern, access = get_concern_for(user, concern_id, purpose="api")
    return with_etag(request, response, _detail(concern, access))


# The intake form's rules between fields, as the schema can state them.
OTHER_BODY_NAMED: JsonDict = {
    "if": {"properties": {"channel": {"const": Channel.OTHER_BODY}}, "required": ["channel"]},
    "then": {"properties": {"other_body_name": {"pattern": NOT_BLANK}}, "required": ["other_body_name"]},
}
ANONYMOUS_UNNAMED: JsonDict = {
    "if": {"properties": {"anonymised": {"const": True}}, "required": ["anonymised"]},
    "then": {"properties": {"subject_name": {"pattern": r"^\s*$"}}},
}


class Call(Input):
    """Who got in touch, how, and about what: the start of a concern and of an advice session."""

    agency: UUID | None = Field(
        None, description="Needed only when the caller handles cases in two agencies: GET /agencies."
    )
    channel: Annotated[str, like(IntakeForm, "channel")]
    reporter_category: Annotated[str, like(IntakeForm, "reporter_category")]
    phenomenon: Annotated[str, like(IntakeForm, "phenomenon")]
    other_body_name: Annotated[str, like(IntakeForm, "other_body_name")] = Field(
        "", description="Required when the channel is other_body."
    )


class NewConcern(Call):
    model_config = ConfigDict(json_schema_extra={"allOf": [OTHER_BODY_NAMED, ANONYMOUS_UNNAMED]})

    description: Annotated[str, like(IntakeForm, "description", required=True)]
    anonymised: bool = Field(False, description="Discussed anonymously: then no subject_name.")
    subject_name: Annotated[str, like(IntakeForm, "subject_name")] = ""
    subject_birth_date: date | None = Field(None, description="Not in the future.")
    subject_birth_year: Annotated[int, like(IntakeForm, "subject_birth_year"), Le(THIS_YEAR)] | None = None
    subject_municipality: Annotated[str, like(IntakeForm, "subject_municipality")] = ""
    subject_guardians: Annotated[str, like(IntakeForm, "subject_guardians")] = Field(
        "", description="Only for a person under 18."
    )


def _intake_form(user: Actor, data: dict[str, Any]) -> IntakeForm:
    agencies = handler_agencies(user).select_related("partnership")
    if data.get("agency") is None and len(agencies) == 1:
        data["agency"] = agencies[0].pk
    return IntakeForm({key: value for key, value in data.items() if value is not None}, agencies=agencies)


@router.post("/concerns", auth=scoped("intake"), response={201: ConcernOut, **ERRORS})
@admits(ConcernCapability.HANDLE)
def create_concern(request: HttpRequest, response: HttpResponse, payload: NewConcern) -> Any:
    """Register a concern, as the intake page does (without its duplicate check, which needs a person).

    Refused with 422 besides what the schema says: an agency that is not one of the caller's, a date
    or year of birth in the future, guardians of a person who is not under 18."""
    user = caller(request)
    form = _intake_form(user, {**payload.dict(), "kind": IntakeForm.CONCERN})
    data = validated(form)
    concern = intake.register_concern(user, agency=data["agency"], report=form.report())
    concern, access = get_concern_for(user, concern.pk, purpose="api")
    return created(response, f"/api/v1/concerns/{concern.pk}", _detail(concern, access))


class NewAdvice(Call):
    model_config = ConfigDict(json_schema_extra={"allOf": [OTHER_BODY_NAMED]})

    advice_given: Annotated[str, like(IntakeForm, "advice_given", required=True)]


class AdviceOut(Schema):
    id: UUID
    held_on: date
    agency_id: UUID
    channel: Annotated[str, coded(Channel)]
    reporter_category: Annotated[str, coded(ReporterCategory)]
    phenomenon: Annotated[str, coded(Phenomenon)]
    advice_given: str


@router.post("/advice-sessions", auth=scoped("intake"), response={201: AdviceOut, **ERRORS})
@admits(ConcernCapability.HANDLE)
def create_advice_session(request: HttpRequest, response: HttpResponse, payload: NewAdvice) -> Any:
    """Log an advice session: no case, no personal data. Refused with 422 besides what the schema
    says: an agency that is not one of the caller's."""
    user = caller(request)
    form = _intake_form(user, {**payload.dict(), "kind": IntakeForm.ADVICE})
    data = validated(form)
    fields = {key: data[key] for key in ("channel", "reporter_category", "phenomenon", "advice_given")}
    session = intake.log_advice_session(user, agency=data["agency"], held_on=timezone.localdate(), **fields)
    return created(response, f"/api/v1/advice-sessions/{session.pk}", shown(AdviceOut, session))


@router.get(
    "/advice-sessions/{session_id}", auth=scoped("read"), response={200: AdviceOut, 304: None, **ERRORS}
)
@admits(ConcernCapability.HANDLE)
def read_advice_session(request: HttpRequest, response: HttpResponse, session_id: UUID) -> Any:
    """One advice session of the caller's agencies, as on the advice list."""
    agencies = handler_agency_ids(caller(request))
    session = get_object_or_404(AdviceSession, pk=session_id, agency_id__in=agencies)
    record_event(
        ConcernAudit.ADVICE_SESSION_VIEWED, actor=caller(request), obj=session, detail={"via": "api"}
    )
    return with_etag(request, response, shown(AdviceOut, session))


class Transition(Input):
    to_status: Annotated[str, coded(ConcernStatus)] = Field(
        description="Any status the concern may move to; closed needs an outcome. A closed concern is "
        "reopened by moving it to under_assessment."
    )
    reason: Annotated[str, like(StatusForm, "reason")]
    outcome: Annotated[str, like(CloseForm, "outcome", required=False)] = Field(
        "", description="Required to close."
    )
    measures: dict[UUID, Annotated[str, Like(forms.ChoiceField(choices=MEASURE_ENDINGS), True)]] = Field(
        default_factory=dict,
        description="Closing: each running measure's id with how it ends, completed or stopped.",
    )


@router.post(
    "/concerns/{concern_id}/transitions",
    auth=scoped("casework"),
    response={200: ConcernOut, **CHANGE_ERRORS},
    openapi_extra=IF_MATCH,
)
@admits(ConcernCapability.HANDLE)
def change_status(request: HttpRequest, response: HttpResponse, concern_id: UUID, payload: Transition) -> Any:
    """Move the concern on. Send the ETag you read as If-Match, so no change is made from an old copy."""
    user = caller(request)
    concern, access = get_concern_for(user, concern_id, purpose="api: change status", owner_only=True)
    require_match(request, _detail(concern, access))
    if payload.to_status == ConcernStatus.CLOSED:
        fields = {f"measure_{pk}": ending for pk, ending in payload.measures.items()}
        form = CloseForm(
            {"outcome": payload.outcome, "reason": payload.reason, **fields},
            running=concern.measures.running(),
        )
        data = validated(form)
        casework.close_concern(
            user, concern, outcome=data["outcome"], reason=data["reason"], measure_endings=form.endings()
        )
    elif concern.is_closed:
        data = validated(ReopenForm({"reason": payload.reason}))
        casework.reopen_concern(user, concern, reason=data["reason"])
    else:
        allowed = list(allowed_transitions(concern.status))
        data = validated(
            StatusForm({"to_status": payload.to_status, "reason": payload.reason}, allowed=allowed)
        )
        casework.change_status(user, concern, to_status=data["to_status"], reason=data["reason"])
    concern.refresh_from_db()
    detail = _detail(concern, access)
    return with_etag(request, response, detail)

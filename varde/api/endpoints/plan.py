"""The action plan: its measures with their promises and computed status, and the trainings."""

from datetime import date
from typing import Annotated, Any
from uuid import UUID

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from varde.accounts.models import Partnership, Unit
from varde.accounts.permissions import chosen_partnership
from varde.actionplan import actions
from varde.actionplan.forms import TrainingForm
from varde.actionplan.models import MeasureStatus, Topic, Training, TrainingKind
from varde.actionplan.obligations import STATE_LABELS, current_plan, statuses_for
from varde.actionplan.permissions import PlanCapability, can_contribute

from ..auth import scoped
from ..common import Input, Pages, admits, caller, coded, created, like, shown, validated, with_etag
from ..errors import ERRORS

router = Router(tags=["action plan"])


class ObligationOut(Schema):
    code: str
    title: str
    rule: str
    value: int
    state: Annotated[str, coded(STATE_LABELS)] = Field(
        description="The status computed from the records, as on the plan dashboard."
    )
    due: date | None
    measure: int | None = Field(description="The number of the plan measure it belongs to.")


class PlanMeasureOut(Schema):
    number: int
    title: str
    responsible: str
    status: Annotated[str, coded(MeasureStatus)]


class PlanOut(Schema):
    partnership: str
    version: int
    measures: list[PlanMeasureOut]
    obligations: list[ObligationOut]


def _partnership(request: HttpRequest, samarbeid: str) -> tuple[Any, Partnership]:
    user = caller(request)
    return user, chosen_partnership(user, PlanCapability.READ.roles, samarbeid or None)


@router.get("/plan", auth=scoped("read"), response={200: PlanOut, 304: None, **ERRORS})
@admits(PlanCapability.READ)
def read_plan(request: HttpRequest, response: HttpResponse, samarbeid: str = "") -> Any:
    """The current plan of the caller's partnership, with the status of every recurring promise."""
    _user, partnership = _partnership(request, samarbeid)
    current = current_plan(partnership)
    if current is None:
        raise Http404
    statuses = statuses_for(current, timezone.localdate())
    data = {
        "partnership": partnership.slug,
        "version": current.version,
        "measures": [
            {"number": m.number, "title": m.title, "responsible": m.responsible, "status": m.status}
            for m in current.measures.order_by("number")
        ],
        "obligations": [
            {
                "code": s.obligation.code,
                "title": s.obligation.title,
                "rule": s.obligation.rule,
                "value": s.obligation.value,
                "state": s.state,
                "due": s.due,
                "measure": s.obligation.measure.number if s.obligation.measure else None,
            }
            for s in statuses
        ],
    }
    return with_etag(request, response, data)


class TrainingOut(Schema):
    id: UUID
    kind: Annotated[str, coded(TrainingKind)]
    held_on: date
    participants: int
    topics: list[Annotated[str, coded(Topic)]]
    audience: str
    given_by: str
    units: list[str]
    unit_ids: list[UUID]

    @staticmethod
    def resolve_units(training: Training) -> list[str]:
        return [unit.name for unit in training.units.all()]

    @staticmethod
    def resolve_unit_ids(training: Training) -> list[UUID]:
        return [unit.pk for unit in training.units.all()]


def _trainings(request: HttpRequest, samarbeid: str) -> QuerySet[Training]:
    _user, partnership = _partnership(request, samarbeid)
    return partnership.trainings.prefetch_related("units").order_by("-held_on", "id")


@router.get("/trainings", auth=scoped("read"), response={200: list[TrainingOut], **ERRORS})
@paginate(Pages)
@admits(PlanCapability.READ)
def list_trainings(request: HttpRequest, samarbeid: str = "") -> QuerySet[Training]:
    """The partnership's trainings, newest first."""
    return _trainings(request, samarbeid)


@router.get("/trainings/{training_id}", auth=scoped("read"), response={200: TrainingOut, 304: None, **ERRORS})
@admits(PlanCapability.READ)
def read_training(
    request: HttpRequest, response: HttpResponse, training_id: UUID, samarbeid: str = ""
) -> Any:
    training = get_object_or_404(_trainings(request, samarbeid), pk=training_id)
    return with_etag(request, response, shown(TrainingOut, training))


class NewTraining(Input):
    kind: Annotated[str, like(TrainingForm, "kind")]
    held_on: date = Field(description="Not in the future: a training is recorded when it has been held.")
    units: list[UUID] = Field([], description="GET /units")
    audience: Annotated[str, like(TrainingForm, "audience")] = ""
    participants: Annotated[int, like(TrainingForm, "participants")]
    topics: Annotated[list[str], like(TrainingForm, "topics")] = []
    given_by: Annotated[str, like(TrainingForm, "given_by")]


@router.post("/trainings", auth=scoped("plan"), response={201: TrainingOut, **ERRORS})
@admits(PlanCapability.CONTRIBUTE)
def create_training(
    request: HttpRequest, response: HttpResponse, payload: NewTraining, samarbeid: str = ""
) -> Any:
    """Record a held training, as on the trainings page. Refused with 422 besides what the schema
    says: a date in the future, a unit that is not the partnership's."""
    user, partnership = _partnership(request, samarbeid)
    if not can_contribute(user, partnership):
        raise Http404
    units = Unit.objects.filter(agency__partnership=partnership, is_active=True)
    form = TrainingForm(payload.dict(), units=units)
    validated(form)
    training = actions.record_training(user, partnership, record=form.record())
    location = f"/api/v1/trainings/{training.pk}" + (f"?samarbeid={partnership.slug}" if samarbeid else "")
    return created(response, location, shown(TrainingOut, training))

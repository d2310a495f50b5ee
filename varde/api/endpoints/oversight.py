"""The suppressed statistics tables and, for privacy officers, the audit trail."""

from datetime import date, datetime
from typing import Annotated, Any
from uuid import UUID

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from varde.accounts.models import Partnership
from varde.accounts.permissions import chosen_partnership
from varde.core.audit import record_event
from varde.core.planner import plans_for_the_values
from varde.core.spreadsheets import XLSX, table_download
from varde.privacy.audit_actions import PrivacyAudit
from varde.privacy.forms import AuditFilterForm, PersonForm
from varde.privacy.permissions import PrivacyCapability, audit_events_visible_to
from varde.privacy.tokens import person_token
from varde.privacy.trail import (
    NO_CASES,
    agencies_of,
    case_label,
    case_words,
    concerns_about,
    describe,
    filtered_events,
)
from varde.privacy.vocabulary import action_label
from varde.statistics.audit_actions import StatisticsAudit
from varde.statistics.forms import SituationForm
from varde.statistics.permissions import StatisticsCapability
from varde.statistics.tables import SUPPRESSED, count_table, export_notes, export_rows

from ..auth import scoped
from ..common import Input, Stretches, admits, caller, like, validated
from ..errors import ERRORS, ApiError

router = Router(tags=["oversight"])


class TableQuery(Schema):
    source: Annotated[str, like(SituationForm, "source")] = "concerns"
    dimension: Annotated[str, like(SituationForm, "dimension")] = Field(
        "phenomenon", description="the breakdown, as on the situation page; not every source has every one"
    )
    period: Annotated[str, like(SituationForm, "period")] = "year"
    first_year: Annotated[int, like(SituationForm, "first_year")] = Field(description="from this year")
    last_year: Annotated[int, like(SituationForm, "last_year")] = Field(
        description="to this year: not in the future, at most ten years on (three by quarter)"
    )
    samarbeid: str = Field("", description="partnership slug, when the caller reads more than one")


class TableOut(Schema):
    dimension: str
    columns: list[str]
    rows: list[list[str]] = Field(description="Each row: category, one figure per column, the row total.")
    totals: list[str] = Field(description="The column totals and the grand total.")
    small: str = Field(description="How a count below the threshold is shown.")
    hidden: str = Field(description="How a figure hidden to protect a small one is shown.")


def _table(request: HttpRequest, query: TableQuery, output: str) -> tuple[Partnership, Any, Any]:
    user = caller(request)
    data = validated(SituationForm(query.dict(), partnerships=Partnership.objects.none()))
    partnership = chosen_partnership(user, StatisticsCapability.READ.roles, query.samarbeid or None)
    dimension, table = count_table(partnership, **data)
    record_event(StatisticsAudit.EXPORTED, actor=user, detail={"format": output, "via": "api", **data})
    return partnership, dimension, table


@router.get("/statistics/table", auth=scoped("statistics"), response={200: TableOut, **ERRORS})
@admits(StatisticsCapability.READ)
def read_statistics_table(request: HttpRequest, query: Query[TableQuery]) -> Any:
    """A suppressed table: exactly the figures the situation page publishes. Refused with 422 besides
    what the schema says: a breakdown the source does not have, a period of more than ten years (three
    by quarter) or one that ends in the future."""
    _partnership, dimension, table = _table(request, query, "json")
    header, *lines = table.published()
    return {
        "dimension": str(dimension.label),
        "columns": header[1:-1],
        "rows": lines[:-1],
        "totals": lines[-1][1:],
        "small": "<5",
        "hidden": "×",
    }


def _file_answer(media_type: str, description: str) -> dict[str, Any]:
    # The 200 answer is a file, described here rather than as a JSON schema.
    content = {media_type: {"schema": {"type": "string", "format": "binary"}}}
    return {"responses": {"200": {"description": description, "content": content}}}


@router.get(
    "/statistics/table.csv",
    auth=scoped("statistics"),
    response=ERRORS,
    openapi_extra=_file_answer("text/csv", "CSV for Norwegian Excel: UTF-8 with BOM, semicolons"),
)
@admits(StatisticsCapability.READ)
def read_statistics_csv(request: HttpRequest, query: Query[TableQuery]) -> HttpResponse:
    """The same table as CSV, each category's code beside its label; no cell can run as a formula."""
    return _file(request, query, "csv")


@router.get(
    "/statistics/table.xlsx",
    auth=scoped("statistics"),
    response=ERRORS,
    openapi_extra=_file_answer(XLSX, "An Excel workbook: figures as numbers, suppressed cells marked"),
)
@admits(StatisticsCapability.READ)
def read_statistics_xlsx(request: HttpRequest, query: Query[TableQuery]) -> HttpResponse:
    """The same table as an Excel workbook."""
    return _file(request, query, "xlsx")


def _file(request: HttpRequest, query: TableQuery, output: str) -> HttpResponse:
    rows = export_rows(*_table(request, query, output))
    return table_download(
        rows, output=output, name="situasjonsbilde", marked=SUPPRESSED, notes=export_notes()
    )


class AuditQuery(Schema):
    kind: Annotated[str, like(AuditFilterForm, "kind")] = ""
    reference: Annotated[str, like(AuditFilterForm, "reference")] = Field(
        "", description="a case's reference, e.g. ABCD-2345"
    )
    person: Annotated[str, like(AuditFilterForm, "person")] = Field(
        "", description="the token POST /audit-events/person gave for a person"
    )
    agency: UUID | None = Field(None, description="the id of the agency whose people acted: GET /agencies")
    action: Annotated[str, like(AuditFilterForm, "action")] = ""
    actor: Annotated[str, like(AuditFilterForm, "actor")] = ""
    object_id: Annotated[str, like(AuditFilterForm, "object_id")] = ""
    date_from: date | None = None
    date_to: date | None = None


class AuditEventOut(Schema):
    id: int
    occurred_at: datetime
    actor: str = Field(alias="actor_label")
    acting_agencies: str = Field(description="the agencies of the person who acted")
    agency: str = Field(alias="agency_label", description="the agency whose data the event is about")
    action: str
    action_label: str = Field(description="the action in words, in the asked language")
    case: str = Field(description="the case's reference and the person's initials, where the agency holds it")
    object_type: str
    object_id: str
    purpose: str
    detail: dict[str, Any]

    @staticmethod
    def resolve_acting_agencies(event: Any) -> str:
        return str(getattr(event, "acting_agencies", ""))

    @staticmethod
    def resolve_action_label(event: Any) -> str:
        return action_label(event.action)

    @staticmethod
    def resolve_case(event: Any) -> str:
        return case_label(event)


class DescribedEvents(Stretches):
    """A stretch of the trail, each event with its case and its actor's agencies in words."""

    def paginate_queryset(self, queryset: Any, pagination: Any, request: HttpRequest, **params: Any) -> Any:
        answer = super().paginate_queryset(queryset, pagination, request, **params)
        describe(caller(request), answer["items"])
        return answer


@router.get("/audit-events", auth=scoped("audit"), response={200: list[AuditEventOut], **ERRORS})
@plans_for_the_values()  # around the pagination, which reads the events
@paginate(DescribedEvents)
@admits(PrivacyCapability.READ_TRAIL)
def list_audit_events(request: HttpRequest, filters: Query[AuditQuery]) -> Any:
    """The audit trail of the officer's partnerships, newest first, page by page from `next`: events
    that arrive while the trail is read never repeat or skip a row."""
    user = caller(request)
    form = AuditFilterForm(
        {key: value for key, value in filters.dict().items() if value}, agencies=agencies_of(user)
    )
    validated(form)
    events = filtered_events(audit_events_visible_to(user), form)
    record_event(PrivacyAudit.AUDIT_VIEWED, actor=user, detail={"filters": form.used_filters(), "via": "api"})
    return events


class PersonIn(Input):
    name: Annotated[str, like(PersonForm, "name")] = Field(description="the whole name, as it was registered")
    birth_year: Annotated[int, like(PersonForm, "birth_year")] | None = None


class PersonOut(Schema):
    person: str = Field(description="the token to filter the trail by: GET /audit-events?person=…")
    cases: list[str] = Field(description="the person's cases the agency holds, by reference and initials")


@router.post("/audit-events/person", auth=scoped("audit"), response={200: PersonOut, **ERRORS})
@admits(PrivacyCapability.READ_TRAIL)
def find_person_in_audit(request: HttpRequest, person: PersonIn) -> Any:
    """Find a person's cases by name (in the body, never in an address) for the trail's person filter."""
    user = caller(request)
    data = validated(PersonForm(person.dict()))
    found = concerns_about(user, data["name"], data["birth_year"])
    if not found:
        raise ApiError(404, "no_cases", NO_CASES)
    return {
        "person": person_token(concern.pk for concern in found),
        "cases": sorted(case_words(user, (str(concern.pk) for concern in found)).values()),
    }

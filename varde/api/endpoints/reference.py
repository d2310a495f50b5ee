"""What a write refers to by id: the agencies, measure types and units of the caller's partnerships,
and, for one concern, every choice its forms accept. A client needs nothing the API did not give it."""

from typing import Any
from uuid import UUID

from django import forms
from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from varde.accounts.models import Agency, Unit
from varde.accounts.permissions import partnerships_of
from varde.concerns.categorical import MeasureType
from varde.concerns.forms import consent_form, disclosure_form, measure_form
from varde.concerns.permissions import ConcernCapability, get_concern_for
from varde.core.access import ANY_MEMBER

from ..auth import scoped
from ..common import Pages, admits, caller, offered
from ..errors import ERRORS

router = Router(tags=["reference data"])


class AgencyOut(Schema):
    id: UUID
    name: str
    kind: str
    partnership: str = Field(alias="partnership.slug")
    partnership_id: UUID


@router.get("/agencies", auth=scoped("read"), response={200: list[AgencyOut], **ERRORS})
@paginate(Pages)
@admits(ANY_MEMBER)
def list_agencies(request: HttpRequest) -> Any:
    """The agencies of the caller's partnerships: who owns a concern, receives a disclosure, is named
    in a consent or owns a measure."""
    partnerships = partnerships_of(caller(request))
    return (
        Agency.objects.filter(partnership__in=partnerships)
        .select_related("partnership")
        .order_by("name", "id")
    )


class MeasureTypeOut(Schema):
    id: UUID
    code: str
    name: str
    requires_consent: bool
    partnership_id: UUID


@router.get("/measure-types", auth=scoped("read"), response={200: list[MeasureTypeOut], **ERRORS})
@paginate(Pages)
@admits(ANY_MEMBER)
def list_measure_types(request: HttpRequest) -> Any:
    """The measure types in use in the caller's partnerships."""
    partnerships = partnerships_of(caller(request))
    return MeasureType.objects.active().filter(partnership__in=partnerships).order_by("order", "name", "id")


class UnitOut(Schema):
    id: UUID
    name: str
    kind: str
    agency_id: UUID
    agency: str = Field(alias="agency.name")


@router.get("/units", auth=scoped("read"), response={200: list[UnitOut], **ERRORS})
@paginate(Pages)
@admits(ANY_MEMBER)
def list_units(request: HttpRequest) -> Any:
    """The active units (schools, services, police units) of the caller's partnerships: what a
    training reached."""
    partnerships = partnerships_of(caller(request))
    units = Unit.objects.filter(agency__partnership__in=partnerships, is_active=True)
    return units.select_related("agency").order_by("agency__name", "name", "id")


class Choice(Schema):
    id: str = Field(description="what to send: an id, or a code")
    label: str


class ConcernChoices(Schema):
    measure: dict[str, list[Choice]] = Field(description="POST …/measures: the choices of each field")
    consent: dict[str, list[Choice]] = Field(description="POST …/consents")
    disclosure: dict[str, list[Choice]] = Field(description="POST …/disclosures")


@router.get("/concerns/{concern_id}/choices", auth=scoped("read"), response={200: ConcernChoices, **ERRORS})
@admits(ConcernCapability.HANDLE)
def list_concern_choices(request: HttpRequest, concern_id: UUID) -> Any:
    """What the owning agency may choose when it adds a measure, records a consent or discloses:
    taken from the very forms that check the writes, so a choice listed here is accepted there."""
    concern, access = get_concern_for(caller(request), concern_id, purpose="api: choices")
    if not access.is_owner:
        raise Http404
    return {
        "measure": _choices(measure_form(concern, None)),
        "consent": _choices(consent_form(concern, None)),
        "disclosure": _choices(disclosure_form(concern, None)),
    }


def _choices(form: forms.Form) -> dict[str, list[dict[str, str]]]:
    found = {}
    for name, field in form.fields.items():
        if isinstance(field, forms.ModelChoiceField):
            rows = field.queryset.all()  # type: ignore[union-attr]
            found[name] = [{"id": str(row.pk), "label": str(field.label_from_instance(row))} for row in rows]
        elif isinstance(field, forms.ChoiceField):
            found[name] = [
                {"id": str(value), "label": str(label)} for value, label in offered(field) if value != ""
            ]
    return found

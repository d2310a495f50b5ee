"""What every endpoint shares: the page's access rule at the door, ETags, If-Match, and forms."""

import functools
import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from django import forms
from django.db.models import Choices
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.http import parse_etags
from django.utils.translation import gettext_lazy as _
from ninja import Field, Schema, Status
from ninja.pagination import LimitOffsetPagination, PaginationBase
from pydantic import ConfigDict, GetCoreSchemaHandler, WithJsonSchema
from pydantic_core import CoreSchema, core_schema

from varde.accounts.actors import Actor
from varde.core.access import AccessRule, Capability, door_of
from varde.core.paging import Position, newest_first_stretch

from .errors import NOT_BLANK, ApiError, InvalidFormError

MAX_PAGE = 200
MAX_OFFSET = 10_000_000

# The page rule of every endpoint, by operation name, for the access matrix.
_page_rules: dict[str, AccessRule] = {}

Endpoint = TypeVar("Endpoint", bound=Callable[..., Any])


def admits(declared: AccessRule | Capability) -> Callable[[Endpoint], Endpoint]:
    """The capability (or rule) of the page an endpoint mirrors: callers it does not admit get 404."""
    rule = door_of(declared)

    def decorate(endpoint: Endpoint) -> Endpoint:
        @functools.wraps(endpoint)
        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            if not rule.allows(caller(request)):
                raise Http404
            return endpoint(request, *args, **kwargs)

        _page_rules[endpoint.__name__] = rule
        return guarded  # type: ignore[return-value]

    return decorate


def page_rule_of(operation: str) -> AccessRule | None:
    return _page_rules.get(operation)


def caller(request: HttpRequest) -> Actor:
    """The user behind the token or the session, as authenticated by the endpoint's auth."""
    # django-ninja sets request.auth to what the endpoint's authentication returned.
    user: Actor = request.auth  # type: ignore[attr-defined]
    return user


def etag_of(data: Any) -> str:
    if isinstance(data, Schema):
        data = data.model_dump(mode="json")
    body = json.dumps(data, sort_keys=True, default=str, separators=(",", ":"))
    return '"' + hashlib.sha256(body.encode()).hexdigest()[:32] + '"'


def with_etag(request: HttpRequest, response: HttpResponse, data: Any) -> Any:
    """Tag what is returned with the ETag a change must send back; Django's conditional GET (see
    urls.py) answers 304 when the client already has it."""
    response["ETag"] = etag_of(data)
    return data


def created(response: HttpResponse, location: str, data: Any) -> Any:
    """A create's answer: 201, where the new thing is read from, and the ETag a change to it sends."""
    response["Location"] = location
    response["ETag"] = etag_of(data)
    return Status(201, data)


def shown[SchemaType: Schema](schema: type[SchemaType], row: Any) -> SchemaType:
    """A row as the schema shows it: what is answered, and what its ETag is taken of."""
    return schema.from_orm(row)


# For the schema: the header a change must send, and what it may hold.
IF_MATCH = {
    "parameters": [
        {
            "name": "If-Match",
            "in": "header",
            "required": True,
            "schema": {"type": "string", "minLength": 1},
            "description": "The ETag you read (or `*`, or several, comma-separated): "
            "428 without it, 412 when none is the current one.",
        }
    ]
}


def require_match(request: HttpRequest, current: Any) -> None:
    """Refuse a change made from an old copy: the client sends the ETag it read as If-Match, or `*`,
    or a list of tags one of which is current (RFC 9110, strong comparison)."""
    sent = request.headers.get("If-Match")
    if not sent:
        raise ApiError(
            428, "precondition_required", _("Send the ETag you read in an If-Match header with a change.")
        )
    tags = parse_etags(sent)
    if tags != ["*"] and etag_of(current) not in tags:
        raise ApiError(
            412, "precondition_failed", _("Somebody changed this since you read it. Read it again first.")
        )


class Input(Schema):
    """A request body: a field the operation does not know is refused (422 naming it), never ignored,
    so that a misspelt field cannot pass for an empty one."""

    model_config = ConfigDict(extra="forbid")


@dataclass(frozen=True)
class Like:
    """A body field checked, and described in the schema, as the page's form field checks it: the
    codes of a choice, the length of a text, the bounds of a number. So the schema promises exactly
    what the page accepts. Use as `Annotated[str, like(IntakeForm, "channel")]`."""

    field: forms.Field
    required: bool

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        field = self.field
        if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
            codes = [str(value) for value, _label in offered(field) if value != ""]
            multiple = isinstance(field, forms.MultipleChoiceField)
            if not (self.required or multiple):
                codes.insert(0, "")  # a choice left out
            single = core_schema.literal_schema(codes)
            return (
                core_schema.list_schema(single, min_length=1 if self.required else None)
                if multiple
                else single
            )
        if isinstance(field, forms.IntegerField):
            return core_schema.int_schema(ge=_bound(field.min_value), le=_bound(field.max_value))
        if isinstance(field, forms.CharField):
            pattern = NOT_BLANK if self.required else None
            return core_schema.str_schema(max_length=field.max_length, pattern=pattern)
        return handler(source)


def offered(field: forms.ChoiceField) -> list[tuple[Any, Any]]:
    """A choice field's (value, label) pairs, as the form offers them now."""
    return list(field.choices)  # type: ignore[arg-type]


def _bound(value: int | Callable[[], int] | None) -> int | None:
    return value() if callable(value) else value


def like(form: type[forms.Form], name: str, *, required: bool | None = None) -> Like:
    """The form's field; `required` where the form requires it only for one kind of request."""
    field = form.base_fields[name]
    return Like(field, field.required if required is None else required)


def validated(form: forms.Form) -> dict[str, Any]:
    """Validate with the page's own form, so the API accepts exactly what the page accepts."""
    if not form.is_valid():
        raise InvalidFormError(form)
    return form.cleaned_data


class Pages(LimitOffsetPagination):
    """limit and offset, bounded: an offset past any real list is refused (422), not sent to the database."""

    class Input(Schema):
        limit: int = Field(50, ge=1, le=MAX_PAGE, description=f"at most {MAX_PAGE}")
        offset: int = Field(0, ge=0, le=MAX_OFFSET)


CURSOR = "where to go on from: the `next` page's cursor"


class Stretches(PaginationBase):
    """Newest first, page by page from a position: for a list that grows at its head while it is read
    (the audit trail, notifications), where an offset would repeat rows (ADR 0041)."""

    time_field = "occurred_at"
    uuid_ids = False

    class Input(Schema):
        limit: int = Field(50, ge=1, le=MAX_PAGE, description=f"at most {MAX_PAGE}")
        cursor: str = Field("", pattern=r"^([0-9]{1,16}\.[0-9]{1,18})?$", description=CURSOR)

    class Output(Schema):
        items: list[Any]
        next: str | None = Field(description="the address of the next, older page; null on the last page")

    def paginate_queryset(self, queryset: Any, pagination: Input, request: HttpRequest, **params: Any) -> Any:
        # The cursor's pattern (in Input) lets through only what parses.
        older = Position.parse(pagination.cursor, uuid_ids=self.uuid_ids)
        stretch = newest_first_stretch(
            queryset, pagination.limit, older_than=older, time_field=self.time_field
        )
        return {"items": stretch.rows, "next": _with_cursor(request, stretch.older)}


def _with_cursor(request: HttpRequest, position: Position | None) -> str | None:
    if position is None:
        return None
    query = request.GET.copy()
    query["cursor"] = position.token
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def coded(choices: type[Choices] | Iterable[str], *, nullable: bool = False) -> WithJsonSchema:
    """An answer's coded field: the schema lists its codes (a generated client gets an enumeration)."""
    values = choices.values if isinstance(choices, type) else choices
    listed = {"type": "string", "enum": [str(value) for value in values]}
    return WithJsonSchema({"anyOf": [listed, {"type": "null"}]} if nullable else listed)

"""What every endpoint shares: the page's access rule at the door, ETags, If-Match, and forms."""

import functools
import hashlib
import json
from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination, PaginationBase

from varde.core.access import AccessRule
from varde.core.paging import Position, newest_first_stretch

from .errors import ApiError, InvalidFormError

MAX_PAGE = 200
MAX_OFFSET = 10_000_000

# The page rule of every endpoint, by operation name, for the access matrix.
_page_rules: dict[str, AccessRule] = {}

Endpoint = TypeVar("Endpoint", bound=Callable[..., Any])


def admits(rule: AccessRule) -> Callable[[Endpoint], Endpoint]:
    """The access rule of the page an endpoint mirrors: callers it does not admit get 404, as there."""

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


def caller(request: HttpRequest) -> Any:
    """The user behind the token or the session, as authenticated by the endpoint's auth."""
    return request.auth  # type: ignore[attr-defined]


def etag_of(data: Any) -> str:
    body = json.dumps(data, sort_keys=True, default=str, separators=(",", ":"))
    return '"' + hashlib.sha256(body.encode()).hexdigest()[:32] + '"'


def with_etag(request: HttpRequest, response: HttpResponse, data: Any) -> Any:
    """Tag what is returned with the ETag a change must send back; Django's conditional GET (see
    urls.py) answers 304 when the client already has it."""
    response["ETag"] = etag_of(data)
    return data


def require_match(request: HttpRequest, current: Any) -> None:
    """Refuse a change made from an old copy: the client sends the ETag it read as If-Match."""
    sent = request.headers.get("If-Match")
    if not sent:
        raise ApiError(
            428, "precondition_required", _("Send the ETag you read in an If-Match header with a change.")
        )
    if sent != etag_of(current):
        raise ApiError(
            412, "precondition_failed", _("Somebody changed this since you read it. Read it again first.")
        )


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


class Stretches(PaginationBase):
    """Newest first, page by page from a position: for a list that grows at its head while it is read
    (the audit trail), where an offset would repeat rows (ADR 0041)."""

    class Input(Schema):
        limit: int = Field(50, ge=1, le=MAX_PAGE, description=f"at most {MAX_PAGE}")
        cursor: str = Field("", max_length=40, description="where to go on from: the `next` page's cursor")

    class Output(Schema):
        items: list[Any]
        next: str | None = Field(description="the address of the next, older page; null on the last page")

    def paginate_queryset(self, queryset: Any, pagination: Input, request: HttpRequest, **params: Any) -> Any:
        older = Position.parse(pagination.cursor)
        if pagination.cursor and older is None:
            raise ApiError(
                422, "invalid_cursor", _("The cursor is not one this list gave. Start again without it.")
            )
        stretch = newest_first_stretch(queryset, pagination.limit, older_than=older)
        return {"items": stretch.rows, "next": _with_cursor(request, stretch.older)}


def _with_cursor(request: HttpRequest, position: Position | None) -> str | None:
    if position is None:
        return None
    query = request.GET.copy()
    query["cursor"] = position.token
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

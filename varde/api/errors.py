"""Every API error has one shape: a machine-readable code, a message in bokmål and in English, and for
invalid input the fields at fault. Messages come from the same translations as the pages.
"""

import re
from functools import cache
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import trans_real
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as InputError

from .parsing import UnencodableTextError

PLACEHOLDER = re.compile(r"%(?:\([a-z_]+\))?[sd]")


class FieldError(Schema):
    field: str
    message_nb: str
    message_en: str


class Error(Schema):
    code: str
    message_nb: str
    message_en: str
    fields: list[FieldError] = []


class ErrorBody(Schema):
    error: Error


# The errors any endpoint may answer with, for the schema: a body that is not JSON (400), no token or
# a bad one (401), a token without the scope or a session without its CSRF token (403), not found or
# not yours (404), refused by the action (409), invalid input (422), too many requests (429).
ERRORS: dict[int, Any] = dict.fromkeys((400, 401, 403, 404, 409, 422, 429), ErrorBody)


class ApiError(Exception):
    """An answer other than success, raised anywhere in an endpoint."""

    def __init__(self, status: int, code: str, message: Promise, headers: dict[str, str] | None = None):
        super().__init__(code)
        self.status, self.code, self.message, self.headers = status, code, message, headers or {}


class InvalidFormError(Exception):
    """The same form as the page refused the input; its errors name the fields."""

    def __init__(self, form: forms.Form):
        super().__init__("invalid")
        self.form = form


@cache
def _english_by_bokmal() -> tuple[dict[str, str], list[tuple[re.Pattern[str], str]]]:
    """Bokmål → English from the merged catalogs (Django's and ours), to give an action's refusal,
    written in bokmål, its English text. Messages with placeholders become patterns."""
    exact: dict[str, str] = {}
    patterns: list[tuple[re.Pattern[str], str]] = []
    # The merged catalog is private to Django, but it is the only place all the translations meet.
    for msgid, msgstr in trans_real.translation("nb")._catalog.items():  # type: ignore[attr-defined]
        if not isinstance(msgid, str) or not isinstance(msgstr, str) or not msgid:
            continue
        if PLACEHOLDER.search(msgstr):
            pieces = PLACEHOLDER.split(msgstr)
            names = PLACEHOLDER.findall(msgstr)
            if names == PLACEHOLDER.findall(msgid):
                regex = "(.+?)".join(re.escape(piece) for piece in pieces)
                patterns.append((re.compile(f"^{regex}$", re.S), msgid))
        else:
            exact[msgstr] = msgid
    return exact, patterns


def _filled(template: str, values: tuple[str, ...]) -> str:
    remaining = iter(values)
    return PLACEHOLDER.sub(lambda _placeholder: next(remaining), template)


def in_english(bokmal: str) -> str:
    exact, patterns = _english_by_bokmal()
    if bokmal in exact:
        return exact[bokmal]
    for pattern, msgid in patterns:
        match = pattern.match(bokmal)
        if match:
            return _filled(msgid, match.groups())
    return bokmal


def _both(message: Any) -> tuple[str, str]:
    if isinstance(message, tuple):
        return message[0], message[1]
    if isinstance(message, Promise):
        with translation.override("nb"):
            nb = str(message)
        with translation.override("en"):
            return nb, str(message)
    return str(message), in_english(str(message))


def error_response(
    api: NinjaAPI,
    request: HttpRequest,
    *,
    status: int,
    code: str,
    message: Any,
    fields: list[tuple[str, Any]] | None = None,
) -> HttpResponse:
    nb, en = _both(message)
    field_errors = [
        {"field": name, "message_nb": field_nb, "message_en": field_en}
        for name, text in fields or []
        for field_nb, field_en in [_both(text)]
    ]
    body = {"error": {"code": code, "message_nb": nb, "message_en": en, "fields": field_errors}}
    return api.create_response(request, body, status=status)


PYDANTIC_IN_BOKMAL = {
    "missing": _("This field is required."),
    "extra_forbidden": _("This field is not allowed here."),
}


UNENCODABLE = _("The text holds characters that cannot be stored. Remove them and try again.")

# What ninja itself refuses, before an endpoint runs.
NINJA_REFUSALS = {
    400: ("bad_request", _("The request body could not be read. Send JSON.")),
    403: ("refused", _("The request was refused. A browser session must send its CSRF token.")),
    429: ("rate_limited", _("Too many requests with this token. Wait a minute and try again.")),
}


def install_handlers(api: NinjaAPI) -> None:
    def api_error(request: HttpRequest, exc: Any) -> HttpResponse:
        response = error_response(api, request, status=exc.status, code=exc.code, message=exc.message)
        for header, value in exc.headers.items():
            response[header] = value
        return response

    def not_found(request: HttpRequest, exc: Any) -> HttpResponse:
        return error_response(
            api, request, status=404, code="not_found", message=_("Not found, or not yours to see.")
        )

    def forbidden(request: HttpRequest, exc: Any) -> HttpResponse:
        # Forbidden looks like not found: nobody learns what exists behind it.
        return not_found(request, exc)

    def unauthenticated(request: HttpRequest, exc: Any) -> HttpResponse:
        response = error_response(
            api,
            request,
            status=401,
            code="unauthenticated",
            message=_("Give a valid personal access token, or log in."),
        )
        response["WWW-Authenticate"] = "Bearer"
        return response

    def invalid(request: HttpRequest, fields: list[tuple[str, Any]]) -> HttpResponse:
        message = _("Some fields are not valid.")
        return error_response(api, request, status=422, code="invalid_input", message=message, fields=fields)

    def invalid_input(request: HttpRequest, exc: Any) -> HttpResponse:
        fields = []
        for problem in exc.errors:
            location = [
                str(part) for part in problem.get("loc", ()) if part not in ("body", "query", "payload")
            ]
            english = str(problem.get("msg", "Invalid value"))
            known = PYDANTIC_IN_BOKMAL.get(str(problem.get("type")))
            with translation.override("nb"):
                bokmal = str(_("Not a valid value (%(reason)s).") % {"reason": english})
            fields.append((".".join(location) or "body", known or (bokmal, english)))
        return invalid(request, fields)

    def form_invalid(request: HttpRequest, exc: Any) -> HttpResponse:
        fields = [
            (name if name != "__all__" else "body", message)
            for name, messages in exc.form.errors.items()
            for message in messages
        ]
        return invalid(request, fields)

    def http_error(request: HttpRequest, exc: Any) -> HttpResponse:
        if isinstance(exc.__cause__, UnencodableTextError):  # ninja wraps what the parser raised
            return invalid(request, [(exc.__cause__.path, UNENCODABLE)])
        code, message = NINJA_REFUSALS.get(exc.status_code, NINJA_REFUSALS[403])
        return error_response(api, request, status=exc.status_code, code=code, message=message)

    def refused(request: HttpRequest, exc: Any) -> HttpResponse:
        return error_response(api, request, status=409, code="refused", message=" ".join(exc.messages))

    api.add_exception_handler(ApiError, api_error)
    api.add_exception_handler(HttpError, http_error)
    api.add_exception_handler(Http404, not_found)
    api.add_exception_handler(PermissionDenied, forbidden)
    api.add_exception_handler(AuthenticationError, unauthenticated)
    api.add_exception_handler(InputError, invalid_input)
    api.add_exception_handler(InvalidFormError, form_invalid)
    api.add_exception_handler(ValidationError, refused)

"""Every API error is an RFC 9457 problem (application/problem+json): its type, title, status and
detail, with a machine-readable code, the message in bokmål and in English, and for invalid input the
fields at fault. Messages come from the same translations as the pages.
"""

import json
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
from ninja import Field, NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as InputError

from .parsing import UnencodableTextError

PLACEHOLDER = re.compile(r"%(?:\([a-z_]+\))?[sd]")


class FieldError(Schema):
    field: str
    message_nb: str
    message_en: str


# Every kind of problem the API answers with: its code, its status and a title that names the kind,
# not the occurrence (RFC 9457). GET /api/v1/problems lists them for client developers.
PROBLEMS: dict[str, tuple[int, Promise]] = {
    "bad_request": (400, _("The request could not be read")),
    "unauthenticated": (401, _("Authentication is needed")),
    "scope_missing": (403, _("The token lacks the scope")),
    "csrf_failed": (403, _("The browser session's CSRF token is missing or wrong")),
    "not_found": (404, _("Not found")),
    "no_cases": (404, _("No cases about this person")),
    "method_not_allowed": (405, _("Method not allowed")),
    "not_acceptable": (406, _("Not acceptable")),
    "refused": (409, _("Refused by a rule of the case work")),
    "precondition_failed": (412, _("Changed since it was read")),
    "too_large": (413, _("The request is too large")),
    "unsupported_media_type": (415, _("Send JSON")),
    "invalid_input": (422, _("Invalid input")),
    "precondition_required": (428, _("If-Match is required")),
    "rate_limited": (429, _("Too many requests")),
    "server_error": (500, _("Server error")),
    "unavailable": (503, _("Temporarily unavailable")),
}
PROBLEM_TYPES = "/api/v1/problems"
PROBLEM_JSON = "application/problem+json"


class Problem(Schema):
    """RFC 9457 problem details, with Varde's code, the message in both languages and the fields at
    fault. `detail` is the message in the language asked for (Accept-Language; bokmål by default)."""

    type: str = Field(description=f"{PROBLEM_TYPES}#<code>: the kind of problem")
    title: str
    status: int
    detail: str
    code: str = Field(json_schema_extra={"enum": list(PROBLEMS)})
    message_nb: str
    message_en: str
    fields: list[FieldError] = []


# The problems any endpoint may answer with, for the schema: a body that is not JSON (400), no token or
# a bad one (401), a token without the scope or a session without its CSRF token (403), not found or
# not yours (404), refused by the action (409), invalid input (422), too many requests (429).
ERRORS: dict[int, Any] = dict.fromkeys((400, 401, 403, 404, 409, 422, 429), Problem)


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


def problem_response(
    request: HttpRequest, *, status: int, code: str, message: Any, fields: list[tuple[str, Any]] | None = None
) -> HttpResponse:
    nb, en = _both(message)
    field_errors = [
        {"field": name, "message_nb": field_nb, "message_en": field_en}
        for name, text in fields or []
        for field_nb, field_en in [_both(text)]
    ]
    title = PROBLEMS.get(code, (status, _("Error")))[1]
    body = {
        "type": f"{PROBLEM_TYPES}#{code}",
        "title": str(title),
        "status": status,
        "detail": en if translation.get_language() == "en" else nb,
        "code": code,
        "message_nb": nb,
        "message_en": en,
        "fields": field_errors,
    }
    return HttpResponse(json.dumps(body, ensure_ascii=False), status=status, content_type=PROBLEM_JSON)


def is_problem(response: HttpResponse) -> bool:
    return str(response.get("Content-Type", "")).startswith(PROBLEM_JSON)


PYDANTIC_IN_BOKMAL = {
    "missing": _("This field is required."),
    "extra_forbidden": _("This field is not allowed here."),
}


# Not blank: what a required text field of a form needs after it strips the ends.
NOT_BLANK = r"\S"

UNENCODABLE = _("The text holds characters that cannot be stored. Remove them and try again.")

# What ninja itself refuses, before an endpoint runs.
NINJA_REFUSALS = {
    400: ("bad_request", _("The request body could not be read. Send JSON.")),
    403: ("csrf_failed", _("The request was refused. A browser session must send its CSRF token.")),
    429: ("rate_limited", _("Too many requests from you. Wait a minute and try again.")),
}


def install_handlers(api: NinjaAPI) -> None:
    def api_error(request: HttpRequest, exc: Any) -> HttpResponse:
        response = problem_response(request, status=exc.status, code=exc.code, message=exc.message)
        for header, value in exc.headers.items():
            response[header] = value
        return response

    def not_found(request: HttpRequest, exc: Any) -> HttpResponse:
        return problem_response(
            request, status=404, code="not_found", message=_("Not found, or not yours to see.")
        )

    def forbidden(request: HttpRequest, exc: Any) -> HttpResponse:
        # Forbidden looks like not found: nobody learns what exists behind it.
        return not_found(request, exc)

    def unauthenticated(request: HttpRequest, exc: Any) -> HttpResponse:
        response = problem_response(
            request,
            status=401,
            code="unauthenticated",
            message=_("Give a valid personal access token, or log in."),
        )
        response["WWW-Authenticate"] = "Bearer"
        return response

    def invalid(request: HttpRequest, fields: list[tuple[str, Any]]) -> HttpResponse:
        message = _("Some fields are not valid.")
        return problem_response(request, status=422, code="invalid_input", message=message, fields=fields)

    def invalid_input(request: HttpRequest, exc: Any) -> HttpResponse:
        fields = []
        for problem in exc.errors:
            location = [
                str(part) for part in problem.get("loc", ()) if part not in ("body", "query", "payload")
            ]
            english = str(problem.get("msg", "Invalid value"))
            known = PYDANTIC_IN_BOKMAL.get(str(problem.get("type")))
            if problem.get("type") == "string_pattern_mismatch":
                blank = problem.get("ctx", {}).get("pattern") == NOT_BLANK
                known = _("This field is required.") if blank else _("Not in the form this field takes.")
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
        return problem_response(request, status=exc.status_code, code=code, message=message)

    def refused(request: HttpRequest, exc: Any) -> HttpResponse:
        return problem_response(request, status=409, code="refused", message=" ".join(exc.messages))

    api.add_exception_handler(ApiError, api_error)
    api.add_exception_handler(HttpError, http_error)
    api.add_exception_handler(Http404, not_found)
    api.add_exception_handler(PermissionDenied, forbidden)
    api.add_exception_handler(AuthenticationError, unauthenticated)
    api.add_exception_handler(InputError, invalid_input)
    api.add_exception_handler(InvalidFormError, form_invalid)
    api.add_exception_handler(ValidationError, refused)

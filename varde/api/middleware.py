"""What holds for every answer under /api/, whichever part of the stack gives it.

Django answers an unknown address, a method a route does not take and a server error with a page;
under /api/ the answer is a problem (RFC 9457) instead. HEAD is answered as GET without the body
(RFC 9110), an authenticated call carries its rate limit's headers, and a client that sends
Accept-Language gets its texts in that language.
"""

from collections.abc import Callable
from http import HTTPStatus

from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation.trans_real import parse_accept_lang_header

from .auth import rate_limit_headers
from .errors import is_problem, problem_response

API_PREFIX = "/api/"
# Headers of a refusal that the problem keeps: what the caller may do next.
KEPT_HEADERS = ("Allow", "Retry-After", "WWW-Authenticate")
# The problem an answer from outside the API's own handlers becomes, by its status.
ANSWERS = {
    400: ("bad_request", _("The request could not be read.")),
    404: ("not_found", _("Not found, or not yours to see.")),
    405: (
        "method_not_allowed",
        _("This address does not take that method. The Allow header names those it takes."),
    ),
    406: ("not_acceptable", _("The API answers with JSON only.")),
    413: ("too_large", _("The request is too large.")),
    415: ("unsupported_media_type", _("Send the body as JSON.")),
    500: ("server_error", _("Something went wrong on our side. The error is logged; try again later.")),
    503: ("unavailable", _("The service is temporarily unavailable. Try again in a little while.")),
}


class ApiAnswersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        asked = asked_language(request)
        if asked:
            translation.activate(asked)
            request.LANGUAGE_CODE = asked
        head = request.method == "HEAD"
        if head:
            request.method = "GET"
        response = self.get_response(request)
        if response.status_code >= 400 and not is_problem(response):
            response = as_problem(request, response)
        for header, value in rate_limit_headers(request).items():
            response[header] = value
        if head:
            request.method = "HEAD"
            without_body(response)
        if asked:
            response["Content-Language"] = asked
        return response


# Norwegian in any written form is answered in bokmål.
SPOKEN = {"nb": "nb", "no": "nb", "nn": "nb", "en": "en"}


def asked_language(request: HttpRequest) -> str | None:
    """A client asks for its language with Accept-Language (the pages use the language switch)."""
    for tag, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        spoken = SPOKEN.get(tag.split("-")[0].lower())
        if spoken:
            return spoken
    return None


def as_problem(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    status = response.status_code
    fallback = ANSWERS[500] if status >= 500 else (ANSWERS[400][0], HTTPStatus(status).phrase)
    code, message = ANSWERS.get(status, fallback)
    problem = problem_response(request, status=status, code=code, message=message)
    for header in KEPT_HEADERS:
        if header in response:
            problem[header] = response[header]
    return problem


def without_body(response: HttpResponse) -> None:
    if not response.streaming:
        response["Content-Length"] = str(len(response.content))
        response.content = b""

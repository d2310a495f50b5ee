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
from .errors import PROBLEMS, is_problem, problem_response

API_PREFIX = "/api/"
# Headers of a refusal that the problem keeps: what the caller may do next.
KEPT_HEADERS = ("Allow", "Retry-After", "WWW-Authenticate")
MESSAGES = {
    400: _("The request could not be read."),
    404: _("Not found, or not yours to see."),
    405: _("This address does not take that method. The Allow header names those it takes."),
    406: _("The API answers with JSON only."),
    413: _("The request is too large."),
    415: _("Send the body as JSON."),
    500: _("Something went wrong on our side. The error is logged; try again later."),
    503: _("The service is temporarily unavailable. Try again in a little while."),
}
CODES = {status: code for code, (status, _title) in PROBLEMS.items() if status in MESSAGES}


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
    code = CODES.get(status, "server_error" if status >= 500 else "bad_request")
    message = MESSAGES.get(status) or HTTPStatus(status).phrase
    problem = problem_response(request, status=status, code=code, message=message)
    for header in KEPT_HEADERS:
        if header in response:
            problem[header] = response[header]
    return problem


def without_body(response: HttpResponse) -> None:
    if not response.streaming:
        response["Content-Length"] = str(len(response.content))
        response.content = b""

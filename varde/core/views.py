import sys

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django.views.i18n import set_language

from .access import PUBLIC, AccessRule, access
from .metrics import exposition, may_scrape

# No login: Prometheus has none. The view admits the server itself or the metrics token (may_scrape).
SCRAPER = AccessRule("the server itself (loopback) or the metrics token", login=False, second_factor=False)


def database_is_reachable() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return False
    return True


@access(PUBLIC)
@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and database status for load balancers and monitoring; no login, no personal data."""
    database_ok = database_is_reachable()
    return JsonResponse(
        {
            "status": "ok" if database_ok else "unavailable",
            "database": "ok" if database_ok else "unavailable",
        },
        status=200 if database_ok else 503,
    )


@access(PUBLIC)
@require_POST
def switch_language(request: HttpRequest) -> HttpResponse:
    return set_language(request)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # Forbidden looks like not found: the answer must not reveal that something exists.
    return page_not_found(request, exception)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # Django turns a session that could not be saved into a 400; when the database went away in the
    # middle of the request, the visitor should hear that, not that they sent something wrong.
    if _caused_by_database_outage(exception):
        return _unavailable()
    return HttpResponse(loader.render_to_string("400.html"), status=400)


def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without the request's context processors: they may need the database that failed.
    if _caused_by_database_outage(sys.exc_info()[1]):
        return _unavailable()
    return HttpResponse(loader.render_to_string("500.html"), status=500)


def _caused_by_database_outage(exception: BaseException | None) -> bool:
    while exception is not None:
        if isinstance(exception, InterfaceError | OperationalError):
            return True
        exception = exception.__cause__ or exception.__context__
    return False


def _unavailable() -> HttpResponse:
    response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = "60"
    return response


@access(SCRAPER)
@never_cache
@require_GET
def metrics(request: HttpRequest) -> HttpResponse:
    """Prometheus metrics: only for the server itself or the holder of the metrics token."""
    if not may_scrape(request):
        raise Http404
    body, content_type = exposition()
    return HttpResponse(body, content_type=content_type)

import sys

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django.views.i18n import set_language

from .access import PUBLIC, access


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


def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without the request's context processors: they may need the database that failed.
    if isinstance(sys.exc_info()[1], InterfaceError | OperationalError):
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = "60"
        return response
    return HttpResponse(loader.render_to_string("500.html"), status=500)

"""Deny by default: every page declares its rule; pages without one answer 404."""

import pytest
from django.db import OperationalError, connection
from django.http import HttpResponse
from django.test import Client, override_settings
from django.urls import path

from config import urls as project_urls
from conftest import log_in, named_urls
from varde.accounts.roles import Role
from varde.core.access import rule_of


def test_every_named_url_declares_an_access_rule():
    missing = [name for name, view in named_urls().items() if rule_of(view) is None]
    assert missing == []


def undeclared_view(request):
    return HttpResponse("secret")


urlpatterns = [path("undeclared/", undeclared_view, name="undeclared"), *project_urls.urlpatterns]


@override_settings(ROOT_URLCONF=__name__)
def test_a_view_without_a_rule_answers_404_even_to_an_administrator(world, client):
    log_in(client, world.make_user(Role.ADMIN))
    response = client.get("/undeclared/")
    assert response.status_code == 404
    assert b"secret" not in response.content


def test_healthz_reports_the_database_without_login(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_reports_an_unreachable_database(client, db, monkeypatch):
    monkeypatch.setattr("varde.core.views.database_is_reachable", lambda: False)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


@pytest.mark.parametrize("url", ["/login/", "/healthz"])
def test_security_headers_and_a_strict_csp_with_a_nonce(client, db, url):
    response = client.get(url)
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert "geolocation=()" in response.headers["Permissions-Policy"]


def test_pages_for_a_signed_in_person_are_never_stored(client_as):
    assert "no-store" in client_as("coordinator").get("/hjem/").headers["Cache-Control"]
    # The public pages may be cached; they hold no personal data.
    assert "no-store" not in Client().get("/login/").headers.get("Cache-Control", "")


def test_login_page_scripts_carry_the_csp_nonce(client, db):
    response = client.get("/login/")
    nonce = response.headers["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    html = response.content.decode()
    assert f'nonce="{nonce}"' in html
    assert "style=" not in html
    assert "<script>" not in html


def test_missing_page_is_a_styled_404_in_norwegian(client, db):
    response = client.get("/finnes-ikke/")
    assert response.status_code == 404
    html = response.content.decode()
    assert 'class="ds-heading"' in html
    assert "Vi finner ikke denne siden" in html


def test_server_error_page_is_styled_and_leaks_nothing(rf):
    from varde.core.views import server_error

    response = server_error(rf.get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "ds-heading" in html
    assert "Traceback" not in html


def test_pages_vary_on_htmx_requests(client, db):
    assert "HX-Request" in client.get("/login/").headers["Vary"]


def test_language_is_bokmal_by_default_whatever_the_browser_says(client, db):
    response = client.get("/login/", headers={"accept-language": "en-US,en;q=0.9"})
    assert response.headers["Content-Language"] == "nb"
    assert "Logg inn" in response.content.decode()


def test_language_switch_to_english_and_back(client, db):
    response = client.post("/sprak/", {"language": "en", "next": "/login/"})
    assert response.status_code == 302
    assert "Log in to Varde" in client.get("/login/").content.decode()
    client.post("/sprak/", {"language": "nb", "next": "/login/"})
    assert "Logg inn i Varde" in client.get("/login/").content.decode()


def test_language_switch_rejects_unknown_language_without_error(client, db):
    response = client.post("/sprak/", {"language": "<script>", "next": "/login/"})
    assert response.status_code == 302
    assert client.get("/login/").headers["Content-Language"] == "nb"


def test_an_unreachable_database_gives_a_styled_503_that_leaks_nothing(world, client):
    def unreachable(*args, **kwargs):
        raise OperationalError('could not connect to server: Connection refused (host "db.internal")')

    log_in(client, world.make_user(Role.EMPLOYEE))
    client.raise_request_exception = False
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(connection, "cursor", unreachable)
        response = client.get("/hjem/")
    page = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "utilgjengelig" in page
    assert "db.internal" not in page
    assert "Connection refused" not in page

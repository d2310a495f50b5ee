"""The token page and the API docs in Chromium: a token is made and revoked with the keyboard and
the pages pass axe."""

import urllib.error
import urllib.request

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from varde.accounts.roles import Role

from .conftest import assert_accessible, log_in_through_the_page
from .test_pages import user_with_authenticator

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_token_is_made_shown_once_and_revoked(page: Page, live_server, world):
    coordinator = user_with_authenticator(world, Role.COORDINATOR)
    log_in_through_the_page(page, live_server.url, coordinator)
    page.goto(live_server.url + reverse("accounts:account"))
    page.get_by_role("link", name="API-nøkler").click()

    page.get_by_label("Navn").fill("Telefonlogg")
    page.get_by_label("Lese det du har tilgang til").check()
    page.get_by_role("button", name="Lag nøkkelen").press("Enter")
    expect(page.locator("#new-token")).to_contain_text("varde_")

    secret = page.locator("#new-token").inner_text()
    assert status_with_token(live_server.url + "/api/v1/me", secret) == 200
    page.get_by_role("button", name="Trekk tilbake «Telefonlogg»").click()
    expect(page.locator("#token-table")).to_contain_text("Opphevet")
    assert status_with_token(live_server.url + "/api/v1/me", secret) == 401


def status_with_token(url: str, secret: str) -> int:
    """A call from another system: the token only, none of the browser's cookies."""
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {secret}"})  # noqa: S310
    try:
        with urllib.request.urlopen(request) as answer:  # noqa: S310 (the test server)
            return int(answer.status)
    except urllib.error.HTTPError as refusal:
        return refusal.code


def test_the_docs_come_from_our_own_files(page: Page, live_server, world):
    outside: list[str] = []
    page.on(
        "request",
        lambda request: outside.append(request.url) if not request.url.startswith(live_server.url) else None,
    )
    page.goto(live_server.url + "/api/v1/docs")
    expect(page.get_by_text("Varde API").first).to_be_visible()
    expect(page.get_by_text("/api/v1/concerns").first).to_be_visible()
    assert outside == []
    assert_accessible(page)
    operation = page.get_by_role("button", name="GET /api/v1/me").first
    operation.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("The caller, their memberships").first).to_be_visible()
    assert_accessible(page)

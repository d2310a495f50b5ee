"""Real Chromium through Playwright, against pytest-django's live server, with axe-core injected."""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django_otp.oath import totp
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

from conftest import PASSWORD
from varde.accounts.models import AuthenticatorApp

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the tests are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("VARDE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


# Playwright waits for what a test expects (an element, a navigation) up to these ceilings: they are
# readiness waits, never pauses, and a busy shared machine needs far more than Playwright's 5 and 30
# seconds.
EXPECT_WITHIN_MS = 60_000
ACT_WITHIN_MS = 120_000
expect.set_options(timeout=EXPECT_WITHIN_MS)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install it with `apt-get install chromium`.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def open_context(browser: Browser, **options: Any) -> BrowserContext:
    """A new browser context (a person's own browser) that waits as long as a busy machine needs."""
    context = browser.new_context(**options)
    context.set_default_timeout(ACT_WITHIN_MS)
    context.set_default_navigation_timeout(ACT_WITHIN_MS)
    return context


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = open_context(browser, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.console_errors = errors  # type: ignore[attr-defined]
    yield page
    context.close()


def axe_violations(page: Page) -> list[dict[str, Any]]:
    # axe stays in the document until the next navigation; parsing it again costs a tenth of a second.
    if page.evaluate("typeof axe === 'undefined'"):
        page.evaluate(AXE_SOURCE)
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_21_AA
    )
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]]}
        for v in result["violations"]
    ]


def assert_accessible(page: Page) -> None:
    assert axe_violations(page) == []
    assert page.console_errors == []  # type: ignore[attr-defined]  # e.g. CSP refusals


def current_code(device: AuthenticatorApp) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def log_in_through_the_page(page: Page, base_url: str, user: Any) -> None:
    """Log in as a person would: the form, then the authenticator code when the role needs one."""
    page.goto(f"{base_url}/login/")
    page.get_by_label("Brukernavn").fill(user.username)
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    if user.needs_second_factor:
        device = AuthenticatorApp.objects.get(user=user, confirmed=True)
        page.get_by_label("Kode").fill(current_code(device))
        page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url(f"{base_url}/hjem/")


def open_menu_link(page: Page, name: str) -> None:
    """Follow a link of the main menu as a person would: opening its group first when it is in one."""
    menu = page.get_by_role("navigation", name="Hovedmeny")
    link = menu.get_by_role("link", name=name, include_hidden=True)
    if not link.is_visible():
        inside = page.get_by_role("link", name=name, include_hidden=True)
        menu.locator("details.varde-nav__group").filter(has=inside).locator("summary").click()
    link.click()

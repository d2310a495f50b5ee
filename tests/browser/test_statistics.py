"""The situation picture in Chromium: the pages pass axe, and an incident registered in the browser is
counted, with small numbers hidden."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from varde.accounts.roles import Role

from .conftest import assert_accessible, log_in_through_the_page
from .test_pages import user_with_authenticator

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_statistics_pages_are_accessible(page: Page, live_server, world):
    coordinator = user_with_authenticator(world, Role.COORDINATOR)
    log_in_through_the_page(page, live_server.url, coordinator)
    page.goto(live_server.url + reverse("statistics:incidents"))
    assert_accessible(page)
    page.get_by_label("Digital").check()
    page.get_by_role("button", name="Registrer").click()
    expect(page.locator("#incident-table")).to_contain_text("Digital")
    page.goto(live_server.url + reverse("statistics:observations"))
    assert_accessible(page)
    page.goto(live_server.url + reverse("statistics:situation"))
    page.get_by_label("Hva").select_option("incidents")
    page.get_by_label("Fordelt på").select_option("arena")
    page.get_by_role("button", name="Vis").click()
    expect(page.locator("#situation-table")).to_contain_text("<5")
    assert_accessible(page)


def test_the_situation_report_is_accessible(page: Page, live_server, world):
    viewer = user_with_authenticator(world, Role.VIEWER)
    log_in_through_the_page(page, live_server.url, viewer)
    page.goto(live_server.url + reverse("statistics:report"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Situasjonsrapport")
    expect(page.get_by_role("img", name="Bekymringer per kvartal")).to_be_visible()
    assert_accessible(page)
    # The figures behind a chart open from the keyboard.
    summary = page.get_by_text("Tallene i «Bekymringer per kvartal»")
    summary.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("table", name="Bekymringer per kvartal")).to_be_visible()
    assert_accessible(page)

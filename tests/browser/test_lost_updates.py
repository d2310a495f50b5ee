"""Two people in two browsers edit the same assessment: the second save is refused with what changed,
keeps what the second person wrote, and the refusal passes axe; saving again is deliberate."""

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, Page, expect

from varde.accounts.roles import Role
from varde.concerns.models import Concern
from varde.concerns.tests.factories import make_concern

from .conftest import assert_accessible, log_in_through_the_page, open_context
from .test_pages import user_with_authenticator

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_second_of_two_browsers_is_told_what_changed_and_keeps_its_text(
    browser: Browser, live_server, world
):
    contexts = [open_context(browser) for _ in range(2)]
    try:
        first, second = (context.new_page() for context in contexts)
        both_edit_and_the_second_is_refused(first, second, live_server.url, world)
    finally:
        # Open contexts keep connections to the live server, whose threads would outlive the test.
        for context in contexts:
            context.close()


def both_edit_and_the_second_is_refused(first: Page, second: Page, base_url: str, world) -> None:
    concern = make_concern(world)
    url = base_url + reverse("concerns:assessment", args=[concern.pk])
    for page in (first, second):
        person = user_with_authenticator(world, Role.COORDINATOR)
        page.console_errors = []  # type: ignore[attr-defined]
        log_in_through_the_page(page, base_url, person)
        page.goto(url)
    first.get_by_label("Vurdering").fill("Skolen melder bedring.")
    second.get_by_label("Vurdering").fill("Familien er bekymret.")
    first.get_by_role("button", name="Lagre").click()
    expect(first.get_by_role("heading", level=1)).not_to_have_text("Vurdering")

    second.get_by_role("button", name="Lagre").click()
    expect(second.get_by_role("alert")).to_contain_text("Noen andre har lagret endringer mens du redigerte")
    expect(second.get_by_role("alert")).to_contain_text("Skolen melder bedring.")
    expect(second.get_by_label("Vurdering")).to_have_value("Familien er bekymret.")
    assert_accessible(second)
    assert Concern.objects.get(pk=concern.pk).assessment_summary == "Skolen melder bedring."

    second.get_by_role("button", name="Lagre").click()
    expect(second.get_by_role("heading", level=1)).not_to_have_text("Vurdering")
    assert Concern.objects.get(pk=concern.pk).assessment_summary == "Familien er bekymret."

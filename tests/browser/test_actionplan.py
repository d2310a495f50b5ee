"""The action plan and the registries in Chromium: every page passes axe, and a plan manager records a
training and sees the coverage change."""

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from varde.accounts.roles import Role
from varde.actionplan import actions
from varde.actionplan.planfile import DEMO_PLAN
from varde.network import actions as network
from varde.network.models import OrganisationKind

from .conftest import assert_accessible, log_in_through_the_page, open_menu_link
from .test_pages import user_with_authenticator

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_plan_pages_are_accessible_and_a_training_updates_coverage(page: Page, live_server, world):
    manager = user_with_authenticator(world, Role.PLAN_MANAGER)
    plan = actions.import_plan(None, world.partnership, source=DEMO_PLAN.read_text(encoding="utf-8"))
    log_in_through_the_page(page, live_server.url, manager)
    open_menu_link(page, "Handlingsplan")
    expect(page.get_by_role("heading", level=1)).to_have_text("Handlingsplan")
    assert_accessible(page)
    page.get_by_role("link", name="Jevnlig kompetanseheving for førstelinjen").click()
    assert_accessible(page)
    page.goto(
        live_server.url
        + reverse("actionplan:obligation", args=[plan.obligations.get(code="first-line-training").pk])
    )
    assert_accessible(page)
    page.goto(live_server.url + reverse("actionplan:coverage"))
    expect(page.locator("#coverage-table")).to_contain_text("Aldri")
    assert_accessible(page)

    page.goto(live_server.url + reverse("actionplan:trainings"))
    assert_accessible(page)
    page.get_by_label("Dato").fill(timezone.localdate().isoformat())
    page.get_by_label(world.unit.name, exact=False).check()
    page.get_by_label("Antall deltakere").fill("24")
    page.get_by_label("Grunnleggende kunnskap").check()
    page.get_by_label("Gitt av").fill("Koordineringsgruppen")
    page.get_by_role("button", name="Registrer opplæringen").click()
    expect(page.locator("#training-table")).to_contain_text("Grunnleggende kunnskap")
    page.goto(live_server.url + reverse("actionplan:coverage"))
    expect(page.locator("#coverage-table")).to_contain_text("Oppfylt")

    for name in ("actionplan:requests", "actionplan:import", "actionplan:report"):
        page.goto(live_server.url + reverse(name))
        assert_accessible(page)


def test_the_viewer_reads_the_dashboard_and_the_registries(page: Page, live_server, world):
    viewer = user_with_authenticator(world, Role.VIEWER)
    actions.import_plan(None, world.partnership, source=DEMO_PLAN.read_text(encoding="utf-8"))
    coordinator = world.make_user(Role.COORDINATOR)
    organisation = network.add_organisation(
        coordinator, world.partnership, name="Moskeen", kind=OrganisationKind.CIVIL_SOCIETY, description=""
    )
    log_in_through_the_page(page, live_server.url, viewer)
    page.goto(live_server.url + reverse("actionplan:dashboard"))
    expect(page.locator("main")).to_contain_text("Faste forpliktelser")
    expect(page.get_by_role("link", name="Last inn en ny versjon")).to_have_count(0)
    for url in (
        reverse("network:organisations"),
        reverse("network:organisation", args=[organisation.pk]),
        reverse("network:resource_persons"),
        reverse("network:preparedness"),
    ):
        page.goto(live_server.url + url)
        assert_accessible(page)

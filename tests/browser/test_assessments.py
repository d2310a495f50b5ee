"""Structured assessments in Chromium: the form, the summary and the trajectory pass axe, and two
assessments on one concern are completed in the browser and the change between them is read."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from varde.accounts.roles import Role
from varde.assessments.models import Assessment, Instrument
from varde.assessments.tests.factories import complete_content, level, make_assessment
from varde.concerns.tests.factories import make_concern

from .conftest import assert_accessible, log_in_through_the_page
from .test_pages import user_with_authenticator

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_assessment_pages_are_accessible(page: Page, live_server, world):
    coordinator = user_with_authenticator(world, Role.COORDINATOR)
    assessed = make_concern(world)
    make_assessment(world, assessed, content=complete_content(world, days_ago=30))
    latest = make_assessment(world, assessed, content=complete_content(world, level=level(world, "moderate")))
    drafted = make_concern(world, name="Kari Utkast")
    draft = make_assessment(world, drafted, final=False)
    log_in_through_the_page(page, live_server.url, coordinator)

    page.goto(live_server.url + reverse("concerns:detail", args=[assessed.pk]))
    expect(page.locator("#structured-assessments-heading")).to_be_visible()
    assert_accessible(page)
    page.goto(live_server.url + reverse("assessments:edit", args=[drafted.pk, draft.pk]))
    expect(page.get_by_role("heading", level=1)).to_have_text("Strukturert vurdering")
    assert_accessible(page)
    page.get_by_label("Begrunnelse for bekymringsnivået").fill("")
    page.get_by_role("combobox", name="Bekymringsnivå").select_option(index=0)
    page.get_by_role("button", name="Lagre og fullfør").click()
    expect(page.get_by_role("alert")).to_contain_text("Velg bekymringsnivå.")
    assert_accessible(page)
    for url in (
        reverse("assessments:detail", args=[assessed.pk, latest.pk]),
        reverse("assessments:trajectory", args=[assessed.pk]),
    ):
        page.goto(live_server.url + url)
        assert_accessible(page)
    page.goto(live_server.url + reverse("assessments:start", args=[make_concern(world, name="Per Ny").pk]))
    assert_accessible(page)


def test_admin_pages_for_instruments_and_levels_are_accessible(page: Page, live_server, world):
    log_in_through_the_page(page, live_server.url, user_with_authenticator(world, Role.ADMIN))
    instrument = Instrument.objects.get(partnership=world.partnership)
    for url in (
        reverse("assessments:instrument_list"),
        reverse("assessments:instrument_detail", args=[instrument.pk]),
        reverse("assessments:level_scale"),
    ):
        page.goto(live_server.url + url)
        assert_accessible(page)


def _assess(page: Page, *, convictions: str, level_name: str, reason: str, changes: str = "") -> None:
    page.get_by_label("Hva er observert, og hva bekymrer?").fill("Deler propaganda fra et voldelig miljø.")
    if changes:
        page.get_by_label("Hva har endret seg siden forrige vurdering?").fill(changes)
    item = page.get_by_role("group", name="Overbevisninger og retorikk som bekymrer")
    item.get_by_label(convictions).check()
    item.get_by_label("Hva vurderingen bygger på").fill("Skolen har sett det flere ganger.")
    page.get_by_role("group", name="Familie").get_by_label("Ingen bekymring").check()
    page.get_by_role("button", name="Lagre utkast").click()
    expect(page.locator("main")).to_contain_text("Utkastet er lagret")
    page.get_by_label("Hovedproblemer").fill("Søker tilhørighet i et ekstremt miljø.")
    page.get_by_label("Ressurser og beskyttende forhold").fill("Foreldrene.")
    page.get_by_label("Anbefaling og plan videre").fill("Mentor.")
    page.get_by_role("combobox", name="Bekymringsnivå").select_option(label=level_name)
    page.get_by_label("Begrunnelse for bekymringsnivået").fill(reason)
    page.get_by_role("button", name="Lagre og fullfør").click()
    expect(page.locator("main")).to_contain_text("Vurderingen er fullført")


def test_two_assessments_and_the_change_between_them(page: Page, live_server, world):
    coordinator = user_with_authenticator(world, Role.COORDINATOR)
    concern = make_concern(world)
    log_in_through_the_page(page, live_server.url, coordinator)
    page.goto(live_server.url + reverse("concerns:detail", args=[concern.pk]))
    page.get_by_role("link", name="Start en strukturert vurdering").click()
    page.get_by_role("button", name="Start", exact=True).click()
    _assess(page, convictions="Alvorlig bekymring", level_name="Høy", reason="Tydelig dragning mot vold.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sammendrag av vurderingen")

    page.goto(live_server.url + reverse("concerns:detail", args=[concern.pk]))
    page.get_by_role("link", name="Start en strukturert vurdering").click()
    page.get_by_role("button", name="Start", exact=True).click()
    expect(page.locator("main")).to_contain_text("Forrige vurdering: Alvorlig bekymring")
    _assess(
        page,
        convictions="Noe bekymring",
        level_name="Moderat",
        reason="Klar bedring.",
        changes="Møter mentor hver uke.",
    )
    page.get_by_role("link", name="Utvikling over tid").click()
    changes = page.locator("#changes-since-last")
    expect(changes).to_contain_text(
        "Overbevisninger og retorikk som bekymrer: Noe bekymring (mindre bekymring)"
    )
    expect(changes).to_contain_text("Bekymringsnivå: Moderat (mindre bekymring)")
    expect(page.locator("#trajectory-table tbody tr").first).to_contain_text("Høy")
    assert Assessment.objects.final().count() == 2
    assert_accessible(page)

"""Concerns in Chromium: the intake forms, the case list and the case page pass axe, and one whole flow."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from varde.accounts.roles import Role
from varde.concerns.actions.retention import purge
from varde.concerns.models import Concern, Disclosure
from varde.concerns.tests.factories import close, make_concern, make_consent, make_disclosure, make_measure

from .conftest import assert_accessible, log_in_through_the_page, open_context, open_menu_link
from .test_pages import user_with_authenticator

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_intake_form_is_accessible_and_shows_errors(page: Page, live_server, world):
    log_in_through_the_page(page, live_server.url, user_with_authenticator(world, Role.COORDINATOR))
    page.goto(live_server.url + reverse("concerns:intake"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Registrer en henvendelse eller bekymring")
    assert_accessible(page)
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_role("alert")).to_contain_text("Beskriv bekymringen")
    assert_accessible(page)


def test_case_list_and_case_page_are_accessible(page: Page, live_server, world):
    coordinator = user_with_authenticator(world, Role.COORDINATOR)
    concern = make_concern(world)
    consent = make_consent(world, concern)
    make_measure(world, concern, code="mentor", consent=consent, responsible=coordinator)
    make_disclosure(world, concern)
    log_in_through_the_page(page, live_server.url, coordinator)
    open_menu_link(page, "Saker")
    expect(page.locator("#case-results tbody tr")).to_have_count(1)
    assert_accessible(page)
    page.get_by_label("Status").select_option("closed")
    page.get_by_role("button", name="Filtrer").click()
    expect(page.locator("#case-results")).to_contain_text("Ingen bekymringer passer")
    page.goto(live_server.url + reverse("concerns:detail", args=[concern.pk]))
    expect(page.get_by_role("heading", level=1)).to_contain_text(concern.reference)
    assert_accessible(page)
    for name in ("concerns:disclose", "concerns:consent_add", "concerns:measure_add", "concerns:acute"):
        page.goto(live_server.url + reverse(name, args=[concern.pk]))
        assert_accessible(page)


def test_filtered_lists_leave_nothing_in_the_browser_and_back_loads_the_whole_page(
    page: Page, live_server, world
):
    make_concern(world)
    log_in_through_the_page(page, live_server.url, user_with_authenticator(world, Role.COORDINATOR))
    page.goto(live_server.url + reverse("concerns:list"))
    for status in ("closed", "received"):
        page.get_by_label("Status").select_option(status)
        page.get_by_role("button", name="Filtrer").click()
        expect(page).to_have_url(re.compile(rf"/saker/[?]status={status}&"))
    # htmx keeps no copy of the pages it swapped out, so none outlives the session in the tab.
    assert page.evaluate("sessionStorage.getItem('htmx-history-cache')") is None
    page.go_back()
    expect(page.get_by_label("Status")).to_have_value("closed")
    expect(page.get_by_role("navigation", name="Hovedmeny")).to_be_visible()
    expect(page.locator("#case-results")).to_contain_text("Ingen bekymringer passer")
    # Storage left by an older version, or by another script, goes at logout.
    page.evaluate("sessionStorage.setItem('htmx-history-cache', '[]'); localStorage.setItem('left', 'x')")
    page.get_by_role("button", name="Logg ut").click()
    expect(page.get_by_role("alert").or_(page.get_by_role("status"))).to_contain_text("logget ut")
    left = "[sessionStorage.getItem('htmx-history-cache'), localStorage.getItem('left')]"
    assert page.evaluate(left) == [None, None]


def test_employee_report_and_receipts_are_accessible(page: Page, live_server, world):
    log_in_through_the_page(page, live_server.url, user_with_authenticator(world, Role.EMPLOYEE))
    page.goto(live_server.url + reverse("concerns:report"))
    assert_accessible(page)
    page.get_by_label("Hva har du sett eller hørt?").fill("En elev truer medelever med vold.")
    # Nothing is suggested: the employee chooses, and may say they do not know.
    expect(page.get_by_label("Hva gjelder bekymringen?")).to_have_value("")
    page.get_by_label("Hva gjelder bekymringen?").select_option(label="Ikke kjent / usikker")
    page.get_by_role("button", name="Send meldingen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mine meldinger")
    expect(page.locator("tbody")).to_contain_text(Concern.objects.get().reference)
    assert_accessible(page)


def test_public_form_works_without_login_and_is_accessible(page: Page, live_server, world):
    page.goto(live_server.url + reverse("concerns:public_form", args=[world.partnership.slug]))
    expect(page.get_by_role("heading", level=1)).to_have_text("Er du bekymret for noen?")
    assert_accessible(page)
    page.get_by_label("Hva er du bekymret for?").fill("Naboen deler hatefulle videoer.")
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text(Concern.objects.get().reference)
    expect(page.locator("main")).not_to_contain_text("hatefulle videoer")
    assert_accessible(page)


def test_admin_reference_pages_are_accessible(page: Page, live_server, world):
    log_in_through_the_page(page, live_server.url, user_with_authenticator(world, Role.ADMIN))
    for name in ("concerns:legal_basis_list", "concerns:legal_basis_create", "concerns:measure_type_list"):
        page.goto(live_server.url + reverse(name))
        assert_accessible(page)


def _open_case(page: Page, live_server, reference: str) -> None:
    page.goto(live_server.url + reverse("concerns:list"))
    page.get_by_role("link", name=reference).click()


def test_from_hotline_call_to_purge(page: Page, browser: Browser, live_server, world):
    coordinator = user_with_authenticator(world, Role.COORDINATOR)
    police_contact = user_with_authenticator(world, Role.POLICE_CONTACT)
    log_in_through_the_page(page, live_server.url, coordinator)

    # A hotline call becomes a named concern.
    page.goto(live_server.url + reverse("concerns:intake"))
    page.get_by_label("Fenomen").select_option("right_wing")
    page.get_by_label("Beskrivelse av bekymringen").fill("Tante er bekymret for nevøen.")
    page.get_by_label("Personens navn").fill("Nils Nevø")
    page.get_by_label("Fødselsår").fill(str(timezone.localdate().year - 16))
    page.get_by_role("button", name="Lagre").click()
    concern = Concern.objects.get()
    expect(page.get_by_role("heading", level=1)).to_contain_text(concern.reference)

    # Consent from the guardians, then a mentor measure resting on it.
    page.get_by_role("link", name="Registrer samtykke").click()
    page.get_by_label("Gitt av", exact=True).fill("Foreldrene Nevø")
    page.get_by_label(world.municipality.name).check()
    page.get_by_label(world.police.name).check()
    page.get_by_label("Mentor").check()
    page.get_by_label("Formål").fill("Mentor og samarbeid med politiet.")
    page.get_by_role("button", name="Registrer samtykke").click()
    expect(page.locator("main")).to_contain_text("Samtykket er registrert")
    page.get_by_role("link", name="Legg til tiltak").click()
    page.get_by_label("Tiltak", exact=True).select_option(label="Mentor")
    page.get_by_label("Samtykke").select_option(index=1)
    page.get_by_role("button", name="Legg til tiltak").click()
    expect(page.locator("#measures-heading")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Tiltaket er lagt til")

    # Share only the identity with the police, on consent.
    page.get_by_role("link", name="Del med den andre virksomheten").click()
    page.get_by_label("Personens identitet").check()
    page.get_by_label("Hjemmel").select_option(label="fvl. § 13 a nr. 1 – Samtykke")
    page.get_by_label("Samtykke").select_option(index=1)
    page.get_by_label("Begrunnelse").fill("Politiet tar en bekymringssamtale.")
    page.get_by_label("Får personen vite om utleveringen?").select_option("yes")
    page.get_by_role("button", name="Del", exact=True).click()
    expect(page.locator("main")).to_contain_text("Opplysningene er delt")
    assert Disclosure.objects.get().parts == ["identity"]

    # The police see the name, but not the description or the measures.
    police_context = open_context(browser)
    police_page = police_context.new_page()
    log_in_through_the_page(police_page, live_server.url, police_contact)
    _open_case(police_page, live_server, concern.reference)
    expect(police_page.locator("main")).to_contain_text("Nils Nevø")
    expect(police_page.locator("main")).not_to_contain_text("Tante er bekymret")
    expect(police_page.locator("main")).not_to_contain_text("Mentor")
    police_context.close()

    # The coordinator closes the case.
    page.goto(live_server.url + reverse("concerns:close", args=[concern.pk]))
    page.get_by_label("Utfall").select_option("measures_completed")
    page.get_by_label("Begrunnelse").fill("Mentorløpet er fullført.")
    # Closing ends the work: the running mentor measure must be decided first.
    page.get_by_role("button", name="Avslutt").click()
    expect(page.locator("main")).to_contain_text("Hvordan avsluttes tiltaket")
    expect(page.locator("[aria-invalid=true]")).to_have_count(1)
    page.get_by_label("Hvordan avsluttes tiltaket").select_option("completed")
    page.get_by_role("button", name="Avslutt").click()
    expect(page.locator("main")).to_contain_text("Bekymringen er avsluttet")
    expect(page.get_by_role("link", name="Gjenåpne")).to_be_visible()
    expect(page.get_by_role("link", name="Del med den andre virksomheten")).to_have_count(0)
    assert_accessible(page)

    # Five years on, the retention rule erases it; the police link and the case page are gone.
    Concern.objects.filter(pk=concern.pk).update(closed_at=timezone.now() - timedelta(days=5 * 366))
    assert [step.action for step in purge(timezone.localdate())] == ["erased"]
    page.goto(live_server.url + reverse("concerns:detail", args=[concern.pk]))
    expect(page.get_by_role("heading", level=1)).not_to_contain_text(concern.reference)
    assert not Concern.objects.exists()


def test_casework_settings_are_accessible(page: Page, live_server, world):
    log_in_through_the_page(page, live_server.url, user_with_authenticator(world, Role.ADMIN))
    page.goto(live_server.url + reverse("concerns:casework_settings"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Innstillinger for saksbehandling")
    assert_accessible(page)


def test_a_closed_case_is_reopened_with_a_reason_on_an_accessible_page(page: Page, live_server, world):
    concern = close(world, make_concern(world))
    coordinator = user_with_authenticator(world, Role.COORDINATOR)
    log_in_through_the_page(page, live_server.url, coordinator)
    page.goto(live_server.url + reverse("concerns:detail", args=[concern.pk]))
    expect(page.locator("main")).to_contain_text("Saken er avsluttet og kan bare leses")
    page.get_by_role("link", name="Gjenåpne").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gjenåpne saken")
    assert_accessible(page)
    page.get_by_role("button", name="Gjenåpne").click()
    expect(page.locator("[aria-invalid=true]")).to_have_count(1)
    assert_accessible(page)
    page.get_by_label("Hvorfor gjenåpnes saken?").fill("Ny melding fra skolen.")
    page.get_by_role("button", name="Gjenåpne").click()
    expect(page.locator("main")).to_contain_text("Saken er gjenåpnet for vurdering")
    concern.refresh_from_db()
    assert concern.status == "under_assessment"


def test_the_advice_sessions_are_found_and_accessible(page: Page, live_server, world):
    from varde.concerns.actions import intake as intake_actions
    from varde.concerns.tests.factories import handler_for

    intake_actions.log_advice_session(
        handler_for(world, world.municipality),
        agency=world.municipality,
        channel="hotline",
        reporter_category="relative",
        phenomenon="right_wing",
        advice_given="Rådet foreldrene å snakke med skolen.",
        held_on=timezone.localdate(),
    )
    log_in_through_the_page(page, live_server.url, user_with_authenticator(world, Role.COORDINATOR))
    page.goto(live_server.url + reverse("concerns:intake"))
    page.get_by_role("link", name="Tidligere veiledninger").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Veiledninger")
    page.get_by_label("Ord i rådet som ble gitt").fill("skolen")
    page.get_by_role("button", name="Filtrer").click()
    expect(page.locator("tbody")).to_contain_text("Rådet foreldrene å snakke med skolen.")
    assert_accessible(page)

"""Every page so far, loaded in Chromium as the role that uses it, passes axe at WCAG 2.1 AA."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from conftest import present
from varde.accounts.models import AuthenticatorApp
from varde.accounts.roles import Role
from varde.concerns.audit_actions import ConcernAudit
from varde.core.audit import record_event
from varde.core.models import AuditEvent

from .conftest import assert_accessible, current_code, log_in_through_the_page, open_menu_link

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def user_with_authenticator(world, role):
    user = world.make_user(role)
    if user.needs_second_factor:
        AuthenticatorApp.objects.create(user=user, name="app", confirmed=True)
    return user


def test_login_page_is_accessible_and_shows_errors_accessibly(page: Page, live_server, world):
    page.goto(f"{live_server.url}/login/")
    assert_accessible(page)
    page.get_by_role("button", name="Logg inn").click()  # empty form
    expect(page.get_by_role("alert")).to_be_visible()
    assert_accessible(page)


def test_an_address_refused_after_failures_is_told_so_accessibly(page: Page, live_server, world, settings):
    settings.VARDE_LOGIN_ADDRESS_LIMIT = 2
    page.goto(f"{live_server.url}/login/")
    for name in ("ukjent-en", "ukjent-to", "ukjent-tre"):
        page.get_by_label("Brukernavn").fill(name)
        page.get_by_label("Passord").fill("feil-passord")
        page.get_by_role("button", name="Logg inn").click()
    expect(page.get_by_role("alert")).to_contain_text("nettverksadressen din")
    page.console_errors.clear()  # type: ignore[attr-defined]  # the 429 status itself is reported as one
    assert_accessible(page)


def test_skip_link_is_first_and_moves_focus_to_main(page: Page, live_server, db):
    page.goto(f"{live_server.url}/login/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Hopp til hovedinnholdet")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#main")).to_be_focused()


def test_login_with_the_keyboard_only(page: Page, live_server, world):
    user = world.make_user(Role.EMPLOYEE)
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Brukernavn").focus()
    page.keyboard.type(user.username)
    page.keyboard.press("Tab")
    page.keyboard.type("riktig-passord-123")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/hjem/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Velkommen")


def test_first_login_enrols_an_authenticator_end_to_end(page: Page, live_server, world):
    user = world.make_user(Role.COORDINATOR)
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Brukernavn").fill(user.username)
    page.get_by_label("Passord").fill("riktig-passord-123")
    page.get_by_role("button", name="Logg inn").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sett opp totrinnsinnlogging")
    expect(
        page.get_by_role("img", name="QR-kode for å legge Varde til i en autentiseringsapp")
    ).to_be_visible()
    assert_accessible(page)
    device = AuthenticatorApp.objects.get(user=user, confirmed=False)
    page.get_by_label("Kode").fill(current_code(device))
    page.get_by_role("button", name="Bekreft").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ta vare på gjenopprettingskodene")
    assert_accessible(page)
    page.get_by_role("link", name="Jeg har tatt vare på kodene – fortsett").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Velkommen")


def test_a_one_time_password_is_replaced_first_and_the_pages_on_the_way_are_accessible(
    page: Page, live_server, world
):
    from varde.accounts.actions import NewUser, create_user_as_operator

    person = NewUser("ny.ansatt", "Ny", "Ansatt", "ny@example.invalid")
    user, one_time = create_user_as_operator(person, agency=world.municipality, role=Role.EMPLOYEE)
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Brukernavn").fill(user.username)
    page.get_by_label("Passord").fill(one_time)
    page.get_by_role("button", name="Logg inn").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bytt passord")
    expect(page.get_by_text("Du logget inn med et engangspassord")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Nåværende passord").fill(one_time)
    page.get_by_label("Nytt passord", exact=True).fill(one_time)
    page.get_by_label("Nytt passord en gang til").fill(one_time)
    page.get_by_role("button", name="Bytt passord").click()
    expect(page.get_by_text("Velg et annet passord enn det du har nå.").first).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Nåværende passord").fill(one_time)
    page.get_by_label("Nytt passord", exact=True).fill("et-eget-godt-passord-42")
    page.get_by_label("Nytt passord en gang til").fill("et-eget-godt-passord-42")
    page.get_by_role("button", name="Bytt passord").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Velkommen")


def test_replacing_the_authenticator_after_the_second_factor_is_accessible(page: Page, live_server, world):
    user = user_with_authenticator(world, Role.COORDINATOR)
    log_in_through_the_page(page, live_server.url, user)
    page.goto(f"{live_server.url}{reverse('accounts:account')}")
    page.get_by_role("link", name="Bytt autentiseringsapp").click()
    expect(page.get_by_text("slutter den gamle appen")).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.EMPLOYEE, Role.ADMIN, Role.PRIVACY_OFFICER])
def test_home_fits_the_role_and_is_accessible(page: Page, live_server, world, role):
    user = user_with_authenticator(world, role)
    log_in_through_the_page(page, live_server.url, user)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Velkommen")
    menu = page.get_by_role("navigation", name="Hovedmeny")
    # Links inside a closed group of the menu are there, not yet shown.
    expect(menu.get_by_role("link", name="Brukere", include_hidden=True)).to_have_count(
        1 if role == Role.ADMIN else 0
    )
    expect(menu.get_by_role("link", name="Revisjonslogg", include_hidden=True)).to_have_count(
        1 if role == Role.PRIVACY_OFFICER else 0
    )
    assert_accessible(page)


def test_the_access_report_finds_the_person_and_is_accessible(page: Page, live_server, world):
    from varde.concerns.tests.factories import SUBJECT_NAME, make_concern

    concern = make_concern(world)
    officer = user_with_authenticator(world, Role.PRIVACY_OFFICER)
    log_in_through_the_page(page, live_server.url, officer)
    open_menu_link(page, "Innsynsrapport")
    expect(page.get_by_role("heading", level=1)).to_have_text("Innsynsrapport")
    assert_accessible(page)
    page.get_by_label("Fullt navn").fill("Ola")
    page.get_by_role("button", name="Vis rapporten").click()
    expect(page.get_by_role("alert")).to_contain_text("Skriv hele navnet")
    assert_accessible(page)
    page.get_by_label("Fullt navn").fill(SUBJECT_NAME)
    page.get_by_role("button", name="Vis rapporten").click()
    expect(page.locator("main")).to_contain_text(f"Sak {concern.reference}")
    expect(page.get_by_role("button", name="Last ned som PDF til personen")).to_be_visible()
    assert_accessible(page)


def test_the_record_of_processing_is_readable_and_accessible(page: Page, live_server, world):
    log_in_through_the_page(page, live_server.url, user_with_authenticator(world, Role.PRIVACY_OFFICER))
    open_menu_link(page, "Protokoll over behandlingsaktiviteter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Protokoll over behandlingsaktiviteter")
    expect(page.get_by_role("heading", level=2)).to_have_text(world.municipality.name)
    assert_accessible(page)


def test_deletion_under_oversight_is_accessible(page: Page, live_server, world):
    log_in_through_the_page(page, live_server.url, user_with_authenticator(world, Role.PRIVACY_OFFICER))
    open_menu_link(page, "Sletting under tilsyn")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sletting under tilsyn")
    expect(page.get_by_role("status")).to_contain_text("har ikke kjørt ennå")
    assert_accessible(page)


def test_a_request_from_a_person_is_registered_on_accessible_pages(page: Page, live_server, world):
    log_in_through_the_page(page, live_server.url, user_with_authenticator(world, Role.PRIVACY_OFFICER))
    open_menu_link(page, "Henvendelser fra personer")
    expect(page.get_by_role("heading", level=1)).to_have_text("Henvendelser fra personer")
    assert_accessible(page)
    page.get_by_role("button", name="Registrer").click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Hvem som spør, og hvordan de kan nås").fill("Ola Fiktiv, telefon 99 99 99 99")
    page.get_by_label("Henvendelsen", exact=True).fill("Ber om innsyn.")
    page.get_by_role("button", name="Registrer").click()
    expect(page.locator("main")).to_contain_text("Den må besvares innen")
    expect(page.get_by_role("heading", level=1)).to_have_text("Innsyn (art. 15)")
    assert_accessible(page)


def test_audit_trail_filters_and_is_accessible(page: Page, live_server, world):
    officer = user_with_authenticator(world, Role.PRIVACY_OFFICER)
    log_in_through_the_page(page, live_server.url, officer)
    open_menu_link(page, "Revisjonslogg")
    expect(page.get_by_role("heading", level=1)).to_have_text("Revisjonslogg")
    assert_accessible(page)
    page.get_by_label("Handling").fill("login.succeeded")
    page.get_by_role("button", name="Filtrer").click()
    expect(page.locator("#audit-results tbody tr")).to_have_count(1)
    expect(page.locator("#audit-results")).to_contain_text("Logget inn")
    assert_accessible(page)
    assert AuditEvent.objects.filter(action="audit.viewed", actor_id=str(officer.pk)).exists()


def test_the_trail_of_a_person_is_found_by_name_and_paged_on(page: Page, live_server, world, monkeypatch):
    from varde.concerns.tests.factories import SUBJECT_NAME, make_concern
    from varde.privacy import views

    monkeypatch.setattr(views, "EVENTS_PER_PAGE", 2)
    concern = make_concern(world)
    reader = world.make_user(Role.COORDINATOR)
    for purpose in ("case page", "close", "assign", "review"):
        record_event(
            ConcernAudit.VIEWED, actor=reader, obj=concern, partnership=world.partnership, purpose=purpose
        )
    log_in_through_the_page(page, live_server.url, user_with_authenticator(world, Role.PRIVACY_OFFICER))
    page.goto(live_server.url + reverse("privacy:audit_trail"))
    page.get_by_text("Hendelser om en person").click()
    page.get_by_label("Fullt navn").fill("Ola")
    page.get_by_role("button", name="Finn personens hendelser").click()
    expect(page.get_by_role("alert")).to_contain_text("Skriv hele navnet")
    assert_accessible(page)
    page.get_by_label("Fullt navn").fill(SUBJECT_NAME)
    page.get_by_role("button", name="Finn personens hendelser").click()
    expect(page.locator("main")).to_contain_text(
        f"Viser hendelsene om personens sak {concern.reference} (O.F.T.)"
    )
    assert "Testesen" not in page.url
    first = page.locator("#audit-results tbody tr").all_inner_texts()
    assert first
    assert all(f"Sak {concern.reference} (O.F.T.)" in row for row in first)
    assert_accessible(page)
    page.get_by_role("link", name="Eldre hendelser").click()
    expect(page.get_by_role("link", name="Nyere hendelser")).to_be_visible()
    assert not set(page.locator("#audit-results tbody tr").all_inner_texts()) & set(first)
    page.go_back()
    expect(page.locator("#audit-results tbody tr")).to_have_count(len(first))


def test_a_date_range_refused_by_htmx_marks_its_field_and_keeps_the_focus(page: Page, live_server, world):
    log_in_through_the_page(page, live_server.url, user_with_authenticator(world, Role.PRIVACY_OFFICER))
    page.goto(live_server.url + reverse("privacy:audit_trail"))
    to_date = page.get_by_label("Til dato")
    page.get_by_label("Fra dato").fill("2026-12-07")
    to_date.fill("2026-12-06")
    to_date.press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("Til dato: Fra-datoen må være før til-datoen.")
    expect(to_date).to_have_attribute("aria-invalid", "true")
    expect(to_date).to_be_focused()
    assert_accessible(page)
    to_date.fill("2026-12-08")
    page.get_by_role("button", name="Filtrer").press("Enter")
    expect(page.get_by_role("alert")).to_have_count(0)
    expect(to_date).not_to_have_attribute("aria-invalid", "true")
    expect(page.get_by_role("button", name="Filtrer")).to_be_focused()


ADMIN_PAGES = [
    ("accounts:user_list", "Brukere"),
    ("accounts:user_create", "Ny bruker"),
    ("accounts:unit_list", "Enheter"),
    ("accounts:unit_create", "Ny enhet"),
    ("accounts:account", "Min konto"),
    ("accounts:password_change", "Bytt passord"),
]


@pytest.mark.parametrize(("name", "heading"), ADMIN_PAGES)
def test_admin_pages_are_accessible(page: Page, live_server, world, name, heading):
    log_in_through_the_page(page, live_server.url, user_with_authenticator(world, Role.ADMIN))
    page.goto(live_server.url + reverse(name))
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    assert_accessible(page)


def test_admin_creates_a_user_and_adds_a_role(page: Page, live_server, world):
    log_in_through_the_page(page, live_server.url, user_with_authenticator(world, Role.ADMIN))
    page.goto(live_server.url + reverse("accounts:user_create"))
    page.get_by_role("button", name="Opprett bruker").click()
    expect(page.get_by_role("alert")).to_be_visible()  # required fields explained
    assert_accessible(page)
    page.get_by_label("Brukernavn").fill("nyansatt")
    page.get_by_label("Fornavn").fill("Nora")
    page.get_by_label("Etternavn").fill("Nyansatt")
    page.get_by_label("E-post").fill("nora@example.invalid")
    page.get_by_label("Virksomhet", exact=True).select_option(label=world.municipality.name)
    page.get_by_label("Rolle", exact=True).select_option(label="Ansatt")
    page.get_by_role("button", name="Opprett bruker").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Engangspassord for nyansatt")
    page.get_by_role("link", name="Gå til brukeren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nora Nyansatt")
    assert_accessible(page)
    page.get_by_label("Virksomhet", exact=True).select_option(label=world.municipality.name)
    page.get_by_label("Rolle", exact=True).select_option(label="Ressursperson")
    page.get_by_label("Enhet (for ressurspersoner)").select_option(label=world.unit.name)
    page.get_by_role("button", name="Legg til rolle").click()
    expect(page.get_by_role("status")).to_contain_text("Rollen er lagt til.")
    expect(page.get_by_role("table")).to_contain_text("Ressursperson")


def test_not_found_page_is_accessible(page: Page, live_server, db):
    page.goto(f"{live_server.url}/finnes-ikke/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Vi finner ikke denne siden")
    page.console_errors.clear()  # type: ignore[attr-defined]  # the 404 status itself is reported as one
    assert_accessible(page)


def test_the_menu_keeps_to_one_row_and_folds_on_a_phone(browser, live_server, world):
    from .conftest import axe_violations, open_context

    coordinator = user_with_authenticator(world, Role.COORDINATOR)
    wide = open_context(browser, viewport={"width": 1280, "height": 800})
    page = wide.new_page()
    log_in_through_the_page(page, live_server.url, coordinator)
    menu = page.get_by_role("navigation", name="Hovedmeny")
    heights = {
        round(box["y"])
        for box in (present(item.bounding_box()) for item in menu.locator(":scope > ul > li").all())
    }
    assert len(heights) == 1, "one row"
    # A group opens from the keyboard and closes with Escape.
    group = menu.locator("summary", has_text="Samarbeid")
    group.focus()
    page.keyboard.press("Enter")
    expect(menu.get_by_role("link", name="Nettverk")).to_be_visible()
    assert axe_violations(page) == []
    page.keyboard.press("Escape")
    expect(menu.get_by_role("link", name="Nettverk")).to_be_hidden()
    wide.close()
    phone = open_context(browser, viewport={"width": 390, "height": 844})
    page = phone.new_page()
    # Another coordinator: the first one's code was just used, and a code works once.
    log_in_through_the_page(page, live_server.url, user_with_authenticator(world, Role.COORDINATOR))
    expect(page.get_by_role("navigation", name="Hovedmeny")).to_be_hidden()
    page.get_by_text("Meny", exact=True).click()
    expect(page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Saker")).to_be_visible()
    assert axe_violations(page) == []
    phone.close()

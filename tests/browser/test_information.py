"""Information pages in Chromium: every public page passes axe at desktop and phone width without
login, the editor and the employee page pass axe, and a page is edited, previewed and published."""

from datetime import timedelta

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, Page, expect

from varde.accounts.roles import Role
from varde.information.demo import load_demo_pages
from varde.information.models import InfoPage, PageKey

from .conftest import assert_accessible, axe_violations, log_in_through_the_page, open_context, open_menu_link
from .test_pages import user_with_authenticator

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, PHONE], ids=["desktop", "phone"])
def test_every_public_page_is_accessible(browser: Browser, live_server, world, viewport):
    load_demo_pages(world.partnership)
    context = open_context(browser, viewport=viewport)
    page = context.new_page()
    slug = world.partnership.slug
    urls = [reverse("accounts:root"), reverse("information:public_index", args=[slug])]
    urls += [reverse("information:public_page", args=[slug, key]) for key in PageKey]
    for url in urls:
        response = page.goto(live_server.url + url)
        assert response is not None
        assert response.status == 200
        assert axe_violations(page) == []
    # Nothing on these pages is fetched from anywhere but Varde itself: no tracking.
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(live_server.url + urls[1])
    assert all(url.startswith(live_server.url) for url in requested)
    context.close()


def test_the_editor_previews_and_publishes(page: Page, live_server, world):
    editor = user_with_authenticator(world, Role.COMMUNICATIONS)
    info = InfoPage.objects.get(partnership=world.partnership, key=PageKey.SIGNS, language="nb")
    log_in_through_the_page(page, live_server.url, editor)
    open_menu_link(page, "Informasjonssider")
    assert_accessible(page)
    page.goto(live_server.url + reverse("information:edit", args=[info.pk]))
    assert_accessible(page)
    page.get_by_label("Tittel").fill("Tegn å se etter")
    page.get_by_label("Tekst").fill("Ingen sjekkliste.\n\n- **endring** over tid")
    page.get_by_role("button", name="Forhåndsvis").click()
    expect(page.locator(".varde-preview strong")).to_have_text("endring")
    assert_accessible(page)
    page.get_by_role("button", name="Lagre utkast").click()
    page.get_by_role("button", name="Publiser versjon 1").click()
    expect(page.locator("#version-history")).to_contain_text("Publisert")
    page.goto(
        live_server.url + reverse("information:public_page", args=[world.partnership.slug, PageKey.SIGNS])
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Tegn å se etter")


def test_the_employee_page_is_accessible(page: Page, live_server, world):
    employee = user_with_authenticator(world, Role.EMPLOYEE)
    log_in_through_the_page(page, live_server.url, employee)
    open_menu_link(page, "Bekymret på jobben?")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bekymret for noen på jobben?")
    assert_accessible(page)


def test_the_event_pages_are_accessible_and_an_event_is_registered(page: Page, live_server, world):
    from django.utils import timezone

    from varde.information.models import Event

    police = user_with_authenticator(world, Role.POLICE_CONTACT)
    log_in_through_the_page(page, live_server.url, police)
    open_menu_link(page, "Markeringer")
    assert_accessible(page)
    page.get_by_label("Tittel").fill("Markering på torget")
    page.get_by_label("Starter").fill((timezone.localtime() + timedelta(days=5)).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Sted", exact=True).fill("Torvet")
    page.get_by_role("button", name="Registrer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Markering på torget")
    page.get_by_role("textbox", name="Risikonotat").fill("Motdemonstrasjon er varslet.")
    page.get_by_role("button", name="Lagre risikonotatet").click()
    expect(page.locator("#risk-notes")).to_contain_text("Motdemonstrasjon er varslet.")
    assert_accessible(page)
    assert Event.objects.get().risk_notes.count() == 1


def test_a_visitor_goes_from_the_root_to_the_form(page: Page, live_server, world):
    from varde.concerns.models import ConcernSettings

    settings = ConcernSettings.of(world.partnership)
    settings.hotline_phone = "69 00 00 00"
    settings.save()
    page.goto(live_server.url + "/")
    card = page.locator(".ds-card").filter(has_text=world.partnership.name)
    expect(card.get_by_role("link", name="69 00 00 00")).to_have_attribute("href", "tel:+4769000000")
    card.get_by_role("link", name="Meld en bekymring på nett").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Er du bekymret for noen?")
    expect(page.locator("main")).to_contain_text("Ring bekymringstelefonen på 69 00 00 00")

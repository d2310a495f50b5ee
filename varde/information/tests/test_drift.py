"""A translation that falls behind the bokmål page says so to the editor and to the reader, and a
phone number is written once."""

import time_machine
from django.urls import reverse

from conftest import log_in
from varde.accounts.roles import Role
from varde.information import actions
from varde.information.formatting import render_text
from varde.information.models import InfoPage, PageKey
from varde.information.reference_data import create_pages


def publish(editor, page, title, when):
    with time_machine.travel(when, tick=False):
        actions.save_draft(editor, page, title=title, body=f"{title}.", version=page.version)
        page.refresh_from_db()
        actions.publish(editor, page)


def test_an_english_page_behind_the_bokmal_one_is_marked_for_the_editor_and_the_reader(world, client):
    create_pages(world.partnership)
    editor = world.make_user(Role.COMMUNICATIONS)
    bokmal = InfoPage.objects.get(partnership=world.partnership, key=PageKey.WHERE_TO_TURN, language="nb")
    english = InfoPage.objects.get(partnership=world.partnership, key=PageKey.WHERE_TO_TURN, language="en")
    publish(editor, bokmal, "Kontakt", "2026-11-01T10:00:00+01:00")
    publish(editor, english, "Contact", "2026-11-02T10:00:00+01:00")
    public_url = reverse("information:public_page", args=[world.partnership.slug, PageKey.WHERE_TO_TURN])
    notice = "This English text may be older than the Norwegian page"
    client.cookies["django_language"] = "en"
    assert notice not in client.get(public_url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    publish(editor, bokmal, "Kontakt oss", "2026-12-01T10:00:00+01:00")
    assert notice in client.get(public_url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    log_in(client, editor)
    client.cookies["django_language"] = "nb"
    listing = client.get(reverse("information:editor_list")).content.decode()
    assert listing.count("Utdatert: bokmålsteksten er endret siden") == 1
    edit = client.get(reverse("information:edit", args=[english.pk])).content.decode()
    assert "Bokmålssiden er publisert på nytt etter denne engelske versjonen." in edit
    # Brought up to date, the mark goes.
    publish(editor, english, "Contact us", "2026-12-02T10:00:00+01:00")
    assert "Utdatert" not in client.get(reverse("information:editor_list")).content.decode()


def test_a_phone_number_is_written_once():
    html = str(render_text("Ring [69 00 00 00](tel:), [112](tel:) eller [+46 8 123 456](tel:)."))
    assert '<a href="tel:+4769000000">69 00 00 00</a>' in html
    assert '<a href="tel:112">112</a>' in html
    assert '<a href="tel:+468123456">+46 8 123 456</a>' in html

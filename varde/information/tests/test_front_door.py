"""The public's way in: the root lists each partnership's pages, form and hotline; the public pages
speak to the public, not to staff, and the 112 notice is information, not an error."""

from django.urls import reverse

from conftest import log_in
from varde.accounts.roles import Role
from varde.concerns.models import ConcernSettings

STAFF_WORDING = "felles arbeidsrom"


def with_hotline(world, number="69 00 00 00"):
    settings = ConcernSettings.of(world.partnership)
    settings.hotline_phone = number
    settings.save()


def test_a_visitor_at_the_root_finds_the_pages_the_form_and_the_hotline(world, other_world, client):
    with_hotline(world)
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    for partnership in (world.partnership, other_world.partnership):
        assert partnership.name in html
        assert reverse("information:public_index", args=[partnership.slug]) in html
        assert reverse("concerns:public_form", args=[partnership.slug]) in html
    assert '<a class="ds-link" href="tel:+4769000000">69 00 00 00</a>' in html
    assert reverse("accounts:login") in html
    assert STAFF_WORDING not in html
    assert 'data-color="danger"' not in html


def test_staff_at_the_root_go_on_to_their_home_page(world, client):
    log_in(client, world.make_user(Role.COORDINATOR))
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:home")


def test_the_public_index_and_form_carry_the_hotline_and_no_staff_wording(world, client):
    with_hotline(world, "+47 69 12 34 56")
    for url in (
        reverse("information:public_index", args=[world.partnership.slug]),
        reverse("concerns:public_form", args=[world.partnership.slug]),
    ):
        html = client.get(url).content.decode()
        assert '<a class="ds-link" href="tel:+4769123456">+47 69 12 34 56</a>' in html
        assert "112" in html
        assert STAFF_WORDING not in html
        assert 'data-color="danger"' not in html

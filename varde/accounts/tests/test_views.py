"""Forms answer bad input with a clear message and change nothing; output is always escaped."""

import pytest
from django.test import Client
from django.urls import reverse

from conftest import edit_basis, log_in
from varde.accounts.models import Unit, User
from varde.accounts.roles import Role

SCRIPT = "<script>alert('x')</script>"
BAD_VALUES = [SCRIPT, "x" * 5000, "", "  ", "\x00", "12abc"]


@pytest.fixture
def admin_client(world, client):
    return log_in(client, world.make_user(Role.ADMIN))


@pytest.mark.parametrize("value", BAD_VALUES)
def test_user_create_rejects_bad_input(admin_client, world, value):
    before = User.objects.count()
    response = admin_client.post(
        reverse("accounts:user_create"),
        {
            "username": value,
            "first_name": value,
            "last_name": "B",
            "email": value,
            "agency": value,
            "role": value,
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Rett opp følgende" in html
    assert SCRIPT not in html
    assert User.objects.count() == before


@pytest.mark.parametrize("value", BAD_VALUES)
def test_unit_form_rejects_bad_input(admin_client, world, value):
    before = Unit.objects.count()
    response = admin_client.post(
        reverse("accounts:unit_create"), {"agency": value, "name": value, "kind": value, "first_line": value}
    )
    assert response.status_code == 200
    assert SCRIPT not in response.content.decode()
    assert Unit.objects.count() == before


@pytest.mark.parametrize("value", BAD_VALUES)
def test_login_form_rejects_bad_input(client, db, value):
    response = client.post("/login/", {"username": value, "password": value})
    assert response.status_code == 200
    assert SCRIPT not in response.content.decode()


def test_unit_name_with_markup_is_shown_escaped(admin_client, world):
    response = admin_client.post(
        reverse("accounts:unit_create"),
        {
            "agency": world.municipality.pk,
            "name": SCRIPT,
            "kind": "school",
            "first_line": "on",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    html = admin_client.get(reverse("accounts:unit_list")).content.decode()
    assert SCRIPT not in html
    assert "&lt;script&gt;" in html


def test_duplicate_unit_name_gets_a_message(admin_client, world):
    response = admin_client.post(
        reverse("accounts:unit_create"),
        {"agency": world.municipality.pk, "name": world.unit.name, "kind": "school"},
    )
    assert response.status_code == 200
    assert Unit.objects.filter(name=world.unit.name).count() == 1


def test_unknown_account_action_changes_nothing(admin_client, world):
    target = world.make_user(Role.EMPLOYEE)
    response = admin_client.post(
        reverse("accounts:user_account_action", args=[target.pk]), {"action": SCRIPT}
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.is_active


def test_password_change_with_mismatch_explains(client, world):
    user = world.make_user(Role.EMPLOYEE)
    log_in(client, user)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": "riktig-passord-123",
            "new_password": "Et-langt-nytt-pass1",
            "new_password_again": "annet",
        },
    )
    assert "De to passordene er ikke like." in response.content.decode()


def test_user_list_keeps_a_constant_number_of_queries(admin_client, world, django_assert_max_num_queries):
    for _ in range(50):
        world.make_user(Role.EMPLOYEE)
    with django_assert_max_num_queries(12):
        assert admin_client.get(reverse("accounts:user_list")).status_code == 200


def test_user_list_queries_with_one_row(admin_client, world, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        assert admin_client.get(reverse("accounts:user_list")).status_code == 200


def test_demo_loads_twice_without_duplicates(db):
    from varde.accounts.demo import DEMO_USERS, load_demo
    from varde.accounts.models import Membership, Partnership

    load_demo()
    load_demo()
    assert Partnership.objects.count() == 1
    assert User.objects.filter(is_demo=True).count() == len(DEMO_USERS)
    assert Membership.objects.count() == len(DEMO_USERS)
    assert Unit.objects.filter(first_line=True).values("kind").distinct().count() == 7
    assert Unit.objects.filter(kind="school").count() >= 2


def test_two_admins_editing_a_unit_do_not_overwrite_each_other(world):
    url = reverse("accounts:unit_edit", args=[world.unit.pk])
    first, second = (log_in(Client(), world.make_user(Role.ADMIN)) for _ in range(2))
    opened_first, opened_second = (edit_basis(c.get(url).content.decode()) for c in (first, second))
    unit = {"agency": world.municipality.pk, "kind": "school", "is_active": "on"}
    assert first.post(url, {**opened_first, **unit, "name": "Gressvik skole"}).status_code == 302
    refused = second.post(url, {**opened_second, **unit, "name": "Gressvik ungdomsskole"})
    assert "Navn (nå «Gressvik skole»)" in refused.content.decode()
    assert Unit.objects.get(pk=world.unit.pk).name == "Gressvik skole"


def test_a_null_character_in_the_user_search_is_left_out(admin_client, world):
    world.make_user(Role.EMPLOYEE, username="ansatt")
    response = admin_client.get(reverse("accounts:user_list"), {"q": "ans\x00att"})
    assert response.status_code == 200
    assert "ansatt" in response.content.decode()

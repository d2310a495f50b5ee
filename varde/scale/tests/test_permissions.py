"""The benchmark floor pages: for any signed-in member while the benchmark switch is on, and not found
otherwise – a production installation never shows them."""

import pytest
from django.test import override_settings
from django.urls import reverse

from conftest import ALL_ROLES, log_in
from varde.core.audit import verify_chain
from varde.core.models import AuditEvent

FLOORS = ("scale:floor_row", "scale:floor_table")
AUDITED_FLOORS = ("scale:floor_row_audited", "scale:floor_table_audited")
EXPECTED = {name: set(ALL_ROLES) for name in FLOORS + AUDITED_FLOORS}
OUTSIDE_MATRIX: set[str] = set()


@override_settings(VARDE_BENCH_FLOOR=True)
@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_member_opens_the_floor_while_benchmarking(name, role, world, client):
    log_in(client, world.make_user(role))
    assert client.get(reverse(name)).status_code == 200


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_floor_is_not_found_without_the_switch(name, world, client_as):
    assert client_as("coordinator").get(reverse(name)).status_code == 404


@override_settings(VARDE_BENCH_FLOOR=True)
def test_the_table_floor_keeps_a_constant_number_of_queries(world, client_as, django_assert_max_num_queries):
    from varde.accounts.tests.factories import UnitFactory

    client = client_as("coordinator")
    UnitFactory.create_batch(60, agency=world.municipality)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("scale:floor_table")).content.decode()
    assert page.count("<tr>") == 51


@override_settings(VARDE_BENCH_FLOOR=True)
@pytest.mark.parametrize(
    ("name", "events_per_view"), [(n, 0) for n in FLOORS] + [(n, 1) for n in AUDITED_FLOORS]
)
def test_an_audited_floor_appends_one_linked_event_per_view_and_a_plain_one_none(
    name, events_per_view, world, client_as
):
    client = client_as("coordinator")
    before = AuditEvent.objects.count()
    client.get(reverse(name))
    client.get(reverse(name))
    assert AuditEvent.objects.filter(action="bench.floor_viewed").count() == 2 * events_per_view
    assert AuditEvent.objects.count() == before + 2 * events_per_view
    assert verify_chain().intact

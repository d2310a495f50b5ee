"""The network registries: who may open and keep them, organisations and the contact log, resource
persons per unit with the gaps flagged, and the preparedness page."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from conftest import ALL_ROLES, World, log_in
from varde.accounts.roles import Role
from varde.accounts.tests.factories import UnitFactory
from varde.core.errors import ActionRefused
from varde.network import actions
from varde.network.models import ContactLog, Organisation, OrganisationKind

KEEPERS = {Role.PLAN_MANAGER.value, Role.COORDINATOR.value, Role.POLICE_CONTACT.value}
READERS = KEEPERS | {Role.VIEWER.value}
EXPECTED = {
    "network:organisations": READERS,
    "network:organisation": READERS,
    "network:resource_persons": READERS,
    "network:preparedness": READERS,
}
OUTSIDE_MATRIX: set[str] = set()


def keeper(world: World):
    return world.make_user(Role.COORDINATOR)


def make_organisation(
    world: World, name: str = "Moskeen", kind: str = OrganisationKind.CIVIL_SOCIETY
) -> Organisation:
    return actions.add_organisation(keeper(world), world.partnership, name=name, kind=kind, description="")


def url_for(name: str, world: World) -> str:
    if name == "network:organisation":
        return reverse(name, args=[make_organisation(world).pk])
    return reverse(name)


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_role_opens_exactly_the_pages_it_may(name, role, world, client):
    url = url_for(name, world)
    log_in(client, world.make_user(role))
    assert client.get(url).status_code == (200 if role in EXPECTED[name] else 404)


def test_another_partnership_cannot_open_an_organisation(world, other_world, client):
    url = url_for("network:organisation", world)
    log_in(client, other_world.make_user(Role.COORDINATOR))
    assert client.get(url).status_code == 404


def test_keeping_organisations_contacts_and_the_log(world, client):
    organisation = make_organisation(world)
    with pytest.raises(ActionRefused):
        make_organisation(world, name="moskeen")
    with pytest.raises(PermissionDenied):
        actions.add_organisation(
            world.make_user(Role.VIEWER), world.partnership, name="X", kind="network", description=""
        )
    with pytest.raises(ActionRefused):
        actions.log_contact(
            keeper(world), organisation, occurred_on=timezone.localdate() + timedelta(days=1), text="x"
        )
    log_in(client, keeper(world))
    url = reverse("network:organisation", args=[organisation.pk])
    client.post(url, {"action": "contact", "contact-name": "Ali Fiktiv", "contact-email": "ikke-epost"})
    assert not organisation.contacts.exists()
    client.post(url, {"action": "contact", "contact-name": "Ali Fiktiv", "contact-role": "Styreleder"})
    client.post(
        url,
        {
            "action": "log",
            "log-occurred_on": timezone.localdate().isoformat(),
            "log-text": "Møte om trygghet.",
        },
    )
    page = client.get(url).content.decode()
    assert "Ali Fiktiv, Styreleder" in page
    assert "Møte om trygghet." in page
    log_in(client, world.make_user(Role.VIEWER))
    assert (
        client.post(url, {"action": "log", "log-occurred_on": "2025-01-01", "log-text": "x"}).status_code
        == 404
    )
    assert ContactLog.objects.count() == 1


def test_first_line_units_without_a_resource_person_are_flagged(world, client):
    UnitFactory.create(agency=world.municipality, name="Barnevernet", first_line=True)
    world.make_user(Role.RESOURCE_PERSON)
    log_in(client, world.make_user(Role.PLAN_MANAGER))
    page = client.get(reverse("network:resource_persons")).content.decode()
    assert "1 førstelinjeenhet har ingen ressursperson." in page
    assert world.unit.name in page


def test_the_preparedness_page_shows_the_officer_and_the_briefings(world, client):
    officer = make_organisation(world, name="Beredskapsansvarlig", kind=OrganisationKind.PREPAREDNESS)
    actions.add_contact(
        keeper(world), officer, name="Berit Beredskap", role="", email="b@example.invalid", phone=""
    )
    log_in(client, world.make_user(Role.VIEWER))
    page = client.get(reverse("network:preparedness")).content.decode()
    assert "Berit Beredskap" in page
    assert "Ingen orienteringer ennå." in page

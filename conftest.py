"""Fixtures shared by every app's tests: a partnership with both agencies, and users by role."""

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.tasks import task_backends
from django.tasks.backends.dummy import DummyBackend
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY

from varde.accounts.models import Agency, AuthenticatorApp, Membership, Partnership, Unit, User
from varde.accounts.roles import Role, role_info
from varde.accounts.tests.factories import AgencyFactory, PartnershipFactory, UnitFactory, UserFactory
from varde.concerns.reference_data import seed_reference_data

PASSWORD = "riktig-passord-123"  # noqa: S105  (test fixture)


class World:
    """One partnership with its municipality, police district and a first-line unit."""

    def __init__(self, name: str = "Fredrikstad") -> None:
        self.partnership: Partnership = PartnershipFactory.create(name=f"{name} (test)", slug=name.lower())
        self.municipality: Agency = AgencyFactory.create(partnership=self.partnership, name=f"{name} kommune")
        self.police: Agency = AgencyFactory.create(
            partnership=self.partnership, police=True, name=f"{name} politi"
        )
        self.unit: Unit = UnitFactory.create(agency=self.municipality, name=f"{name} ungdomsskole")
        seed_reference_data(self.partnership)

    def agency_for(self, role: str) -> Agency:
        return self.municipality if self.municipality.kind in role_info(role).agency_kinds else self.police

    def make_user(self, role: str, *, agency: Agency | None = None, **fields: Any) -> User:
        agency = agency or self.agency_for(role)
        user: User = UserFactory.create(**fields)
        unit = self.unit if role_info(role).needs_unit else None
        Membership.objects.create(user=user, agency=agency, role=role, unit=unit)
        return user


@pytest.fixture
def world(db: Any) -> World:
    return World()


@pytest.fixture
def other_world(db: Any) -> World:
    return World("Sarpsborg")


@pytest.fixture
def make_user(world: World) -> Callable[..., User]:
    return world.make_user


def log_in(client: Client, user: User) -> Client:
    """Log in as if the user had also passed the second factor, when their roles need one."""
    client.force_login(user)
    if user.needs_second_factor:
        device = AuthenticatorApp.objects.create(user=user, name="test", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def edit_basis(page: str) -> dict[str, str]:
    """The hidden version and basis fields an edit page sent to the browser, by (prefixed) name."""
    return dict(re.findall(r'name="((?:[\w-]+-)?(?:version|basis))" value="([^"]*)"', page))


@pytest.fixture
def client_as(world: World, client: Client) -> Callable[[str], Client]:
    def _client_as(role: str) -> Client:
        return log_in(client, world.make_user(role))

    return _client_as


ALL_ROLES = [role.value for role in Role]


def named_urls() -> dict[str, Any]:
    """Every named URL in the project, as 'namespace:name' → view callback."""
    from django.urls import URLPattern, URLResolver, get_resolver

    found: dict[str, Any] = {}

    def walk(patterns: list[Any], namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                found[f"{namespace}{pattern.name}"] = pattern.callback

    walk(get_resolver().url_patterns, "")
    return found


def present[T](value: T | None) -> T:
    """What a test has just made, or found on a page: its absence fails the test where it shows."""
    assert value is not None
    return value


def task_queue() -> DummyBackend:
    """The test settings' task backend, which keeps what was enqueued instead of running it."""
    backend = task_backends["default"]
    assert isinstance(backend, DummyBackend)
    return backend

"""Account actions change state, re-check permission and leave one audit event each."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from varde.accounts import actions
from varde.accounts.models import Membership, Unit
from varde.accounts.roles import Role
from varde.core.models import AuditEvent


@pytest.fixture
def admin(world):
    return world.make_user(Role.ADMIN)


def test_create_user_with_first_membership_and_one_time_password(world):
    admin = world.make_user(Role.ADMIN, agency=world.police)
    user, password = actions.create_user(
        admin,
        username="ny",
        first_name="Ny",
        last_name="Bruker",
        email="ny@example.invalid",
        agency=world.police,
        role=Role.POLICE_CONTACT,
    )
    assert user.check_password(password)
    assert list(user.memberships.values_list("role", flat=True)) == [Role.POLICE_CONTACT]
    event = AuditEvent.objects.get(action="user.created")
    assert event.actor_id == str(admin.pk)
    assert event.object_id == str(user.pk)
    assert event.partnership_id == str(world.partnership.pk)


def test_admin_cannot_create_users_in_another_partnership(admin, other_world):
    with pytest.raises(PermissionDenied):
        actions.create_user(
            admin,
            username="x",
            first_name="X",
            last_name="Y",
            email="x@example.invalid",
            agency=other_world.municipality,
            role=Role.EMPLOYEE,
        )


@pytest.mark.parametrize(
    ("role", "police", "with_unit", "message"),
    [
        (Role.POLICE_CONTACT, False, False, "kan ikke innehas"),
        (Role.COORDINATOR, True, False, "kan ikke innehas"),
        (Role.RESOURCE_PERSON, False, False, "Velg enheten"),
    ],
)
def test_membership_must_fit_the_agency(world, role, police, with_unit, message):
    target = world.make_user(Role.EMPLOYEE)
    agency = world.police if police else world.municipality
    admin = world.make_user(Role.ADMIN, agency=agency)
    with pytest.raises(ValidationError, match=message):
        actions.add_membership(
            admin, target, agency=agency, role=role, unit=world.unit if with_unit else None
        )


def test_an_administrator_manages_only_the_people_of_their_own_agency(admin, world):
    police_contact = world.make_user(Role.POLICE_CONTACT)
    with pytest.raises(PermissionDenied):
        actions.create_user(
            admin,
            username="x",
            first_name="X",
            last_name="Y",
            email="x@example.invalid",
            agency=world.police,
            role=Role.POLICE_CONTACT,
        )
    for change in (actions.reset_password, actions.reset_second_factor):
        with pytest.raises(PermissionDenied):
            change(admin, police_contact)
    with pytest.raises(PermissionDenied):
        actions.set_user_active(admin, police_contact, active=False)
    with pytest.raises(PermissionDenied):
        actions.add_membership(admin, police_contact, agency=world.police, role=Role.EMPLOYEE)
    with pytest.raises(PermissionDenied):
        actions.remove_membership(admin, police_contact.memberships.get())
    assert not AuditEvent.objects.filter(object_id=str(police_contact.pk)).exists()


def test_a_person_in_both_agencies_is_reset_only_by_who_administers_both(admin, world):
    both = world.make_user(Role.EMPLOYEE)
    Membership.objects.create(user=both, agency=world.police, role=Role.EMPLOYEE)
    with pytest.raises(PermissionDenied):
        actions.reset_password(admin, both)
    Membership.objects.create(user=admin, agency=world.police, role=Role.ADMIN)
    admin_of_both = type(admin).objects.get(pk=admin.pk)  # roles are read once per loaded user
    assert actions.reset_password(admin_of_both, both)


def test_unit_from_another_agency_is_refused(admin, world):
    target = world.make_user(Role.EMPLOYEE)
    police_unit = Unit.objects.create(agency=world.police, name="Politiets enhet", kind="other")
    with pytest.raises(ValidationError, match="høre til"):
        actions.add_membership(
            admin, target, agency=world.municipality, role=Role.RESOURCE_PERSON, unit=police_unit
        )


def test_the_last_membership_cannot_be_removed(admin, world):
    target = world.make_user(Role.EMPLOYEE)
    with pytest.raises(ValidationError, match="siste rolle"):
        actions.remove_membership(admin, target.memberships.get())


def test_removing_a_membership_is_recorded(admin, world):
    target = world.make_user(Role.EMPLOYEE)
    extra = actions.add_membership(admin, target, agency=world.municipality, role=Role.VIEWER)
    actions.remove_membership(admin, extra)
    assert not Membership.objects.filter(pk=extra.pk).exists()
    assert AuditEvent.objects.filter(action="membership.removed", object_id=str(target.pk)).exists()


def test_deactivated_user_loses_every_role_check(admin, world):
    target = world.make_user(Role.COORDINATOR)
    actions.set_user_active(admin, target, active=False)
    target.refresh_from_db()
    assert not target.has_any_role([Role.COORDINATOR])


def test_admin_cannot_deactivate_themselves(admin):
    with pytest.raises(ValidationError):
        actions.set_user_active(admin, admin, active=False)


def test_non_admin_cannot_act(world):
    coordinator = world.make_user(Role.COORDINATOR)
    target = world.make_user(Role.EMPLOYEE)
    with pytest.raises(PermissionDenied):
        actions.reset_password(coordinator, target)

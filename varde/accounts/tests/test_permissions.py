"""Role × page matrix: each role either opens a page or gets 404, never a hint that it exists."""

import pytest
from django.urls import reverse

from conftest import ALL_ROLES, World, log_in
from varde.accounts import permissions
from varde.accounts.audit_actions import AccountAudit
from varde.accounts.models import Membership
from varde.accounts.roles import Role
from varde.core.models import AuditEvent

ADMIN = {Role.ADMIN.value}
PRIVACY = {Role.PRIVACY_OFFICER.value}
EVERYONE = set(ALL_ROLES)

# The pages each role may open. A new page must be added here, or test_every_page_is_in_the_matrix fails.
EXPECTED = {
    "accounts:home": EVERYONE,
    "accounts:account": EVERYONE,
    "accounts:password_change": EVERYONE,
    "accounts:user_list": ADMIN,
    "accounts:user_create": ADMIN,
    "accounts:user_detail": ADMIN,
    "accounts:unit_list": ADMIN,
    "accounts:unit_create": ADMIN,
    "accounts:unit_edit": ADMIN,
    "privacy:audit_trail": PRIVACY,
    "privacy:access_report": PRIVACY,
    "privacy:processing_record": PRIVACY,
    "privacy:retention": PRIVACY,
    "privacy:requests": PRIVACY,
}
# Pages outside the matrix: public, part of logging in, or POST-only actions tested on their own
# (/metrics admits by address or token, not by role: core/tests/test_metrics.py).
OUTSIDE_MATRIX = {
    "core:healthz",
    "core:metrics",
    "accounts:root",
    "core:switch_language",
    "accounts:login",
    "accounts:logout",
    "accounts:mfa_setup",
    "accounts:mfa_verify",
    "accounts:user_account_action",
    "accounts:membership_remove",
    "accounts:notifications_read",
    "privacy:processing_record_pdf",
    "privacy:request_detail",
}


def url_for(name: str, world: World) -> str:
    if name == "accounts:user_detail":
        return reverse(name, args=[world.make_user(Role.EMPLOYEE).pk])
    if name == "accounts:unit_edit":
        return reverse(name, args=[world.unit.pk])
    return reverse(name)


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_role_opens_exactly_the_pages_it_may(name, role, world, client):
    log_in(client, world.make_user(role))
    response = client.get(url_for(name, world))
    expected = 200 if role in EXPECTED[name] else 404
    assert response.status_code == expected


def test_every_page_is_in_the_matrix():
    from conftest import named_urls
    from varde.actionplan.tests import test_permissions as actionplan
    from varde.api.tests import test_permissions as api
    from varde.assessments.tests import test_permissions as assessments
    from varde.concerns.tests import test_permissions as concerns
    from varde.information.tests import test_events as events
    from varde.information.tests import test_information as information
    from varde.meetings.tests import test_permissions as meetings
    from varde.network.tests import test_network as network
    from varde.scale.tests import test_permissions as scale
    from varde.statistics.tests import test_statistics as statistics

    in_matrices = set(EXPECTED) | OUTSIDE_MATRIX
    apps = (concerns, assessments, meetings, actionplan, network, information, events, statistics, api, scale)
    for app in apps:
        in_matrices |= set(app.EXPECTED) | app.OUTSIDE_MATRIX
    assert set(named_urls()) == in_matrices


@pytest.mark.parametrize("name", sorted(n for n in EXPECTED if n != "accounts:home"))
def test_anonymous_visitors_are_sent_to_login(name, world, client):
    response = client.get(url_for(name, world))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_admin_cannot_open_a_user_of_another_partnership(world, other_world, client):
    log_in(client, world.make_user(Role.ADMIN))
    stranger = other_world.make_user(Role.COORDINATOR)
    assert client.get(reverse("accounts:user_detail", args=[stranger.pk])).status_code == 404
    assert client.get(reverse("accounts:unit_edit", args=[other_world.unit.pk])).status_code == 404


def test_admin_sees_only_own_partnerships_users_in_the_list(world, other_world, client):
    log_in(client, world.make_user(Role.ADMIN, username="adminbruker"))
    colleague = world.make_user(Role.COORDINATOR, username="kollega")
    stranger = other_world.make_user(Role.COORDINATOR, username="fremmed")
    page = client.get(reverse("accounts:user_list")).content.decode()
    assert colleague.username in page
    assert stranger.username not in page


@pytest.mark.parametrize("police", [False, True])
def test_each_agency_s_admin_manages_only_its_own_people_and_units(police, world, client):
    own, other = (world.police, world.municipality) if police else (world.municipality, world.police)
    log_in(client, world.make_user(Role.ADMIN, agency=own, username="adminbruker"))
    colleague = world.make_user(Role.EMPLOYEE, agency=own, username="kollega")
    partner = world.make_user(Role.EMPLOYEE, agency=other, username="partner")
    partner_unit = world.unit.__class__.objects.create(agency=other, name="Partnerens enhet", kind="other")
    page = client.get(reverse("accounts:user_list")).content.decode()
    assert colleague.username in page
    assert partner.username not in page
    assert client.get(reverse("accounts:user_detail", args=[partner.pk])).status_code == 404
    assert client.get(reverse("accounts:unit_edit", args=[partner_unit.pk])).status_code == 404
    for action in ("reset_password", "reset_second_factor", "deactivate"):
        response = client.post(reverse("accounts:user_account_action", args=[partner.pk]), {"action": action})
        assert response.status_code == 404
    partner.refresh_from_db()
    assert partner.is_active
    assert partner.check_password("riktig-passord-123")
    assert not partner.must_change_password
    create_page = client.get(reverse("accounts:user_create")).content.decode()
    assert str(own) in create_page
    assert str(other) not in create_page


def test_a_person_of_both_agencies_is_shown_without_the_account_buttons(world, client):
    log_in(client, world.make_user(Role.ADMIN))
    both = world.make_user(Role.EMPLOYEE)
    both.memberships.create(agency=world.police, role=Role.EMPLOYEE)
    page = client.get(reverse("accounts:user_detail", args=[both.pk])).content.decode()
    assert "reset_password" not in page
    assert "administrerer begge virksomhetene" in page
    response = client.post(
        reverse("accounts:user_account_action", args=[both.pk]), {"action": "reset_password"}
    )
    assert response.status_code == 404


@pytest.mark.parametrize("role", ALL_ROLES)
def test_can_manage_user_agrees_with_users_visible_to(role, world, other_world):
    actor = world.make_user(role)
    targets = [world.make_user(Role.EMPLOYEE), other_world.make_user(Role.EMPLOYEE)]
    visible = set(permissions.users_visible_to(actor))
    for target in targets:
        assert permissions.can_manage_user(actor, target) == (target in visible)


def test_deactivated_user_is_refused_everywhere(world, client):
    admin = world.make_user(Role.ADMIN)
    log_in(client, admin)
    admin.is_active = False
    admin.save()
    response = client.get(reverse("accounts:user_list"))
    assert response.status_code in {302, 404}


def test_a_role_in_a_partnership_is_known_from_the_roles_read_once(
    world, other_world, django_assert_num_queries
):
    keeper = world.make_user(Role.PLAN_MANAGER)
    keeper.held_roles  # noqa: B018 (read once, as the first permission check of a request does)
    with django_assert_num_queries(0):
        assert permissions.holds_role_in(keeper, [Role.PLAN_MANAGER], world.partnership)
        assert not permissions.holds_role_in(keeper, [Role.COORDINATOR], world.partnership)
        assert not permissions.holds_role_in(keeper, [Role.PLAN_MANAGER], other_world.partnership)
    assert list(permissions.partnerships_where_any(keeper, [Role.PLAN_MANAGER])) == [world.partnership]
    assert not permissions.partnerships_where_any(keeper, [Role.ADMIN]).exists()
    keeper.is_active = False
    assert not permissions.holds_role_in(keeper, [Role.PLAN_MANAGER], world.partnership)


@pytest.mark.parametrize("slug", ["\x00", "ikke en slug", "ø"])
def test_a_partnership_named_by_what_is_no_short_name_is_not_found(world, client, slug):
    log_in(client, world.make_user(Role.PLAN_MANAGER))
    assert client.get(reverse("actionplan:dashboard"), {"samarbeid": slug}).status_code == 404
    assert client.get(reverse("actionplan:dashboard")).status_code == 200


def test_a_deactivated_person_handles_no_agency_and_administers_nothing(world):
    handler, admin = world.make_user(Role.COORDINATOR), world.make_user(Role.ADMIN)
    for person in (handler, admin):
        person.is_active = False
        person.save()
    assert permissions.handler_agency_ids(handler) == frozenset()
    assert permissions.partnership_ids_of(handler) == frozenset()
    assert permissions.agency_ids_administered_by(admin) == frozenset()


def test_an_admin_removes_a_role_in_their_own_agency_only(world, other_world, client):
    person = world.make_user(Role.COORDINATOR)
    extra = Membership.objects.create(user=person, agency=world.municipality, role=Role.SECRETARY)
    url = reverse("accounts:membership_remove", args=[extra.pk])
    log_in(client, other_world.make_user(Role.ADMIN))
    assert client.post(url).status_code == 404
    log_in(client, world.make_user(Role.ADMIN, agency=world.police))
    assert client.post(url).status_code == 404
    assert Membership.objects.filter(pk=extra.pk).exists()
    log_in(client, world.make_user(Role.ADMIN, agency=world.municipality))
    assert client.post(url).status_code == 302
    assert not Membership.objects.filter(pk=extra.pk).exists()
    assert AuditEvent.objects.filter(
        action=AccountAudit.MEMBERSHIP_REMOVED, object_id=str(person.pk)
    ).exists()
    assert client.post(url).status_code == 404

"""The two-controller rule: who sees which concern, and which parts of it. Forbidden looks like not found."""

import pytest
from django.urls import reverse

from conftest import ALL_ROLES, World, log_in, present
from varde.accounts.actors import Actor
from varde.accounts.roles import Role
from varde.concerns import permissions
from varde.concerns.actions import sharing
from varde.concerns.choices import Part
from varde.concerns.models import Concern

from .factories import (
    ASSESSMENT,
    DESCRIPTION,
    SUBJECT_NAME,
    close,
    handler_for,
    make_concern,
    make_consent,
    make_disclosure,
    make_measure,
)

COORDINATOR = {Role.COORDINATOR.value}
HANDLERS = {Role.COORDINATOR.value, Role.POLICE_CONTACT.value}
READERS = HANDLERS | {Role.MENTOR.value}
ADMIN = {Role.ADMIN.value}
EVERYONE = set(ALL_ROLES)

# GET on each page, for a concern owned by the municipality and shared with nobody.
EXPECTED = {
    "concerns:list": READERS,
    "concerns:intake": HANDLERS,
    "concerns:advice_list": HANDLERS,
    "concerns:report": EVERYONE,
    "concerns:my_reports": EVERYONE,
    "concerns:detail": COORDINATOR,
    "concerns:acute": COORDINATOR,
    "concerns:change_status": COORDINATOR,
    "concerns:close": COORDINATOR,
    "concerns:reopen": COORDINATOR,
    "concerns:assign": COORDINATOR,
    "concerns:assessment": COORDINATOR,
    "concerns:keep_longer": COORDINATOR,
    "concerns:review": COORDINATOR,
    "concerns:measure_add": COORDINATOR,
    "concerns:measure_edit": COORDINATOR,
    "concerns:consent_add": COORDINATOR,
    "concerns:consent_withdraw": COORDINATOR,
    "concerns:disclose": COORDINATOR,
    "concerns:disclosure_revoke": COORDINATOR,
    "concerns:legal_basis_list": ADMIN,
    "concerns:legal_basis_create": ADMIN,
    "concerns:legal_basis_edit": ADMIN,
    "concerns:measure_type_list": ADMIN,
    "concerns:casework_settings": ADMIN,
}
# Public pages and POST-only endpoints, tested in test_views.
OUTSIDE_MATRIX = {"concerns:public_form", "concerns:public_receipt", "concerns:legal_basis_action"}


def url_for(name: str, world: World) -> str:
    concern = make_concern(world)
    args: list[object] = [concern.pk]
    if name == "concerns:review":
        make_measure(world, concern)
        close(world, concern, "measures_completed")
        args.append(concern.reviews.all()[0].pk)
    elif name == "concerns:reopen":
        close(world, concern)
    elif name == "concerns:measure_edit":
        args.append(make_measure(world, concern).pk)
    elif name == "concerns:consent_withdraw":
        args.append(make_consent(world, concern).pk)
    elif name == "concerns:disclosure_revoke":
        # Shared with the police, so a police contact could open the case itself, but not revoke.
        args.append(make_disclosure(world, concern).pk)
    elif name == "concerns:legal_basis_edit":
        args = [world.partnership.legal_bases.all()[0].pk]
    elif (
        name
        in {
            "concerns:list",
            "concerns:intake",
            "concerns:advice_list",
            "concerns:report",
            "concerns:my_reports",
        }
        or name.startswith("concerns:legal_basis")
        or name in {"concerns:measure_type_list", "concerns:casework_settings"}
    ):
        args = []
    return reverse(name, args=args)


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_role_opens_exactly_the_pages_it_may(name, role, world, client):
    url = url_for(name, world)
    log_in(client, world.make_user(role))
    expected = 200 if role in EXPECTED[name] else 404
    assert client.get(url).status_code == expected


@pytest.mark.parametrize("name", sorted(n for n in EXPECTED if EXPECTED[n] != ADMIN))
def test_a_coordinator_in_another_partnership_gets_not_found(name, world, other_world, client):
    url = url_for(name, world)
    log_in(client, other_world.make_user(Role.COORDINATOR))
    expected = 200 if EXPECTED[name] != COORDINATOR else 404
    assert client.get(url).status_code == expected


def test_lists_show_only_what_the_user_may_see(world, other_world, client):
    own = make_concern(world)
    police_case = make_concern(world, agency=world.police)
    foreign = make_concern(other_world)
    coordinator = handler_for(world, world.municipality)
    log_in(client, coordinator)
    page = client.get(reverse("concerns:list")).content.decode()
    assert own.reference in page
    assert police_case.reference not in page
    assert foreign.reference not in page
    assert "1 bekymring" in page


def _visible_pairs(world: World) -> tuple[list[Actor], list[Concern]]:
    municipal = make_concern(world)
    shared = make_concern(world, name="Kari Delt")
    make_disclosure(world, shared)
    police_case = make_concern(world, agency=world.police)
    mentor = world.make_user(Role.MENTOR)
    make_measure(world, municipal, responsible=mentor)
    users = [handler_for(world, world.municipality), handler_for(world, world.police), mentor]
    users += [world.make_user(role) for role in ALL_ROLES if role not in READERS]
    return users, [municipal, shared, police_case]


def test_can_view_agrees_with_visible_to(world):
    users, concerns = _visible_pairs(world)
    for user in users:
        visible = set(permissions.concerns_visible_to(user))
        for concern in concerns:
            assert permissions.can_view_concern(user, concern) == (concern in visible), (user, concern)


def test_the_receiver_sees_exactly_the_disclosed_parts(world, client):
    concern = make_concern(world)
    owner = handler_for(world, world.municipality)
    from varde.concerns.actions.casework import update_assessment

    update_assessment(owner, concern, summary=ASSESSMENT)
    make_measure(world, concern)
    make_disclosure(world, concern, parts=(Part.DESCRIPTION,))
    log_in(client, handler_for(world, world.police))
    page = client.get(reverse("concerns:detail", args=[concern.pk])).content.decode()
    assert DESCRIPTION in page
    assert SUBJECT_NAME not in page
    assert ASSESSMENT not in page
    assert "Samtaleoppfølging" not in page
    assert reverse("concerns:close", args=[concern.pk]) not in page


def test_the_receiver_loses_sight_when_the_disclosure_is_revoked(world, client):
    concern = make_concern(world)
    disclosure = make_disclosure(world, concern, parts=(Part.IDENTITY,))
    police = handler_for(world, world.police)
    assert present(permissions.access_to(police, concern)).parts == {Part.IDENTITY}
    sharing.revoke_disclosure(
        handler_for(world, world.municipality), disclosure, reason="Ikke lenger nødvendig."
    )
    log_in(client, police)
    assert client.get(reverse("concerns:detail", args=[concern.pk])).status_code == 404


def test_every_read_of_a_case_is_audited_with_its_parts(world, client):
    from varde.core.models import AuditEvent

    concern = make_concern(world)
    make_disclosure(world, concern, parts=(Part.DESCRIPTION,))
    police = handler_for(world, world.police)
    log_in(client, police)
    client.get(reverse("concerns:detail", args=[concern.pk]))
    event = AuditEvent.objects.filter(action="concern.viewed", actor_id=str(police.pk)).get()
    assert event.object_id == str(concern.pk)
    assert event.detail["parts"] == [Part.DESCRIPTION]
    assert event.purpose == "case page"


def test_a_mentor_sees_the_person_and_only_their_own_measures(world, client):
    concern = make_concern(world)
    mentor = world.make_user(Role.MENTOR)
    consent = make_consent(world, concern)
    make_measure(world, concern, code="mentor", responsible=mentor, consent=consent)
    make_measure(world, concern, code="parental-guidance")
    log_in(client, mentor)
    page = client.get(reverse("concerns:detail", args=[concern.pk])).content.decode()
    assert SUBJECT_NAME in page
    assert "Mentor" in page
    assert "Foreldreveiledning" not in page
    assert DESCRIPTION not in page


def test_an_employee_sees_the_status_of_own_reports_and_nothing_more(world, client):
    from varde.concerns.actions.intake import Report, report_concern

    employee = world.make_user(Role.EMPLOYEE)
    concern = report_concern(
        employee,
        agency=world.municipality,
        report=Report("employee", "employee", "hate_crime", "Hærverk med hatsymboler."),
    )
    owner = handler_for(world, world.municipality)
    from varde.concerns.actions.casework import change_status, update_assessment

    update_assessment(owner, concern, summary=ASSESSMENT)
    change_status(owner, concern, to_status="under_assessment", reason="Tas opp i neste møte.")
    log_in(client, employee)
    page = client.get(reverse("concerns:my_reports")).content.decode()
    assert concern.reference in page
    assert "Under vurdering" in page
    assert ASSESSMENT not in page
    assert "Hærverk" not in page
    assert client.get(reverse("concerns:detail", args=[concern.pk])).status_code == 404


def test_restricted_concerns_leave_casework(world):
    concern = make_concern(world)
    Concern.objects.filter(pk=concern.pk).update(restricted_at="2026-01-01T00:00:00Z")
    owner = handler_for(world, world.municipality)
    assert not permissions.concerns_visible_to(owner).exists()
    assert permissions.access_to(owner, Concern.objects.get(pk=concern.pk)) is None

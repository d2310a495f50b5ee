"""Assessments follow the two-controller rule: the owner sees all, the other agency sees finalised
assessments only while the assessment part is disclosed, everyone else nothing. Forbidden is 404."""

import pytest
from django.urls import reverse

from conftest import ALL_ROLES, World, log_in
from varde.accounts.roles import Role
from varde.assessments import permissions
from varde.assessments.models import Assessment
from varde.concerns.choices import Part
from varde.concerns.tests.factories import handler_for, make_concern, make_disclosure, make_measure
from varde.core.models import AuditEvent

from .factories import instrument, make_assessment

COORDINATOR = {Role.COORDINATOR.value}
ADMIN = {Role.ADMIN.value}

# GET on each page, for a concern owned by the municipality and shared with nobody.
EXPECTED = {
    "assessments:trajectory": COORDINATOR,
    "assessments:start": COORDINATOR,
    "assessments:detail": COORDINATOR,
    "assessments:edit": COORDINATOR,
    "assessments:pdf": COORDINATOR,
    "assessments:instrument_list": ADMIN,
    "assessments:instrument_detail": ADMIN,
    "assessments:level_scale": ADMIN,
}
# POST-only endpoints, tested in test_views.
OUTSIDE_MATRIX = {"assessments:correct", "assessments:discard", "assessments:instrument_retire"}


def url_for(name: str, world: World) -> str:
    if name in {"assessments:instrument_list", "assessments:level_scale"}:
        return reverse(name)
    if name == "assessments:instrument_detail":
        return reverse(name, args=[instrument(world).pk])
    concern = make_concern(world)
    if name in {"assessments:trajectory", "assessments:start"}:
        return reverse(name, args=[concern.pk])
    assessment = make_assessment(world, concern, final=name != "assessments:edit")
    return reverse(name, args=[concern.pk, assessment.pk])


def test_the_matrix_covers_every_page():
    from conftest import named_urls

    names = {name for name in named_urls() if name.startswith("assessments:")}
    assert names == set(EXPECTED) | OUTSIDE_MATRIX


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_role_opens_exactly_the_pages_it_may(name, role, world, client):
    url = url_for(name, world)
    log_in(client, world.make_user(role))
    expected = 200 if role in EXPECTED[name] else 404
    assert client.get(url).status_code == expected


SCOPED_LISTS = {"assessments:instrument_list", "assessments:level_scale"}


@pytest.mark.parametrize("name", sorted(set(EXPECTED) - SCOPED_LISTS))
def test_other_partnerships_get_not_found(name, world, other_world, client):
    url = url_for(name, world)
    role = Role.ADMIN if EXPECTED[name] == ADMIN else Role.COORDINATOR
    log_in(client, other_world.make_user(role))
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("name", sorted(SCOPED_LISTS))
def test_an_admin_sees_only_their_own_partnership(name, world, other_world, client):
    log_in(client, other_world.make_user(Role.ADMIN))
    page = client.get(reverse(name)).content.decode()
    assert other_world.partnership.name in page
    assert world.partnership.name not in page
    assert client.get(reverse(name) + f"?samarbeid={world.partnership.slug}").status_code == 404


def test_the_other_agency_sees_finalised_assessments_only_while_the_assessment_is_disclosed(world, client):
    concern = make_concern(world)
    final = make_assessment(world, concern)
    police = handler_for(world, world.police)
    log_in(client, police)
    detail = reverse("assessments:detail", args=[concern.pk, final.pk])
    assert client.get(detail).status_code == 404
    make_disclosure(world, concern, parts=(Part.DESCRIPTION,))
    assert client.get(detail).status_code == 404
    make_disclosure(world, concern, parts=(Part.ASSESSMENT,))
    assert client.get(detail).status_code == 200
    assert client.get(reverse("assessments:trajectory", args=[concern.pk])).status_code == 200
    draft = make_assessment(world, concern, final=False)
    assert client.get(reverse("assessments:detail", args=[concern.pk, draft.pk])).status_code == 404
    assert client.get(reverse("assessments:edit", args=[concern.pk, draft.pk])).status_code == 404
    assert client.post(reverse("assessments:correct", args=[concern.pk, final.pk])).status_code == 404


def test_a_mentor_never_sees_assessments(world, client):
    concern = make_concern(world)
    assessment = make_assessment(world, concern)
    mentor = world.make_user(Role.MENTOR)
    make_measure(world, concern, responsible=mentor)
    log_in(client, mentor)
    assert client.get(reverse("concerns:detail", args=[concern.pk])).status_code == 200
    assert client.get(reverse("assessments:detail", args=[concern.pk, assessment.pk])).status_code == 404
    assert client.get(reverse("assessments:trajectory", args=[concern.pk])).status_code == 404


def test_can_view_agrees_with_visible_to(world):
    from varde.concerns.permissions import access_to

    shared = make_concern(world)
    make_disclosure(world, shared, parts=(Part.ASSESSMENT,))
    private = make_concern(world, name="Kari Privat")
    assessments = [
        make_assessment(world, shared),
        make_assessment(world, shared, final=False),
        make_assessment(world, private),
    ]
    mentor = world.make_user(Role.MENTOR)
    make_measure(world, private, responsible=mentor)
    users = [handler_for(world, world.municipality), handler_for(world, world.police), mentor]
    users += [
        world.make_user(role) for role in ALL_ROLES if role not in {"coordinator", "police_contact", "mentor"}
    ]
    for user in users:
        for assessment in assessments:
            concern = assessment.concern
            visible = set(permissions.assessments_visible_to(user, concern, access_to(user, concern)))
            assert permissions.can_view_assessment(user, assessment) == (assessment in visible), (
                user,
                assessment,
            )
    police = users[1]
    assert permissions.can_view_assessment(police, assessments[0])
    assert not permissions.can_view_assessment(police, assessments[1])
    assert not permissions.can_view_assessment(police, assessments[2])


def test_every_read_and_export_is_audited(world, client):
    concern = make_concern(world)
    assessment = make_assessment(world, concern)
    owner = handler_for(world, world.municipality)
    log_in(client, owner)
    client.get(reverse("assessments:detail", args=[concern.pk, assessment.pk]))
    client.get(reverse("assessments:pdf", args=[concern.pk, assessment.pk]))
    actions = list(
        AuditEvent.objects.filter(actor_id=str(owner.pk), object_id=str(assessment.pk)).values_list(
            "action", flat=True
        )
    )
    assert actions.count("assessment.viewed") == 2
    assert "assessment.exported" in actions
    assert Assessment.objects.count() == 1

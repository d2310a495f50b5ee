"""Who may open the action plan's pages, and that its readers reach no personal data."""

import pytest
from django.urls import reverse

from conftest import ALL_ROLES, World, log_in
from varde.accounts.roles import Role
from varde.actionplan import actions
from varde.actionplan.obligations import current_plan
from varde.concerns.tests.factories import make_concern

from .factories import make_plan, obligation

KEEPERS = {Role.PLAN_MANAGER.value}
CONTRIBUTORS = KEEPERS | {Role.COORDINATOR.value, Role.POLICE_CONTACT.value}
READERS = CONTRIBUTORS | {Role.VIEWER.value}

EXPECTED = {
    "actionplan:dashboard": READERS,
    "actionplan:measure": READERS,
    "actionplan:obligation": READERS,
    "actionplan:trainings": READERS,
    "actionplan:coverage": READERS,
    "actionplan:requests": READERS,
    "actionplan:request_held": CONTRIBUTORS,
    "actionplan:import": KEEPERS,
    "actionplan:export": READERS,
    "actionplan:report": READERS,
    "actionplan:report_pdf": READERS,
}
# A POST-only endpoint, tested in test_views.
OUTSIDE_MATRIX = {"actionplan:request_action"}


def url_for(name: str, world: World) -> str:
    plan = current_plan(world.partnership) or make_plan(
        world, obligations=obligation("web", "every_months", 6, "activity", measure=1)
    )
    if name == "actionplan:measure":
        return reverse(name, args=[plan.measures.all()[0].pk])
    if name == "actionplan:obligation":
        return reverse(name, args=[plan.obligations.all()[0].pk])
    if name == "actionplan:request_held":
        from datetime import date

        from .factories import plan_manager

        request = actions.register_request(
            plan_manager(world),
            world.partnership,
            kind="awareness",
            organisation="Klubben",
            received_on=date(2025, 1, 1),
            wish="",
        )
        actions.schedule_request(plan_manager(world), request, on=date(2025, 2, 1))
        return reverse(name, args=[request.pk])
    return reverse(name)


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_role_opens_exactly_the_pages_it_may(name, role, world, client):
    url = url_for(name, world)
    log_in(client, world.make_user(role))
    expected = 200 if role in EXPECTED[name] else 404
    assert client.get(url).status_code == expected


@pytest.mark.parametrize("name", ["actionplan:measure", "actionplan:obligation", "actionplan:request_held"])
def test_other_partnerships_get_not_found(name, world, other_world, client):
    url = url_for(name, world)
    make_plan(other_world)
    log_in(client, other_world.make_user(Role.PLAN_MANAGER))
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("role", [Role.PLAN_MANAGER, Role.VIEWER])
def test_plan_readers_reach_no_personal_data(world, client, role):
    concern = make_concern(world)
    log_in(client, world.make_user(role))
    for name in ("concerns:list", "concerns:detail", "assessments:trajectory"):
        url = reverse(name, args=[concern.pk]) if name != "concerns:list" else reverse(name)
        assert client.get(url).status_code == 404
    make_plan(world)
    for name in ("actionplan:dashboard", "actionplan:report"):
        assert concern.subject_name not in client.get(reverse(name)).content.decode()

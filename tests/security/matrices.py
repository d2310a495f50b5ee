"""The pages of the apps' permission matrices, and who opens them: what the generated probes open
page by page. A page added to an app's matrix is probed by all of them."""

from collections.abc import Callable
from typing import Any

from django.urls import reverse

from conftest import World
from varde.accounts.models import User
from varde.accounts.roles import Role
from varde.accounts.tests import test_permissions as accounts
from varde.actionplan.tests import test_permissions as actionplan
from varde.assessments.tests import test_permissions as assessments
from varde.concerns.tests import test_permissions as concerns
from varde.information.models import InfoPage
from varde.information.tests import test_events as events
from varde.information.tests import test_information as information
from varde.meetings.tests import test_permissions as meetings
from varde.meetings.tests.factories import secretary_of
from varde.network.tests import test_network as network
from varde.statistics.tests import test_statistics as statistics


def _other_urls(name: str, world: World) -> str:
    if name == "information:edit":
        return reverse(name, args=[InfoPage.objects.filter(partnership=world.partnership)[0].pk])
    if name == "information:event":
        return reverse(name, args=[events.make_event(world).pk])
    return reverse(name)


MATRICES: list[tuple[Any, Callable[[str, World], str]]] = [
    (module, module.url_for) for module in (accounts, actionplan, assessments, concerns, meetings, network)
] + [(module, _other_urls) for module in (information, events, statistics)]
MATRIX_NAMES = [module.__name__.split(".")[1] for module, _ in MATRICES]


def viewer(world: World, role: str) -> User:
    """A member of the world in the role. The meetings' pages are the organising secretary's: the
    one their factory schedules with."""
    return secretary_of(world) if role == Role.SECRETARY else world.make_user(role)

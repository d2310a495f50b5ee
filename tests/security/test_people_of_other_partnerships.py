"""No page names a person of another partnership. The forms of a case, a meeting or the plan offer
people to choose (case handlers, owners of a measure, approvers, invitees); each list must be drawn
from the partnership the page belongs to. Every page of the apps' matrices is opened by every role
that may open it, while a second partnership has a member in each role."""

import pytest

from conftest import ALL_ROLES, World, log_in
from varde.accounts.models import User

from .matrices import MATRICES, MATRIX_NAMES, viewer

STRANGER = "Utenforsen"


def _members_of_every_role(world: World) -> dict[str, User]:
    return {role: viewer(world, role) for role in ALL_ROLES}


@pytest.mark.parametrize(("app", "url_for"), MATRICES, ids=MATRIX_NAMES)
def test_no_page_names_a_member_of_another_partnership(app, url_for, world, other_world, client):
    _members_of_every_role(other_world)
    strangers = User.objects.filter(memberships__agency__partnership=other_world.partnership)
    assert strangers.update(last_name=STRANGER) == len(ALL_ROLES)
    members = _members_of_every_role(world)
    named: list[tuple[str, str]] = []
    opened = 0
    for name in sorted(app.EXPECTED):
        url = url_for(name, world)
        for role in sorted(app.EXPECTED[name]):
            log_in(client, members[role])
            response = client.get(url)
            # PDFs are left out: their text is compressed. The pages they are printed from are in.
            if response.status_code != 200 or not response["Content-Type"].startswith("text/"):
                continue
            opened += 1
            if STRANGER in response.content.decode():
                named.append((name, role))
    assert named == []
    assert opened >= len(app.EXPECTED) // 2

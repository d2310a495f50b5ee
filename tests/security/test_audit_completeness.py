"""Audit completeness, generated: every page about one concern or assessment, the meeting pages that
show points about concerns, the network's contact persons, and every API operation that returns
personal data, leave an audit event naming the reader, the object and the purpose."""

import pytest

from conftest import log_in
from varde.api import tokens
from varde.api.models import Scope
from varde.concerns.tests.factories import handler_for, make_concern
from varde.core.models import AuditEvent

from .test_cross_partnership import PROBES

# Object pages of these apps that configure the partnership and show no person.
CONFIGURATION = {"assessments:instrument_detail", "concerns:legal_basis_edit"}
# Meeting pages show points about concerns; the network page shows contact persons outside the agencies.
PEOPLE_IN_MEETINGS_AND_NETWORK = {
    "meetings:agenda",
    "meetings:minutes",
    "meetings:minutes_pdf",
    "meetings:item_minutes",
    "meetings:prepare_item",
    "network:organisation",
}
# The pages where the person a concern is about can be seen, each opened by one role that may.
PERSONAL = sorted(
    {
        (app, name, min(app.EXPECTED[name]))
        for app, name, _role in PROBES
        if (name.startswith(("concerns:", "assessments:")) and name not in CONFIGURATION)
        or name in PEOPLE_IN_MEETINGS_AND_NETWORK
    },
    key=lambda probe: probe[1],
)


def reads_by(user) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(actor_id=str(user.pk)).exclude(object_id="").exclude(purpose=""))


@pytest.mark.parametrize(("app", "name", "role"), PERSONAL, ids=[name for _app, name, _role in PERSONAL])
def test_every_page_showing_a_person_leaves_an_audit_event(app, name, role, world, client):
    url = app.url_for(name, world)
    reader = world.make_user(role)
    log_in(client, reader)
    assert client.get(url).status_code == 200
    assert reads_by(reader), f"{name} showed personal data without an audit event"


API_READS = [
    "/api/v1/concerns/{id}",
    "/api/v1/concerns/{id}/measures",
    "/api/v1/concerns/{id}/consents",
    "/api/v1/concerns/{id}/disclosures",
    "/api/v1/concerns/{id}/assessments",
]


@pytest.mark.parametrize("path", API_READS)
def test_every_api_read_of_a_person_leaves_an_audit_event(path, world, client):
    concern = make_concern(world)
    reader = handler_for(world, world.municipality)
    _token, secret = tokens.create_token(reader, user=reader, name="audit", scopes=Scope.values)
    before = {event.pk for event in reads_by(reader)}
    answer = client.get(path.format(id=concern.pk), headers={"Authorization": f"Bearer {secret}"})
    assert answer.status_code == 200
    new = [event for event in reads_by(reader) if event.pk not in before]
    assert any(event.object_id == str(concern.pk) for event in new)

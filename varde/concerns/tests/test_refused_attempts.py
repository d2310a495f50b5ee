"""The trail tells the truth: a read is recorded only when data was shown, and a refused attempt on a
concern that exists is recorded as an attempt, with the purpose asked for."""

import pytest
from django.urls import reverse

from conftest import log_in
from varde.accounts.roles import Role
from varde.core.models import AuditEvent
from varde.privacy.permissions import audit_events_visible_to

from .factories import handler_for, make_concern, make_disclosure

OWNER_PAGES = [
    ("concerns:close", "close"),
    ("concerns:disclose", "disclose"),
    ("concerns:measure_add", "add measure"),
]


@pytest.mark.parametrize(("name", "purpose"), OWNER_PAGES)
def test_an_owner_s_page_opened_by_the_receiving_agency_is_an_attempt_not_a_read(
    world, client, name, purpose
):
    concern = make_concern(world)
    make_disclosure(world, concern)
    police_contact = handler_for(world, world.police)
    log_in(client, police_contact)
    before = AuditEvent.objects.filter(actor_id=str(police_contact.pk)).count()
    assert client.get(reverse(name, args=[concern.pk])).status_code == 404
    events = AuditEvent.objects.filter(actor_id=str(police_contact.pk)).order_by("id")[before:]
    assert [(event.action, event.purpose) for event in events] == [("concern.access_refused", purpose)]
    officer = world.make_user(Role.PRIVACY_OFFICER)
    assert audit_events_visible_to(officer).filter(action="concern.access_refused").count() == 1


def test_a_concern_out_of_reach_is_an_attempt_and_a_missing_one_is_nothing(world, client):
    concern = make_concern(world)
    police_contact = handler_for(world, world.police)
    log_in(client, police_contact)
    assert client.get(reverse("concerns:detail", args=[concern.pk])).status_code == 404
    refused = AuditEvent.objects.get(action="concern.access_refused")
    assert (refused.object_id, refused.agency_id) == (str(concern.pk), str(world.municipality.pk))
    assert not AuditEvent.objects.filter(action="concern.viewed", actor_id=str(police_contact.pk)).exists()
    missing = "00000000-0000-4000-8000-000000000000"
    assert client.get(reverse("concerns:detail", args=[missing])).status_code == 404
    assert AuditEvent.objects.filter(action="concern.access_refused").count() == 1


def test_the_owner_s_read_is_still_a_read(world, client):
    concern = make_concern(world)
    log_in(client, handler_for(world, world.municipality))
    assert client.get(reverse("concerns:close", args=[concern.pk])).status_code == 200
    assert AuditEvent.objects.filter(action="concern.viewed", purpose="close").count() == 1
    assert not AuditEvent.objects.filter(action="concern.access_refused").exists()

"""A create form sent twice – back and send again, or a double click – makes one record, and the
second sending leads to what the first made; a refused sending can be corrected and sent."""

import re

from django.urls import reverse

from conftest import log_in
from varde.accounts.roles import Role
from varde.concerns.models import Concern, Measure
from varde.concerns.tests.factories import handler_for, make_concern, measure_type
from varde.core.models import Submission
from varde.core.once import FIELD


def token_of(html: str) -> str:
    found = re.search(rf'name="{FIELD}" value="([^"]+)"', html)
    assert found, "the form carries no one-time token"
    return found.group(1)


def test_a_measure_sent_twice_is_added_once(world, client):
    concern = make_concern(world)
    log_in(client, handler_for(world, world.municipality))
    url = reverse("concerns:measure_add", args=[concern.pk])
    data = {
        FIELD: token_of(client.get(url).content.decode()),
        "measure_type": str(measure_type(world, "follow-up-conversation").pk),
        "owner_agency": str(world.municipality.pk),
        "start_date": "2026-12-01",
    }
    first = client.post(url, data)
    assert first.status_code == 302
    again = client.post(url, data, follow=True)
    assert Measure.objects.filter(concern=concern).count() == 1
    assert again.redirect_chain[0][0] == first["Location"]
    assert "Dette skjemaet var allerede sendt" in again.content.decode()


def test_a_refused_sending_gives_the_token_back(world, client):
    log_in(client, world.make_user(Role.COORDINATOR))
    url = reverse("concerns:intake")
    token = token_of(client.get(url).content.decode())
    data = {
        FIELD: token,
        "agency": str(world.municipality.pk),
        "channel": "hotline",
        "reporter_category": "relative",
        "phenomenon": "unknown",
        "kind": "concern",
        "description": "",
    }
    assert client.post(url, data).status_code == 200  # no description: refused, shown again
    assert not Submission.objects.filter(token=token).exists()
    assert client.post(url, data | {"description": "Uro for en elev."}).status_code == 302
    assert client.post(url, data | {"description": "Uro for en elev."}).status_code == 302
    assert Concern.objects.count() == 1


def test_every_create_form_carries_a_token(world, client):
    concern = make_concern(world)
    log_in(client, handler_for(world, world.municipality))
    for url in (
        reverse("concerns:intake"),
        reverse("concerns:measure_add", args=[concern.pk]),
        reverse("concerns:consent_add", args=[concern.pk]),
        reverse("concerns:disclose", args=[concern.pk]),
    ):
        token_of(client.get(url).content.decode())


def test_the_plan_s_network_s_and_events_create_forms_carry_a_token_too(world, client):
    log_in(client, world.make_user(Role.PLAN_MANAGER))
    for name in ("actionplan:trainings", "network:organisations"):
        token_of(client.get(reverse(name)).content.decode())
    log_in(client, world.make_user(Role.COORDINATOR))
    token_of(client.get(reverse("information:events")).content.decode())

"""No lost updates: two people edit the same record; the second save is refused, says what changed,
and keeps what the second person wrote."""

import pytest
from django.test import Client
from django.urls import reverse

from conftest import edit_basis, log_in
from varde.accounts.roles import Role
from varde.concerns.models import Concern, Measure
from varde.core.errors import StaleEdit
from varde.core.versioning import claim

from .factories import handler_for, make_concern, make_measure


def test_the_second_of_two_concurrent_edits_is_refused_and_keeps_its_text(world):
    concern = make_concern(world)
    url = reverse("concerns:assessment", args=[concern.pk])
    first, second = Client(), Client()
    log_in(first, handler_for(world, world.municipality))
    log_in(second, world.make_user(Role.COORDINATOR))
    opened_first = edit_basis(first.get(url).content.decode())
    opened_second = edit_basis(second.get(url).content.decode())
    saved = first.post(url, {"summary": "Skolen melder bedring.", **opened_first})
    assert saved.status_code == 302
    refused = second.post(url, {"summary": "Familien er bekymret.", **opened_second})
    page = refused.content.decode()
    assert refused.status_code == 200
    assert "Noen andre har lagret endringer mens du redigerte" in page
    assert "Skolen melder bedring." in page  # what changed, shown
    assert "Familien er bekymret." in page  # what the second person wrote, kept
    assert Concern.objects.get(pk=concern.pk).assessment_summary == "Skolen melder bedring."
    again = second.post(url, {"summary": "Familien er bekymret.", **edit_basis(page)})
    assert again.status_code == 302
    assert Concern.objects.get(pk=concern.pk).assessment_summary == "Familien er bekymret."


def test_a_stale_measure_update_is_refused(world, client):
    concern = make_concern(world)
    measure = make_measure(world, concern)
    url = reverse("concerns:measure_edit", args=[concern.pk, measure.pk])
    log_in(client, handler_for(world, world.municipality))
    opened = edit_basis(client.get(url).content.decode())
    claim(Measure.objects.get(pk=measure.pk), measure.version)  # someone else saved meanwhile
    answer = client.post(url, {"status": "active", "evaluation": "Går bra.", **opened})
    assert answer.status_code == 200
    assert "Noen andre har lagret endringer" in answer.content.decode()
    assert Measure.objects.get(pk=measure.pk).evaluation == ""


def test_claiming_a_version_twice_fails_the_second_time(world):
    concern = make_concern(world)
    claim(concern, 1)
    with pytest.raises(StaleEdit):
        claim(Concern.objects.get(pk=concern.pk), 1)

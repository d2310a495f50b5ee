"""No lost updates: two people edit the same record; the second save is refused, says what changed,
and keeps what the second person wrote."""

import pytest
from django.test import Client
from django.urls import reverse

from conftest import edit_basis, log_in
from varde.accounts.roles import Role
from varde.concerns.models import Concern, ConcernSettings, LegalBasis, Measure
from varde.core.errors import StaleEdit
from varde.core.versioning import claim

from .factories import handler_for, make_concern, make_measure
from .test_views import settings_data


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


def two_admins(world):
    return log_in(Client(), world.make_user(Role.ADMIN)), log_in(Client(), world.make_user(Role.ADMIN))


def test_two_admins_revising_a_legal_basis_do_not_overwrite_each_other(world):
    basis = LegalBasis.objects.get(partnership=world.partnership, code="child-welfare")
    url = reverse("concerns:legal_basis_edit", args=[basis.pk])
    first, second = two_admins(world)
    opened_first, opened_second = (edit_basis(c.get(url).content.decode()) for c in (first, second))
    wording = {
        "citation": "barnevernsloven § 13-2",
        "kind": "general",
        "direction": "both",
        "description": "",
    }
    assert first.post(url, {**opened_first, **wording, "title": "Fra den første"}).status_code == 302
    refused = second.post(url, {**opened_second, **wording, "title": "Fra den andre"})
    assert "Tittel (nå «Fra den første»)" in refused.content.decode()
    assert LegalBasis.objects.get(pk=basis.pk).title == "Fra den første"


def test_two_admins_saving_casework_settings_do_not_overwrite_each_other(world):
    url = reverse("concerns:casework_settings")
    first, second = two_admins(world)
    opened_first, opened_second = (edit_basis(c.get(url).content.decode()) for c in (first, second))
    assert first.post(url, {**opened_first, **settings_data(assessment_days="7")}).status_code == 302
    refused = second.post(url, {**opened_second, **settings_data(assessment_days="21")})
    assert "Dager til første vurdering (nå «7»)" in refused.content.decode()
    assert ConcernSettings.objects.get(partnership=world.partnership).assessment_days == 7

"""A legal basis says which agency may rely on it: forms, actions and the API offer and accept only those."""

import json

import pytest
from django.urls import reverse

from conftest import log_in
from varde.api.tests.test_api import bearer
from varde.concerns.actions import sharing
from varde.concerns.choices import InformedChoice, Part
from varde.concerns.models import Disclosure
from varde.core.errors import ActionRefused
from varde.meetings import actions as meeting_actions
from varde.meetings.models import AgendaItem, ItemKind
from varde.meetings.tests.factories import make_meeting

from .factories import basis, handler_for, make_concern

POLICE_ONLY = "police-own-interest"  # politiregisterloven § 30


def terms(world, concern, code):
    actor = handler_for(world, concern.owning_agency)
    other = world.police if concern.owning_agency == world.municipality else world.municipality
    return actor, sharing.DisclosureTerms(
        to_agency=other,
        parts=[Part.DESCRIPTION],
        legal_basis=basis(world, code),
        justification="Trengs for vurderingen.",
        approved_by=actor,
        person_informed=InformedChoice.LATER,
    )


def test_the_municipality_cannot_disclose_on_a_police_only_basis(world):
    concern = make_concern(world)
    actor, police_terms = terms(world, concern, POLICE_ONLY)
    with pytest.raises(ActionRefused, match="kan ikke brukes av"):
        sharing.disclose(actor, concern, terms=police_terms)
    assert not Disclosure.objects.exists()


def test_the_police_may_disclose_on_their_own_basis(world):
    concern = make_concern(world, agency=world.police)
    actor, police_terms = terms(world, concern, POLICE_ONLY)
    assert sharing.disclose(actor, concern, terms=police_terms).legal_basis.code == POLICE_ONLY


def test_the_disclosure_form_offers_only_the_bases_the_agency_may_cite(world, client):
    concern = make_concern(world)
    actor = handler_for(world, world.municipality)
    log_in(client, actor)
    url = reverse("concerns:disclose", args=[concern.pk])
    page = client.get(url).content.decode()
    assert "politiregisterloven § 30" not in page
    assert "fvl. § 13 b nr. 5" in page
    response = client.post(
        url,
        {
            "to_agency": world.police.pk,
            "parts": [Part.DESCRIPTION],
            "legal_basis": basis(world, POLICE_ONLY).pk,
            "justification": "Trengs.",
            "approved_by": actor.pk,
            "person_informed": InformedChoice.LATER,
        },
    )
    assert response.status_code == 200
    assert "Velg et gyldig valg" in response.content.decode()
    assert not Disclosure.objects.exists()


def test_the_api_refuses_a_basis_the_agency_may_not_cite_with_a_field_error(world, client):
    concern = make_concern(world)
    actor = handler_for(world, world.municipality)
    payload = {
        "to_agency": str(world.police.pk),
        "parts": [Part.DESCRIPTION],
        "legal_basis": str(basis(world, POLICE_ONLY).pk),
        "justification": "Trengs.",
        "approved_by": str(actor.pk),
        "person_informed": InformedChoice.LATER,
    }
    answer = client.post(
        f"/api/v1/concerns/{concern.pk}/disclosures",
        json.dumps(payload),
        content_type="application/json",
        **bearer(actor, "casework"),
    )
    assert answer.status_code == 422
    assert [field["field"] for field in answer.json()["fields"]] == ["legal_basis"]
    assert not Disclosure.objects.exists()
    bases = client.get("/api/v1/legal-bases", **bearer(actor)).json()["items"]
    assert {b["code"]: b["direction"] for b in bases}[POLICE_ONLY] == "police_to_municipality"


def test_a_meeting_point_cites_only_a_basis_for_meetings_that_the_owner_may_rely_on(world):
    concern = make_concern(world)
    meeting = make_meeting(world)
    owner = handler_for(world, world.municipality)
    for code in (POLICE_ONLY, "police-public-interest"):  # the police's; a report, not a discussion
        with pytest.raises(ActionRefused, match="kontaktmøte"):
            meeting_actions.prepare_case_item(
                owner,
                meeting,
                concern=concern,
                kind=ItemKind.CASE,
                summary="Kort.",
                legal_basis=basis(world, code),
            )
    assert not AgendaItem.objects.exists()


def test_a_change_of_direction_of_a_basis_in_use_makes_a_new_version(world):
    from varde.accounts.roles import Role
    from varde.concerns.actions import reference

    concern = make_concern(world)
    actor, shared = terms(world, concern, "public-body-own-tasks")
    sharing.disclose(actor, concern, terms=shared)
    old = shared.legal_basis
    wording = {
        name: getattr(old, name) for name in ("citation", "title", "kind", "description", "in_meetings")
    }
    new = reference.revise_legal_basis(
        world.make_user(Role.ADMIN), old, **wording, direction="municipality_to_police", version=old.revision
    )
    old.refresh_from_db()
    assert (old.direction, new.direction, new.version) == ("both", "municipality_to_police", old.version + 1)
    assert old.retired_at is not None

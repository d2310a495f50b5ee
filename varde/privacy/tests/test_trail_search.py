"""The trail searched by person, without the name in any address; by the agency whose people acted; each
event's case by reference and initials where the officer's agency holds it; and the API's trail paged
from `next` while events arrive."""

import pytest

from conftest import log_in
from varde.accounts.audit_actions import AccountAudit
from varde.accounts.roles import Role
from varde.api import tokens
from varde.api.models import Scope
from varde.concerns.audit_actions import ConcernAudit
from varde.concerns.tests.factories import SUBJECT_NAME, handler_for, make_concern, make_disclosure
from varde.core.audit import UnknownAuditActionError, record_event
from varde.core.models import AuditEvent
from varde.privacy.permissions import audit_events_visible_to

URL = "/personvern/revisjonslogg/"


def read(world, reader, concern):
    return record_event(
        ConcernAudit.VIEWED,
        actor=reader,
        obj=concern,
        partnership=world.partnership,
        agency=concern.owning_agency,
    )


@pytest.fixture
def trail(world):
    """The subject's municipal case, the police's case about the same name (not disclosed), someone
    else's case, and reads of each."""
    municipal = make_concern(world)
    police_case = make_concern(world, agency=world.police)
    other = make_concern(world, name="Kari Annen Person")
    coordinator = handler_for(world, world.municipality)
    police = handler_for(world, world.police)
    events = {
        "municipal": read(world, coordinator, municipal),
        "police": read(world, police, police_case),
        "other": read(world, coordinator, other),
    }
    return municipal, police_case, other, events


def find(client, name, birth_year=""):
    return client.post(URL, {"person-name": name, "person-birth_year": birth_year})


def test_a_person_is_found_by_post_and_filtered_by_a_token_that_holds_no_name(world, client, trail):
    municipal, _police_case, other, events = trail
    log_in(client, world.make_user(Role.PRIVACY_OFFICER))
    response = find(client, SUBJECT_NAME)
    assert response.status_code == 302
    address = response["Location"]
    assert "Ola" not in address
    assert "Testesen" not in address
    page = client.get(address)
    shown = [event.pk for event in page.context["stretch"].rows]
    assert events["municipal"].pk in shown
    assert events["other"].pk not in shown
    html = page.content.decode()
    assert f"Viser hendelsene om personens sak {municipal.reference} (O.F.T.)." in html
    viewed = AuditEvent.objects.filter(action="audit.viewed").latest("id")
    assert viewed.detail == {"filters": ["person"], "references": [municipal.reference]}
    assert SUBJECT_NAME not in str(AuditEvent.objects.filter(action="audit.viewed").values_list("detail"))
    assert other.reference not in html


def test_the_police_officer_finds_only_what_the_police_hold(world, client, trail):
    municipal, police_case, _other, events = trail
    log_in(client, world.make_user(Role.PRIVACY_OFFICER, agency=world.police))
    page = client.get(find(client, SUBJECT_NAME)["Location"])
    shown = {event.pk for event in page.context["stretch"].rows}
    assert events["police"].pk in shown
    assert events["municipal"].pk not in shown
    assert municipal.reference not in page.content.decode()
    # Once the municipality discloses its case, the police hold it too.
    make_disclosure(world, municipal)
    page = client.get(find(client, SUBJECT_NAME)["Location"])
    assert municipal.reference in page.content.decode()
    assert police_case.reference in page.content.decode()


@pytest.mark.parametrize(
    ("name", "birth_year", "message"),
    [
        ("Ola", "", "Skriv hele navnet til personen"),
        (
            "Ingen Slik Person",
            "",
            "Virksomheten din har ingen sak om en person med dette navnet og fødselsåret.",
        ),
        (
            SUBJECT_NAME,
            "1901",
            "Virksomheten din har ingen sak om en person med dette navnet og fødselsåret.",
        ),
        (SUBJECT_NAME, "tjue", "Oppgi et heltall"),
    ],
)
def test_a_search_that_finds_no_one_says_why_and_shows_no_events(
    world, client, trail, name, birth_year, message
):
    log_in(client, world.make_user(Role.PRIVACY_OFFICER))
    response = find(client, name, birth_year)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert '<details class="ds-details varde-person-search" open>' in html
    assert name not in AuditEvent.objects.values_list("detail", flat=True).__str__()


def test_a_changed_token_is_refused_with_a_clear_message(world, client, trail):
    log_in(client, world.make_user(Role.PRIVACY_OFFICER))
    address = find(client, SUBJECT_NAME)["Location"]
    response = client.get(address[:-3] + "xyz")
    assert "Personsøket er ikke lenger gyldig eller er endret. Søk på nytt." in response.content.decode()
    assert list(response.context["stretch"].rows) == []


def test_the_acting_agency_filter_shows_what_that_agency_s_people_did(world, client):
    officer = world.make_user(Role.PRIVACY_OFFICER)
    concern = make_concern(world)
    make_disclosure(world, concern)
    coordinator, police = handler_for(world, world.municipality), handler_for(world, world.police)
    by_municipality, by_police = read(world, coordinator, concern), read(world, police, concern)
    log_in(client, officer)
    page = client.get(URL, {"agency": str(world.police.pk), "action": "concern.viewed"})
    assert [event.pk for event in page.context["stretch"].rows] == [by_police.pk]
    html = page.content.decode()
    assert f'<option value="{world.police.pk}" selected>' in html
    page = client.get(URL, {"agency": str(world.municipality.pk), "action": "concern.viewed"})
    assert [event.pk for event in page.context["stretch"].rows] == [by_municipality.pk]
    # An agency of another partnership is not a choice.
    page = client.get(URL, {"agency": "00000000-0000-0000-0000-000000000000"})
    assert "Velg et gyldig valg" in page.content.decode()


def test_initials_only_for_cases_the_officer_s_agency_holds(world, client):
    police_case = make_concern(world, agency=world.police)
    police = handler_for(world, world.police)
    # A disclosure event is the municipality's officer's to see, the case not theirs to hold.
    record_event(
        ConcernAudit.DISCLOSED,
        actor=police,
        obj=police_case,
        partnership=world.partnership,
        agency=world.police,
        detail={"reference": police_case.reference},
    )
    log_in(client, world.make_user(Role.PRIVACY_OFFICER))
    html = client.get(URL, {"kind": "disclosures"}).content.decode()
    assert f"Sak {police_case.reference}<" in html
    assert "(O.F.T.)" not in html
    assert f"<td>{world.police.name}</td>" in html  # the acting agency


def test_an_unknown_action_is_refused_and_nothing_is_written(db):
    before = AuditEvent.objects.count()
    with pytest.raises(UnknownAuditActionError):
        record_event("case.peeked_at")  # type: ignore[arg-type]
    assert AuditEvent.objects.count() == before


def api(client, officer, path, method="get", **kwargs):
    _token, secret = tokens.create_token(officer, user=officer, name="t", scopes=[Scope.AUDIT])
    return getattr(client, method)(path, headers={"Authorization": f"Bearer {secret}"}, **kwargs)


def test_the_api_pages_by_next_while_events_arrive(world, client):
    officer = world.make_user(Role.PRIVACY_OFFICER)
    for _ in range(7):
        record_event(AccountAudit.UNIT_UPDATED, actor=officer, obj=world.unit, partnership=world.partnership)
    seen: list[int] = []
    address = "/api/v1/audit-events?limit=3"
    while address:
        answer = api(client, officer, address).json()
        seen.extend(item["id"] for item in answer["items"])
        address = answer["next"]
    # Every call adds its reading at the head of the trail: the first page shows its own, and the
    # pages after it go on from where the last one ended, without repeating or skipping a row.
    first_reading = AuditEvent.objects.filter(action="audit.viewed").earliest("id")
    expected = audit_events_visible_to(officer).filter(id__lte=first_reading.pk).most_recent_first()
    assert seen == list(expected.values_list("pk", flat=True))
    answer = api(client, officer, "/api/v1/audit-events?cursor=not-a-cursor")
    assert answer.status_code == 422
    assert answer.json()["code"] == "invalid_input"
    assert answer.json()["fields"][0]["field"] == "cursor"


def test_the_api_finds_a_person_by_body_and_filters_by_the_token(world, client, trail):
    municipal, _police_case, _other, events = trail
    officer = world.make_user(Role.PRIVACY_OFFICER)
    _token, secret = tokens.create_token(officer, user=officer, name="t", scopes=[Scope.AUDIT])
    headers = {"Authorization": f"Bearer {secret}"}
    found = client.post(
        "/api/v1/audit-events/person",
        {"name": SUBJECT_NAME},
        content_type="application/json",
        headers=headers,
    ).json()
    assert found["cases"] == [f"{municipal.reference} (O.F.T.)"]
    answer = client.get("/api/v1/audit-events", {"person": found["person"]}, headers=headers).json()
    assert events["municipal"].pk in [item["id"] for item in answer["items"]]
    assert {item["object_id"] for item in answer["items"]} == {str(municipal.pk)}
    item = answer["items"][0]
    assert (item["case"], item["action_label"], item["action"]) == (
        f"{municipal.reference} (O.F.T.)",
        "Leste saken",
        "concern.viewed",
    )
    missing = client.post(
        "/api/v1/audit-events/person",
        {"name": "Ingen Slik"},
        content_type="application/json",
        headers=headers,
    )
    assert (missing.status_code, missing.json()["code"]) == (404, "no_cases")

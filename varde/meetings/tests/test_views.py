"""The meeting pages as users meet them: scheduling, the live quorum check, attendance, the calendar
feed and its revocation, bad input and query budgets."""

import re

import pytest
from django.urls import reverse
from icalendar import Calendar

from conftest import log_in, present
from varde.accounts.roles import Role
from varde.meetings import actions
from varde.meetings.models import CalendarFeed, Meeting, MeetingKind, MeetingStatus

from .factories import at, make_meeting, secretary_of

SCRIPT = "<script>alert('x')</script>"


@pytest.fixture
def secretary_client(world, client):
    return log_in(client, secretary_of(world))


def schedule_data(world, **overrides):
    data = {
        "partnership": str(world.partnership.pk),
        "kind": MeetingKind.CONTACT,
        "starts_at": at(7).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": at(7, 11).strftime("%Y-%m-%dT%H:%M"),
        "location": "Rådhuset",
        "repeat": "monthly",
        "occurrences": "3",
        "guests": "",
    }
    return data | overrides


def test_scheduling_a_series_through_the_page(world, secretary_client):
    police = world.make_user(Role.POLICE_CONTACT)
    data = schedule_data(world, invitees=[str(police.pk)], guests="Ali Fiktiv, Moskeen\n\n")
    response = secretary_client.post(reverse("meetings:schedule"), data)
    assert response.status_code == 302
    assert Meeting.objects.count() == 3
    first = Meeting.objects.order_by("starts_at")[0]
    assert response["Location"] == reverse("meetings:detail", args=[first.pk])
    page = secretary_client.get(response["Location"]).content.decode()
    assert "Ali Fiktiv" in page
    assert "Moskeen" in page
    assert "0 av minst 2 fra kommunen." in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("ends_at", at(7, 8).strftime("%Y-%m-%dT%H:%M"), "slutte etter"),
        ("occurrences", "", "Hvor mange møter"),
        ("occurrences", "99", "24"),
        ("starts_at", "i morgen", "gyldig dato"),
        ("kind", "party", "gyldig valg"),
        ("location", "x" * 201, "200"),
        ("guests", "x" * 201 + ", Org", "200 tegn"),
        ("guests", "\n".join(f"Gjest {i}, Org" for i in range(31)), "Høyst 30"),
        ("invitees", ["00000000-0000-0000-0000-000000000000"], "gyldig valg"),
    ],
)
def test_bad_input_gets_a_message_and_schedules_nothing(world, secretary_client, field, value, message):
    response = secretary_client.post(reverse("meetings:schedule"), schedule_data(world, **{field: value}))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Meeting.objects.exists()


def test_invitees_from_another_partnership_are_refused(world, other_world, secretary_client):
    stranger = other_world.make_user(Role.COORDINATOR)
    response = secretary_client.post(
        reverse("meetings:schedule"), schedule_data(world, invitees=[str(stranger.pk)])
    )
    assert response.status_code == 200
    assert not Meeting.objects.exists()


def test_markup_in_a_title_is_escaped(world, secretary_client):
    secretary_client.post(reverse("meetings:schedule"), schedule_data(world, title=SCRIPT, repeat="none"))
    page = secretary_client.get(reverse("meetings:list")).content.decode()
    assert SCRIPT not in page
    assert "&lt;script&gt;" in page


def test_the_live_quorum_check_counts_without_saving(world, secretary_client):
    meeting = make_meeting(world, days=-1)
    people = [world.make_user(role) for role in (Role.COORDINATOR,) * 2 + (Role.POLICE_CONTACT,) * 2]
    actions.invite(secretary_of(world), meeting, people=people, guests=[])
    url = reverse("meetings:attendance", args=[meeting.pk])
    everyone = [str(p.pk) for p in meeting.participants.all()]
    partial = secretary_client.post(url, {"present": everyone[:3]}, headers={"HX-Request": "true"})
    assert "Møtet er ikke beslutningsdyktig" in partial.content.decode()
    assert "<html" not in partial.content.decode()
    partial = secretary_client.post(url, {"present": everyone}, headers={"HX-Request": "true"})
    assert "Møtet er beslutningsdyktig." in partial.content.decode()
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.PLANNED
    response = secretary_client.post(url, {"present": everyone})
    assert response.status_code == 302
    assert Meeting.objects.get(pk=meeting.pk).quorum_met is True


def test_attendance_without_quorum_asks_for_a_reason(world, secretary_client):
    meeting = make_meeting(world, days=-1)
    url = reverse("meetings:attendance", args=[meeting.pk])
    response = secretary_client.post(url, {"present": []})
    assert "Begrunn hvorfor det holdes likevel" in response.content.decode()
    secretary_client.post(url, {"present": [], "no_quorum_reason": "Storm."})
    page = secretary_client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "Holdt uten å være beslutningsdyktig" in page
    assert "Storm." in page


def test_removing_and_cancelling_through_the_pages(world, secretary_client):
    meeting = make_meeting(world, guests=[actions.Guest("Gjest", "Org")])
    guest = next(p for p in meeting.participants.all() if p.guest_name == "Gjest")
    assert (
        secretary_client.get(reverse("meetings:remove_participant", args=[meeting.pk, guest.pk])).status_code
        == 405
    )
    secretary_client.post(reverse("meetings:remove_participant", args=[meeting.pk, guest.pk]))
    assert "Gjest" not in [p.guest_name for p in meeting.participants.all()]
    secretary_client.post(reverse("meetings:cancel", args=[meeting.pk]), {"reason": "Sykdom."})
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.CANCELLED


def _feed_path(client) -> str:
    page = client.post(reverse("meetings:calendar"), {"create": ""}).content.decode()
    url = present(re.search(r'id="feed-url">([^<]+)<', page)).group(1)
    return url.removeprefix("http://testserver")


def test_the_calendar_feed_has_my_meetings_and_no_personal_data(world, client):
    coordinator = world.make_user(Role.COORDINATOR)
    mine = make_meeting(world, title="Drøfting av Ola Nordmann", location="Rådhuset")
    actions.invite(
        secretary_of(world), mine, people=[coordinator], guests=[actions.Guest("Kari Gjest", "Moskeen")]
    )
    make_meeting(world, days=9, location="Ikke mitt møte")
    log_in(client, coordinator)
    path = _feed_path(client)
    client.logout()
    response = client.get(path)
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert [str(event["SUMMARY"]) for event in events] == ["Kontaktmøte"]
    assert str(events[0]["LOCATION"]) == "Rådhuset"
    text = response.content.decode()
    for personal in ("Ola Nordmann", "Kari Gjest", coordinator.display_name, "Ikke mitt møte"):
        assert personal not in text


def test_a_revoked_or_replaced_feed_is_not_found(world, client):
    coordinator = world.make_user(Role.COORDINATOR)
    log_in(client, coordinator)
    first = _feed_path(client)
    second = _feed_path(client)
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200
    client.post(reverse("meetings:calendar"), {"revoke": ""})
    assert client.get(second).status_code == 404
    assert client.get("/kalender/gjettet.ics").status_code == 404
    assert CalendarFeed.objects.filter(revoked_at__isnull=True).count() == 0


@pytest.mark.parametrize("rows", [1, 30])
def test_the_list_and_a_meeting_keep_a_constant_number_of_queries(
    world, secretary_client, django_assert_max_num_queries, rows
):
    for index in range(rows):
        meeting = make_meeting(world, days=index - rows // 2, guests=[actions.Guest(f"G{index}", "Org")])
    with django_assert_max_num_queries(12):
        assert secretary_client.get(reverse("meetings:list")).status_code == 200
    with django_assert_max_num_queries(15):
        assert secretary_client.get(reverse("meetings:detail", args=[meeting.pk])).status_code == 200


def test_an_admin_sets_the_quorum_rule(world, client):
    log_in(client, world.make_user(Role.ADMIN))
    url = reverse("meetings:quorum_rule")
    assert client.post(url, {"municipality": "3", "police": "1"}).status_code == 302
    rule = actions.settings_for(world.partnership)
    assert (rule.quorum_municipality, rule.quorum_police, rule.quorum_secretary) == (3, 1, False)
    assert client.post(url, {"municipality": "-1", "police": "x"}).status_code == 200
    assert actions.settings_for(world.partnership).quorum_municipality == 3


def test_a_meeting_in_the_past_asks_to_be_confirmed(world, secretary_client):
    past = schedule_data(
        world,
        starts_at=at(-3).strftime("%Y-%m-%dT%H:%M"),
        ends_at=at(-3, 11).strftime("%Y-%m-%dT%H:%M"),
        repeat="none",
        occurrences="",
    )
    response = secretary_client.post(reverse("meetings:schedule"), past)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Møtet starter i fortiden. Sjekk datoen, eller kryss av hvis det stemmer." in html
    assert 'type="checkbox" name="in_the_past"' in html
    assert not Meeting.objects.exists()
    assert (
        secretary_client.post(reverse("meetings:schedule"), past | {"in_the_past": "on"}).status_code == 302
    )
    assert Meeting.objects.count() == 1


@pytest.mark.parametrize(
    ("title", "refused"),
    [
        ("Ola Hansen (15)", True),
        ("Bekymring for Kari Nordmann, 16 år", True),
        ("Eventuelt", False),
        ("Status for Fredrikstad Kommune 2026", False),
        ("Handlingsplanen: tiltak for 13-16 år", False),
    ],
)
def test_an_agenda_point_that_names_a_person_with_an_age_is_stopped(world, secretary_client, title, refused):
    meeting = make_meeting(world)
    response = secretary_client.post(
        reverse("meetings:add_item", args=[meeting.pk]), {"title": title, "text": ""}, follow=True
    )
    assert ("ser ut til å navngi en person og alderen" in response.content.decode()) is refused
    assert meeting.items.count() == (0 if refused else 1)

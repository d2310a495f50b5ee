"""Meetings in Chromium: the pages pass axe, and a contact meeting is scheduled and its attendance
recorded with the live quorum check."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from varde.accounts.roles import Role
from varde.meetings import actions
from varde.meetings.models import Meeting, MeetingStatus
from varde.meetings.tests.factories import at, make_meeting

from .conftest import assert_accessible, log_in_through_the_page, open_context, open_menu_link
from .test_pages import user_with_authenticator

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_meeting_pages_are_accessible(page: Page, live_server, world):
    secretary = user_with_authenticator(world, Role.SECRETARY)
    meeting = make_meeting(
        world, days=-1, organiser=secretary, guests=[actions.Guest("Ali Fiktiv", "Moskeen")]
    )
    log_in_through_the_page(page, live_server.url, secretary)
    open_menu_link(page, "Møter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Møter")
    assert_accessible(page)
    for name in ("meetings:detail", "meetings:attendance", "meetings:invite", "meetings:cancel"):
        page.goto(live_server.url + reverse(name, args=[meeting.pk]))
        assert_accessible(page)
    page.goto(live_server.url + reverse("meetings:schedule"))
    assert_accessible(page)
    page.get_by_role("button", name="Planlegg").click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert_accessible(page)
    page.goto(live_server.url + reverse("meetings:calendar"))
    page.get_by_role("button", name="Lag en adresse").click()
    expect(page.locator("#feed-url")).to_contain_text("/kalender/")
    assert_accessible(page)


def test_schedule_a_contact_meeting_and_record_attendance_with_the_live_quorum(
    page: Page, live_server, world
):
    secretary = user_with_authenticator(world, Role.SECRETARY)
    people = [world.make_user(Role.COORDINATOR, first_name="Kommune", last_name=str(i)) for i in range(2)]
    people += [world.make_user(Role.POLICE_CONTACT, first_name="Politi", last_name=str(i)) for i in range(2)]
    log_in_through_the_page(page, live_server.url, secretary)
    page.goto(live_server.url + reverse("meetings:schedule"))
    page.get_by_label("Type møte").select_option(label="Kontaktmøte")
    page.get_by_label("Starter").fill(at(-1).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Slutter").fill(at(-1, 11).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Sted").fill("Rådhuset")
    for person in people:
        page.get_by_label(person.display_name).check()
    page.get_by_role("button", name="Planlegg").click()
    # It started yesterday: the page asks whether that is right, keeping what was filled in.
    expect(page.get_by_role("alert")).to_contain_text("Møtet starter i fortiden")
    assert_accessible(page)
    page.get_by_label("Ja, møtet starter i fortiden").check()
    page.get_by_role("button", name="Planlegg").click()
    expect(page.locator("main")).to_contain_text("1 møte er planlagt")
    meeting = Meeting.objects.get()

    page.get_by_role("link", name="Registrer oppmøte").click()
    status = page.locator("#quorum-live")
    expect(status).to_contain_text("ikke beslutningsdyktig")
    page.get_by_label(secretary.display_name, exact=False).check()
    for person in people[:3]:
        page.get_by_label(person.display_name, exact=False).check()
    expect(status).to_contain_text("1 av minst 2 fra politiet.")
    page.get_by_label(people[3].display_name, exact=False).check()
    expect(status).to_contain_text("Møtet er beslutningsdyktig.")
    assert_accessible(page)
    page.get_by_role("button", name="Lagre oppmøte").click()
    expect(page.locator("main")).to_contain_text("Oppmøtet er registrert")
    meeting.refresh_from_db()
    assert (meeting.status, meeting.quorum_met) == (MeetingStatus.HELD, True)


def test_the_agenda_and_preparing_a_point_are_accessible(page: Page, live_server, world):
    from varde.concerns.tests.factories import make_concern

    coordinator = user_with_authenticator(world, Role.COORDINATOR)
    concern = make_concern(world)
    meeting = make_meeting(world, days=3)
    log_in_through_the_page(page, live_server.url, coordinator)
    page.goto(live_server.url + reverse("meetings:agenda", args=[meeting.pk]))
    expect(page.locator("#proposals-heading")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=f"Forbered {concern.reference}").click()
    assert_accessible(page)
    page.get_by_label("Delt sammendrag").fill("Elev med ekstreme ytringer.")
    page.get_by_label("Hjemmel for å drøfte den").select_option(index=1)
    page.get_by_role("button", name="Sett på dagsordenen").click()
    expect(page.locator("#agenda-items")).to_contain_text("Elev med ekstreme ytringer.")
    page.get_by_label("Tittel").fill("Kommende markeringer")
    page.get_by_role("button", name="Legg til punktet").click()
    expect(page.locator("#agenda-items")).to_contain_text("Kommende markeringer")
    page.locator("#agenda-items > li").nth(1).get_by_role("button", name="Flytt opp").click()
    expect(page.locator("#agenda-items > li").first).to_contain_text("Kommende markeringer")
    assert_accessible(page)


def test_from_scheduling_to_approved_minutes_and_a_measure_on_the_home_page(
    page: Page, browser, live_server, world
):
    from varde.concerns.models import Measure
    from varde.concerns.tests.factories import make_concern

    secretary = user_with_authenticator(world, Role.SECRETARY)
    coordinator = user_with_authenticator(world, Role.COORDINATOR)
    police = user_with_authenticator(world, Role.POLICE_CONTACT)
    others = [world.make_user(Role.COORDINATOR), world.make_user(Role.POLICE_CONTACT)]
    concern = make_concern(world)

    # The secretary schedules a contact meeting that starts in a moment and invites both agencies.
    log_in_through_the_page(page, live_server.url, secretary)
    page.goto(live_server.url + reverse("meetings:schedule"))
    page.get_by_label("Starter").fill(at(-1).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Slutter").fill(at(-1, 11).strftime("%Y-%m-%dT%H:%M"))
    for person in [coordinator, police, *others]:
        page.get_by_label(person.display_name).check()
    page.get_by_role("button", name="Planlegg").click()
    page.get_by_label("Ja, møtet starter i fortiden").check()
    page.get_by_role("button", name="Planlegg").click()
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Planlegg et møte")
    meeting = Meeting.objects.get()

    # The coordinator finds the concern proposed and prepares it with a shared summary.
    owner_context = open_context(browser)
    owner_page = owner_context.new_page()
    log_in_through_the_page(owner_page, live_server.url, coordinator)
    owner_page.goto(live_server.url + reverse("meetings:agenda", args=[meeting.pk]))
    owner_page.get_by_role("link", name=f"Forbered {concern.reference}").click()
    owner_page.get_by_label("Delt sammendrag").fill("Elev med ekstreme ytringer; ønsker politiets syn.")
    owner_page.get_by_label("Hjemmel for å drøfte den").select_option(index=1)
    owner_page.get_by_role("button", name="Sett på dagsordenen").click()
    expect(owner_page.locator("#agenda-items")).to_contain_text(concern.reference)

    # The secretary holds the meeting with quorum and writes the shared minutes.
    page.goto(live_server.url + reverse("meetings:attendance", args=[meeting.pk]))
    for person in meeting.participants.all():
        page.get_by_label(person.name, exact=False).check()
    expect(page.locator("#quorum-live")).to_contain_text("Møtet er beslutningsdyktig.")
    page.get_by_role("button", name="Lagre oppmøte").click()
    page.get_by_role("link", name="Referat").click()
    assert_accessible(page)
    page.get_by_role("link", name="Skriv referat for dette punktet").click()
    assert_accessible(page)
    page.get_by_label("Drøfting").fill("Begge ser behov for samtaler.")
    page.get_by_label("Omforent bekymringsnivå").select_option(label="Moderat")
    page.get_by_role("button", name="Lagre det felles referatet").click()
    expect(page.locator("main")).to_contain_text("Det felles referatet er lagret")

    # The coordinator turns the next step into a measure and approves.
    owner_page.goto(live_server.url + reverse("meetings:minutes", args=[meeting.pk]))
    owner_page.get_by_role("link", name="Skriv referat for dette punktet").click()
    owner_page.get_by_label("Hva skal gjøres").fill("Samtale med eleven og foreldrene")
    owner_page.get_by_label("Ansvarlig").select_option(label=coordinator.display_name)
    owner_page.get_by_label("Frist").fill((timezone.localdate() + timedelta(days=14)).isoformat())
    owner_page.get_by_label("Gjør det til et tiltak i saken").select_option(label="Samtaleoppfølging")
    owner_page.get_by_role("button", name="Legg til neste steg").click()
    expect(owner_page.locator("main")).to_contain_text("Neste steg er lagt til")
    owner_page.get_by_role("button", name="Godkjenn referatet").click()

    # The police approve too; the minutes lock.
    police_context = open_context(browser)
    police_page = police_context.new_page()
    log_in_through_the_page(police_page, live_server.url, police)
    police_page.goto(live_server.url + reverse("meetings:minutes", args=[meeting.pk]))
    expect(police_page.locator("main")).not_to_contain_text(concern.subject_name)
    police_page.get_by_role("button", name="Godkjenn referatet").click()
    expect(police_page.locator("main")).to_contain_text("Referatet er godkjent og låst")
    police_context.close()

    # The new measure is on the owner's home page.
    owner_page.goto(live_server.url + "/")
    expect(owner_page.locator("main")).to_contain_text(f"{concern.reference} – Samtaleoppfølging")
    owner_context.close()
    assert Measure.objects.get(concern=concern).responsible == coordinator


def test_four_hundred_members_are_found_by_typing(page: Page, live_server, world):
    from varde.accounts.models import Membership, User

    secretary = user_with_authenticator(world, Role.SECRETARY)
    users = User.objects.bulk_create(
        User(username=f"medlem{i:03d}", first_name="Medlem", last_name=f"{i:03d}") for i in range(400)
    )
    Membership.objects.bulk_create(
        Membership(user=user, agency=world.municipality, role=Role.EMPLOYEE) for user in users
    )
    log_in_through_the_page(page, live_server.url, secretary)
    page.goto(live_server.url + reverse("meetings:schedule"))
    find = page.get_by_label("Finn i: Inviter")
    find.fill("medlem 123")
    expect(page.get_by_label("Medlem 123")).to_be_visible()
    expect(page.get_by_label("Medlem 124")).to_be_hidden()
    page.get_by_label("Medlem 123").check()
    find.fill("medlem 200")
    # What was chosen stays in sight while another is found.
    expect(page.get_by_label("Medlem 123")).to_be_visible()
    expect(page.get_by_label("Medlem 200")).to_be_visible()
    assert_accessible(page)

"""Minutes: the shared part and each agency's notes, next steps that become measures or tasks in the
right agency, approval that locks, addenda, the agreed level in the concern's history, and the PDF."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from conftest import edit_basis, log_in, present
from varde.accounts.roles import Role
from varde.assessments.models import ConcernLevel
from varde.concerns.categorical import MeasureType
from varde.concerns.tests.factories import SUBJECT_NAME, basis, handler_for, make_concern
from varde.core.errors import ActionRefused, StaleEdit
from varde.core.tests.pdfs import assert_accessible_pdf
from varde.meetings import actions
from varde.meetings.actions import NextStep
from varde.meetings.models import AgencyNote, ItemKind, ItemMinutes, MinutesStatus, Task

from .factories import make_meeting, secretary_of

SUMMARY = "Elev med ekstreme ytringer."
NOTE = "Politiet kjenner til familien fra før."


@pytest.fixture
def held(world):
    """A contact meeting with one case point from the municipality, held with quorum."""
    meeting = make_meeting(world, days=-1)
    concern = make_concern(world)
    owner = handler_for(world, world.municipality)
    police = handler_for(world, world.police)
    actions.prepare_case_item(
        owner,
        meeting,
        concern=concern,
        kind=ItemKind.CASE,
        summary=SUMMARY,
        legal_basis=basis(world, "initial-discussion"),
    )
    people = [owner, world.make_user(Role.COORDINATOR), police, world.make_user(Role.POLICE_CONTACT)]
    actions.invite(secretary_of(world), meeting, people=people, guests=[])
    actions.record_attendance(secretary_of(world), meeting, present=list(meeting.participants.all()))
    return meeting, meeting.items.get(), owner, police


def level(world, code):
    return ConcernLevel.objects.get(partnership=world.partnership, code=code)


def test_minutes_wait_for_the_meeting(world):
    meeting = make_meeting(world, days=2)
    item = actions.add_other_item(secretary_of(world), meeting, title="Orientering")
    with pytest.raises(ActionRefused, match="holdt"):
        actions.write_item_minutes(secretary_of(world), item, discussion="x", decisions="", agreed_level=None)


def test_a_next_step_becomes_a_measure_in_the_owners_agency(world, held, client):
    _meeting, item, owner, police = held
    deadline = timezone.localdate() + timedelta(days=14)
    mentor_type = MeasureType.objects.get(partnership=world.partnership, code="follow-up-conversation")
    task = actions.add_next_step(
        owner, item, step=NextStep("Samtale med eleven", owner, deadline, mentor_type)
    )
    measure = present(task.measure)
    assert (measure.concern, measure.owner_agency, measure.responsible, measure.next_review) == (
        item.concern,
        world.municipality,
        owner,
        deadline,
    )
    assert task.agency == world.municipality
    with pytest.raises(ActionRefused, match="eier bekymringen"):
        actions.add_next_step(police, item, step=NextStep("Tiltak", police, deadline, mentor_type))
    with pytest.raises(ActionRefused):
        actions.add_next_step(owner, item, step=NextStep("Tiltak", police, deadline, mentor_type))
    log_in(client, owner)
    home = client.get(reverse("accounts:home")).content.decode()
    assert "Evaluer tiltak" in home
    assert f"{item.concern.reference} – Samtaleoppfølging" in home


def test_a_next_step_without_a_measure_is_a_task_in_the_owners_agency(world, held, client):
    _meeting, item, _owner, police = held
    deadline = timezone.localdate() + timedelta(days=7)
    task = actions.add_next_step(
        secretary_of(world), item, step=NextStep("Sjekk politiets registre", police, deadline)
    )
    assert (task.agency, task.measure) == (world.police, None)
    log_in(client, police)
    assert "Sjekk politiets registre" in client.get(reverse("accounts:home")).content.decode()
    client.post(reverse("meetings:complete_task", args=[task.pk]))
    assert Task.objects.get(pk=task.pk).done_at is not None
    with pytest.raises(ActionRefused):
        actions.add_next_step(
            secretary_of(world), item, step=NextStep("For sent", police, deadline - timedelta(days=30))
        )


def test_agency_notes_are_seen_only_by_that_agency(world, held, client):
    meeting, item, owner, police = held
    actions.save_agency_note(police, item, text=NOTE)
    actions.write_item_minutes(
        secretary_of(world), item, discussion="Felles drøfting.", decisions="", agreed_level=None
    )
    url = reverse("meetings:minutes", args=[meeting.pk])
    log_in(client, police)
    assert NOTE in client.get(url).content.decode()
    for viewer in (owner, secretary_of(world)):
        log_in(client, viewer)
        page = client.get(url).content.decode()
        assert "Felles drøfting." in page
        assert NOTE not in page
    with pytest.raises(PermissionDenied):
        actions.save_agency_note(secretary_of(world), item, text="Sekretæren har ingen sak.")


def test_approval_by_both_agencies_locks_and_writes_the_level(world, held):
    meeting, item, owner, police = held
    secretary = secretary_of(world)
    actions.write_item_minutes(
        secretary, item, discussion="Drøftet.", decisions="Mentor.", agreed_level=level(world, "moderate")
    )
    actions.approve_minutes(owner, meeting)
    assert actions.minutes_of(meeting).status == MinutesStatus.DRAFT
    with pytest.raises(ActionRefused, match="møtte"):
        actions.approve_minutes(world.make_user(Role.POLICE_CONTACT), meeting)
    actions.approve_minutes(police, meeting)
    locked = actions.minutes_of(meeting)
    assert locked.status == MinutesStatus.APPROVED
    event = item.concern.events.get(action="meeting_level_agreed")
    assert "Moderat" in event.reason
    with pytest.raises(ActionRefused, match="låst"):
        actions.write_item_minutes(secretary, item, discussion="Endret.", decisions="", agreed_level=None)
    with pytest.raises(ActionRefused):
        actions.add_next_step(secretary, item, step=NextStep("Sent", police, timezone.localdate()))
    addendum = actions.add_addendum(police, meeting, text="Rettelse: møtet startet 09.15.")
    assert addendum.minutes == locked


def test_addenda_only_after_approval(world, held):
    meeting, _item, _owner, police = held
    with pytest.raises(ActionRefused):
        actions.add_addendum(police, meeting, text="For tidlig.")


def test_writing_through_the_page(world, held, client):
    meeting, item, _owner, police = held
    log_in(client, secretary_of(world))
    url = reverse("meetings:item_minutes", args=[meeting.pk, item.pk])
    page = client.get(url).content.decode()
    assert SUMMARY in page
    assert SUBJECT_NAME not in page
    data = {
        **edit_basis(page),
        "action": "shared",
        "shared-discussion": "Drøftet.",
        "shared-decisions": "",
        "shared-agreed_level": "x",
    }
    assert client.post(url, data).status_code == 200
    data["shared-agreed_level"] = str(level(world, "low").pk)
    assert client.post(url, data).status_code == 302
    step = {
        "action": "step",
        "step-description": "",
        "step-owner": str(police.pk),
        "step-deadline": "2020-01-01",
    }
    assert client.post(url, step).status_code == 200
    assert not Task.objects.exists()
    # The secretary holds no agency's notes: that form is refused as the other pages refuse one, 404.
    assert client.post(url, {"action": "note", "note-text": "x"}).status_code == 404
    assert not AgencyNote.objects.exists()


def test_the_pdf_holds_the_shared_minutes_only(world, held, client):
    meeting, item, owner, _police = held
    actions.save_agency_note(owner, item, text=NOTE)
    actions.write_item_minutes(
        secretary_of(world), item, discussion="Felles drøfting.", decisions="Mentor.", agreed_level=None
    )
    log_in(client, owner)
    response = client.get(reverse("meetings:minutes_pdf", args=[meeting.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert_accessible_pdf(response.content, title="Referat")
    text = " ".join(
        " ".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages).split()
    )
    assert "Felles drøfting." in text
    assert SUMMARY in text
    assert item.concern.reference in text
    assert NOTE not in text
    assert SUBJECT_NAME not in text


def test_points_can_be_added_while_the_minutes_are_written(world, held, client):
    meeting, _item, owner, police = held
    secretary = secretary_of(world)
    actions.add_other_item(secretary, meeting, title="Eventuelt")
    log_in(client, secretary)
    response = client.post(
        reverse("meetings:add_item", args=[meeting.pk]), {"title": "Markeringer", "text": ""}
    )
    assert response["Location"] == reverse("meetings:minutes", args=[meeting.pk])
    assert "Markeringer" in [item.title for item in meeting.items.all()]
    with pytest.raises(ActionRefused):
        actions.prepare_case_item(
            owner,
            meeting,
            concern=make_concern(world, name="Ny Sak"),
            kind=ItemKind.CASE,
            summary=SUMMARY,
            legal_basis=basis(world, "consent"),
        )
    actions.approve_minutes(owner, meeting)
    actions.approve_minutes(police, meeting)
    with pytest.raises(ActionRefused):
        actions.add_other_item(secretary, meeting, title="For sent")


def test_invited_guests_of_the_plan_read_but_do_not_write(world, client):
    planner = world.make_user(Role.PLAN_MANAGER)
    resource_person = world.make_user(Role.RESOURCE_PERSON)
    from varde.meetings.models import MeetingKind

    meeting = make_meeting(world, days=-1, organiser=planner, kind=MeetingKind.RESOURCE_NETWORK)
    point = actions.add_other_item(planner, meeting, title="Erfaringer fra skolene")
    actions.invite(planner, meeting, people=[resource_person], guests=[])
    actions.record_attendance(planner, meeting, present=list(meeting.participants.all()))
    log_in(client, resource_person)
    page = client.get(reverse("meetings:minutes", args=[meeting.pk])).content.decode()
    assert "Erfaringer fra skolene" in page
    assert reverse("meetings:item_minutes", args=[meeting.pk, point.pk]) not in page
    assert client.get(reverse("meetings:item_minutes", args=[meeting.pk, point.pk])).status_code == 404
    client.post(reverse("meetings:approve", args=[meeting.pk]))
    assert actions.minutes_of(meeting).status == MinutesStatus.APPROVED


def test_two_secretaries_writing_the_same_point_do_not_overwrite_each_other(world, held):
    meeting, item, _owner, _police = held
    url = reverse("meetings:item_minutes", args=[meeting.pk, item.pk])
    first, second = log_in(Client(), secretary_of(world)), log_in(Client(), world.make_user(Role.SECRETARY))
    opened_first, opened_second = (edit_basis(c.get(url).content.decode()) for c in (first, second))
    shared = {"action": "shared", "shared-decisions": ""}
    saved = first.post(url, {**opened_first, **shared, "shared-discussion": "Skolen følger opp."})
    assert saved.status_code == 302
    refused = second.post(url, {**opened_second, **shared, "shared-discussion": "Mentor foreslått."})
    page = refused.content.decode()
    assert "Noen andre har lagret endringer" in page
    assert "Skolen følger opp." in page
    assert "Mentor foreslått." in page
    assert ItemMinutes.objects.get(item=item).discussion == "Skolen følger opp."
    again = second.post(url, {**edit_basis(page), **shared, "shared-discussion": "Mentor foreslått."})
    assert again.status_code == 302
    assert ItemMinutes.objects.get(item=item).discussion == "Mentor foreslått."


def test_a_stale_agency_note_is_refused_also_after_it_was_removed(world, held):
    _meeting, item, _owner, police = held
    colleague = handler_for(world, world.police)
    note = actions.save_agency_note(police, item, text=NOTE, version=0)
    assert note is not None
    assert note.version == 1
    actions.save_agency_note(colleague, item, text="", version=1)  # removes the notes
    with pytest.raises(StaleEdit):
        actions.save_agency_note(police, item, text="Oppdatert.", version=1)
    actions.save_agency_note(colleague, item, text="Ny.", version=0)
    with pytest.raises(StaleEdit):
        actions.save_agency_note(police, item, text="Også ny.", version=0)
    assert AgencyNote.objects.get(item=item).text == "Ny."

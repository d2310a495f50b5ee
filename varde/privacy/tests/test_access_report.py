"""The access report for a person: the officer's own agency's cases in full, the other agency's only as
far as they were disclosed, who read them, a PDF for the person with or without employees' names,
and every report on record."""

from io import BytesIO

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from conftest import log_in, present
from varde.accounts.roles import Role
from varde.concerns.audit_actions import ConcernAudit
from varde.concerns.choices import Part
from varde.concerns.tests.factories import SUBJECT_NAME, handler_for, make_concern, make_disclosure
from varde.core.audit import record_event
from varde.core.models import AuditEvent
from varde.core.tests.pdfs import assert_accessible_pdf

BORN = timezone.localdate().year - 15
# The same for one read as for a thousand, and the same on SQLite and PostgreSQL.
QUERY_BUDGET = 21
OWN_TEXT = "Kommunens egen beskrivelse."
POLICE_TEXT = "Politiets egen beskrivelse."


@pytest.fixture
def cases(world):
    own = make_concern(world, description=OWN_TEXT)
    police_shared = make_concern(world, agency=world.police, description=POLICE_TEXT)
    make_disclosure(world, police_shared, parts=(Part.IDENTITY,))
    police_only = make_concern(world, agency=world.police, description="Bare politiet vet.")
    someone_else = make_concern(world, name="Kari Annen Person")
    return own, police_shared, police_only, someone_else


def report(client, **fields):
    data = {"name": SUBJECT_NAME, "birth_year": BORN, "format": "html"} | fields
    return client.post(reverse("privacy:access_report"), data)


def test_the_officer_sees_own_cases_in_full_and_the_other_agency_s_only_as_disclosed(world, client, cases):
    own, police_shared, police_only, someone_else = cases
    log_in(client, world.make_user(Role.PRIVACY_OFFICER))
    page = report(client).content.decode()
    assert own.reference in page
    assert OWN_TEXT in page
    assert police_shared.reference in page
    assert POLICE_TEXT not in page  # only the identity was disclosed to the municipality
    assert police_only.reference not in page
    assert someone_else.reference not in page
    assert own.reference not in report(client, birth_year=BORN - 3).content.decode()


def test_the_police_officer_reports_the_police_s_cases(world, client, cases):
    own, police_shared, police_only, _ = cases
    log_in(client, world.make_user(Role.PRIVACY_OFFICER, agency=world.police))
    page = report(client).content.decode()
    assert police_only.reference in page
    assert police_shared.reference in page
    assert POLICE_TEXT in page
    assert own.reference not in page


def test_who_read_the_case_is_listed_and_can_be_left_out_for_the_person(world, client, cases):
    own = cases[0]
    reader = handler_for(world, world.municipality)
    record_event(
        ConcernAudit.VIEWED, actor=reader, obj=own, partnership=world.partnership, agency=world.municipality
    )
    officer = world.make_user(Role.PRIVACY_OFFICER)
    log_in(client, officer)
    assert reader.username in report(client).content.decode()
    pdf = report(client, format="pdf", without_employee_names="on")
    assert pdf["Content-Type"] == "application/pdf"
    assert_accessible_pdf(pdf.content, title="Innsynsrapport")
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(pdf.content)).pages)
    assert own.reference in text
    assert "En ansatt" in text
    assert reader.username not in text
    produced = AuditEvent.objects.filter(action="privacy.access_report", actor_id=str(officer.pk)).order_by(
        "id"
    )
    assert [(event.detail["format"], event.detail["employee_names"]) for event in produced] == [
        ("html", True),
        ("pdf", False),
    ]
    recorded = present(produced.last())
    assert own.reference in recorded.detail["references"]
    assert SUBJECT_NAME not in str(recorded.detail)


def test_a_name_of_one_word_is_refused_and_nothing_is_recorded(world, client, cases):
    log_in(client, world.make_user(Role.PRIVACY_OFFICER))
    page = report(client, name="Ola").content.decode()
    assert "Skriv hele navnet" in page
    assert not AuditEvent.objects.filter(action="privacy.access_report").exists()


@pytest.mark.parametrize("reads", [1, 1000])
def test_the_report_asks_as_many_questions_for_a_thousand_reads_as_for_one(
    world, client, cases, reads, django_assert_num_queries
):
    own = cases[0]
    reader = handler_for(world, world.municipality)
    for _ in range(reads):
        record_event(
            ConcernAudit.VIEWED,
            actor=reader,
            obj=own,
            partnership=world.partnership,
            agency=world.municipality,
        )
    log_in(client, world.make_user(Role.PRIVACY_OFFICER))
    with django_assert_num_queries(QUERY_BUDGET):
        assert report(client).status_code == 200


def test_a_day_of_reads_by_one_person_for_one_purpose_is_one_line(world, client, cases):
    own = cases[0]
    reader, other_reader = handler_for(world, world.municipality), world.make_user(Role.COORDINATOR)
    moments = ["2026-12-01T08:05:00+01:00", "2026-12-01T15:40:00+01:00", "2026-12-02T09:00:00+01:00"]
    for moment in moments:
        with time_machine.travel(moment, tick=False):
            for actor in (reader, reader, other_reader):
                record_event(
                    ConcernAudit.VIEWED,
                    actor=actor,
                    obj=own,
                    partnership=world.partnership,
                    agency=world.municipality,
                    purpose="case page",
                )
    log_in(client, world.make_user(Role.PRIVACY_OFFICER))
    reports = report(client).context["reports"]
    lines = [
        (line.actor_label, line.count, timezone.localtime(line.first).strftime("%d %H:%M"))
        for line in next(found for found in reports if found.concern == own).lines
        if line.action == "concern.viewed"
    ]
    assert lines == [
        (reader.username, 4, "01 08:05"),
        (other_reader.username, 2, "01 08:05"),
        (reader.username, 2, "02 09:00"),
        (other_reader.username, 1, "02 09:00"),
    ]
    html = report(client).content.decode()
    assert "01.12.2026 08:05–15:40" in html

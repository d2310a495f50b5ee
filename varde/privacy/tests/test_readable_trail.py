"""The trail in words: Norwegian actions and purposes, the case's reference, and filters by case and
by kind of event, refused attempts among them."""

from django.urls import reverse

from conftest import log_in
from varde.accounts.demo import load_demo
from varde.accounts.roles import Role
from varde.concerns.audit_actions import ConcernAudit
from varde.concerns.tests.factories import handler_for, make_concern
from varde.core.audit import record_event
from varde.core.models import AuditEvent
from varde.core.tests.pdfs import assert_accessible_pdf
from varde.privacy.vocabulary import action_label, purpose_label


def test_every_action_and_purpose_the_demo_records_has_words(db):
    load_demo()
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    purposes = set(AuditEvent.objects.exclude(purpose="").values_list("purpose", flat=True))
    assert {code for code in actions if action_label(code) == code} == set()
    assert {code for code in purposes if purpose_label(code) == code} == set()


def test_the_page_shows_words_and_references_and_filters_by_case_and_kind(world, client):
    first, second = make_concern(world), make_concern(world)
    police = handler_for(world, world.police)
    for concern in (first, second):
        record_event(
            ConcernAudit.VIEWED,
            actor=handler_for(world, world.municipality),
            obj=concern,
            partnership=world.partnership,
            agency=world.municipality,
            purpose="close",
            detail={"reference": concern.reference},
        )
    record_event(
        ConcernAudit.ACCESS_REFUSED,
        actor=police,
        obj=first,
        partnership=world.partnership,
        agency=world.municipality,
        purpose="api: disclose",
        detail={"reference": first.reference},
    )
    log_in(client, world.make_user(Role.PRIVACY_OFFICER))
    url = reverse("privacy:audit_trail")
    page = client.get(url, {"reference": first.reference.lower()}).content.decode()
    assert f"Sak {first.reference}" in page
    assert second.reference not in page
    assert "Leste saken" in page
    assert "avslutte saken" in page
    refused = client.get(url, {"kind": "refused"}).context["stretch"].rows
    assert [event.action for event in refused] == ["concern.access_refused"]
    assert "dele med den andre virksomheten (API)" in client.get(url, {"kind": "refused"}).content.decode()


def test_the_filtered_trail_is_taken_away_as_csv_and_pdf_and_that_is_recorded(world, client):
    import csv
    import io

    concern = make_concern(world)
    record_event(
        ConcernAudit.VIEWED,
        actor=handler_for(world, world.municipality),
        obj=concern,
        partnership=world.partnership,
        agency=world.municipality,
        purpose="case page",
        detail={"reference": concern.reference},
    )
    officer = world.make_user(Role.PRIVACY_OFFICER)
    log_in(client, officer)
    url = reverse("privacy:audit_trail")
    page = client.get(url, {"reference": concern.reference}).content.decode()
    assert "format=csv" in page
    answer = client.get(url, {"reference": concern.reference, "format": "csv"})
    rows = list(
        csv.reader(io.StringIO(b"".join(answer.streaming_content).decode("utf-8-sig")), delimiter=";")
    )
    assert rows[0][0] == "Tidspunkt"
    assert {row[4] for row in rows[1:]} == {"Leste saken", "Bekymring mottatt"}
    assert {row[6] for row in rows[1:]} == {f"{concern.reference} (O.F.T.)"}
    assert {row[2] for row in rows[1:]} >= {world.municipality.name}
    pdf = client.get(url, {"reference": concern.reference, "format": "pdf"})
    assert pdf["Content-Type"] == "application/pdf"
    assert_accessible_pdf(pdf.content, title="Revisjonslogg")
    exported = AuditEvent.objects.filter(action="audit.exported", actor_id=str(officer.pk))
    assert sorted(event.detail["format"] for event in exported) == ["csv", "pdf"]
    assert all(event.detail["filters"] == ["reference"] for event in exported)

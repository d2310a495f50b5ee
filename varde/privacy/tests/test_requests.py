"""Requests from a person: registered with the month the law gives, handled and answered by the
agency's own privacy officer, overdue ones on the home page, bad input refused, every step on record."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from conftest import edit_basis, log_in
from varde.accounts.roles import Role
from varde.core.models import AuditEvent
from varde.privacy.models import SubjectRequest
from varde.privacy.requests import NewRequest, register_request


def new_request(**fields):
    return {
        "kind": "access",
        "requester": "Ola Fiktiv, ola@example.invalid",
        "request": "Hva har dere om meg?",
        "received_on": timezone.localdate().isoformat(),
        "references": "",
    } | fields


def test_the_officer_registers_and_answers_a_request(world, client):
    officer = world.make_user(Role.PRIVACY_OFFICER)
    log_in(client, officer)
    url = reverse("privacy:requests")
    future = (timezone.localdate() + timedelta(days=1)).isoformat()
    assert "fram i tid" in client.post(url, new_request(received_on=future)).content.decode()
    assert "ABCD-2345" in client.post(url, new_request(references="sak 12")).content.decode()
    assert not SubjectRequest.objects.exists()
    response = client.post(url, new_request(references="abcd-2345"))
    found = SubjectRequest.objects.get()
    assert response.url == reverse("privacy:request_detail", args=[found.pk])
    assert (found.due_on.month - found.received_on.month) % 12 == 1
    assert found.references == "ABCD-2345"
    detail = reverse("privacy:request_detail", args=[found.pk])
    hidden = edit_basis(client.get(detail).content.decode())
    refused = client.post(detail, {**hidden, "handling": "Sjekket sakene.", "answered": "on"})
    assert "Skriv svaret" in refused.content.decode()
    hidden = edit_basis(client.get(detail).content.decode())
    client.post(detail, {**hidden, "handling": "Sjekket.", "answer": "Rapport sendt.", "answered": "on"})
    found.refresh_from_db()
    assert (found.answered_on, found.answer) == (timezone.localdate(), "Rapport sendt.")
    actions = list(AuditEvent.objects.filter(object_id=str(found.pk)).values_list("action", flat=True))
    assert {"subject_request.registered", "subject_request.viewed", "subject_request.answered"} <= set(
        actions
    )


def test_each_agency_s_officer_sees_only_requests_to_their_agency(world, client):
    municipal = world.make_user(Role.PRIVACY_OFFICER)
    found = register_request(
        municipal, world.municipality, NewRequest("erasure", "Kari", "Slett meg.", timezone.localdate())
    )
    log_in(client, world.make_user(Role.PRIVACY_OFFICER, agency=world.police))
    assert client.get(reverse("privacy:request_detail", args=[found.pk])).status_code == 404
    assert list(client.get(reverse("privacy:requests")).context["requests"]) == []


def test_a_request_due_within_a_week_or_overdue_is_on_the_officer_s_home_page(world, client):
    officer = world.make_user(Role.PRIVACY_OFFICER)
    long_ago = timezone.localdate() - timedelta(days=40)
    register_request(officer, world.municipality, NewRequest("access", "Kari", "Innsyn.", long_ago))
    log_in(client, officer)
    home = client.get(reverse("accounts:home")).content.decode()
    assert "Svar på en henvendelse fra en person" in home
    assert "Forfalt" in home or "forfalt" in home

"""An acute case reaches the police contacts in Varde and by e-mail, through a real SMTP server; the
e-mail holds a link and nothing about the person, and a mail server that is down is tried again."""

import socket
from datetime import timedelta
from email import message_from_bytes

import pytest
from aiosmtpd.controller import Controller
from django.test import override_settings
from django.utils import timezone

from conftest import present, task_queue
from varde.accounts.models import Notification
from varde.concerns.actions import intake
from varde.concerns.alerts import RETRY_AFTER, send_acute_alert
from varde.concerns.tests.factories import SUBJECT_NAME, basis, handler_for, make_concern


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802  (aiosmtpd's hook name)
        self.messages.append((envelope.rcpt_tos, message_from_bytes(envelope.content)))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=controller.port,
        EMAIL_TIMEOUT=5,
        VARDE_BASE_URL="https://varde.example.no",
    ):
        yield inbox
    controller.stop()


def mark_acute(world, concern, capture):
    owner = handler_for(world, concern.owning_agency)
    with capture(execute=True):
        intake.mark_acute(
            owner,
            concern,
            alerted_at=timezone.now(),
            alerted_by="Kari",
            legal_basis=basis(world, "duty-to-avert"),
            justification="Trussel",
        )


def test_the_police_get_the_alert_in_varde_and_by_e_mail_with_a_link_only(
    world, smtp_server, django_capture_on_commit_callbacks
):
    police = handler_for(world, world.police)
    police.email = "politikontakt@politiet.example"
    police.save()
    concern = make_concern(world)
    task_queue().clear()
    mark_acute(world, concern, django_capture_on_commit_callbacks)
    assert Notification.objects.filter(user=police, link__contains=str(concern.pk)).exists()
    queued = task_queue().results[-1]
    assert queued.task.func is send_acute_alert.func
    # The worker's turn.
    assert send_acute_alert.call(*queued.args) == 1
    [(recipients, message)] = smtp_server.messages
    assert recipients == ["politikontakt@politiet.example"]
    body = message.get_payload(decode=True).decode()
    assert f"https://varde.example.no/saker/{concern.pk}/" in body
    for personal in (SUBJECT_NAME, "Ola", concern.reference, concern.description):
        assert personal not in body
        assert personal not in message["Subject"]


def test_a_police_case_marked_acute_alerts_the_police_too(
    world, smtp_server, django_capture_on_commit_callbacks
):
    police = handler_for(world, world.police)
    police.email = "politikontakt@politiet.example"
    police.save()
    concern = make_concern(world, agency=world.police)
    task_queue().clear()
    mark_acute(world, concern, django_capture_on_commit_callbacks)
    assert Notification.objects.filter(user=police, message__contains="markert som akutt").exists()
    assert send_acute_alert.call(*task_queue().results[-1].args) == 1
    assert len(smtp_server.messages) == 1


@override_settings(
    EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend", EMAIL_HOST="127.0.0.1", EMAIL_TIMEOUT=2
)
def test_a_mail_server_that_does_not_answer_is_tried_again_later(world, caplog):
    police = handler_for(world, world.police)
    police.email = "politikontakt@politiet.example"
    police.save()
    concern = make_concern(world, agency=world.police)
    task_queue().clear()
    with override_settings(EMAIL_PORT=free_port()):  # nothing listens there
        assert send_acute_alert.call(str(concern.pk), 0) == 0
        retry = task_queue().results[-1]
        assert retry.args == [str(concern.pk), 1]
        assert present(retry.task.run_after) > timezone.now()
        # After the last pause, it gives up and says so in the log, without the address.
        assert send_acute_alert.call(str(concern.pk), len(RETRY_AFTER)) == 0
    assert len(task_queue().results) == 1
    assert "not sent after" in caplog.text
    assert "politikontakt@" not in caplog.text


def test_an_acute_case_is_pinned_above_both_agencies_lists_with_an_hours_deadline(
    world, client, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    from conftest import log_in
    from varde.concerns.models import Concern

    ordinary = make_concern(world)
    shared = make_concern(world)
    alerted = timezone.now().replace(microsecond=0)
    owner = handler_for(world, world.municipality)
    with django_capture_on_commit_callbacks(execute=True):
        intake.mark_acute(
            owner,
            shared,
            alerted_at=alerted,
            alerted_by="Kari",
            legal_basis=basis(world, "duty-to-avert"),
            justification="Trussel",
        )
    shared.refresh_from_db()
    due = timezone.localtime(alerted + timedelta(hours=24))
    assert shared.acute_due_at == alerted + timedelta(hours=24)
    assert shared.assessment_due == due.date()
    deadline = due.strftime("%d.%m.%Y %H:%M")
    police = handler_for(world, world.police)
    log_in(client, police)
    # Filtered to something else, the acute case still stands first, with its deadline in hours.
    html = client.get(reverse("concerns:list"), {"status": "closed"}).content.decode()
    pinned = html[html.index("Akutte saker") : html.index('id="case-results"')]
    assert shared.reference in pinned
    assert deadline in pinned
    assert ordinary.reference not in pinned
    assert deadline in client.get(reverse("concerns:detail", args=[shared.pk])).content.decode()
    # Past the hours, it is overdue.
    Concern.objects.filter(pk=shared.pk).update(police_alerted_at=alerted - timedelta(hours=25))
    pinned = client.get(reverse("concerns:list")).content.decode()
    assert "Forfalt" in pinned[pinned.index("Akutte saker") : pinned.index('id="case-results"')]
    # Closed, it leaves the pinned list.
    Concern.objects.filter(pk=shared.pk).update(status="closed", outcome="other", closed_at=timezone.now())
    assert "Akutte saker" not in client.get(reverse("concerns:list")).content.decode()

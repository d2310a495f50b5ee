"""The action plan's pages as users meet them, the report and its PDF, reminders, bad input and
query budgets."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from conftest import edit_basis, log_in, present
from varde.accounts.roles import Role
from varde.accounts.tests.factories import UnitFactory
from varde.actionplan import actions
from varde.actionplan.models import ActionPlan, MeasureStatus, RequestStatus, SessionRequest, Training
from varde.actionplan.reminders import send_reminders
from varde.core.tests.pdfs import assert_accessible_pdf

from .factories import make_plan, obligation, plan_manager, plan_text

SCRIPT = "<script>alert('x')</script>"


@pytest.fixture
def manager_client(world, client):
    return log_in(client, plan_manager(world))


def training_data(world, **overrides):
    data = {
        "kind": "competence",
        "held_on": timezone.localdate().isoformat(),
        "units": [str(world.unit.pk)],
        "participants": "25",
        "topics": ["basics", "signs"],
        "given_by": "Koordineringsgruppen",
    }
    return data | overrides


def test_recording_a_training_updates_coverage(world, manager_client):
    make_plan(world, obligations=obligation("training", "first_line_every_months", 24, "training"))
    assert manager_client.post(reverse("actionplan:trainings"), training_data(world)).status_code == 302
    training = Training.objects.get()
    assert list(training.units.all()) == [world.unit]
    page = manager_client.get(reverse("actionplan:coverage")).content.decode()
    assert world.unit.name in page
    assert "Oppfylt" in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("held_on", (timezone.localdate() + timedelta(days=1)).isoformat(), "når den er holdt"),
        ("participants", "0", "større enn eller lik 1"),
        ("participants", "mange", "heltall"),
        ("topics", ["everything"], "gyldig valg"),
        ("units", ["00000000-0000-0000-0000-000000000000"], "gyldig valg"),
        ("given_by", "x" * 201, "200"),
        ("units", [], "hvem opplæringen nådde"),
    ],
)
def test_bad_training_input_changes_nothing(world, manager_client, field, value, message):
    response = manager_client.post(reverse("actionplan:trainings"), training_data(world, **{field: value}))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Training.objects.exists()


def test_units_of_another_partnership_are_not_offered(world, other_world, manager_client):
    foreign = UnitFactory.create(agency=other_world.municipality, name="Fremmed skole")
    response = manager_client.post(
        reverse("actionplan:trainings"), training_data(world, units=[str(foreign.pk)])
    )
    assert "gyldig valg" in response.content.decode()


def test_status_and_activity_on_a_plan_measure(world, manager_client, client):
    plan = make_plan(world)
    measure = plan.measures.get(number=1)
    url = reverse("actionplan:measure", args=[measure.pk])
    opened = edit_basis(manager_client.get(url).content.decode())
    manager_client.post(
        url, {**opened, "action": "status", "status-status": "done", "status-note": "Levert."}
    )
    refused = manager_client.post(url, {**opened, "action": "status", "status-status": "paused"})
    assert (
        "Noen andre har lagret endringer mens du redigerte: Status (nå «Ferdig»)" in refused.content.decode()
    )
    manager_client.post(
        url,
        {
            "action": "activity",
            "activity-occurred_on": timezone.localdate().isoformat(),
            "activity-text": SCRIPT,
            "activity-evidence": "",
        },
    )
    measure.refresh_from_db()
    assert measure.status == MeasureStatus.DONE
    page = manager_client.get(url).content.decode()
    assert "Status endret fra Planlagt til Ferdig. Levert." in page
    assert SCRIPT not in page
    assert "&lt;script&gt;" in page
    log_in(client, world.make_user(Role.VIEWER))
    assert client.post(url, {"action": "status", "status-status": "paused"}).status_code == 404
    coordinator = world.make_user(Role.COORDINATOR)
    log_in(client, coordinator)
    assert client.post(url, {"action": "status", "status-status": "paused"}).status_code == 404
    assert 'name="activity-text"' in client.get(url).content.decode()


def test_the_dashboard_tags_each_state_and_status_in_its_colour(world, manager_client):
    plan = make_plan(
        world,
        adopted_on="2020-01-01",
        obligations=obligation("network", "every_months", 6, "meeting:resource_network"),
    )
    done = plan.measures.get(number=1)
    actions.set_measure_status(plan_manager(world), done, status=MeasureStatus.DONE, note="Levert.")
    page = manager_client.get(reverse("actionplan:dashboard")).content.decode()
    assert '<span class="ds-tag" data-color="danger">Forfalt</span>' in page
    assert '<span class="ds-tag" data-color="success">Ferdig</span>' in page
    assert page.count('<span class="ds-tag" data-color="neutral">Planlagt</span>') == 2


def test_a_request_goes_from_requested_to_scheduled_to_held(world, manager_client):
    make_plan(world)
    manager_client.post(
        reverse("actionplan:requests"),
        {
            "kind": "awareness",
            "organisation": "Moskeen",
            "received_on": timezone.localdate().isoformat(),
            "wish": "",
        },
    )
    request = SessionRequest.objects.get()
    url = reverse("actionplan:request_action", args=[request.pk])
    manager_client.post(url, {"action": "schedule", "schedule-on": ""})
    assert SessionRequest.objects.get().status == RequestStatus.REQUESTED
    manager_client.post(url, {"action": "schedule", "schedule-on": timezone.localdate().isoformat()})
    assert SessionRequest.objects.get().status == RequestStatus.SCHEDULED
    held = reverse("actionplan:request_held", args=[request.pk])
    data = training_data(world, kind="awareness", units=[], audience="Moskeen", topics=[])
    assert manager_client.post(held, data).status_code == 302
    request.refresh_from_db()
    assert request.status == RequestStatus.HELD
    assert present(request.training).audience == "Moskeen"
    manager_client.post(url, {"action": "decline"})
    assert SessionRequest.objects.get().status == RequestStatus.HELD


def test_uploading_a_plan(world, manager_client):
    url = reverse("actionplan:import")
    broken = SimpleUploadedFile(
        "plan.yaml", plan_text().replace("responsible: both", "responsible: alle", 1).encode()
    )
    page = manager_client.post(url, {"file": broken}).content.decode()
    assert "linje 8, measures[0].responsible" in page
    assert not ActionPlan.objects.exists()
    good = SimpleUploadedFile("plan.yaml", plan_text().encode())
    assert manager_client.post(url, {"file": good}).status_code == 302
    export = manager_client.get(reverse("actionplan:export"))
    assert export["Content-Type"].startswith("application/yaml")
    assert "title: Tiltak 2" in export.content.decode()


def test_the_report_and_its_pdf(world, manager_client):
    make_plan(world, obligations=obligation("training", "first_line_every_months", 24, "training"))
    actions.record_training(
        plan_manager(world),
        world.partnership,
        record=actions.TrainingRecord(
            "competence", timezone.localdate(), [world.unit], "", 30, ["basics"], "Kari"
        ),
    )
    today = timezone.localdate()
    query = f"?start={today.replace(month=1, day=1).isoformat()}&end={today.isoformat()}"
    page = manager_client.get(reverse("actionplan:report") + query).content.decode()
    assert "Forpliktelse training" in page
    assert "Tiltak 3" in page
    assert "1 enhet nådd." in page
    response = manager_client.get(reverse("actionplan:report_pdf") + query)
    assert response["Content-Type"] == "application/pdf"
    assert_accessible_pdf(response.content, title="Statusrapport")
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(BytesIO(response.content)).pages).split())
    assert "Statusrapport" in text
    assert "Tiltak 3" in text
    assert "Kompetanseheving 1 30" in text
    bad = manager_client.get(reverse("actionplan:report") + "?start=2025-05-01&end=2025-01-01")
    assert "Perioden må slutte etter" in bad.content.decode()


def test_reminders_by_mail_and_on_the_home_page(world, client):
    make_plan(world, obligations=obligation("network", "every_months", 6, "meeting:resource_network"))
    manager = plan_manager(world)
    manager.email = "plan@example.invalid"
    manager.save()
    assert send_reminders(timezone.localdate()) == 1
    [message] = mail.outbox
    assert message.to == ["plan@example.invalid"]
    assert "Forpliktelse network: Forfalt" in message.body
    assert "/plan/" in message.body
    log_in(client, manager)
    assert "Forpliktelse i handlingsplanen" in client.get(reverse("accounts:home")).content.decode()


@override_settings(TASKS={"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}})
def test_an_operator_queues_one_reminder_run_for_the_worker(world, capsys):
    make_plan(world, obligations=obligation("network", "every_months", 6, "meeting:resource_network"))
    manager = plan_manager(world)
    manager.email = "plan@example.invalid"
    manager.save()
    call_command("plan", "remind", "--queue")
    assert "Reminders queued for the worker" in capsys.readouterr().out
    [message] = mail.outbox
    assert message.to == ["plan@example.invalid"]


@pytest.mark.parametrize("measures", [17, 200])
def test_the_dashboard_keeps_a_constant_number_of_queries(
    world, manager_client, django_assert_max_num_queries, measures
):
    make_plan(
        world,
        measures=measures,
        obligations=obligation("training", "first_line_every_months", 24, "training")
        + obligation("web", "every_months", 6, "activity", measure=1)
        + obligation("network", "every_months", 6, "meeting:resource_network"),
    )
    with django_assert_max_num_queries(20):
        assert manager_client.get(reverse("actionplan:dashboard")).status_code == 200

"""The demo action plan: the Fredrikstad plan's 17 measures and obligations, with trainings, logged
activities and a request, so that the dashboard shows promises met, due soon and overdue."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from varde.accounts.models import Partnership, Unit, User

from . import actions
from .actions import TrainingRecord
from .models import ActionPlan, Topic, TrainingKind
from .planfile import DEMO_PLAN


@transaction.atomic
def load_demo_plan(partnership: Partnership) -> None:
    if ActionPlan.objects.filter(partnership=partnership).exists():
        return
    manager = User.objects.get(username="planleder")
    coordinator = User.objects.get(username="koordinator")
    plan = actions.import_plan(manager, partnership, source=DEMO_PLAN.read_text(encoding="utf-8"))
    today = timezone.localdate()
    first_line = list(Unit.objects.filter(agency__partnership=partnership, first_line=True).order_by("name"))
    every_topic = list(Topic.values)
    # Most first-line units were trained this year; one long ago; the rest never.
    actions.record_training(
        coordinator,
        partnership,
        record=TrainingRecord(
            TrainingKind.COMPETENCE,
            today - timedelta(days=120),
            first_line[:4],
            "",
            46,
            every_topic,
            "Koordineringsgruppen",
        ),
    )
    actions.record_training(
        coordinator,
        partnership,
        record=TrainingRecord(
            TrainingKind.COMPETENCE,
            today - timedelta(days=700),
            first_line[4:5],
            "",
            12,
            every_topic[:3],
            "Politiets radikaliseringskontakt",
        ),
    )
    measures = {measure.number: measure for measure in plan.measures.all()}
    actions.log_activity(
        manager,
        measures[1],
        occurred_on=today - timedelta(days=60),
        text="Nettsidene gjennomgått og oppdatert med nytt telefonnummer.",
        evidence="Publisert på kommunens nettsted",
    )
    actions.log_activity(
        manager,
        measures[2],
        occurred_on=today - timedelta(days=200),
        text="Intranettsiden gjennomgått.",
        evidence="",
    )
    request = actions.register_request(
        coordinator,
        partnership,
        kind=TrainingKind.AWARENESS,
        organisation="Fredrikstad fotballklubb (demo)",
        received_on=today - timedelta(days=20),
        wish="Bevisstgjøring for trenere i ungdomsavdelingen.",
    )
    actions.schedule_request(coordinator, request, on=today + timedelta(days=14))
    actions.register_request(
        coordinator,
        partnership,
        kind=TrainingKind.SCHOOL,
        organisation="Gressvik ungdomsskole (demo)",
        received_on=today - timedelta(days=3),
        wish="Undervisning for 9. trinn.",
    )

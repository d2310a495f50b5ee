"""Demo hate incidents and online observations: fictional, categorical, spread over this year."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from varde.accounts.models import Partnership, User

from . import actions
from .actions import Incident
from .models import HateIncident

# (days ago, type, arena, target group, reported to the police), repeated to give counts above five.
INCIDENTS = [
    (10, "hate_speech", "digital", "religion", False),
    (20, "hate_speech", "digital", "origin", False),
    (25, "hate_crime", "physical", "sexual_orientation", True),
    (40, "elected_officials", "digital", "elected", True),
]


@transaction.atomic
def load_demo_statistics(partnership: Partnership) -> None:
    if HateIncident.objects.filter(partnership=partnership).exists():
        return
    coordinator = User.objects.get(username="koordinator")
    police = User.objects.get(username="politikontakt")
    today = timezone.localdate()
    for round_ in range(3):
        for days, kind, arena, target, reported in INCIDENTS:
            day = max(today - timedelta(days=days + round_ * 7), today.replace(month=1, day=1))
            actor = police if reported else coordinator
            actions.register_incident(actor, incident=Incident(day, kind, arena, target, reported))
    actions.register_observation(
        police,
        observed_on=today - timedelta(days=5),
        platform="messaging",
        phenomenon="accelerationism",
        note="Lukket kanal deler manifest fra kjente terrorangrep. (Fiktivt demoeksempel.)",
    )

"""Assessments built through the actions, the way users make them."""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from conftest import World
from varde.assessments import actions
from varde.assessments.actions import AssessmentContent, RatingInput
from varde.assessments.models import Assessment, ConcernLevel, Instrument
from varde.concerns.models import Concern
from varde.concerns.tests.factories import handler_for

EVIDENCE = "Har delt voldsforherligende videoer tre ganger."
LEVEL_REASON = "Tydelig dragning mot et voldelig miljø."


def instrument(world: World) -> Instrument:
    return Instrument.objects.get(partnership=world.partnership, code="varde-standard", version=1)


def level(world: World, code: str) -> ConcernLevel:
    return ConcernLevel.objects.get(partnership=world.partnership, code=code)


def complete_content(world: World, *, days_ago: int = 0, **changes: Any) -> AssessmentContent:
    """Everything a finalised assessment needs, with a few ratings."""
    values: dict[str, Any] = {
        "assessed_on": timezone.localdate() - timedelta(days=days_ago),
        "texts": {
            "observations": "Deler propaganda i klassechatten.",
            "main_problems": "Søker tilhørighet i et ekstremt miljø.",
            "resources": "Engasjerte foreldre.",
            "recommendation": "Mentor og samtaler.",
        },
        "ratings": {
            "convictions": RatingInput("serious_concern", EVIDENCE, "Skolen", "confirmed", ""),
            "family": RatingInput("no_concern", "", "", "", "Foreldrene er støttende."),
        },
        "focus": ["convictions"],
        "level": level(world, "high"),
        "level_reason": LEVEL_REASON,
        "next_review": timezone.localdate() + timedelta(days=90),
    }
    values |= changes
    return AssessmentContent(**values)


def make_assessment(
    world: World, concern: Concern, *, final: bool = True, content: AssessmentContent | None = None
) -> Assessment:
    actor = handler_for(world, concern.owning_agency)
    assessment = actions.start_assessment(actor, concern, instrument=instrument(world))
    actions.save_assessment(actor, assessment, content=content or complete_content(world))
    if final:
        actions.finalise_assessment(actor, assessment)
    return assessment

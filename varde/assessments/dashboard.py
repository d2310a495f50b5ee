"""The assessments' contribution to the home page: concerns due to be assessed again."""

from datetime import date, timedelta

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from varde.accounts.actors import Actor
from varde.accounts.dashboard import DueItem
from varde.concerns.permissions import owned_concerns_of

from .models import Assessment

LIMIT = 20
# How far ahead a coming reassessment shows up on the responsible person's home page.
NOTICE = timedelta(days=30)


def due_items_for(user: Actor, today: date) -> list[DueItem]:
    newer = Assessment.objects.in_force().filter(
        concern=OuterRef("concern"), assessed_on__gt=OuterRef("assessed_on")
    )
    latest = (
        Assessment.objects.in_force()
        .filter(concern__in=owned_concerns_of(user).open().filter(responsible=user))
        .filter(next_review__lte=today + NOTICE)
        .exclude(Exists(newer))
        .select_related("concern")
        .order_by("next_review")[:LIMIT]
    )
    return [
        DueItem(
            _("Assess again"),
            assessment.concern.reference,
            reverse("assessments:trajectory", args=[assessment.concern_id]),
            assessment.next_review,
        )
        for assessment in latest
    ]

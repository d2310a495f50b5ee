"""The concerns' contribution to each user's home page: what is due and what is overdue."""

from datetime import date, timedelta

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from varde.accounts.actors import Actor
from varde.accounts.dashboard import DueItem

from .models import Measure, Review
from .permissions import concerns_visible_to, owned_concerns_of
from .workflow import ASSESSMENT_PHASE

LIMIT = 20


def due_items_for(user: Actor, today: date) -> list[DueItem]:
    owned = owned_concerns_of(user)
    items = [
        DueItem(
            _("Triage new concern"),
            concern.reference,
            reverse("concerns:detail", args=[concern.pk]),
            concern.assessment_due,
        )
        for concern in owned.unassigned().order_by("assessment_due")[:LIMIT]
    ]
    items += [
        DueItem(
            _("Assess concern"),
            concern.reference,
            reverse("concerns:detail", args=[concern.pk]),
            concern.assessment_due,
        )
        for concern in owned.open()
        .filter(responsible=user, status__in=ASSESSMENT_PHASE)
        .order_by("assessment_due")[:LIMIT]
    ]
    items += [
        DueItem(
            _("Review measure"),
            f"{measure.concern.reference} – {measure.measure_type}",
            reverse("concerns:detail", args=[measure.concern_id]),
            measure.next_review,
        )
        for measure in Measure.objects.running()
        .filter(responsible=user, next_review__isnull=False, concern__in=concerns_visible_to(user))
        .select_related("concern", "measure_type")
        .order_by("next_review")[:LIMIT]
    ]
    items += [
        DueItem(
            _("Review after closure"),
            review.concern.reference,
            reverse("concerns:detail", args=[review.concern_id]),
            review.due_on,
        )
        for review in Review.objects.pending()
        .filter(concern__in=owned.filter(responsible=user), due_on__lte=today + timedelta(days=30))
        .select_related("concern")
        .order_by("due_on")[:LIMIT]
    ]
    return items

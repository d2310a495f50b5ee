"""The meetings' contribution to the home page: tasks agreed in meetings, and the next meetings."""

from datetime import date, timedelta

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from varde.accounts.actors import Actor
from varde.accounts.dashboard import DueItem

from .models import Task

LIMIT = 20


def due_items_for(user: Actor, today: date) -> list[DueItem]:
    tasks = (
        Task.objects.open()
        .filter(owner=user, deadline__lte=today + timedelta(days=30))
        .select_related("item__meeting")
        .order_by("deadline")[:LIMIT]
    )
    return [
        DueItem(
            _("Task from a meeting"),
            task.description,
            reverse("meetings:minutes", args=[task.item.meeting_id]),
            task.deadline,
        )
        for task in tasks
        if task.measure_id is None
    ]

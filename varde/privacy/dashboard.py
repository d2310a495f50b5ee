"""The privacy officer's home page: requests from people that are due within a week or overdue."""

from datetime import date, timedelta

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from varde.accounts.actors import Actor
from varde.accounts.dashboard import DueItem

from .requests import requests_visible_to

SOON = timedelta(days=7)


def due_items_for(user: Actor, today: date) -> list[DueItem]:
    due = requests_visible_to(user).open().filter(due_on__lte=today + SOON).order_by("due_on")
    return [
        DueItem(
            _("Answer a request from a person"),
            found.get_kind_display(),
            reverse("privacy:request_detail", args=[found.pk]),
            found.due_on,
        )
        for found in due
    ]

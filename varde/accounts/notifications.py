"""In-app notifications, sent only when the change that caused them is committed."""

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from .models import Notification


def notify(users: Iterable[Any], message: str, *, link: str = "") -> None:
    recipients = {user.pk: user for user in users if user is not None and user.is_active}

    def send() -> None:
        Notification.objects.bulk_create(
            Notification(user=user, message=message, link=link) for user in recipients.values()
        )

    transaction.on_commit(send)

"""Items due for a user, contributed by the apps that own them, for the home page.

Accounts sits below the apps that know about cases and meetings, so they register a provider here
instead of the home page importing them.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.functional import Promise

from varde.accounts.actors import Actor


@dataclass(frozen=True)
class DueItem:
    title: str | Promise
    detail: str | Promise
    url: str
    due_on: date | None

    def is_overdue(self, today: date) -> bool:
        return self.due_on is not None and self.due_on < today


Provider = Callable[[Any, date], list[DueItem]]
_providers: list[Provider] = []


def register_due_items(provider: Provider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def due_items_for(user: Actor, today: date) -> list[DueItem]:
    items = [item for provider in _providers for item in provider(user, today)]
    return sorted(items, key=lambda item: (item.due_on is None, item.due_on or today))

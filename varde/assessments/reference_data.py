"""What a partnership starts with for assessments: Varde's default instrument and the level scale."""

import json
from functools import cache
from typing import Any

from django.db import transaction

from varde.accounts.models import Partnership

from .actions import store_instrument
from .engine import DEFAULT_INSTRUMENT, read_instrument
from .models import ConcernLevel

# (code, bokmål, English), from least to most concern.
DEFAULT_LEVELS = [
    ("none", "Ingen", "None"),
    ("low", "Lav", "Low"),
    ("moderate", "Moderat", "Moderate"),
    ("high", "Høy", "High"),
    ("acute", "Akutt", "Acute"),
]


@transaction.atomic
def seed_assessment_data(partnership: Partnership) -> None:
    """Entries the partnership already has are left alone; a changed level name stays changed."""
    for order, (code, name, name_en) in enumerate(DEFAULT_LEVELS):
        ConcernLevel.objects.get_or_create(
            partnership=partnership, code=code, defaults={"name": name, "name_en": name_en, "order": order}
        )
    if not partnership.instruments.exists():
        # Reference data, like the legal bases: seeded without an audit event.
        store_instrument(partnership, default_instrument(), actor=None)


def default_instrument() -> dict[str, Any]:
    """The instrument Varde ships, as a document of the caller's own."""
    return json.loads(_checked_default_instrument())  # type: ignore[no-any-return]


@cache
def _checked_default_instrument() -> str:
    # Read and checked once per process: the file ships with Varde and does not change while it runs,
    # and reading it took most of the time a new partnership's reference data took.
    return json.dumps(read_instrument(DEFAULT_INSTRUMENT.read_text(encoding="utf-8")))

"""What a partnership starts with for assessments: Varde's default instrument and the level scale."""

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
        store_instrument(
            partnership, read_instrument(DEFAULT_INSTRUMENT.read_text(encoding="utf-8")), actor=None
        )

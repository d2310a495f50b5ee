"""Give every partnership (or one) the default legal bases, measure types and retention rules."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from varde.accounts.models import Partnership
from varde.concerns.reference_data import seed_reference_data


class Command(BaseCommand):
    help = "Add the default reference data to partnerships that lack it. Existing entries are left alone."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--partnership", help="the partnership's short name (slug); all when left out")

    def handle(self, *args: Any, partnership: str | None = None, **options: Any) -> None:
        partnerships = Partnership.objects.all()
        if partnership:
            partnerships = partnerships.filter(slug=partnership)
            if not partnerships.exists():
                raise CommandError(f"No partnership with the short name {partnership!r}.")
        for item in partnerships:
            seed_reference_data(item)
            self.stdout.write(f"Reference data ready for {item.slug}.")

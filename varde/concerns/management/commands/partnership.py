"""varde partnership create|list: start an installation without the demo."""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from varde.accounts.models import Partnership
from varde.concerns.actions.reference import create_partnership


class Command(BaseCommand):
    help = "Create a partnership (a municipality and its police district) with the default reference data."

    def add_arguments(self, parser: CommandParser) -> None:
        verbs = parser.add_subparsers(dest="verb", required=True)
        create = verbs.add_parser("create", help="a new partnership with its two agencies")
        create.add_argument("--name", required=True, help="e.g. 'Fredrikstad'")
        create.add_argument("--slug", required=True, help="short name in addresses, e.g. 'fredrikstad'")
        create.add_argument("--municipality", required=True, help="e.g. 'Fredrikstad kommune'")
        create.add_argument("--police", required=True, help="e.g. 'Øst politidistrikt, Fredrikstad'")
        verbs.add_parser("list", help="the partnerships and their agencies")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["verb"] == "list":
            for partnership in Partnership.objects.prefetch_related("agencies"):
                agencies = "; ".join(agency.name for agency in partnership.agencies.all())
                self.stdout.write(f"{partnership.slug}  {partnership.name}  ({agencies})")
            return
        try:
            partnership = create_partnership(
                name=options["name"],
                slug=options["slug"],
                municipality=options["municipality"],
                police=options["police"],
            )
        except ValidationError as refusal:
            raise CommandError(" ".join(refusal.messages)) from None
        self.stdout.write(f"Created the partnership {partnership.slug} with its reference data.")

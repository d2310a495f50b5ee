"""`varde instruments import FILE` and `varde instruments list`: instruments on the command line."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from varde.accounts.models import Partnership
from varde.assessments.actions import import_instrument
from varde.assessments.engine import InstrumentError
from varde.assessments.models import Instrument


class Command(BaseCommand):
    help = "Load an assessment instrument (YAML or JSON) into a partnership, or list the loaded ones."

    def add_arguments(self, parser: CommandParser) -> None:
        verbs = parser.add_subparsers(dest="verb", required=True)
        load = verbs.add_parser("import", help="check a file and load it as a new instrument version")
        load.add_argument("file", type=Path)
        load.add_argument(
            "--partnership", help="the partnership's short name (slug); needed when there are several"
        )
        listing = verbs.add_parser("list", help="the instruments and versions loaded")
        listing.add_argument("--partnership", help="the partnership's short name (slug)")

    def handle(self, *args: Any, verb: str, partnership: str | None = None, **options: Any) -> None:
        target = self._partnerships(partnership)
        if verb == "list":
            for instrument in Instrument.objects.filter(partnership__in=target).select_related("partnership"):
                state = "retired" if instrument.retired_at else "in use"
                self.stdout.write(
                    f"{instrument.partnership.slug}\t{instrument.code}\tv{instrument.version}\t{state}"
                )
            return
        if len(target) != 1:
            raise CommandError("Name the partnership with --partnership; there are several.")
        self._import(target[0], options["file"])

    def _partnerships(self, slug: str | None) -> list[Partnership]:
        partnerships = Partnership.objects.all()
        if slug:
            partnerships = partnerships.filter(slug=slug)
            if not partnerships.exists():
                raise CommandError(f"No partnership with the short name {slug!r}.")
        return list(partnerships)

    def _import(self, partnership: Partnership, path: Path) -> None:
        try:
            source = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        try:
            instrument, created = import_instrument(None, partnership, source=source)
        except InstrumentError as error:
            raise CommandError(f"{path} is not a valid instrument:\n" + "\n".join(error.messages)) from error
        verb = "Loaded" if created else "Already loaded, nothing changed:"
        self.stdout.write(f"{verb} {instrument.code} version {instrument.version} into {partnership.slug}.")

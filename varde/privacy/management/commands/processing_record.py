"""varde processing-record: the record of processing activities per agency, as Markdown and PDF."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from varde.accounts.models import Agency
from varde.privacy.processing import record_file_name, record_pdf, record_text, records_for


class Command(BaseCommand):
    help = "Write the record of processing activities of each agency as Markdown and PDF, for the DPIA."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", type=Path, default=Path("."), help="folder to write to (default: here)")
        parser.add_argument("--partnership", help="only this partnership (its slug)")

    def handle(self, *args: Any, **options: Any) -> None:
        agencies = Agency.objects.all()
        if options["partnership"]:
            agencies = agencies.filter(partnership__slug=options["partnership"])
            if not agencies.exists():
                raise CommandError(f"No partnership is called {options['partnership']!r}.")
        folder: Path = options["out"]
        folder.mkdir(parents=True, exist_ok=True)
        for record in records_for(agencies):
            name = record_file_name(record)
            (folder / f"{name}.md").write_text(record_text(record), encoding="utf-8")
            (folder / f"{name}.pdf").write_bytes(record_pdf(record))
            self.stdout.write(f"{folder / name}.md and .pdf")

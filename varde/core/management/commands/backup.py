from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from varde.core.backup import backup


class Command(BaseCommand):
    help = "Write all of Varde's data to FILE (a zip); personal data stays encrypted in it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        manifest = backup(options["file"])
        rows = sum(manifest["counts"].values())
        self.stdout.write(self.style.SUCCESS(f"Backed up {rows} rows to {options['file']}."))

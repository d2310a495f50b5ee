from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from varde.accounts.access_matrix import render_matrix


class Command(BaseCommand):
    help = "Write docs/access-matrix.md (capabilities × roles, each page's door); --check fails when stale."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--check", action="store_true", help="fail instead of writing when stale")
        parser.add_argument("--output", default=str(Path(settings.BASE_DIR) / "docs" / "access-matrix.md"))

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["output"])
        matrix = render_matrix()
        if options["check"]:
            if not path.exists() or path.read_text(encoding="utf-8") != matrix:
                raise CommandError(f"{path} is stale. Run `uv run varde access_matrix` and commit it.")
            self.stdout.write("The access matrix is up to date.")
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(matrix, encoding="utf-8")
        self.stdout.write(f"Wrote {path}")

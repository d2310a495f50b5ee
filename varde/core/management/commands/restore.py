from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from varde.core.backup import NotABackupError, is_empty, open_backup, restore

NOT_EMPTY = "The database already holds data. Restore only into an empty database."


class Command(BaseCommand):
    help = "Load a backup made by 'varde backup' into an empty database, then verify it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No backup at {path}.")
        try:
            # The file is checked before anything is done to the database.
            backup = open_backup(path)
            with backup.archive:
                call_command("migrate", interactive=False, verbosity=0)
                if not is_empty():
                    raise CommandError(NOT_EMPTY)
                result = restore(backup)
        except NotABackupError as error:
            raise CommandError(f"{path} is not a backup made by 'varde backup': {error}.") from error
        if not result.ok:
            raise CommandError("The restore does not match the backup: " + "; ".join(result.problems))
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored and verified: row counts match, {result.audit_events} audit events verified."
            )
        )

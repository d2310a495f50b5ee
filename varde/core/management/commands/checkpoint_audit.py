"""`varde checkpoint-audit [--file PATH] [--schedule]`: anchor the audit trail's head outside the database."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from varde.core.checkpoints import default_path, write_checkpoint
from varde.core.scheduling import enqueue_once
from varde.core.tasks import checkpoint_audit_trail, next_checkpoint_time


class Command(BaseCommand):
    help = "Write a signed checkpoint of the audit trail's head to a file outside the database."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--file", type=Path, help=f"where to append it (default: VARDE_VAR_DIR/{default_path().name})"
        )
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="queue the hourly checkpoint task for the background worker",
        )

    def handle(self, *args: Any, file: Path | None = None, schedule: bool = False, **options: Any) -> None:
        if schedule:
            self._schedule()
            return
        checkpoint = write_checkpoint(file)
        self.stdout.write(
            f"Checkpoint written to {file or default_path()}: event {checkpoint.last_id}, "
            f"{checkpoint.count} events, head {checkpoint.head[:12]}…"
        )

    def _schedule(self) -> None:
        result = enqueue_once(checkpoint_audit_trail, run_after=next_checkpoint_time(timezone.now()))
        if result is None:
            self.stdout.write("The hourly audit checkpoint is already queued.")
        else:
            self.stdout.write(f"Hourly audit checkpoint queued (task {result.id}).")

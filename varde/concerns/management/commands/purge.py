"""`varde purge [--dry-run] [--schedule]`: apply the retention rules now, or start the daily task."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from varde.concerns.actions.retention import due_steps, purge
from varde.concerns.tasks import next_purge_time, purge_due_personal_data
from varde.core.scheduling import enqueue_once


class Command(BaseCommand):
    help = "Restrict or erase personal data of closed concerns whose retention period has passed."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="list what is due without changing anything"
        )
        parser.add_argument(
            "--schedule", action="store_true", help="queue the daily purge task for the background worker"
        )

    def handle(self, *args: Any, dry_run: bool = False, schedule: bool = False, **options: Any) -> None:
        if schedule:
            self._schedule()
            return
        today = timezone.localdate()
        steps = due_steps(today) if dry_run else purge(today)
        verb = "due" if dry_run else "done"
        for step in steps:
            # References only: they identify a case record, never a person.
            self.stdout.write(f"{step.reference}\t{step.action}\t{verb}\tsince {step.due_on}\t{step.rule}")
        self.stdout.write(f"{len(steps)} step(s) {verb}.")

    def _schedule(self) -> None:
        result = enqueue_once(purge_due_personal_data, run_after=next_purge_time(timezone.now()))
        if result is None:
            self.stdout.write("The daily purge is already queued.")
        else:
            self.stdout.write(f"Daily purge queued (task {result.id}).")

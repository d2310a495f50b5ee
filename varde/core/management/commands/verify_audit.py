import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from varde.core.audit import record_verification, verify_chain
from varde.core.checkpoints import verify_checkpoints


class Command(BaseCommand):
    help = (
        "Verify the audit trail's hash chain and find the heads of its checkpoints in it; exits non-zero "
        "and names the first broken event or missing checkpoint."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--checkpoints", type=Path, help="the checkpoint file (default: under VARDE_VAR_DIR)"
        )

    def handle(self, *args: Any, checkpoints: Path | None = None, **options: Any) -> None:
        started = time.monotonic()
        report = verify_chain()
        seconds = time.monotonic() - started
        if not report.intact:
            record_verification(report, checkpoints_found=False)
            raise CommandError(
                f"Audit trail broken at event {report.first_broken_id}: {report.reason} "
                f"({report.checked} events before it verified)."
            )
        anchored = verify_checkpoints(checkpoints)
        record_verification(report, checkpoints_found=anchored.intact)
        if not anchored.intact:
            raise CommandError(f"Audit trail cut back: {anchored.problem}.")
        rate = f", {report.checked / seconds:,.0f} a second" if seconds > 0 else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"Audit trail intact: {report.checked} events verified in {seconds:.1f} s{rate}; "
                f"{anchored.checked} checkpoints found in it."
            )
        )

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from varde.core.audit import verify_chain


class Command(BaseCommand):
    help = "Verify the audit trail's hash chain; exits non-zero and names the first broken event."

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        report = verify_chain()
        seconds = time.monotonic() - started
        if not report.intact:
            raise CommandError(
                f"Audit trail broken at event {report.first_broken_id}: {report.reason} "
                f"({report.checked} events before it verified)."
            )
        rate = f", {report.checked / seconds:,.0f} a second" if seconds > 0 else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"Audit trail intact: {report.checked} events verified in {seconds:.1f} s{rate}."
            )
        )

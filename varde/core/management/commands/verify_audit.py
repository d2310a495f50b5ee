from typing import Any

from django.core.management.base import BaseCommand, CommandError

from varde.core.audit import verify_chain


class Command(BaseCommand):
    help = "Verify the audit trail's hash chain; exits non-zero and names the first broken event."

    def handle(self, *args: Any, **options: Any) -> None:
        report = verify_chain()
        if not report.intact:
            raise CommandError(
                f"Audit trail broken at event {report.first_broken_id}: {report.reason} "
                f"({report.checked} events before it verified)."
            )
        self.stdout.write(self.style.SUCCESS(f"Audit trail intact: {report.checked} events verified."))

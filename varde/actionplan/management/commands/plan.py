"""`varde plan import FILE` and `varde plan export`: the action plan as a YAML file."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from varde.accounts.models import Partnership
from varde.actionplan.actions import import_plan
from varde.actionplan.models import ActionPlan
from varde.actionplan.planfile import export_plan
from varde.actionplan.reminders import (
    next_reminder_time,
    remind_plan_managers,
    send_reminders,
    send_reminders_once,
)
from varde.core.documents import DocumentError
from varde.core.scheduling import enqueue_once


class Command(BaseCommand):
    help = "Load an action plan version from a YAML file, or write a partnership's plan as YAML."

    def add_arguments(self, parser: CommandParser) -> None:
        verbs = parser.add_subparsers(dest="verb", required=True)
        load = verbs.add_parser("import", help="check a plan file and load it as a new version")
        load.add_argument("file", type=Path)
        load.add_argument(
            "--partnership", help="the partnership's short name (slug); needed when there are several"
        )
        out = verbs.add_parser(
            "export", help="write the newest (or a given) version as YAML to standard output"
        )
        out.add_argument("--partnership", help="the partnership's short name (slug)")
        out.add_argument("--version", type=int, help="the plan version; the newest when left out")
        remind = verbs.add_parser(
            "remind", help="e-mail the plan managers what is due now, or --schedule weekly"
        )
        when = remind.add_mutually_exclusive_group()
        when.add_argument("--schedule", action="store_true", help="queue the weekly reminder for the worker")
        when.add_argument(
            "--queue", action="store_true", help="queue one run now for the worker (to check it and e-mail)"
        )

    def handle(self, *args: Any, verb: str, partnership: str | None = None, **options: Any) -> None:
        if verb == "remind" and options["queue"]:
            self.stdout.write(f"Reminders queued for the worker (task {send_reminders_once.enqueue().id}).")
            return
        if verb == "remind":
            self._remind(schedule=options["schedule"])
            return
        target = self._partnership(partnership)
        if verb == "export":
            plans = ActionPlan.objects.filter(partnership=target).order_by("-version")
            if options.get("version"):
                plans = plans.filter(version=options["version"])
            plan = plans.first()
            if plan is None:
                raise CommandError("No such plan version.")
            self.stdout.write(export_plan(plan), ending="")
            return
        path: Path = options["file"]
        try:
            source = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        try:
            plan = import_plan(None, target, source=source)
        except DocumentError as error:
            raise CommandError(f"{path} is not a valid plan:\n" + "\n".join(error.messages)) from error
        self.stdout.write(f"Loaded version {plan.version} of the plan into {target.slug}.")

    def _remind(self, *, schedule: bool) -> None:
        if not schedule:
            self.stdout.write(f"{send_reminders(timezone.localdate())} reminder(s) sent.")
            return
        result = enqueue_once(remind_plan_managers, run_after=next_reminder_time(timezone.now()))
        if result is None:
            self.stdout.write("The weekly reminder is already queued.")
        else:
            self.stdout.write(f"Weekly reminder queued (task {result.id}).")

    def _partnership(self, slug: str | None) -> Partnership:
        partnerships = Partnership.objects.all()
        if slug:
            partnerships = partnerships.filter(slug=slug)
            if not partnerships.exists():
                raise CommandError(f"No partnership with the short name {slug!r}.")
        if partnerships.count() != 1:
            raise CommandError("Name the partnership with --partnership; there are several.")
        return partnerships.get()

"""varde generate --scale small|regional|national: synthetic data for benchmarks."""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from varde.scale.generate import SCALES, AlreadyGenerated, Generator


class Command(BaseCommand):
    help = "Fill the database with clearly synthetic partnerships, people, cases, meetings and audit events."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", choices=sorted(SCALES), default="small")
        parser.add_argument("--seed", type=int, default=2026, help="the same seed gives the same data")

    def handle(self, *args: Any, scale: str, seed: int, **options: Any) -> None:
        started = time.monotonic()
        generator = Generator(SCALES[scale], seed=seed, report=self.stdout.write)
        try:
            counts = generator.run()
        except AlreadyGenerated as refusal:
            raise CommandError(f"{refusal} Use an empty database, or reuse this one.") from None
        for name, count in counts.items():
            self.stdout.write(f"{count:>10,}  {name}")
        self.stdout.write(f"Done in {time.monotonic() - started:.0f} s.")

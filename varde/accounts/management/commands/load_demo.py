from typing import Any

from django.core.management.base import BaseCommand

from varde.accounts.demo import load_demo


class Command(BaseCommand):
    help = "Load the demo partnership 'Fredrikstad (demo)'. Safe to run again; nothing is duplicated."

    def handle(self, *args: Any, **options: Any) -> None:
        partnership = load_demo()
        self.stdout.write(f"Demo data ready: {partnership.name}")

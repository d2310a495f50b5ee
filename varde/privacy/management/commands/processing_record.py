"""varde processing-record: the record of processing activities per agency, as Markdown and PDF."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.template.loader import render_to_string
from django.utils import translation
from markdown_it import MarkdownIt

from varde.accounts.models import Agency
from varde.core.pdf import render_pdf
from varde.privacy.processing import records_for


class Command(BaseCommand):
    help = "Write the record of processing activities of each agency as Markdown and PDF, for the DPIA."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", type=Path, default=Path("."), help="folder to write to (default: here)")
        parser.add_argument("--partnership", help="only this partnership (its slug)")

    def handle(self, *args: Any, **options: Any) -> None:
        agencies = Agency.objects.all()
        if options["partnership"]:
            agencies = agencies.filter(partnership__slug=options["partnership"])
            if not agencies.exists():
                raise CommandError(f"No partnership is called {options['partnership']!r}.")
        folder: Path = options["out"]
        folder.mkdir(parents=True, exist_ok=True)
        # Raw HTML in names is shown as text, never run.
        markdown = MarkdownIt("commonmark", {"html": False})
        with translation.override("nb"):
            for record in records_for(agencies):
                text = render_to_string("privacy/processing_record.txt", {"record": record})
                name = f"behandlingsprotokoll-{record.agency.partnership.slug}-{record.agency.kind}"
                (folder / f"{name}.md").write_text(text, encoding="utf-8")
                html = render_to_string(
                    "privacy/processing_record_pdf.html", {"record": record, "body": markdown.render(text)}
                )
                (folder / f"{name}.pdf").write_bytes(render_pdf(html))
                self.stdout.write(f"{folder / name}.md and .pdf")

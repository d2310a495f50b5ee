"""The record of processing activities (GDPR art. 30; for the police, the Police Register Act's
equivalent), per agency, generated from how the partnership is configured, for the DPIA."""

import re
from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import timezone, translation
from markdown_it import MarkdownIt

from varde.accounts.models import Agency
from varde.concerns.categorical import MeasureType
from varde.concerns.models import LegalBasis, RetentionRule
from varde.core.crypto import encrypted_columns
from varde.core.pdf import render_pdf


@dataclass(frozen=True)
class ProcessingRecord:
    agency: Agency
    others: list[Agency]
    legal_bases: list[LegalBasis]
    retention_rules: list[RetentionRule]
    measure_types: list[MeasureType]
    encrypted: list[tuple[str, list[str]]]
    generated_at: datetime


def _encrypted_fields() -> list[tuple[str, list[str]]]:
    return [
        (str(model._meta.verbose_name), [str(model._meta.get_field(name).verbose_name) for name in names])  # type: ignore[union-attr]
        for model, names in encrypted_columns()
    ]


def records_for(agencies: QuerySet[Agency]) -> list[ProcessingRecord]:
    encrypted = _encrypted_fields()
    records = []
    for agency in agencies.select_related("partnership").order_by("partnership__name", "name"):
        partnership = agency.partnership
        records.append(
            ProcessingRecord(
                agency=agency,
                others=list(partnership.agencies.exclude(pk=agency.pk).order_by("name")),
                # Per controller: the bases this agency may rely on (ADR 0039).
                legal_bases=list(LegalBasis.objects.citable_by(agency).order_by("kind", "citation")),
                retention_rules=list(partnership.retention_rules.order_by("outcome")),
                measure_types=list(MeasureType.objects.filter(partnership=partnership, is_active=True)),
                encrypted=encrypted,
                generated_at=timezone.localtime(),
            )
        )
    return records


# Raw HTML in names is shown as text, never run.
_MARKDOWN = MarkdownIt("commonmark", {"html": False})


def record_text(record: ProcessingRecord) -> str:
    """The record as Markdown, in Norwegian: the same text for the page, the PDF and the command."""
    with translation.override("nb"):
        return str(render_to_string("privacy/processing_record.txt", {"record": record}))


def record_html(record: ProcessingRecord, *, below: int = 0) -> str:
    """The record as HTML, its headings `below` levels further down, to sit under a page's own."""
    html = str(_MARKDOWN.render(record_text(record)))
    return re.sub(r"<(/?)h([1-6])>", lambda m: f"<{m[1]}h{min(int(m[2]) + below, 6)}>", html)


def record_pdf(record: ProcessingRecord) -> bytes:
    with translation.override("nb"):
        html = render_to_string(
            "privacy/processing_record_pdf.html", {"record": record, "body": record_html(record)}
        )
    return render_pdf(html)


def record_file_name(record: ProcessingRecord) -> str:
    return f"behandlingsprotokoll-{record.agency.partnership.slug}-{record.agency.kind}"

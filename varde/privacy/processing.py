"""The record of processing activities (GDPR art. 30; for the police, the Police Register Act's
equivalent), per agency, generated from how the partnership is configured, for the DPIA."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet
from django.utils import timezone

from varde.accounts.models import Agency
from varde.concerns.categorical import MeasureType
from varde.concerns.models import LegalBasis, RetentionRule
from varde.core.crypto import encrypted_columns


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
                legal_bases=list(partnership.legal_bases.current().order_by("kind", "citation")),
                retention_rules=list(partnership.retention_rules.order_by("outcome")),
                measure_types=list(MeasureType.objects.filter(partnership=partnership, is_active=True)),
                encrypted=encrypted,
                generated_at=timezone.localtime(),
            )
        )
    return records

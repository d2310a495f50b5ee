"""The audit trail: one function records events, one verifies the chain.

Each event stores the hash of the one before it and an HMAC over its own content, so altering,
inserting or removing a row breaks the chain at that row. The key lives outside the database.
"""

import hashlib
import hmac
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.utils import timezone

from .models import AuditEvent

GENESIS_HASH = "0" * 64
# Any constant works; it names the lock that serialises appends on PostgreSQL.
_APPEND_LOCK_ID = 7_461_723


class Identified(Protocol):
    pk: Any


class Named(Identified, Protocol):
    def __str__(self) -> str: ...


HASHED_FIELDS = (
    "occurred_at",
    "actor_id",
    "actor_label",
    "partnership_id",
    "agency_id",
    "agency_label",
    "action",
    "object_type",
    "object_id",
    "purpose",
    "detail",
    "prev_hash",
)


def _key() -> bytes:
    key = settings.VARDE_AUDIT_KEY
    if not key:
        raise ImproperlyConfigured("VARDE_AUDIT_KEY must be set to record or verify the audit trail.")
    return key.encode()


def _canonical(values: dict[str, Any]) -> bytes:
    fields = {name: values[name] for name in HASHED_FIELDS}
    fields["occurred_at"] = values["occurred_at"].isoformat()
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def compute_hash(values: dict[str, Any]) -> str:
    return hmac.new(_key(), _canonical(values), hashlib.sha256).hexdigest()


def _lock_chain_head() -> None:
    # SQLite transactions are IMMEDIATE (see settings), which already serialises writers.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_APPEND_LOCK_ID])


def record_event(
    action: str,
    *,
    actor: Any = None,
    obj: Named | None = None,
    object_type: str = "",
    object_id: str = "",
    agency: Named | None = None,
    partnership: Identified | None = None,
    purpose: str = "",
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the audit trail, in the caller's transaction when there is one."""
    if obj is not None:
        object_type = object_type or type(obj).__name__.lower()
        object_id = object_id or str(obj.pk)
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    values: dict[str, Any] = {
        "occurred_at": timezone.now(),
        "actor_id": str(actor.pk) if is_user else "",
        "actor_label": actor.get_username() if is_user else "",
        "partnership_id": str(partnership.pk) if partnership is not None else "",
        "agency_id": str(agency.pk) if agency is not None else "",
        "agency_label": str(agency) if agency is not None else "",
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "purpose": purpose,
        "detail": detail or {},
    }
    with transaction.atomic():
        _lock_chain_head()
        previous = AuditEvent.objects.newest_first().values_list("hash", flat=True).first()
        values["prev_hash"] = previous or GENESIS_HASH
        values["hash"] = compute_hash(values)
        return AuditEvent.objects.create(**values)


@dataclass(frozen=True)
class ChainReport:
    checked: int
    first_broken_id: int | None = None
    reason: str = ""

    @property
    def intact(self) -> bool:
        return self.first_broken_id is None


def _rows() -> Iterator[dict[str, Any]]:
    fields = ("id", "hash", *HASHED_FIELDS)
    yield from AuditEvent.objects.in_chain_order().values(*fields).iterator(chunk_size=2000)


def verify_chain() -> ChainReport:
    """Walk the trail in order; report the first event whose link or content does not hold."""
    expected_prev = GENESIS_HASH
    checked = 0
    for row in _rows():
        if row["prev_hash"] != expected_prev:
            return ChainReport(checked, row["id"], "link to the previous event is broken")
        if not hmac.compare_digest(row["hash"], compute_hash(row)):
            return ChainReport(checked, row["id"], "content does not match its hash")
        expected_prev = row["hash"]
        checked += 1
    return ChainReport(checked)

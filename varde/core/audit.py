"""The audit trail: one function records events, one verifies the chain.

Each event stores the hash of the one before it and an HMAC over its own content, so altering,
inserting or removing a row breaks the chain at that row. The key lives outside the database.
"""

import hashlib
import hmac
import json
import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, timedelta
from functools import cache, lru_cache
from typing import Any, Protocol, TypedDict, Unpack

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, connections, models, transaction
from django.db.models import Field, Max, Min
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _

from .models import AuditEvent
from .people import Someone

GENESIS_HASH = "0" * 64
ZERO = timedelta(0)
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


def audit_key() -> bytes:
    key = settings.VARDE_AUDIT_KEY
    if not key:
        raise ImproperlyConfigured("VARDE_AUDIT_KEY must be set to record or verify the audit trail.")
    return key.encode()


_ENCODE = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode
_QUOTE = json.encoder.encode_basestring  # the string encoder _ENCODE itself uses
# The canonical form is the JSON object of the hashed fields with sorted keys and no spaces. It is
# written out from a template because the verification builds it millions of times.
_SORTED_FIELDS = tuple(sorted(HASHED_FIELDS))
_STRING_FIELDS = tuple(name for name in _SORTED_FIELDS if name != "detail")
_DETAIL_AT = _SORTED_FIELDS.index("detail")
_TEMPLATE = "{" + ",".join(f'"{name}":%s' for name in _SORTED_FIELDS) + "}"


def _compose(strings: list[str], detail_json: str) -> bytes:
    """The canonical form from the string fields (in _STRING_FIELDS order) and the encoded detail."""
    quoted = list(map(_QUOTE, strings))
    quoted.insert(_DETAIL_AT, detail_json)
    return (_TEMPLATE % tuple(quoted)).encode()


def _canonical(values: dict[str, Any]) -> bytes:
    occurred_at = values["occurred_at"]
    occurred = occurred_at if isinstance(occurred_at, str) else occurred_at.isoformat()
    strings = [occurred if name == "occurred_at" else values[name] for name in _STRING_FIELDS]
    return _compose(strings, _ENCODE(values["detail"]))


def compute_hash(values: dict[str, Any]) -> str:
    return hmac.new(audit_key(), _canonical(values), hashlib.sha256).hexdigest()


def _locked_chain_head() -> str:
    """Take the append lock, then read the hash of the newest event."""
    table = connection.ops.quote_name(AuditEvent._meta.db_table)
    newest = f"SELECT hash FROM {table} ORDER BY id DESC LIMIT 1"  # noqa: S608 (no outside value)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Two statements in one round trip. Each statement reads the database as it is when that
            # statement starts, so the head is read once the lock is held; read in the same statement
            # as the lock is taken, it could predate an append that was waited for, and fork the chain.
            cursor.execute(f"SELECT pg_advisory_xact_lock({_APPEND_LOCK_ID}); {newest}")
            cursor.nextset()
        else:
            # SQLite transactions are IMMEDIATE (see settings), which already serialises writers.
            cursor.execute(newest)
        row = cursor.fetchone()
    return row[0] if row else GENESIS_HASH


class AuditAction(models.TextChoices):
    """An action the trail records: the code kept in the chain and the API, and the words the privacy
    officer reads. Each app names its own in its audit_actions module; the trail accepts no other, so
    a new action cannot reach it without words for the officer (ADR 0041)."""


class TrailAudit(AuditAction):
    VERIFIED = "audit.verified", _("Verified the audit trail's hash chain")


_KNOWN_ACTIONS: dict[str, AuditAction] = {}


class UnknownAuditActionError(ValueError):
    pass


def register_actions() -> None:
    """Collect every app's audit actions; called once the apps are ready."""
    autodiscover_modules("audit_actions")
    for family in AuditAction.__subclasses__():
        _KNOWN_ACTIONS.update((action.value, action) for action in family)


def known_action(code: str) -> AuditAction | None:
    return _KNOWN_ACTIONS.get(code)


def known_actions() -> list[AuditAction]:
    return sorted(_KNOWN_ACTIONS.values(), key=lambda action: action.value)


class EventFields(TypedDict, total=False):
    """What an event may say besides its action: who, about what, in which agency, and why."""

    actor: Someone | None
    obj: Named | None
    object_type: str
    object_id: str
    agency: Named | None
    partnership: Identified | None
    purpose: str
    detail: dict[str, Any] | None


def _event_values(action: AuditAction, fields: EventFields) -> dict[str, Any]:
    if action not in _KNOWN_ACTIONS:
        raise UnknownAuditActionError(
            f"{action!r} is not an audit action; name it in an audit_actions module"
        )
    actor = fields.get("actor")
    signed_in = actor if actor is not None and actor.is_authenticated else None
    obj = fields.get("obj")
    agency, partnership = fields.get("agency"), fields.get("partnership")
    object_type, object_id = fields.get("object_type", ""), fields.get("object_id", "")
    if obj is not None:
        object_type = object_type or type(obj).__name__.lower()
        object_id = object_id or str(obj.pk)
    return {
        "occurred_at": timezone.now(),
        "actor_id": str(signed_in.pk) if signed_in else "",
        "actor_label": signed_in.get_username() if signed_in else "",
        "partnership_id": str(partnership.pk) if partnership is not None else "",
        "agency_id": str(agency.pk) if agency is not None else "",
        "agency_label": str(agency) if agency is not None else "",
        "action": str(action),
        "object_type": object_type,
        "object_id": object_id,
        "purpose": fields.get("purpose", ""),
        "detail": fields.get("detail") or {},
    }


def _chain(rows: list[dict[str, Any]]) -> None:
    """Take the append lock, then link the rows to the chain's head and to each other."""
    previous = _locked_chain_head()
    for values in rows:
        values["prev_hash"] = previous
        values["hash"] = previous = compute_hash(values)


_COLUMNS = (*HASHED_FIELDS, "hash")


@cache
def _insert_statement() -> tuple[str, list[Field[Any, Any]]]:
    """The INSERT of one event and the fields that prepare its values, in the statement's order."""
    quote = connection.ops.quote_name
    by_name = {field.name: field for field in AuditEvent._meta.concrete_fields}
    columns = ", ".join(map(quote, _COLUMNS))
    placeholders = ", ".join(["%s"] * len(_COLUMNS))
    table = quote(AuditEvent._meta.db_table)
    sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders}) RETURNING {quote('id')}"  # noqa: S608
    return sql, [by_name[name] for name in _COLUMNS]


def _insert(values: dict[str, Any]) -> AuditEvent:
    """Insert one linked event with a statement written once: the append lock is held until the
    transaction ends, and building the ORM's INSERT for every event took longer than sending it."""
    sql, fields = _insert_statement()
    params = [field.get_db_prep_save(values[field.name], connection) for field in fields]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        (event_id,) = cursor.fetchone()
    event = AuditEvent(id=event_id, **values)
    event._state.adding = False
    event._state.db = connection.alias
    return event


def record_event(action: AuditAction, **fields: Unpack[EventFields]) -> AuditEvent:
    """Append one event to the audit trail, in the caller's transaction when there is one."""
    values = _event_values(action, fields)
    with transaction.atomic():
        _chain([values])
        return _insert(values)


class Audited(Named, Protocol):
    def audit_fields(self) -> "EventFields":
        """Where the object's events belong (partnership, agency) and what names it in their detail."""


def record_on(action: AuditAction, actor: Someone | None, obj: Audited, **detail: Any) -> AuditEvent:
    """An event about an object that knows where its events belong, with the caller's detail added."""
    fields = obj.audit_fields()
    fields["detail"] = {**(fields.get("detail") or {}), **detail}
    fields["actor"], fields["obj"] = actor, obj
    return record_event(action, **fields)


def record_events(events: list[tuple[AuditAction, EventFields]]) -> None:
    """Append several events (action and fields) in one go: for bulk work such as the retention purge,
    which would otherwise take the append lock once per event."""
    rows = [_event_values(action, fields) for action, fields in events]
    with transaction.atomic():
        _chain(rows)
        AuditEvent.objects.bulk_create([AuditEvent(**values) for values in rows])


@dataclass(frozen=True)
class ChainReport:
    checked: int
    first_broken_id: int | None = None
    reason: str = ""

    @property
    def intact(self) -> bool:
        return self.first_broken_id is None


def _occurred_at(value: Any) -> str:
    # SQLite hands back a naive time in the connection's time zone (UTC, as Django sets it). The hashed
    # form is the UTC time with its offset.
    if isinstance(value, str):
        value = parse_datetime(value)
    if value.tzinfo is None:
        if connection.timezone is UTC or connection.timezone_name == "UTC":
            return f"{value.isoformat()}+00:00"
        value = timezone.make_aware(value, connection.timezone)
    elif value.utcoffset() == ZERO:
        return str(value.isoformat())
    return str(value.astimezone(UTC).isoformat())


def _postgresql_time(text: str) -> str:
    """PostgreSQL's text of a UTC timestamp ('2026-12-01 21:02:31.5') as Python's isoformat gives it
    ('2026-12-01T21:02:31.500000+00:00'): PostgreSQL drops the fraction's trailing zeros."""
    fraction = text[19:]
    return f"{text[:10]}T{text[11:19]}{fraction.ljust(7, '0') if fraction else ''}+00:00"


@lru_cache(maxsize=1024)
def _encoded_detail(text: str) -> str:
    """A detail as the database hands it over (JSON text, on PostgreSQL as on SQLite), in the canonical
    form. Most details repeat (a case list's {"count": 50}, an empty one), so over a long trail most
    are decoded and encoded once."""
    return _ENCODE(json.loads(text))


def _rows(first_id: int | None = None, last_id: int | None = None) -> Iterator[tuple[Any, ...]]:
    """(id, hash, prev_hash, canonical form) in chain order, read with a plain cursor: at millions of
    rows the ORM's per-row conversions would cost more than the hashing. On PostgreSQL the time comes
    as UTC text, which is cheaper to reshape than a datetime is to build and format."""
    quote = connection.ops.quote_name
    on_postgresql = connection.vendor == "postgresql"
    # The cast of the UTC time, not of the timestamp itself, whose text follows the session's time zone.
    utc_text = "(occurred_at AT TIME ZONE 'UTC')::text"
    columns = [
        utc_text if on_postgresql and name == "occurred_at" else quote(name) for name in _STRING_FIELDS
    ]
    table = quote(AuditEvent._meta.db_table)
    where, params = ("WHERE id BETWEEN %s AND %s", [first_id, last_id]) if first_id is not None else ("", [])
    select = f"SELECT id, hash, detail, {', '.join(columns)} FROM {table} {where} ORDER BY id"  # noqa: S608
    time_at, prev_at = _STRING_FIELDS.index("occurred_at"), _STRING_FIELDS.index("prev_hash")
    with connection.cursor() as cursor:
        cursor.execute(select, params)
        to_text = _postgresql_time if on_postgresql else _occurred_at
        while batch := cursor.fetchmany(5000):
            for event_id, event_hash, detail, *strings in batch:
                strings[time_at] = to_text(strings[time_at])
                yield event_id, event_hash, strings[prev_at], _compose(strings, _encoded_detail(detail))


@dataclass(frozen=True)
class _Stretch:
    """What one worker found in a stretch of the chain; the stretches are joined by their ends."""

    checked: int
    first_id: int | None = None
    first_prev_hash: str | None = None
    last_hash: str | None = None
    broken_id: int | None = None
    reason: str = ""


def _hmac_sha256(key: bytes) -> Callable[[bytes], str]:
    """HMAC-SHA256 with the key's inner and outer pads hashed once (RFC 2104), as hmac.new does per
    call: over millions of events the key set-up costs more than the message."""
    block = hashlib.sha256().block_size
    padded = (hashlib.sha256(key).digest() if len(key) > block else key).ljust(block, b"\0")
    inner = hashlib.sha256(bytes(byte ^ 0x36 for byte in padded))
    outer = hashlib.sha256(bytes(byte ^ 0x5C for byte in padded))

    def digest(message: bytes) -> str:
        first = inner.copy()
        first.update(message)
        second = outer.copy()
        second.update(first.digest())
        return second.hexdigest()

    return digest


def _verify_stretch(bounds: tuple[int, int] | None) -> _Stretch:
    digest = _hmac_sha256(audit_key())
    checked, first_id, first_prev, previous = 0, None, None, None
    for event_id, event_hash, prev_hash, canonical in _rows(*(bounds or (None, None))):
        if first_id is None:
            first_id, first_prev = event_id, prev_hash
        elif prev_hash != previous:
            return _Stretch(checked, broken_id=event_id, reason="link to the previous event is broken")
        if not hmac.compare_digest(event_hash, digest(canonical)):
            return _Stretch(checked, broken_id=event_id, reason="content does not match its hash")
        previous = event_hash
        checked += 1
    return _Stretch(checked, first_id, first_prev, previous)


# Below this many events one process is quicker than starting more.
PARALLEL_FROM = 100_000
STRETCHES_PER_PROCESS = 4
# A stretch's rows are read into memory at once (a client-side cursor, the quickest way here), so a
# stretch is never longer than this: a worker's memory stays the same however long the trail grows.
LONGEST_STRETCH = 50_000


def _stretches(first: int, last: int, processes: int) -> list[tuple[int, int]]:
    parts = max(processes * STRETCHES_PER_PROCESS, -(-(last - first + 1) // LONGEST_STRETCH))
    size = max(1, (last - first + parts) // parts)
    return [(start, min(start + size - 1, last)) for start in range(first, last + 1, size)]


def _can_fork() -> bool:
    # An in-memory SQLite database (the test suite's) exists only in this process.
    name = str(connection.settings_dict.get("NAME", ""))
    in_memory = connection.vendor == "sqlite" and (":memory:" in name or "mode=memory" in name or not name)
    return "fork" in multiprocessing.get_all_start_methods() and not in_memory


def _verify_in_parallel(first: int, last: int) -> list[_Stretch]:
    processes = os.cpu_count() or 1
    connections.close_all()  # each process opens its own
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=processes, mp_context=context) as pool:
        return list(pool.map(_verify_stretch, _stretches(first, last, processes)))


def verify_chain(*, parallel_from: int = PARALLEL_FROM) -> ChainReport:
    """Walk the trail in order; report the first event whose link or content does not hold. A long
    trail is checked in stretches by one process per core; the stretches must join end to end."""
    # The span of ids decides, not a count: it is never smaller, and counting two million events took
    # PostgreSQL 0.2-1.5 s of a check that takes 8-10 s.
    span = AuditEvent.objects.aggregate(first=Min("id"), last=Max("id"))
    first, last = span["first"], span["last"]
    if first is not None and last - first + 1 >= parallel_from and _can_fork():
        stretches = _verify_in_parallel(first, last)
    else:
        stretches = [_verify_stretch(None)]
    expected_prev, checked = GENESIS_HASH, 0
    for stretch in stretches:
        if stretch.first_id is not None and stretch.first_prev_hash != expected_prev:
            return ChainReport(checked, stretch.first_id, "link to the previous event is broken")
        checked += stretch.checked
        if stretch.broken_id is not None:
            return ChainReport(checked, stretch.broken_id, stretch.reason)
        expected_prev = stretch.last_hash or expected_prev
    return ChainReport(checked)


def record_verification(report: ChainReport, *, checkpoints_found: bool) -> AuditEvent:
    """The trail notes each verification of itself, so that monitoring can tell when it last held."""
    detail = {"intact": report.intact and checkpoints_found, "checked": report.checked}
    return record_event(TrailAudit.VERIFIED, detail=detail)


def last_verification() -> AuditEvent | None:
    return AuditEvent.objects.filter(action=TrailAudit.VERIFIED).order_by("-id").first()

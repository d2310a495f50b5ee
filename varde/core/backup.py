"""Backups and restores that work the same on SQLite and PostgreSQL, and that never hold personal data
in the clear: encrypted fields are written as ciphertext, so a backup is useless without the keys,
which are kept apart from it. A backup is a zip with the data (Django's JSON Lines serialisation, one
row a line, so that a restore holds one row at a time rather than the whole file) and a manifest (row
counts and the newest audit event), checked after every restore. Backups taken before 2026-12-06
hold the data as one JSON document (data.json), and restore as before.
"""

import io
import json
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from django.apps import apps
from django.core import serializers
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError, DeserializedObject
from django.core.serializers.json import Deserializer as JSONDeserializer
from django.core.serializers.json import Serializer as JSONSerializer
from django.db import IntegrityError, connection, models, transaction
from django.utils import timezone

from .audit import verify_chain
from .crypto import Encrypted
from .models import AuditEvent
from .planner import refresh_planner_statistics

DATA = "data.jsonl"
# The data file each kind of backup holds, and the serialisation format (SERIALIZATION_MODULES) that
# reads it: this one's, and that of backups taken before 2026-12-06.
FORMATS = {DATA: "vardejsonl", "data.json": "vardejson"}
# Rebuilt by migrations, or only meaningful to a running server.
SKIPPED = {"contenttypes", "auth.permission", "sessions", "axes", "accounts.loginfailure"}


class AsStored:
    """Fields as the database holds them: encrypted ones as ciphertext, times to the microsecond."""

    def _value_from_field(self, obj: Any, field: Any) -> Any:
        if isinstance(field, Encrypted):
            return field.get_prep_value(field.value_from_object(obj))  # type: ignore[attr-defined]
        value = field.value_from_object(obj)
        if isinstance(field, models.DateTimeField) and value is not None:
            # Django's JSON cuts times to milliseconds; the audit chain's hashes need every microsecond.
            return value.isoformat()
        return super()._value_from_field(obj, field)  # type: ignore[misc]


class Serializer(AsStored, JSONSerializer):
    """The format of backups taken before 2026-12-06 ("vardejson")."""


Deserializer = JSONDeserializer


def _models() -> list[Any]:
    chosen = []
    for model in apps.get_models():
        label = model._meta.label_lower
        if model._meta.app_label in SKIPPED or label in SKIPPED or not model._meta.managed:
            continue
        chosen.append(model)
    return chosen


def _counts() -> dict[str, int]:
    return {model._meta.label_lower: model._default_manager.count() for model in _models()}


def _last_audit_hash() -> str:
    last = AuditEvent.objects.order_by("-id").first()
    return last.hash if last else ""


def _read_as_of_one_moment() -> None:
    """Make the transaction just begun read every table as of one moment. PostgreSQL's default lets
    each statement see what others committed before it, and a dump takes minutes while people work:
    a case logged between the dump of its table and that of its measures would leave a measure
    without its case, and the manifest, counted last, would not match the data. SQLite's
    transaction reads one moment already."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")


def backup(path: Path) -> dict[str, Any]:
    """Write everything, as of one moment, to a zip at path; returns the manifest."""
    # Inside a caller's transaction (a test's), that transaction has begun and decides what is read.
    begins = not connection.in_atomic_block
    with transaction.atomic():
        if begins:
            _read_as_of_one_moment()
        labels = [model._meta.label_lower for model in _models()]
        with tempfile.TemporaryDirectory() as folder:
            data = Path(folder) / DATA
            call_command("dumpdata", *labels, format=FORMATS[DATA], output=str(data), verbosity=0)
            manifest = {
                "created_at": timezone.now().isoformat(),
                "counts": _counts(),
                "last_audit_hash": _last_audit_hash(),
            }
            with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                archive.write(data, DATA)
                archive.writestr("manifest.json", json.dumps(manifest, indent=1))
    return manifest


@dataclass(frozen=True)
class Verification:
    problems: list[str]
    audit_events: int

    @property
    def ok(self) -> bool:
        return not self.problems


def verify(manifest: dict[str, Any]) -> Verification:
    """Compare the database with a backup's manifest, and check the audit trail's chain."""
    counts = _counts()
    problems = [
        f"{label}: {counts.get(label)} rows, the backup had {expected}"
        for label, expected in manifest["counts"].items()
        if counts.get(label) != expected
    ]
    if _last_audit_hash() != manifest["last_audit_hash"]:
        problems.append("the newest audit event differs from the backup's")
    chain = verify_chain()
    if not chain.intact:
        problems.append(f"the audit chain is broken at event {chain.first_broken_id}: {chain.reason}")
    return Verification(problems, chain.checked)


def is_empty() -> bool:
    return not any(model._default_manager.exists() for model in _models())


class NotABackupError(ValueError):
    pass


@dataclass(frozen=True)
class Backup:
    """A backup file, opened and checked to hold what a backup holds."""

    archive: zipfile.ZipFile
    manifest: dict[str, Any]
    data: str  # the name of its data file, one of FORMATS


def open_backup(path: Path) -> Backup:
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as error:
        raise NotABackupError("it is not a zip file") from error
    names = archive.namelist()
    data = next((name for name in FORMATS if name in names), None)
    if "manifest.json" not in names or data is None:
        archive.close()
        raise NotABackupError("it does not hold both a manifest.json and a data file")
    try:
        manifest = json.loads(archive.read("manifest.json"))
    except ValueError as error:
        archive.close()
        raise NotABackupError("its manifest cannot be read") from error
    return Backup(archive, manifest, data)


def restore(backup: Backup) -> Verification:
    """Load an opened backup into an empty, migrated database, then verify it. The caller closes it.
    The rows are read straight out of the zip: the national set's data file unpacks to two gigabytes."""
    try:
        with backup.archive.open(backup.data) as packed, transaction.atomic():
            _load(io.TextIOWrapper(packed, encoding="utf-8"), FORMATS[backup.data])
    except DeserializationError as error:
        raise NotABackupError("a row in it cannot be read") from error
    except IntegrityError as error:
        raise NotABackupError(f"its rows do not hold together{_constraint_of(error)}") from error
    refresh_planner_statistics()
    return verify(backup.manifest)


def _constraint_of(error: IntegrityError) -> str:
    """The constraint a row broke, where PostgreSQL names it. Never the database's own message: for a
    unique value it quotes the value, which may be a user name or an address."""
    name = getattr(getattr(error.__cause__, "diag", None), "constraint_name", None)
    return f" (constraint {name})" if name else ""


# Rows a statement, before the database's own limit on parameters (connection.ops.bulk_batch_size).
BATCH = 500


def _load(stream: TextIO, format_name: str) -> None:
    """Insert every row of the data file as the backup holds it, a batch of one table's rows a statement,
    then check that every reference holds. Rows go in raw, as Django's loaddata saves them: no save(),
    no signals, no time set automatically. But loaddata saves one row at a time, trying an UPDATE
    first: two statements a row, and the national set's restore had not finished after forty minutes
    (ADR 0033)."""
    loaded: set[type[models.Model]] = set()
    with connection.constraint_checks_disabled():
        batch: list[DeserializedObject] = []
        for item in serializers.deserialize(format_name, stream):
            if batch and (type(item.object) is not type(batch[0].object) or len(batch) == BATCH):
                loaded |= _insert(batch)
                batch = []
            batch.append(item)
        if batch:
            loaded |= _insert(batch)
    connection.check_constraints(table_names=[model._meta.db_table for model in loaded])
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), list(loaded)):
            cursor.execute(statement)


def _insert(batch: list[DeserializedObject]) -> set[type[models.Model]]:
    """One table's rows, and the rows of its many-to-many tables; the models written to."""
    model = type(batch[0].object)
    _insert_raw(model, [item.object for item in batch])
    written = {model}
    for name in batch[0].m2m_data or {}:
        field = model._meta.get_field(name)
        through = field.remote_field.through  # type: ignore[union-attr]
        own = through._meta.get_field(field.m2m_field_name()).attname  # type: ignore[union-attr]
        other = through._meta.get_field(field.m2m_reverse_field_name()).attname  # type: ignore[union-attr]
        links = [
            through(**{own: item.object.pk, other: target})
            for item in batch
            for target in (item.m2m_data or {})[name]
        ]
        _insert_raw(through, links)
        written.add(through)
    return written


def _insert_raw(model: type[models.Model], rows: list[models.Model]) -> None:
    if not rows:
        return
    meta = model._meta
    fields = list(meta.local_concrete_fields)
    if rows[0].pk is None:
        # Many-to-many links carry no id of their own: the database numbers them.
        fields = [field for field in fields if field is not meta.auto_field]
    size = connection.ops.bulk_batch_size(fields, rows) or len(rows)
    for start in range(0, len(rows), size):
        model._base_manager._insert(rows[start : start + size], fields=fields, raw=True)  # type: ignore[attr-defined]

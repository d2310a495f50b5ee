"""Backups and restores that work the same on SQLite and PostgreSQL, and that never hold personal data
in the clear: encrypted fields are written as ciphertext, so a backup is useless without the keys,
which are kept apart from it. A backup is a zip with the data (Django's JSON Lines serialisation, one
row a line, so that a restore holds one row at a time rather than the whole file) and a manifest (row
counts and the newest audit event), checked after every restore. Backups taken before 2026-12-06
hold the data as one JSON document (data.json), and restore as before.
"""

import json
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.management import call_command
from django.core.serializers.json import Deserializer as JSONDeserializer
from django.core.serializers.json import Serializer as JSONSerializer
from django.db import connection, models, transaction
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
SKIPPED = {"contenttypes", "auth.permission", "sessions", "axes"}


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
    problems = [
        f"{label}: {actual} rows, the backup had {expected}"
        for label, expected in manifest["counts"].items()
        for actual in [_counts().get(label)]
        if actual != expected
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


def _contents(archive: zipfile.ZipFile) -> tuple[dict[str, Any], str]:
    """The backup's manifest and the name of its data file."""
    names = archive.namelist()
    data = next((name for name in FORMATS if name in names), None)
    if "manifest.json" not in names or data is None:
        raise NotABackupError("it holds no manifest.json and data file")
    return json.loads(archive.read("manifest.json")), data


def restore(path: Path) -> Verification:
    """Load a backup into an empty, migrated database, then verify it."""
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as error:
        raise NotABackupError("it is not a zip file") from error
    with archive, tempfile.TemporaryDirectory() as folder:
        manifest, name = _contents(archive)
        data = Path(archive.extract(name, folder))
        # The fixture loader reads the format from the file name.
        fixture = data.rename(data.with_suffix(f".{FORMATS[name]}"))
        with transaction.atomic():
            call_command("loaddata", str(fixture), verbosity=0)
    refresh_planner_statistics()
    return verify(manifest)

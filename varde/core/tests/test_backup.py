"""Backup and restore: a round trip ends with the same data and a verifying audit chain, and the
backup file holds no personal data in the clear."""

import json
import threading
import zipfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections

from varde.accounts.audit_actions import AccountAudit
from varde.concerns.models import Concern
from varde.concerns.tests.factories import make_concern, make_consent
from varde.core import backup as backups
from varde.core.audit import record_event, verify_chain
from varde.core.backup import _counts
from varde.core.models import AuditEvent
from varde.privacy.audit_actions import PrivacyAudit

NAME = "Zacharias Ølsmo-Brekke"


def wipe() -> None:
    """Empty every table, as a lost server would be. The audit trail's guard is lifted for this."""
    call_command("flush", interactive=False, verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_backup_wipe_restore_verify(world, tmp_path, capsys):
    concern = make_concern(world, name=NAME, description="Uro for eleven i friminuttene.")
    make_consent(world, concern)
    before = _counts()
    last_event = AuditEvent.objects.latest("id").hash
    file = tmp_path / "varde.zip"
    call_command("backup", str(file))
    with zipfile.ZipFile(file) as archive:
        data = archive.read("data.jsonl").decode()
    assert NAME not in data
    assert "Uro for eleven" not in data
    assert "enc1:" in data
    wipe()
    assert not Concern.objects.exists()
    call_command("restore", str(file))
    assert "verified" in capsys.readouterr().out
    assert _counts() == before
    assert AuditEvent.objects.latest("id").hash == last_event
    restored = Concern.objects.get(pk=concern.pk)
    assert restored.subject_name == NAME
    assert restored.created_at == concern.created_at  # kept, not set again as the rows went in
    consent = restored.consents.get()
    assert consent.given_by_names
    assert set(consent.agencies.all()) == {world.municipality, world.police}
    assert consent.measure_types.count() == 1
    # The trail goes on from the restored chain: its numbering continues after the restored events.
    after = record_event(AccountAudit.UNIT_UPDATED)
    assert after.prev_hash == last_event
    assert verify_chain().intact
    with pytest.raises(CommandError, match="already holds data"):
        call_command("restore", str(file))


@pytest.mark.django_db(transaction=True)
def test_a_missing_backup_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="No backup"):
        call_command("restore", str(tmp_path / "nothing.zip"))


@pytest.mark.django_db(transaction=True)
def test_a_file_that_is_not_a_backup_is_refused_with_a_reason_and_loads_nothing(tmp_path):
    text = tmp_path / "notes.zip"
    text.write_text("Ikke en sikkerhetskopi.")
    with pytest.raises(CommandError, match="not a backup made by 'varde backup': it is not a zip file"):
        call_command("restore", str(text))
    other = tmp_path / "other.zip"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("data.csv", "a,b")
    with pytest.raises(CommandError, match=r"it does not hold both a manifest\.json and a data file"):
        call_command("restore", str(other))
    garbled = tmp_path / "garbled.zip"
    with zipfile.ZipFile(garbled, "w") as archive:
        archive.writestr("manifest.json", "{ikke json")
        archive.writestr("data.jsonl", "")
    with pytest.raises(CommandError, match="its manifest cannot be read"):
        call_command("restore", str(garbled))
    assert not AuditEvent.objects.exists()


def _rows_of(file: Path) -> list[dict[str, Any]]:
    with zipfile.ZipFile(file) as archive:
        return [json.loads(line) for line in archive.read("data.jsonl").decode().splitlines()]


def _manifest_of(file: Path) -> dict[str, Any]:
    with zipfile.ZipFile(file) as archive:
        manifest: dict[str, Any] = json.loads(archive.read("manifest.json"))
        return manifest


def _altered(
    file: Path,
    into: Path,
    *,
    data: str | None = None,
    manifest: dict[str, Any] | None = None,
    name: str = "data.jsonl",
) -> Path:
    """A copy of a backup with its data (under name) or its manifest replaced."""
    with zipfile.ZipFile(file) as source, zipfile.ZipFile(into, "w") as archive:
        archive.writestr(name, source.read("data.jsonl") if data is None else data)
        archive.writestr("manifest.json", json.dumps(_manifest_of(file) if manifest is None else manifest))
    return into


@pytest.mark.django_db(transaction=True)
def test_a_backup_taken_before_the_line_format_still_restores(world, tmp_path, capsys):
    """Backups from before 2026-12-06 hold their rows as one JSON document, data.json."""
    make_concern(world, name=NAME)
    before = _counts()
    new = tmp_path / "new.zip"
    call_command("backup", str(new))
    old = _altered(new, tmp_path / "old.zip", data=json.dumps(_rows_of(new)), name="data.json")
    wipe()
    call_command("restore", str(old))
    assert "verified" in capsys.readouterr().out
    assert _counts() == before
    assert Concern.objects.get().subject_name == NAME


def _in_another_request(work: Callable[[], Any]) -> None:
    """Work done and committed on a connection of its own, as a request beside the backup would."""

    def request() -> None:
        try:
            work()
        finally:
            connections.close_all()

    thread = threading.Thread(target=request)
    thread.start()
    thread.join()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's isolation; CI runs it there")
@pytest.mark.django_db(transaction=True)
def test_a_backup_holds_one_moment_while_people_keep_working(world, tmp_path, monkeypatch):
    make_concern(world)

    def dump_while_a_case_is_viewed(*args: Any, **options: Any) -> None:
        call_command(*args, **options)
        _in_another_request(lambda: record_event(PrivacyAudit.RETENTION_VIEWED))

    monkeypatch.setattr(backups, "call_command", dump_while_a_case_is_viewed)
    file = tmp_path / "varde.zip"
    manifest = backups.backup(file)
    rows = _rows_of(file)
    dumped = Counter(row["model"] for row in rows)
    assert manifest["counts"] == {label: dumped[label] for label in manifest["counts"]}
    newest = max((row for row in rows if row["model"] == "core.auditevent"), key=lambda row: row["pk"])
    assert manifest["last_audit_hash"] == newest["fields"]["hash"]
    # The event beside the dump was written all the same.
    assert AuditEvent.objects.filter(action="retention.viewed").exists()


@pytest.mark.django_db(transaction=True)
def test_a_backup_whose_rows_do_not_hold_together_is_refused_and_loads_nothing(world, tmp_path):
    make_concern(world)
    file = tmp_path / "varde.zip"
    call_command("backup", str(file))
    without_partnerships = [row for row in _rows_of(file) if row["model"] != "accounts.partnership"]
    broken = _altered(
        file, tmp_path / "broken.zip", data="\n".join(json.dumps(row) for row in without_partnerships)
    )
    wipe()
    with pytest.raises(CommandError, match="its rows do not hold together"):
        call_command("restore", str(broken))
    assert not Concern.objects.exists()
    assert not AuditEvent.objects.exists()
    row = '{"model": "concerns.concern", "pk": "ikke en id", "fields": {}}'
    unreadable = _altered(file, tmp_path / "unreadable.zip", data=row)
    with pytest.raises(CommandError, match="a row in it cannot be read"):
        call_command("restore", str(unreadable))
    assert not Concern.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_restore_that_does_not_match_its_manifest_names_what_differs(world, tmp_path):
    make_concern(world)
    file = tmp_path / "varde.zip"
    call_command("backup", str(file))
    manifest = _manifest_of(file)
    events = manifest["counts"]["core.auditevent"]
    manifest["counts"]["core.auditevent"] = events + 1
    claimed = _altered(file, tmp_path / "claimed.zip", manifest=manifest)
    wipe()
    with pytest.raises(CommandError, match=f"core.auditevent: {events} rows, the backup had {events + 1}"):
        call_command("restore", str(claimed))

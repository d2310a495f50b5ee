"""Checkpoints anchor the audit trail's head outside the database: a trail cut back behind one is named."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from varde.accounts.audit_actions import AccountAudit
from varde.core.audit import record_event
from varde.core.checkpoints import verify_checkpoints, write_checkpoint
from varde.core.models import AuditEvent
from varde.core.tasks import checkpoint_audit_trail

from .test_audit import raw_sql


@pytest.fixture
def checkpoints(tmp_path):
    return tmp_path / "audit-checkpoints.jsonl"


def record(count):
    return [record_event(AccountAudit.UNIT_UPDATED, object_id=str(number)) for number in range(count)]


def test_a_trail_that_grew_after_its_checkpoints_verifies(db, checkpoints):
    record(3)
    write_checkpoint(checkpoints)
    record(2)
    write_checkpoint(checkpoints)
    record(1)
    call_command("verify_audit", checkpoints=checkpoints)
    assert verify_checkpoints(checkpoints).checked == 2


def test_deleting_the_newest_events_after_a_checkpoint_is_detected_and_named(db, checkpoints):
    events = record(12)
    checkpoint = write_checkpoint(checkpoints)
    assert checkpoint.last_id == events[-1].id
    raw_sql("DELETE FROM core_auditevent WHERE id > %s", [events[1].id])
    assert AuditEvent.objects.count() == 2
    call_command("verify_audit")  # without the checkpoints, the shortened chain still holds together
    with pytest.raises(CommandError, match=f"names event {events[-1].id}.*does not hold it"):
        call_command("verify_audit", checkpoints=checkpoints)


def test_a_checkpoint_changed_in_the_file_is_refused(db, checkpoints):
    record(2)
    write_checkpoint(checkpoints)
    line = json.loads(checkpoints.read_text())
    checkpoints.write_text(json.dumps(line | {"count": 1}) + "\n")
    with pytest.raises(CommandError, match=r"line 1 .* not signed"):
        call_command("verify_audit", checkpoints=checkpoints)


def test_the_command_and_the_hourly_task_write_under_the_var_directory(db, tmp_path, settings):
    settings.VAR_DIR = tmp_path
    record(1)
    call_command("checkpoint_audit")
    checkpoint_audit_trail.call()  # the worker's run: it queues the next one and writes
    assert verify_checkpoints(tmp_path / "audit-checkpoints.jsonl").checked == 2

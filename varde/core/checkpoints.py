"""Checkpoints of the audit trail kept outside the database (ADR 0003, ADR 0038).

The hash chain shows that no event was changed or removed from the middle of the trail, but not that
the newest events are all there: whoever can delete rows can cut the chain back to an earlier head,
and what is left still verifies. A checkpoint is the chain's head at a moment (the newest event's id
and hash, and how many events there were), signed with the audit key and appended to a file outside
the database (and to the log, which goes to the journal). `verify_checkpoints` finds each checkpointed
head in the trail again; a trail cut back behind one is named.
"""

import hashlib
import hmac
import json
import logging
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from .audit import GENESIS_HASH, audit_key
from .models import AuditEvent

logger = logging.getLogger("varde.audit.checkpoint")
FILE_NAME = "audit-checkpoints.jsonl"


@dataclass(frozen=True)
class Checkpoint:
    time: str
    last_id: int
    count: int
    head: str

    def mac(self) -> str:
        message = json.dumps(asdict(self), sort_keys=True, separators=(",", ":")).encode()
        return hmac.new(audit_key(), message, hashlib.sha256).hexdigest()


def default_path() -> Path:
    return Path(settings.VAR_DIR) / FILE_NAME


def write_checkpoint(path: Path | None = None) -> Checkpoint:
    """Append the trail's current head to the checkpoint file, signed, and log it."""
    newest = AuditEvent.objects.newest_first().values_list("id", "hash").first()
    last_id, head = newest if newest else (0, GENESIS_HASH)
    count = AuditEvent.objects.filter(id__lte=last_id).count()
    checkpoint = Checkpoint(timezone.now().isoformat(), last_id, count, head)
    line = json.dumps({**asdict(checkpoint), "mac": checkpoint.mac()}, sort_keys=True)
    target = path or default_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    # Appended and synced: a checkpoint that a crash lost would be no anchor.
    with target.open("a", encoding="utf-8") as file:
        file.write(line + "\n")
        file.flush()
        os.fsync(file.fileno())
    logger.info("audit checkpoint", extra={"checkpoint": asdict(checkpoint)})
    return checkpoint


@dataclass(frozen=True)
class CheckpointReport:
    checked: int
    problem: str = ""

    @property
    def intact(self) -> bool:
        return not self.problem


def verify_checkpoints(path: Path | None = None) -> CheckpointReport:
    """Find each checkpoint's head in the trail again; the first that is not there is named."""
    source = path or default_path()
    if not source.exists():
        return CheckpointReport(0)
    checked = 0
    for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        problem = _problem_with(line, number)
        if problem:
            return CheckpointReport(checked, problem)
        checked += 1
    return CheckpointReport(checked)


def _problem_with(line: str, number: int) -> str:
    try:
        fields = json.loads(line)
        mac = fields.pop("mac")
        checkpoint = Checkpoint(**fields)
    except (ValueError, TypeError, KeyError):
        return f"line {number} of the checkpoint file is not a checkpoint"
    if not hmac.compare_digest(mac, checkpoint.mac()):
        return f"line {number} of the checkpoint file is not signed with the audit key"
    if checkpoint.last_id == 0:
        return ""
    event_hash = AuditEvent.objects.filter(id=checkpoint.last_id).values_list("hash", flat=True).first()
    counted = AuditEvent.objects.filter(id__lte=checkpoint.last_id).count()
    if event_hash != checkpoint.head or counted != checkpoint.count:
        return (
            f"the checkpoint of {checkpoint.time} names event {checkpoint.last_id} "
            f"(hash {checkpoint.head[:12]}…, {checkpoint.count} events), but the trail "
            + ("does not hold it" if event_hash is None else f"holds {counted} events up to it")
            + ": events recorded before the checkpoint were removed"
        )
    return ""

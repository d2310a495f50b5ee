"""Background work of the core, run by `varde db_worker`."""

from datetime import datetime, timedelta

from django.tasks import task
from django.utils import timezone

from .checkpoints import write_checkpoint

# How often the trail's head is anchored outside the database: the most a cut-back trail can hide.
CHECKPOINT_EVERY = timedelta(hours=1)


def next_checkpoint_time(now: datetime) -> datetime:
    return now + CHECKPOINT_EVERY


@task()
def checkpoint_audit_trail() -> int:
    """Queue the next run, then write a checkpoint: an hourly task without cron."""
    checkpoint_audit_trail.using(run_after=next_checkpoint_time(timezone.now())).enqueue()
    return write_checkpoint().last_id

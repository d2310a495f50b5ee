"""Recurring background tasks: each run queues its own next one, so a chain is started only once."""

from datetime import datetime
from typing import Any


def enqueue_once(task: Any, *, run_after: datetime) -> Any | None:
    """Queue the task's first run unless one is already waiting; returns the new result, or None.
    A second chain would run the task twice as often."""
    from django.tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    if DBTaskResult.objects.filter(status=TaskResultStatus.READY, task_path=task.module_path).exists():
        return None
    return task.using(run_after=run_after).enqueue()

"""The daily opening of scheduled requests: ``loa worker`` opens the requests of recurring schedules
(:class:`~loa.reporting.models.RequestSchedule`) whose day has come.

As for the feed pull, the schedule lives in the task queue: the worker makes sure one run is
waiting when it starts, and each run queues the next for the following day. Opening is idempotent
(one request per schedule and period), so two runs on one day open nothing twice.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.tasks import TaskResultStatus, task
from django.utils import timezone

from loa.core.actors import SYSTEM_WORKER
from loa.reporting.cycle import schedule_open_due

__all__ = ["open_due_requests", "requests_open_schedule"]


@task()
def open_due_requests() -> dict[str, Any]:
    """Open today's scheduled requests; queue tomorrow's run. Returns the ids opened."""
    try:
        opened = schedule_open_due(actor=SYSTEM_WORKER, today=timezone.localdate())
    finally:
        requests_open_schedule(delay=dt.timedelta(days=1))
    return {"opened": [r.pk for r in opened]}


def requests_open_schedule(*, delay: dt.timedelta = dt.timedelta(0)) -> bool:
    """Queue a run ``delay`` from now unless one is waiting (database queue only); ``True`` if queued."""
    backend = open_due_requests.get_backend()
    if not backend.supports_defer:
        return False
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.filter(
        task_path=open_due_requests.module_path, status=TaskResultStatus.READY, backend_name=backend.alias
    )
    if waiting.exists():
        return False
    open_due_requests.using(run_after=timezone.now() + delay).enqueue()
    return True

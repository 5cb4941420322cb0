"""Scheduled feed pull: ``loa worker`` pulls every due feed every ``LOA_FEEDS_EVERY`` minutes.

The schedule lives in the task queue, not in a process: the worker makes sure one pull is waiting
when it starts, and each pull, when done (or failed), queues the next one ``LOA_FEEDS_EVERY``
minutes later. Two workers may each queue one; a pull only reads feeds that are due, so a second
pull in the same minute reads nothing. Feeds are read as :data:`~loa.core.actors.SYSTEM_FEEDS`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from django.conf import settings
from django.tasks import TaskResultStatus, task
from django.utils import timezone

from loa.activities.feeds import feeds_due, feeds_pull
from loa.core.actors import SYSTEM_FEEDS

__all__ = ["feed_pull_schedule", "pull_due_feeds", "run_import_job"]


def _every() -> dt.timedelta:
    return dt.timedelta(minutes=int(getattr(settings, "LOA_FEEDS_EVERY", 60)))


@task()
def pull_due_feeds() -> dict[str, Any]:
    """Pull every due feed into drafts; queue the next pull. Returns what the pull did."""
    try:
        result = feeds_pull(actor=SYSTEM_FEEDS, feeds=feeds_due(every=_every()))
    finally:
        feed_pull_schedule(delay=_every())
    return dataclasses.asdict(result)


def feed_pull_schedule(*, delay: dt.timedelta = dt.timedelta(0)) -> bool:
    """Queue a feed pull ``delay`` from now unless one is already waiting; ``True`` when queued.

    Only a queue that keeps tasks for later (the database backend of ``loa worker``) holds a
    schedule; with any other backend, or with ``LOA_FEEDS_EVERY`` at 0, nothing is queued.
    """
    backend = pull_due_feeds.get_backend()
    if _every() <= dt.timedelta(0) or not backend.supports_defer:
        return False
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.filter(
        task_path=pull_due_feeds.module_path, status=TaskResultStatus.READY, backend_name=backend.alias
    )
    if waiting.exists():
        return False
    pull_due_feeds.using(run_after=timezone.now() + delay).enqueue()
    return True


@task()
def run_import_job(job_id: str) -> dict[str, Any]:
    """Check and import one uploaded Excel file (:func:`loa.activities.import_jobs.import_job_run`);
    a job already taken or gone does nothing, so a task run twice imports once."""
    from loa.activities.import_jobs import import_job_run

    job = import_job_run(job_id=job_id)
    if job is None:
        return {"ran": False}
    return {"ran": True, "status": job.status, "created": job.created_count}

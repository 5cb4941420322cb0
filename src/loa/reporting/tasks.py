"""The daily reminder run: ``loa worker`` writes the day's reminders, mails the digests and clears
old draft PDFs and finished Excel imports.

As for the feed pull (``loa.activities.tasks``), the schedule lives in the task queue: the worker
makes sure one run is waiting when it starts, and each run, done or failed, queues the next one for
``LOA_REMINDER_HOUR`` o'clock (local time) the next day. Both steps are idempotent (one notice per
person, kind, request, unit and day; one e-mail per person per day), so two runs on one day, from
two workers, mail nobody twice.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.tasks import TaskResultStatus, task
from django.utils import timezone

from loa.core.actors import SYSTEM_WORKER
from loa.reporting.digest import send_digests
from loa.reporting.notices import reminders_due

__all__ = ["next_run_at", "reminder_schedule", "run_draft_pdf", "send_reminders"]


def next_run_at(now: dt.datetime) -> dt.datetime:
    """The first ``LOA_REMINDER_HOUR`` o'clock (local time) strictly after ``now``."""
    local = timezone.localtime(now)
    hour = int(getattr(settings, "LOA_REMINDER_HOUR", 7))
    at = local.replace(hour=hour, minute=0, second=0, microsecond=0)
    if at <= local:
        at = timezone.make_aware(dt.datetime.combine(local.date() + dt.timedelta(days=1), dt.time(hour)))
    return at


@task()
def send_reminders() -> dict[str, Any]:
    """Write today's reminders, mail today's digests, queue tomorrow's run. Returns what was done."""
    from loa.activities.import_jobs import import_jobs_sweep
    from loa.reporting.draft_pdf import draft_pdf_sweep

    today = timezone.localdate()
    try:
        made = reminders_due(today, actor=SYSTEM_WORKER)
        mailed = send_digests(today, actor=SYSTEM_WORKER)
        # The day's housekeeping: old draft PDFs and finished Excel imports go, files included.
        swept = draft_pdf_sweep(actor=SYSTEM_WORKER) + import_jobs_sweep(actor=SYSTEM_WORKER)
    finally:
        reminder_schedule(at=next_run_at(timezone.now()))
    return {"notices": made, "emails": mailed.sent, "failed": mailed.failed, "swept": swept}


def reminder_schedule(*, at: dt.datetime | None = None) -> bool:
    """Queue a reminder run at ``at`` (default: the next ``LOA_REMINDER_HOUR``) unless one is waiting.

    Only a queue that keeps tasks for later (the database backend of ``loa worker``) holds a
    schedule; with any other backend nothing is queued. ``True`` when a run was queued.
    """
    backend = send_reminders.get_backend()
    if not backend.supports_defer:
        return False
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.filter(
        task_path=send_reminders.module_path, status=TaskResultStatus.READY, backend_name=backend.alias
    )
    if waiting.exists():
        return False
    if at is None:
        now = timezone.now()
        at = next_run_at(now)
        todays = at - dt.timedelta(days=1)
        ran_today = DBTaskResult.objects.filter(
            task_path=send_reminders.module_path, backend_name=backend.alias, finished_at__gte=todays
        ).exists()
        if todays <= now and not ran_today:
            at = now  # the worker started after today's hour and today's run has not happened
    send_reminders.using(run_after=at).enqueue()
    return True


@task()
def run_draft_pdf(job_id: str) -> dict[str, Any]:
    """Render one report draft's PDF (:func:`loa.reporting.draft_pdf.draft_pdf_run`); a job already
    taken or gone does nothing, so a task run twice renders once."""
    from loa.reporting.draft_pdf import draft_pdf_run

    job = draft_pdf_run(job_id=job_id)
    if job is None:
        return {"ran": False}
    return {"ran": True, "status": job.status}

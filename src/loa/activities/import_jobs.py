"""The Excel activities import as a background job (lượt nhập hoạt động từ Excel).

The officer uploads; :func:`import_job_create` keeps the file with an :class:`ImportJob` row and,
once that commits, queues :func:`loa.activities.tasks.run_import_job`. The worker checks the file
within its budget (:func:`loa.activities.importers.xlsx.activities_import`), writing how many rows
it has checked as it goes, then saves what may be saved, all or nothing, and stores the result
(problems per row, duplicates, counts) as JSON for the job's page. Nothing is lost on bad input:
the file stays until the rows are saved, so the officer may still ask for "only the valid rows"
(:func:`import_job_import_valid`, once) or retry a job that failed or was stopped
(:func:`import_job_retry`). The job is seen by its uploader and by those who may record for its
unit (:func:`import_job_get`).
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from loa.activities.importers.xlsx import ImportResult, activities_import
from loa.activities.models import ImportJob, ImportJobStatus
from loa.core.actors import user_of
from loa.core.audit import audit_record, snapshot
from loa.core.errors import Conflict, DomainError, NotFound
from loa.core.files import delete_on_commit, files_atomic
from loa.core.jobs import job_key, jobs_sweep
from loa.organizations.access import Action, can, require, units_for

__all__ = [
    "import_job_create",
    "import_job_get",
    "import_job_import_valid",
    "import_job_may_import_valid",
    "import_job_retry",
    "import_job_run",
    "import_job_stalled",
]

# How often the worker writes the rows checked so far (a write per report would slow the check).
_PROGRESS_SECONDS = 0.5
_MISSING = "Không tìm thấy lượt nhập này."
STOPPED_MESSAGE = (
    "Việc kiểm tra tệp bị dừng giữa chừng (máy chủ xử lý nền đã dừng hoặc khởi động lại). "
    "Chưa có hoạt động nào được lưu. Hãy bấm «Chạy lại»."
)
INTERNAL_MESSAGE = (
    "Không kiểm tra được tệp do lỗi của hệ thống. Chưa có hoạt động nào được lưu. "
    "Hãy bấm «Chạy lại»; nếu vẫn lỗi, hãy báo cho quản trị."
)


def _snapshot(job: ImportJob) -> dict[str, Any]:
    return snapshot(
        job, ["owner", "unit", "name", "keep_duplicates", "only_valid", "status", "created_count"]
    )


def _enqueue(job: ImportJob) -> None:
    from loa.activities.tasks import run_import_job

    job_id = str(job.pk)
    transaction.on_commit(lambda: run_import_job.enqueue(job_id))


@files_atomic
def import_job_create(
    *, actor: Any, unit: Any, data: bytes, name: str = "", keep_duplicates: bool = False
) -> ImportJob:
    """Keep an uploaded Excel file of ``unit``'s activities and queue its check and import."""
    require(actor, Action.RECORD, unit)
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1][:255]
    job = ImportJob(owner=user_of(actor), unit=unit, name=name, keep_duplicates=keep_duplicates)
    job.file.save(f"{job.pk.hex}.xlsx", ContentFile(data), save=False)
    job.save()
    audit_record(
        actor=actor, verb="activities.import_job.create", target=job, unit_id=unit.pk, after=_snapshot(job)
    )
    _enqueue(job)
    return job


def import_job_get(*, user: Any, job_id: str) -> ImportJob:
    """The job, if ``user`` uploaded it or may record activities for its unit; ``NotFound`` otherwise."""
    key = job_key(job_id, user=user, message=_MISSING, code="activities.import_job_not_found")
    recording = units_for(user, Action.RECORD)
    job = (
        ImportJob.objects.filter(Q(owner_id=user.pk) | Q(unit__in=recording), pk=key)
        .select_related("unit", "owner")
        .first()
    )
    if job is None:
        raise NotFound(_MISSING, code="activities.import_job_not_found")
    return job


def import_job_stalled(job: ImportJob) -> bool:
    """Whether a job said to be running has stopped reporting for longer than its budget allows
    (its worker was killed or restarted): it is shown as failed and may be run again."""
    if job.status != ImportJobStatus.RUNNING:
        return False
    budget = float(getattr(settings, "LOA_IMPORT_SECONDS", 120))
    return timezone.now() - job.updated_at > dt.timedelta(seconds=budget + 60)


def _result_json(result: ImportResult) -> dict[str, Any]:
    skipped = [] if result.kept_duplicates else result.duplicates
    bad_rows = len({p.row for p in result.problems if p.row > 1})
    valid = result.total - bad_rows
    return {
        "total": result.total,
        "created": result.created,
        "problems": [{"row": p.row, "column": p.column, "reason": p.reason} for p in result.problems],
        "duplicates": [
            {"row": d.row, "reason": d.reason, "activity_id": getattr(d.activity, "pk", None)}
            for d in result.duplicates
        ],
        "skipped_duplicates": len(skipped),
        "kept_duplicates": result.kept_duplicates,
        "header_broken": any(p.row == 1 for p in result.problems),
        "bad_rows": bad_rows,
        "valid": valid,
        "fresh": valid - len(skipped),
    }


def import_job_may_import_valid(job: ImportJob) -> bool:
    """Whether the second step, "only the valid rows", is offered: nothing saved yet, some rows with
    problems, some valid rows that are not duplicates, and the step not taken already."""
    r = job.result or {}
    return bool(
        job.status == ImportJobStatus.FINISHED
        and not job.only_valid
        and not r.get("created")
        and r.get("problems")
        and not r.get("header_broken")
        and r.get("fresh", 0) > 0
        and job.file
    )


def import_job_run(*, job_id: str) -> ImportJob | None:
    """Check and import a queued job as its uploader (the worker's task); ``None`` when the job is
    gone or not queued (already taken by another worker). A refusal of the file (not Excel, over its
    budget) is stored as the job's Vietnamese error, never raised."""
    claimed = ImportJob.objects.filter(pk=job_id, status=ImportJobStatus.QUEUED).update(
        status=ImportJobStatus.RUNNING, rows_checked=0, rows_total=0, error="", updated_at=timezone.now()
    )
    if not claimed:
        return None
    job = ImportJob.objects.select_related("unit", "owner").get(pk=job_id)
    ImportJob.objects.filter(pk=job.pk).update(attempts=job.attempts + 1)
    last = [0.0]

    def progress(done: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] >= _PROGRESS_SECONDS or done >= total:
            last[0] = now
            ImportJob.objects.filter(pk=job.pk).update(
                rows_checked=done, rows_total=total, updated_at=timezone.now()
            )

    try:
        with job.file.open("rb") as handle:
            data = handle.read()
        result = activities_import(
            actor=job.owner,
            unit=job.unit,
            data=data,
            only_valid=job.only_valid,
            keep_duplicates=job.keep_duplicates,
            progress=progress,
        )
    except DomainError as exc:
        return _finish(job, status=ImportJobStatus.FAILED, error=exc.message)
    except Exception:  # a broken file or a bug: a message on the job's page, never a lost upload
        return _finish(job, status=ImportJobStatus.FAILED, error=INTERNAL_MESSAGE)
    return _finish(job, status=ImportJobStatus.FINISHED, result=_result_json(result))


def _finish(
    job: ImportJob, *, status: str, result: dict[str, Any] | None = None, error: str = ""
) -> ImportJob:
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job.pk)
        job.status, job.error, job.finished_at = status, error, timezone.now()
        if result is not None:
            job.result = result
            job.created_count = result["created"]
            job.rows_checked = job.rows_total = result["total"]
        if status == ImportJobStatus.FINISHED and job.file and not import_job_may_import_valid(job):
            # Nothing more can be done with the file: it goes once this commits.
            delete_on_commit([(job.file.storage, job.file.name)])
            job.file = None
        job.save()
    return job


def _requeue(
    *, actor: Any, job: ImportJob, verb: str, allowed: Any, message: str, **changes: Any
) -> ImportJob:
    with transaction.atomic():
        locked = ImportJob.objects.select_for_update().select_related("unit").get(pk=job.pk)
        if not (
            locked.owner_id == getattr(user_of(actor), "pk", None) or can(actor, Action.RECORD, locked.unit)
        ):
            raise NotFound(_MISSING, code="activities.import_job_not_found")
        if not allowed(locked) or not locked.file:
            raise Conflict(message, code="activities.import_job_state")
        require(actor, Action.RECORD, locked.unit)
        before = _snapshot(locked)
        for name, value in changes.items():
            setattr(locked, name, value)
        locked.status, locked.error, locked.rows_checked = ImportJobStatus.QUEUED, "", 0
        locked.save()
        audit_record(
            actor=actor,
            verb=verb,
            target=locked,
            unit_id=locked.unit_id,
            before=before,
            after=_snapshot(locked),
        )
        _enqueue(locked)
    return locked


def import_job_import_valid(*, actor: Any, job: ImportJob) -> ImportJob:
    """The second step: save only the valid rows of a checked file (once; duplicates still skipped
    unless the upload asked to keep them)."""
    return _requeue(
        actor=actor,
        job=job,
        verb="activities.import_job.only_valid",
        allowed=import_job_may_import_valid,
        message="Các dòng hợp lệ của tệp này đã được nhập hoặc không còn để nhập.",
        only_valid=True,
    )


def import_job_retry(*, actor: Any, job: ImportJob) -> ImportJob:
    """Run again a job that failed or was stopped midway (nothing of it was saved)."""
    return _requeue(
        actor=actor,
        job=job,
        verb="activities.import_job.retry",
        allowed=lambda j: j.status == ImportJobStatus.FAILED or import_job_stalled(j),
        message="Lượt nhập này không cần chạy lại.",
    )


# Finished or failed imports are kept this long (their page, their problems list), then removed.
IMPORT_JOB_KEEP = dt.timedelta(days=30)


@transaction.atomic
def import_jobs_sweep(*, actor: Any, older_than: dt.timedelta = IMPORT_JOB_KEEP) -> int:
    """Remove import jobs finished or failed more than ``older_than`` ago, with their kept files
    (the daily run of ``loa worker``); one audit row per unit. Only the system may. The number removed."""
    old = ImportJob.objects.select_for_update().filter(
        status__in=[ImportJobStatus.FINISHED, ImportJobStatus.FAILED],
        created_at__lt=timezone.now() - older_than,
    )
    return jobs_sweep(
        actor=actor,
        verb="imports.sweep",
        jobs=list(old),
        refusal="Chỉ hệ thống mới dọn các lượt nhập cũ.",
        code="imports.sweep_forbidden",
    )

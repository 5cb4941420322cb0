"""The PDF of a report being prepared, made by the worker (bản PDF của dự thảo báo cáo; ADR 0031).

"Tải PDF" on the report's page calls :func:`draft_pdf_request`: when the person's last PDF of the
unit's report for the period is ready and its fingerprint matches the draft as it reads now, it is
served at once; while one is being made it is shown again; otherwise a new :class:`DraftPdf`
replaces the person's older ones (files included) and, once that commits,
:func:`loa.reporting.tasks.run_draft_pdf` renders the draft as that person
(:func:`draft_pdf_run`). A failure keeps its Vietnamese reason; :func:`draft_pdf_retry` asks again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from loa.core import office
from loa.core.actors import user_of
from loa.core.audit import audit_record, snapshot
from loa.core.errors import Conflict, DomainError, NotFound
from loa.core.files import files_atomic
from loa.core.jobs import job_key, jobs_sweep
from loa.core.periods import Period, parse_period
from loa.organizations.access import Action, require
from loa.organizations.models import Unit
from loa.reporting.drafting import ReportDraft
from loa.reporting.models import DraftPdf, DraftPdfStatus
from loa.reporting.producing import report_draft, report_in_preparation, report_render

__all__ = [
    "draft_pdf_fingerprint",
    "draft_pdf_get",
    "draft_pdf_request",
    "draft_pdf_retry",
    "draft_pdf_run",
    "draft_pdf_stalled",
]

_MISSING = "Không tìm thấy bản PDF này."
STOPPED_MESSAGE = (
    "Việc tạo bản PDF bị dừng giữa chừng (máy chủ xử lý nền đã dừng hoặc khởi động lại). Hãy bấm «Thử lại»."
)
INTERNAL_MESSAGE = (
    "Không tạo được bản PDF do lỗi của hệ thống. Hãy bấm «Thử lại»; nếu vẫn lỗi, hãy báo cho quản trị."
)
_WORKING = (DraftPdfStatus.QUEUED, DraftPdfStatus.RUNNING)


def _snapshot(job: DraftPdf) -> dict[str, Any]:
    return snapshot(job, ["owner", "unit", "period", "window", "fingerprint", "status"])


def draft_pdf_fingerprint(*, draft: ReportDraft, window: str | None) -> str:
    """A digest of the drafted document as it would print, and the counting window: two drafts with
    the same fingerprint give the same PDF."""
    text = f"{window or ''}\n{draft.document!r}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def draft_pdf_stalled(job: DraftPdf) -> bool:
    """Whether a job said to be running has not finished within LibreOffice's timeout plus a minute
    (its worker was killed or restarted): shown as failed, and may be tried again."""
    if job.status != DraftPdfStatus.RUNNING:
        return False
    return timezone.now() - job.updated_at > dt.timedelta(seconds=office.DEFAULT_TIMEOUT + 60)


def _enqueue(job: DraftPdf) -> None:
    from loa.reporting.tasks import run_draft_pdf

    job_id = str(job.pk)
    transaction.on_commit(lambda: run_draft_pdf.enqueue(job_id))


@files_atomic
def draft_pdf_request(
    *, actor: Any, unit: Unit, period: Period, draft: ReportDraft, window: str | None = None
) -> DraftPdf:
    """The actor's PDF of ``draft`` (the unit's report for ``period`` as the actor sees it now): the
    ready or pending one with the same fingerprint, else a new one queued for the worker."""
    require(actor, Action.VIEW, unit)
    owner = user_of(actor)
    fingerprint = draft_pdf_fingerprint(draft=draft, window=window)
    mine = DraftPdf.objects.filter(owner=owner, unit=unit, period=str(period))
    for job in mine.filter(fingerprint=fingerprint):
        if (job.status == DraftPdfStatus.FINISHED and job.file) or (
            job.status in _WORKING and not draft_pdf_stalled(job)
        ):
            return job
    # Older PDFs of the same report go, with their files once this commits (ADR 0021's receiver).
    for old in mine:
        old.delete()
    job = DraftPdf.objects.create(
        owner=owner, unit=unit, period=str(period), window=window or "", fingerprint=fingerprint
    )
    audit_record(
        actor=actor, verb="reporting.draft_pdf.create", target=job, unit_id=unit.pk, after=_snapshot(job)
    )
    _enqueue(job)
    return job


def draft_pdf_get(*, user: Any, job_id: str) -> DraftPdf:
    """The PDF job, if ``user`` asked for it; ``NotFound`` otherwise (nobody else sees it)."""
    key = job_key(job_id, user=user, message=_MISSING, code="reporting.draft_pdf_not_found")
    job = DraftPdf.objects.filter(pk=key, owner_id=user.pk).select_related("unit").first()
    if job is None:
        raise NotFound(_MISSING, code="reporting.draft_pdf_not_found")
    return job


def draft_pdf_run(*, job_id: str) -> DraftPdf | None:
    """Render a queued job's draft as the person who asked (the worker's task); ``None`` when the job
    is gone or already taken. A failure is kept as the job's Vietnamese reason, never raised."""
    claimed = DraftPdf.objects.filter(pk=job_id, status=DraftPdfStatus.QUEUED).update(
        status=DraftPdfStatus.RUNNING, error="", updated_at=timezone.now()
    )
    if not claimed:
        return None
    job = DraftPdf.objects.select_related("unit", "owner").get(pk=job_id)
    period = parse_period(job.period)
    try:
        # The draft as the person sees it now, counted as the report in preparation counts it.
        report = report_in_preparation(unit=job.unit, period=period)
        window = (report.window or None) if report is not None else None
        draft = report_draft(user=job.owner, unit=job.unit, period=period, report=report)
        data = report_render(
            user=job.owner, unit=job.unit, period=period, draft=draft, fmt="pdf", window=window
        )
    except DomainError as exc:
        return _finish(job, status=DraftPdfStatus.FAILED, error=exc.message)
    except Exception:  # a bug: a message on the page, not a task lost in the log
        return _finish(job, status=DraftPdfStatus.FAILED, error=INTERNAL_MESSAGE)
    return _finish(
        job,
        status=DraftPdfStatus.FINISHED,
        data=data,
        fingerprint=draft_pdf_fingerprint(draft=draft, window=window),
    )


@files_atomic
def _finish(
    job: DraftPdf, *, status: str, error: str = "", data: bytes | None = None, fingerprint: str = ""
) -> DraftPdf | None:
    locked = DraftPdf.objects.select_for_update().filter(pk=job.pk).first()
    if locked is None:  # replaced by a newer request meanwhile
        return None
    locked.status, locked.error, locked.finished_at = status, error, timezone.now()
    if data is not None:
        locked.file.save(f"{locked.pk.hex}.pdf", ContentFile(data), save=False)
        locked.fingerprint = fingerprint or locked.fingerprint
    locked.save()
    return locked


def draft_pdf_retry(*, actor: Any, job: DraftPdf) -> DraftPdf:
    """Ask the worker again for a PDF whose making failed or was stopped midway."""
    with transaction.atomic():
        locked = DraftPdf.objects.select_for_update().select_related("unit").filter(pk=job.pk).first()
        if locked is None or locked.owner_id != getattr(user_of(actor), "pk", None):
            raise NotFound(_MISSING, code="reporting.draft_pdf_not_found")
        if not (locked.status == DraftPdfStatus.FAILED or draft_pdf_stalled(locked)):
            raise Conflict("Bản PDF này không cần tạo lại.", code="reporting.draft_pdf_state")
        require(actor, Action.VIEW, locked.unit)
        before = _snapshot(locked)
        locked.status, locked.error = DraftPdfStatus.QUEUED, ""
        locked.save()
        audit_record(
            actor=actor,
            verb="reporting.draft_pdf.retry",
            target=locked,
            unit_id=locked.unit_id,
            before=before,
            after=_snapshot(locked),
        )
        _enqueue(locked)
    return locked


# A draft's PDF is a passing thing (the draft moves on): kept this long, then removed.
DRAFT_PDF_KEEP = dt.timedelta(days=2)


@files_atomic
def draft_pdf_sweep(*, actor: Any, older_than: dt.timedelta = DRAFT_PDF_KEEP) -> int:
    """Remove draft PDFs made more than ``older_than`` ago and not being made, with their files (the
    daily run of ``loa worker``); one audit row per unit. Only the system may. The number removed."""
    old = DraftPdf.objects.exclude(status__in=_WORKING).filter(created_at__lt=timezone.now() - older_than)
    return jobs_sweep(
        actor=actor,
        verb="reporting.draft_pdf.sweep",
        jobs=list(old),
        refusal="Chỉ hệ thống mới dọn các bản PDF cũ.",
        code="reporting.draft_pdf_sweep_forbidden",
    )

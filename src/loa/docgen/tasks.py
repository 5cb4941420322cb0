"""PDF of an issued document, made in the background from its stored DOCX — never in a request.

Issuing registers :func:`document_pdf_later`: once the transaction that numbered the document
commits, the worker (``loa worker``) renders the PDF with LibreOffice and keeps it beside the DOCX,
audited as :data:`~loa.core.actors.SYSTEM_WORKER`. A download that comes before the worker asks
:func:`document_pdf_state`, which queues the rendering unless it is already waiting, and shows a
waiting page (ADR 0031). When LibreOffice fails the worker keeps the Vietnamese reason on the
document (``pdf_error``); :func:`document_pdf_retry` asks for it again.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.tasks import task
from django.utils import timezone

from loa.core import office
from loa.core.actors import SYSTEM_WORKER
from loa.core.audit import audit_record, snapshot
from loa.core.errors import Conflict, DomainError
from loa.documents.models import Document
from loa.documents.services import document_attach_pdf, document_pdf_failed

__all__ = [
    "PdfState",
    "document_pdf_later",
    "document_pdf_make",
    "document_pdf_retry",
    "document_pdf_state",
    "render_document_pdf",
]

INTERNAL_MESSAGE = (
    "Không tạo được bản PDF do lỗi của hệ thống. Hãy bấm «Thử lại»; nếu vẫn lỗi, hãy báo cho quản trị."
)


class PdfState(StrEnum):
    """Where an issued document's PDF stands, as its download shows it."""

    READY = "ready"  # kept: streamed
    WAITING = "waiting"  # the worker has been asked
    FAILED = "failed"  # the last try failed: pdf_error says why
    NONE = "none"  # no DOCX to make it from


def _stale() -> dt.datetime:
    """A request older than LibreOffice's timeout plus a minute was lost (worker killed or its task
    dropped): it may be made again."""
    return timezone.now() - dt.timedelta(seconds=office.DEFAULT_TIMEOUT + 60)


def document_pdf_make(*, actor: Any, document: Document) -> Document:
    """Render the document's DOCX to PDF now and keep it; raises ``DomainError`` when LibreOffice
    cannot (the DOCX stays downloadable). Only the worker and the command line call it."""
    from loa.docgen.render_pdf import docx_to_pdf

    with document.file.open("rb") as handle:
        data = docx_to_pdf(handle.read())
    assert isinstance(data, bytes)
    return document_attach_pdf(actor=actor, document=document, data=data)


@task()
def render_document_pdf(document_id: int) -> bool:
    """Make the PDF of an issued document unless it is already kept; ``True`` when made now. A
    failure is kept on the document as its Vietnamese reason, never raised."""
    document = Document.objects.filter(pk=document_id).first()
    if document is None or document.pdf or not document.pdf_available:
        return False
    try:
        document_pdf_make(actor=SYSTEM_WORKER, document=document)
    except DomainError as exc:
        document_pdf_failed(actor=SYSTEM_WORKER, document=document, reason=exc.message)
        return False
    except Exception:  # a bug or a broken file: a message on the page, not a task lost in the log
        document_pdf_failed(actor=SYSTEM_WORKER, document=document, reason=INTERNAL_MESSAGE)
        return False
    return True


def _enqueue(document_id: int) -> None:
    transaction.on_commit(lambda: render_document_pdf.enqueue(document_id))


def document_pdf_later(document: Document) -> None:
    """Ask the worker for the document's PDF once the current transaction commits."""
    Document.objects.filter(pk=document.pk).update(pdf_queued_at=timezone.now(), pdf_error="")
    _enqueue(document.pk)


def document_pdf_state(*, document: Document) -> PdfState:
    """Where the document's PDF stands; when it is neither kept, failed nor asked for (or its request
    was lost), the worker is asked for it now — once: a request still waiting is not queued twice."""
    if document.pdf:
        return PdfState.READY
    if not document.pdf_available:
        return PdfState.NONE
    if document.pdf_error:
        return PdfState.FAILED
    with transaction.atomic():
        claimed = (
            Document.objects.filter(pk=document.pk, pdf="", pdf_error="")
            .filter(Q(pdf_queued_at__isnull=True) | Q(pdf_queued_at__lt=_stale()))
            .update(pdf_queued_at=timezone.now())
        )
        if claimed:
            _enqueue(document.pk)
    return PdfState.WAITING


def document_pdf_retry(*, actor: Any, document: Document) -> Document:
    """Ask the worker again for a PDF whose last try failed (anyone who may see the document may)."""
    with transaction.atomic():
        locked = Document.objects.select_for_update().get(pk=document.pk)
        if locked.pdf or not locked.pdf_error or not locked.pdf_available:
            raise Conflict("Bản PDF này không cần tạo lại.", code="docgen.pdf_retry_state")
        before = snapshot(locked, ["pdf_error"])
        locked.pdf_error, locked.pdf_queued_at = "", timezone.now()
        locked.save(update_fields=["pdf_error", "pdf_queued_at", "updated_at"])
        audit_record(
            actor=actor,
            verb="document.pdf_retry",
            target=locked,
            unit_id=locked.issuer_unit_id,
            before=before,
            after=snapshot(locked, ["pdf_error"]),
        )
        _enqueue(locked.pk)
    return locked

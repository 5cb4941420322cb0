"""PDF of an issued document, made in the background from its stored DOCX.

Issuing registers :func:`document_pdf_later`: once the transaction that numbered the document
commits, the worker (``loa worker``) renders the PDF with LibreOffice and keeps it beside the DOCX,
audited as :data:`~loa.core.actors.SYSTEM_WORKER`. A download that comes before the worker calls
:func:`document_pdf_make`, which renders it there and then, so a clerk always gets the PDF.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.tasks import task

from loa.core.actors import SYSTEM_WORKER
from loa.documents.models import Document
from loa.documents.services import document_attach_pdf

__all__ = ["document_pdf_later", "document_pdf_make", "render_document_pdf"]


def document_pdf_make(*, actor: Any, document: Document) -> Document:
    """Render the document's DOCX to PDF now and keep it; raises ``DomainError`` when LibreOffice
    cannot (the DOCX stays downloadable)."""
    from loa.docgen.render_pdf import docx_to_pdf

    with document.file.open("rb") as handle:
        data = docx_to_pdf(handle.read())
    assert isinstance(data, bytes)
    return document_attach_pdf(actor=actor, document=document, data=data)


@task()
def render_document_pdf(document_id: int) -> bool:
    """Make the PDF of an issued document unless it is already kept; ``True`` when made now."""
    document = Document.objects.filter(pk=document_id).first()
    if document is None or document.pdf or not document.pdf_available:
        return False
    document_pdf_make(actor=SYSTEM_WORKER, document=document)
    return True


def document_pdf_later(document: Document) -> None:
    """Ask the worker for the document's PDF once the current transaction commits."""
    document_id = document.pk
    transaction.on_commit(lambda: render_document_pdf.enqueue(document_id))

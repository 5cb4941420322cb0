"""Stored files through an authorised view: issued documents, register attachments, evidence.

Uploaded and issued files are never served from a public /media URL: each download checks that
the user may see the record, then streams the file under a name a person recognises (no storage
suffix such as ``_pBFKb9N``).
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from django.contrib import messages
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
from django.shortcuts import redirect

from loa.activities.selectors import activity_get
from loa.core import vn
from loa.core.errors import DomainError
from loa.docgen.tasks import document_pdf_make
from loa.documents.selectors import document_get
from loa.web.access import object_access


def _extension(stored: FieldFile) -> str:
    return PurePosixPath(stored.name or "").suffix.lower().lstrip(".") or "bin"


def stream(stored: FieldFile, filename: str) -> FileResponse:
    """The stored file as an attachment named ``filename``; 404 when the file is missing."""
    if not stored:
        raise Http404("Không có tệp.")
    try:
        handle = stored.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404("Không tìm thấy tệp trong kho lưu trữ.") from None
    return FileResponse(handle, as_attachment=True, filename=filename)


@object_access("document")
def document_file(request, pk: int):
    """The document's file (the issued, numbered DOCX for a report Loa issued)."""
    try:
        document = document_get(user=request.user, pk=pk)
    except DomainError:
        raise Http404 from None
    return stream(document.file, document.download_name(_extension(document.file)))


@object_access("document")
def document_pdf(request, pk: int):
    """The PDF kept beside an issued document; made from its DOCX now when the worker has not yet.

    A clerk who downloads right after issuing gets the PDF, not a "try again"; when LibreOffice
    cannot make it, the document's page says why and the DOCX stays downloadable.
    """
    try:
        document = document_get(user=request.user, pk=pk)
    except DomainError:
        raise Http404 from None
    if not document.pdf and document.pdf_available:
        try:
            document = document_pdf_make(actor=request.user, document=document)
        except DomainError as exc:
            messages.warning(request, f"{exc.message} Tệp văn bản (Word) vẫn tải được.")
            return redirect("web:document_detail", pk=document.pk)
    return stream(document.pdf, document.download_name("pdf"))


@object_access("activity")
def activity_evidence(request, pk: int):
    """The evidence file of an activity (photo, PDF…)."""
    try:
        activity = activity_get(user=request.user, pk=pk)
    except DomainError:
        raise Http404 from None
    words = re.sub(r"[^a-z0-9]+", "-", vn.fold(activity.title)).strip("-")[:60].rstrip("-")
    name = f"minh-chung-{activity.date:%Y-%m-%d}-{words or 'hoat-dong'}.{_extension(activity.evidence_file)}"
    return stream(activity.evidence_file, name)

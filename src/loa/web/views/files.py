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
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from loa.activities.selectors import activity_get
from loa.core import vn
from loa.core.errors import DomainError
from loa.docgen.tasks import PdfState, document_pdf_retry, document_pdf_state
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


def pdf_progress(request, context: dict, *, waiting: bool) -> HttpResponse:
    """The waiting page, or for htmx's poll its progress fragment: while the worker makes the PDF the
    fragment asks again every second; once the PDF is there it offers it (and stops asking); a
    failure reloads the page, which then shows the reason, the DOCX and "Thử lại"."""
    if request.GET.get("phan") == "tien-do" and request.headers.get("HX-Request"):
        if not waiting and context.get("failed"):
            response = HttpResponse("")
            response["HX-Refresh"] = "true"
            return response
        return render(request, "loa/work/_pdf_progress.html", {**context, "waiting": waiting})
    return render(request, "loa/work/pdf_job.html", {**context, "waiting": waiting})


@object_access("document")
def document_pdf(request, pk: int):
    """The PDF kept beside an issued document; until the worker has made it, a page that waits for
    it (LibreOffice never runs in the request, ADR 0031). When the worker could not make it the
    page says why, offers the DOCX and, by POST, "Thử lại"."""
    try:
        document = document_get(user=request.user, pk=pk)
    except DomainError:
        raise Http404 from None
    if request.method == "POST":
        try:
            document_pdf_retry(actor=request.user, document=document)
        except DomainError as exc:
            messages.warning(request, exc.message)
        return redirect("web:document_pdf", pk=document.pk)
    state = document_pdf_state(document=document)
    if state == PdfState.NONE:
        raise Http404("Văn bản này không có bản PDF.")
    polling = request.GET.get("phan") == "tien-do"
    if state == PdfState.READY and not polling:
        return stream(document.pdf, document.download_name("pdf"))
    url = reverse("web:document_pdf", args=[document.pk])
    context = {
        "title": f"Bản PDF của {document}",
        "what": f"{document} — {document.subject}",
        "poll_url": url,
        "file_url": url,
        "docx_url": reverse("web:document_file", args=[document.pk]) if document.file else "",
        "back_url": reverse("web:document_detail", args=[document.pk]),
        "failed": state == PdfState.FAILED,
        "error": document.pdf_error,
        "may_retry": state == PdfState.FAILED,
        "queued": True,
    }
    return pdf_progress(request, context, waiting=state == PdfState.WAITING)


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

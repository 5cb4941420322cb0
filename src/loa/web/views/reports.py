"""Reports in the browser: preview the drafted report, reword its paragraphs, submit, approve or
return, issue, replace; downloads give the stored issued file once the report is issued."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from loa.core.errors import DomainError
from loa.core.periods import Period, parse_period
from loa.core.vn import parse_vn_date
from loa.organizations.access import Action, can
from loa.reporting.dates import default_report_date
from loa.reporting.draft_pdf import (
    STOPPED_MESSAGE,
    draft_pdf_get,
    draft_pdf_request,
    draft_pdf_retry,
    draft_pdf_stalled,
)
from loa.reporting.drafting import ReportDraft
from loa.reporting.models import DraftPdfStatus, Report, ReportStatus
from loa.reporting.producing import (
    report_draft,
    report_in_preparation,
    report_issue_drafted,
    report_render,
)
from loa.reporting.services import (
    report_approve,
    report_edit,
    report_open,
    report_replace,
    report_return,
    report_submit,
)
from loa.web.access import unit_access
from loa.web.forms import ReturnForm
from loa.web.views.common import unit_for_view
from loa.web.views.files import pdf_progress, stream

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _period(request) -> Period:
    try:
        return parse_period(request.GET.get("ky") or request.POST.get("ky") or str(dt.date.today().year))
    except DomainError as exc:
        raise Http404(exc.message) from None


def _issued(unit, period: Period) -> Report | None:
    """The unit's report in force for the period (issued and not replaced)."""
    return (
        Report.objects.filter(unit=unit, period=str(period), status=ReportStatus.ISSUED)
        .select_related("document")
        .first()
    )


def _draft_for(user, unit, period: Period) -> tuple[Report | None, ReportDraft]:
    """The report being prepared (draft, submitted, returned or approved) and its drafted text."""
    report = report_in_preparation(unit=unit, period=period)
    return report, report_draft(user=user, unit=unit, period=period, report=report)


def _filename(unit, period: Period, ext: str, number: str | None = None, annex: str = "") -> str:
    stem = f"bao-cao-tuyen-truyen-cchc-{unit.code}-{period}"
    if annex.startswith("bieu-"):
        stem = f"{stem}-{annex}"
    return f"{stem}-so-{number}.{ext}" if number else f"{stem}.{ext}"


@unit_access()
def report_workspace(request, code: str):
    """The unit's report for a period: the paper as it will print, beside the paragraphs to reword."""
    unit = unit_for_view(request, code)
    period = _period(request)
    may_edit = can(request.user, Action.RECORD, unit)
    if request.method == "POST":
        if not may_edit:
            raise Http404
        report_date = parse_vn_date(request.POST.get("report_date", "")) or default_report_date(
            unit=unit, period=period
        )
        _, current = _draft_for(request.user, unit, period)
        drafted = {part.key: part.drafted for part in current.parts}
        # Keep only real rewording: an unchanged paragraph follows the live data on the next visit.
        narrative = {
            key: text
            for key, text in (
                (k[len("doan_") :], v) for k, v in request.POST.items() if k.startswith("doan_")
            )
            if key in drafted and " ".join(text.split()) != " ".join(drafted[key].split())
        }
        try:
            report = report_open(actor=request.user, unit=unit, period=str(period), report_date=report_date)
            report_edit(actor=request.user, report=report, narrative=narrative, report_date=report_date)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "Đã lưu nội dung báo cáo.")
        return redirect(reverse("web:report_workspace", args=[unit.code]) + f"?ky={period}")
    report, draft = _draft_for(request.user, unit, period)
    issued = _issued(unit, period)
    doc = draft.document
    if report is None and issued is not None:
        # Nothing in preparation: show the issued report as it was numbered (read-only).
        _, shown = _shown_issued(request.user, unit, period, issued)
        doc = shown.document
    status = report.status if report else None
    return render(
        request,
        "loa/reports/workspace.html",
        {
            "unit": unit,
            "period": period,
            "report": report,
            "draft": draft,
            "doc": doc,
            "issued": issued,
            # A consolidated report counts the frozen figures of the accepted submissions, not live data.
            "consolidates": report.consolidates.first() if report is not None else None,
            "replaced": Report.objects.filter(unit=unit, period=str(period), status=ReportStatus.REPLACED)
            .select_related("document")
            .order_by("-document__issued_date"),
            "may_edit": may_edit
            and ((report is None and issued is None) or (report is not None and report.is_editable)),
            "may_submit": may_edit and report is not None and report.is_editable,
            "may_review": status in (ReportStatus.SUBMITTED, ReportStatus.APPROVED)
            and can(request.user, Action.APPROVE, unit),
            "may_approve": status == ReportStatus.SUBMITTED and can(request.user, Action.APPROVE, unit),
            "may_issue": status == ReportStatus.APPROVED and can(request.user, Action.ISSUE, unit),
            "is_issuer": can(request.user, Action.ISSUE, unit),
            "may_replace": may_edit and report is None and issued is not None,
            "return_form": ReturnForm(),
            "report_date": draft.document.date,
        },
    )


def _shown_issued(user, unit, period: Period, issued: Report) -> tuple[Report, ReportDraft]:
    """The issued report's text rebuilt for the screen, with its number; the stored file is the record."""
    draft = report_draft(user=user, unit=unit, period=period, report=issued)
    number = issued.document.number if issued.document else None
    return issued, dataclasses.replace(draft, document=dataclasses.replace(draft.document, number=number))


def _back(unit, period: Period):
    return redirect(reverse("web:report_workspace", args=[unit.code]) + f"?ky={period}")


@unit_access()
def report_download(request, code: str, fmt: str):
    """The current draft as DOCX, PDF, the Biểu 01 annex (``xlsx``) or Biểu 02 (``bieu-02``, XLSX)."""
    unit = unit_for_view(request, code)
    period = _period(request)
    report, draft = _draft_for(request.user, unit, period)
    issued = _issued(unit, period) if report is None else None
    if issued is not None and issued.document is not None and fmt in ("docx", "pdf"):
        return _issued_file(request, unit, period, issued, fmt)
    # URL format → (what report_render makes, content type, file extension)
    formats = {
        "docx": ("docx", DOCX, "docx"),
        "pdf": ("pdf", "application/pdf", "pdf"),
        "xlsx": ("xlsx", XLSX, "xlsx"),
        "bieu-02": ("xlsx-02", XLSX, "xlsx"),
    }
    if fmt not in formats:
        raise Http404
    render_fmt, mime, ext = formats[fmt]
    if fmt == "pdf":
        return _draft_pdf(request, unit, period, draft, report.window if report else None)
    try:
        data = report_render(
            user=request.user,
            unit=unit,
            period=period,
            draft=draft,
            fmt=render_fmt,
            window=report.window if report else None,
        )
    except DomainError as exc:
        messages.error(request, f"{exc.message} Bạn vẫn có thể tải bản Word (DOCX).")
        return _back(unit, period)
    response = HttpResponse(data, content_type=mime)
    response["Content-Disposition"] = f'attachment; filename="{_filename(unit, period, ext, annex=fmt)}"'
    return response


def _issued_file(request, unit, period: Period, issued: Report, fmt: str):
    """The stored issued DOCX, or its PDF: streamed when kept, else the page that waits for the worker."""
    document = issued.document
    assert document is not None
    if fmt == "docx" and document.file:
        return stream(document.file, document.download_name("docx"))
    if fmt == "pdf" and document.pdf:
        return stream(document.pdf, document.download_name("pdf"))
    if fmt == "pdf" and document.pdf_available:
        return redirect("web:document_pdf", pk=document.pk)
    messages.error(request, "Báo cáo đã ban hành nhưng không có tệp lưu kèm (ban hành từ phiên bản cũ).")
    return _back(unit, period)


def _draft_pdf(request, unit, period: Period, draft: ReportDraft, window: str | None):
    """The draft's PDF: the one made for this very content at once, else its waiting page."""
    try:
        job = draft_pdf_request(actor=request.user, unit=unit, period=period, draft=draft, window=window)
    except DomainError as exc:
        messages.error(request, f"{exc.message} Bạn vẫn có thể tải bản Word (DOCX).")
        return _back(unit, period)
    if job.status == DraftPdfStatus.FINISHED and job.file:
        return stream(job.file, _filename(unit, period, "pdf"))
    return redirect("web:report_pdf_job", code=unit.code, job=job.code)


@unit_access()
def report_pdf_job(request, code: str, job: str):
    """The PDF of a report draft the user asked for: waiting while the worker makes it, then offered
    (``?tai=1`` streams it); a failure shows why, the DOCX and "Thử lại" (POST). Nobody else sees it."""
    unit = unit_for_view(request, code)
    try:
        pdf = draft_pdf_get(user=request.user, job_id=job)
    except DomainError:
        raise Http404("Không tìm thấy bản PDF này.") from None
    if pdf.unit_id != unit.pk:
        raise Http404("Không tìm thấy bản PDF này.")
    period = parse_period(pdf.period)
    if request.method == "POST":
        try:
            pdf = draft_pdf_retry(actor=request.user, job=pdf)
        except DomainError as exc:
            messages.warning(request, exc.message)
        return redirect("web:report_pdf_job", code=unit.code, job=pdf.code)
    stalled = draft_pdf_stalled(pdf)
    ready = pdf.status == DraftPdfStatus.FINISHED and bool(pdf.file)
    if ready and request.GET.get("tai"):
        return stream(pdf.file, _filename(unit, period, "pdf"))
    failed = (
        stalled
        or (pdf.status == DraftPdfStatus.FAILED)
        or (pdf.status == DraftPdfStatus.FINISHED and not ready)
    )
    url = reverse("web:report_pdf_job", args=[unit.code, pdf.code])
    context = {
        "title": "Bản PDF của dự thảo báo cáo",
        "what": f"Báo cáo {period.label_vi} của {unit.name}, theo số liệu lúc {timezone.localtime(pdf.created_at):%H:%M %d/%m/%Y}.",
        "poll_url": url,
        "file_url": f"{url}?tai=1",
        "docx_url": reverse("web:report_download", args=[unit.code, "docx"]) + f"?ky={period}",
        "back_url": reverse("web:report_workspace", args=[unit.code]) + f"?ky={period}",
        "failed": failed,
        "error": STOPPED_MESSAGE if stalled else pdf.error,
        "may_retry": failed,
        "running": pdf.status == DraftPdfStatus.RUNNING,
    }
    return pdf_progress(request, context, waiting=not ready and not failed)


@unit_access(Action.ISSUE)
@require_POST
def report_issue_view(request, code: str):
    """Clerk (or the leader of a unit without a clerk): number the approved report from the outgoing
    register, store the numbered DOCX, record the documents it cites; the worker makes its PDF after commit."""
    unit = unit_for_view(request, code)
    period = _period(request)
    report = report_in_preparation(unit=unit, period=period)
    if not can(request.user, Action.ISSUE, unit):
        raise Http404
    if report is None:
        issued = _issued(unit, period)
        messages.error(
            request,
            f"Báo cáo kỳ này đã ban hành số {issued.document.symbol}; không cấp số lần nữa."
            if issued is not None and issued.document is not None
            else "Chưa có báo cáo nào được duyệt để cấp số.",
        )
        return _back(unit, period)
    try:
        report = report_issue_drafted(actor=request.user, report=report)
    except DomainError as exc:
        hint = {
            "documents.date_order": " Lãnh đạo trả lại báo cáo để cán bộ sửa ngày báo cáo, rồi trình duyệt lại.",
            "documents.future_date": " Lãnh đạo trả lại báo cáo để cán bộ sửa ngày báo cáo.",
        }.get(exc.code, "")
        messages.error(request, exc.message + hint)
        return _back(unit, period)
    document = report.document
    assert document is not None
    messages.success(
        request, f"Đã cấp số {document.symbol} và vào sổ văn bản đi. Bản PDF được tạo sau ít giây."
    )
    return _back(unit, period)


def _step(request, code: str, action: Action, do) -> Any:
    """One workflow step on the report in preparation: permission, service, message, back."""
    unit = unit_for_view(request, code)
    period = _period(request)
    report = report_in_preparation(unit=unit, period=period)
    if report is None or not can(request.user, action, unit):
        raise Http404
    try:
        message = do(report)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, message)
    return _back(unit, period)


@unit_access(Action.RECORD)
@require_POST
def report_submit_view(request, code: str):
    """Officer: send the draft to the leader ("Trình duyệt")."""

    def do(report):
        report_submit(actor=request.user, report=report)
        return "Đã trình lãnh đạo duyệt báo cáo."

    return _step(request, code, Action.RECORD, do)


@unit_access(Action.APPROVE)
@require_POST
def report_approve_view(request, code: str):
    """Leader: approve the submitted report for issue ("Duyệt")."""

    def do(report):
        report_approve(actor=request.user, report=report)
        return "Đã duyệt báo cáo. Văn thư cấp số và ban hành."

    return _step(request, code, Action.APPROVE, do)


@unit_access(Action.APPROVE)
@require_POST
def report_return_view(request, code: str):
    """Leader: send the report back with a reason ("Trả lại")."""

    def do(report):
        report_return(actor=request.user, report=report, reason=request.POST.get("reason", ""))
        return "Đã trả lại báo cáo cho cán bộ soạn thảo."

    return _step(request, code, Action.APPROVE, do)


@unit_access(Action.RECORD)
@require_POST
def report_replace_view(request, code: str):
    """Officer: open a draft that will replace the issued report ("Ban hành văn bản thay thế")."""
    unit = unit_for_view(request, code)
    period = _period(request)
    issued = _issued(unit, period)
    if issued is None or not can(request.user, Action.RECORD, unit):
        raise Http404
    try:
        report_replace(actor=request.user, report=issued)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, "Đã mở dự thảo văn bản thay thế. Sửa nội dung, trình duyệt, rồi văn thư cấp số mới."
        )
    return _back(unit, period)

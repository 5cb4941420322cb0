"""Reports in the browser: preview the drafted report, reword its paragraphs, download, issue."""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from loa.core.errors import DomainError
from loa.core.periods import Period, parse_period
from loa.core.vn import parse_vn_date
from loa.docgen.render_docx import render_docx
from loa.docgen.unit_report import ReportDraft, build_unit_report
from loa.organizations.access import Action, can
from loa.reporting.dates import default_report_date
from loa.reporting.models import Report, ReportStatus
from loa.reporting.services import report_edit, report_issue, report_open
from loa.web.views.common import unit_for_view

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _period(request) -> Period:
    try:
        return parse_period(request.GET.get("ky") or request.POST.get("ky") or str(dt.date.today().year))
    except DomainError as exc:
        raise Http404(exc.message) from None


def _draft_for(unit, period: Period) -> tuple[Report | None, ReportDraft]:
    report = Report.objects.filter(unit=unit, period=str(period), status=ReportStatus.DRAFT).first()
    report_date = report.report_date if report else default_report_date(unit=unit, period=period)
    draft = build_unit_report(
        unit=unit, period=period, report_date=report_date, narrative=report.narrative if report else None
    )
    return report, draft


def _filename(unit, period: Period, ext: str, number: str | None = None) -> str:
    stem = f"bao-cao-tuyen-truyen-cchc-{unit.code}-{period}"
    return f"{stem}-so-{number}.{ext}" if number else f"{stem}.{ext}"


@login_required
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
        _, current = _draft_for(unit, period)
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
    report, draft = _draft_for(unit, period)
    issued = Report.objects.filter(unit=unit, period=str(period), status=ReportStatus.ISSUED).select_related(
        "document"
    )
    return render(
        request,
        "loa/reports/workspace.html",
        {
            "unit": unit,
            "period": period,
            "report": report,
            "draft": draft,
            "doc": draft.document,
            "issued": issued,
            "may_edit": may_edit,
            "may_issue": report is not None and can(request.user, Action.ISSUE, unit),
            "report_date": draft.document.date,
        },
    )


@login_required
def report_download(request, code: str, fmt: str):
    """The current draft as DOCX, PDF or the Biểu 01 annex (XLSX)."""
    unit = unit_for_view(request, code)
    period = _period(request)
    _, draft = _draft_for(unit, period)
    docx = render_docx(draft.document)
    if fmt == "docx":
        data, mime = docx, DOCX
    elif fmt == "pdf":
        from loa.docgen.render_pdf import docx_to_pdf

        try:
            data, mime = docx_to_pdf(docx), "application/pdf"
        except DomainError as exc:
            messages.error(request, f"{exc.message} Bạn vẫn có thể tải bản Word (DOCX).")
            return redirect(reverse("web:report_workspace", args=[unit.code]) + f"?ky={period}")
    elif fmt == "xlsx":
        from loa.docgen.unit_report import annex_rows
        from loa.docgen.xlsx import AnnexHeading, channel_results_xlsx

        rows = annex_rows(draft)
        data = channel_results_xlsx(
            heading=AnnexHeading(unit_name=unit.name, period=period.label_vi), rows=rows
        )
        mime = XLSX
    else:
        raise Http404
    response = HttpResponse(data, content_type=mime)
    response["Content-Disposition"] = f'attachment; filename="{_filename(unit, period, fmt)}"'
    return response


@login_required
@require_POST
def report_issue_view(request, code: str):
    """Leader or clerk: number the draft from the outgoing register, store the signed-off DOCX."""
    unit = unit_for_view(request, code)
    period = _period(request)
    report, draft = _draft_for(unit, period)
    if report is None or not can(request.user, Action.ISSUE, unit):
        raise Http404
    doc = draft.document
    try:
        report = report_issue(
            actor=request.user,
            report=report,
            subject=doc.subject,
            signer_name=doc.signature.name if doc.signature else "",
            render=lambda number: render_docx(dataclasses.replace(doc, number=number)),
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(reverse("web:report_workspace", args=[unit.code]) + f"?ky={period}")
    messages.success(request, f"Đã cấp số {report.document.symbol} và vào sổ văn bản đi.")
    return redirect("web:document_detail", pk=report.document.pk)

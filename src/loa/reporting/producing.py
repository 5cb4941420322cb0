"""The report use-case, one path for the browser and the command line: draft the unit's report for a
period from its data, render it (DOCX, the Biểu 01 annex as XLSX, PDF), and issue it.

The web and ``loa report`` call these functions and nothing else to make a report, so a report
issued from either records the same citations, keeps the same files and counts the same window.
``docgen`` stays the rendering layer: it never imports this module.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from typing import Any

from loa.core.errors import DomainError, ValidationError
from loa.core.files import files_atomic
from loa.core.periods import Period, parse_period
from loa.docgen.content_annex import content_annex_rows
from loa.docgen.render_docx import render_docx
from loa.docgen.render_pdf import docx_to_pdf
from loa.docgen.tasks import document_pdf_later, document_pdf_make
from loa.docgen.xlsx import AnnexHeading, channel_results_xlsx, content_results_xlsx
from loa.ingest.registered import registered_citations
from loa.nd30.spec import OfficialDocument
from loa.organizations.lifetime import require_alive_on
from loa.organizations.models import Unit
from loa.reporting.cycle_files import report_figures
from loa.reporting.dates import default_report_date
from loa.reporting.drafting import ReportDraft, annex_rows, build_unit_report
from loa.reporting.models import OPEN_STATUSES, Report, ReportStatus
from loa.reporting.services import report_approve, report_edit, report_issue, report_open, report_submit

__all__ = [
    "FORMATS",
    "ProducedReport",
    "report_draft",
    "report_in_preparation",
    "report_issue_drafted",
    "report_produce",
    "report_render",
]

# docx and pdf: the report; xlsx: annex Biểu 01 (by channel); xlsx-02: annex Biểu 02 (by content).
FORMATS = ("docx", "xlsx", "xlsx-02", "pdf")
_UNSUPPORTED = "Định dạng “{fmt}” không được hỗ trợ (docx, xlsx, xlsx-02, pdf)."


@dataclasses.dataclass(frozen=True)
class ProducedReport:
    """What :func:`report_produce` made: the report, its draft, the document as rendered (numbered once
    issued), the files by format, and why the PDF asked for could not be made (the other files still
    stand)."""

    report: Report
    draft: ReportDraft
    document: OfficialDocument
    files: dict[str, bytes]
    pdf_error: DomainError | None = None


def report_in_preparation(*, unit: Unit, period: Period) -> Report | None:
    """The unit's report for the period being prepared (draft, submitted, returned or approved)."""
    return (
        Report.objects.filter(unit=unit, period=str(period), status__in=OPEN_STATUSES)
        .select_related("replaces__document", "reviewed_by")
        .first()
    )


def report_draft(
    *,
    user: Any,
    unit: Unit,
    period: Period,
    report: Report | None = None,
    report_date: dt.date | None = None,
) -> ReportDraft:
    """The report drafted from the data, with the saved report's date, wording and counting window.

    Without a saved report: dated ``report_date``, else the default day (today, or the period's last
    day once it is over, or the unit's last day).
    """
    day = report_date or (
        report.report_date if report is not None else default_report_date(unit=unit, period=period)
    )
    return build_unit_report(
        user=user,
        unit=unit,
        period=period,
        report_date=day,
        window=(report.window or None) if report is not None else None,
        narrative=report.narrative if report is not None else None,
        **report_figures(report),
    )


def report_render(
    *, user: Any, unit: Unit, period: Period, draft: ReportDraft, fmt: str, window: str | None = None
) -> bytes:
    """The drafted report in one format: ``docx``, ``pdf`` (LibreOffice), ``xlsx`` (annex Biểu 01)
    or ``xlsx-02`` (annex Biểu 02); ``window`` is the one the draft was counted with.

    Raises :class:`~loa.core.errors.ExternalToolError` when the PDF cannot be made.
    """
    if fmt == "docx":
        return render_docx(draft.document)
    if fmt == "pdf":
        pdf = docx_to_pdf(render_docx(draft.document))
        assert isinstance(pdf, bytes)
        return pdf
    heading = AnnexHeading(unit_name=draft.document.issuer, period=period.label_vi)
    if fmt == "xlsx":
        return channel_results_xlsx(heading=heading, rows=annex_rows(draft))
    if fmt == "xlsx-02":
        rows = content_annex_rows(
            user=user,
            unit=unit,
            period=period,
            counted_to=draft.counted_to or draft.document.date or period.window("calendar")[1],
            subtree=draft.subtree,
            window=window,
        )
        return content_results_xlsx(heading=heading, rows=rows)
    raise ValidationError(_UNSUPPORTED.format(fmt=fmt), code="reports.format")


def report_text(document: OfficialDocument) -> str:
    """The report's wording as one text: what its citations are read from."""
    lines = [*document.legal_bases]
    for block in document.blocks:
        text = getattr(block, "text", None)
        if isinstance(text, str):
            lines.append(text)
    return "\n".join(lines)


def report_issue_drafted(*, actor: Any, report: Report) -> Report:
    """Number and issue the approved report as drafted from the data now, with the officer's wording.

    The numbered DOCX is stored on the document and the registered documents its text cites are
    recorded as its citations; the worker makes its PDF once the issue commits.
    """
    draft = report_draft(user=actor, unit=report.unit, period=parse_period(report.period), report=report)
    doc = draft.document
    with files_atomic():
        report = report_issue(
            actor=actor,
            report=report,
            subject=doc.subject,
            signer_name=doc.signature.name if doc.signature else "",
            render=lambda number: render_docx(dataclasses.replace(doc, number=number)),
            cites=registered_citations(text=report_text(doc), user=actor),
        )
        assert report.document is not None
        document_pdf_later(report.document)
    return report


def report_produce(
    *,
    actor: Any,
    unit: Unit,
    period: Period,
    report_date: dt.date | None = None,
    window: str | None = None,
    formats: Iterable[str] = ("docx",),
    issue: bool = False,
) -> ProducedReport:
    """Open the unit's report for the period, draft it from the data and render ``formats``.

    ``report_date`` and ``window`` are saved on the report while it can be edited. With ``issue`` the
    actor takes it the whole way, as the unit's staff would: submit, approve, then number and issue
    it (:func:`report_issue_drafted`); the files are then the issued ones, and a PDF asked for is
    made and kept now rather than by the worker.
    """
    wanted = list(dict.fromkeys(formats))
    for fmt in wanted:
        if fmt not in FORMATS:
            raise ValidationError(_UNSUPPORTED.format(fmt=fmt), code="reports.format")
    # An issued period (without ``issue``) is drafted from today's figures, unnumbered, without opening
    # a new report: the issued one stays as numbered (a correction is a replacement).
    issued = (
        None
        if issue
        else Report.objects.filter(unit=unit, period=str(period), status=ReportStatus.ISSUED).first()
    )
    if issued is not None and report_date is not None:
        require_alive_on(unit, report_date, doing="lập báo cáo", field="report_date")
    report = issued or report_open(actor=actor, unit=unit, period=str(period), report_date=report_date)
    changed = (report_date is not None and report.report_date != report_date) or (
        window is not None and report.window != window
    )
    if changed and report.is_editable:
        report = report_edit(
            actor=actor, report=report, narrative=report.narrative, report_date=report_date, window=window
        )
    pdf_error: DomainError | None = None
    files: dict[str, bytes] = {}
    if issue:
        if report.is_editable:
            report = report_submit(actor=actor, report=report)
        if report.status == ReportStatus.SUBMITTED:
            report = report_approve(actor=actor, report=report, note="Duyệt và ban hành cùng lúc.")
        report = report_issue_drafted(actor=actor, report=report)
        document = report.document
        assert document is not None
        with document.file.open("rb") as handle:
            files["docx"] = handle.read()
        if "pdf" in wanted:
            try:
                if not document.pdf:
                    document = document_pdf_make(actor=actor, document=document)
                with document.pdf.open("rb") as handle:
                    files["pdf"] = handle.read()
            except DomainError as exc:
                pdf_error = exc
    draft = report_draft(user=actor, unit=unit, period=period, report=report)
    shown = draft.document
    if report.document is not None and issued is None:
        shown = dataclasses.replace(shown, number=report.document.number)
    for fmt in wanted:
        if fmt in files or (fmt == "pdf" and pdf_error is not None):
            continue
        try:
            files[fmt] = report_render(
                user=actor,
                unit=unit,
                period=period,
                draft=dataclasses.replace(draft, document=shown),
                fmt=fmt,
                window=report.window or None,
            )
        except DomainError as exc:
            if fmt != "pdf":
                raise
            pdf_error = exc
    return ProducedReport(
        report=report,
        draft=draft,
        document=shown,
        files={fmt: files[fmt] for fmt in wanted if fmt in files},
        pdf_error=pdf_error,
    )

"""``loa report UNIT_CODE PERIOD --out FILE.docx [--pdf] [--xlsx] [--issue]``: draft the unit's report."""

import dataclasses
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from loa.cli.actors import add_as_argument, command_actor
from loa.core.errors import DomainError
from loa.core.periods import parse_period
from loa.core.vn import parse_vn_date
from loa.docgen.consolidated import report_figures
from loa.docgen.render_docx import render_docx
from loa.docgen.tasks import document_pdf_later
from loa.docgen.unit_report import annex_rows, build_unit_report
from loa.organizations.selectors import unit_get
from loa.reporting.dates import default_report_date
from loa.reporting.models import OPEN_STATUSES, Report, ReportStatus
from loa.reporting.services import report_approve, report_edit, report_issue, report_open, report_submit


class Command(BaseCommand):
    help = "Soạn báo cáo công tác tuyên truyền CCHC của đơn vị từ số liệu (DOCX; PDF, XLSX tuỳ chọn)."

    def add_arguments(self, parser):
        parser.add_argument("unit", help="Mã đơn vị, ví dụ huongtra-vhtt")
        parser.add_argument("period", help="Kỳ: 2022, 2022-Q1, 2022-H1, 2022-9M, 2022-03")
        parser.add_argument("--out", required=True, help="Tệp DOCX đầu ra")
        parser.add_argument("--pdf", action="store_true", help="Xuất thêm PDF (LibreOffice)")
        parser.add_argument("--xlsx", action="store_true", help="Xuất thêm phụ lục Biểu 01, Biểu 02 (XLSX)")
        parser.add_argument("--issue", action="store_true", help="Cấp số từ sổ văn bản đi và vào sổ")
        parser.add_argument(
            "--date",
            help=(
                "Ngày báo cáo (dd/mm/yyyy); mặc định ngày đã lưu trong bản nháp, hoặc hôm nay, "
                "hoặc ngày cuối kỳ nếu kỳ đã qua (ngày cuối cùng đơn vị còn hoạt động nếu sớm hơn)"
            ),
        )
        parser.add_argument("--window", choices=["nd09", "calendar"])
        add_as_argument(parser)

    def handle(self, *args, unit, period, out, pdf, xlsx, issue, date, window, as_user, **options):
        actor = command_actor(as_user)
        try:
            the_unit = unit_get(code=unit)
            the_period = parse_period(period)
        except DomainError as exc:
            raise CommandError(exc.message) from None
        if date:
            report_date = parse_vn_date(date)
            if report_date is None:
                raise CommandError(f"Ngày báo cáo “{date}” không hợp lệ (dùng dd/mm/yyyy).")
        else:
            saved = Report.objects.filter(
                unit=the_unit, period=str(the_period), status__in=OPEN_STATUSES
            ).first()
            report_date = (
                saved.report_date if saved else default_report_date(unit=the_unit, period=the_period)
            )
        if not the_unit.is_active_on(report_date):
            raise CommandError(
                f"Ngày báo cáo {report_date:%d/%m/%Y} nằm ngoài thời gian hoạt động của {the_unit.name} "
                f"({_life(the_unit)}): đơn vị không thể ban hành văn bản vào ngày này."
            )
        try:
            report = report_open(actor=actor, unit=the_unit, period=str(the_period), report_date=report_date)
            if report.report_date != report_date and report.is_editable:
                report = report_edit(
                    actor=actor, report=report, narrative=report.narrative, report_date=report_date
                )
        except DomainError as exc:
            raise CommandError(exc.message) from None
        draft = build_unit_report(
            unit=the_unit,
            period=the_period,
            report_date=report_date,
            window=window,
            narrative=report.narrative,
            **report_figures(report),
        )
        doc = draft.document
        out_path = Path(out)
        out_path.parent.mkdir(parents=True, exist_ok=True)
        if issue:
            try:
                # The command line acts for the unit's staff: it submits and approves before issuing,
                # each step checked and audited as done by the actor (``--as``, or the command line).
                if report.is_editable:
                    report = report_submit(actor=actor, report=report)
                if report.status == ReportStatus.SUBMITTED:
                    report = report_approve(actor=actor, report=report, note="Duyệt từ dòng lệnh.")
                with transaction.atomic():
                    report = report_issue(
                        actor=actor,
                        report=report,
                        subject=doc.subject,
                        signer_name=doc.signature.name if doc.signature else "",
                        render=lambda number: render_docx(dataclasses.replace(doc, number=number)),
                    )
                    document_pdf_later(report.document)  # the worker keeps the issued PDF
            except DomainError as exc:
                raise CommandError(exc.message) from None
            doc = dataclasses.replace(doc, number=report.document.number)
        out_path.write_bytes(render_docx(doc))
        for w in draft.warnings:
            self.stderr.write(f"Lưu ý: {w}")
        self.stdout.write(f"Đã tạo {out_path}" + (f" — số {doc.symbol}" if doc.symbol else " — chưa cấp số"))
        if xlsx:
            from loa.docgen.content_annex import content_annex_rows
            from loa.docgen.xlsx import AnnexHeading, channel_results_xlsx, content_results_xlsx

            rows = annex_rows(draft)
            heading = AnnexHeading(unit_name=doc.issuer, period=the_period.label_vi)
            xlsx_path = out_path.with_suffix(".xlsx")
            xlsx_path.write_bytes(channel_results_xlsx(heading=heading, rows=rows))
            self.stdout.write(f"Đã tạo {xlsx_path}")
            by_content = content_annex_rows(
                unit=the_unit,
                period=the_period,
                counted_to=draft.counted_to or report_date,
                subtree=draft.subtree,
                window=window,
            )
            content_path = out_path.with_name(f"{out_path.stem}-bieu-02.xlsx")
            content_path.write_bytes(content_results_xlsx(heading=heading, rows=by_content))
            self.stdout.write(f"Đã tạo {content_path}")
        if pdf:
            from loa.docgen.render_pdf import docx_to_pdf

            try:
                pdf_path = docx_to_pdf(out_path, out_path=out_path.with_suffix(".pdf"))
            except DomainError as exc:
                raise CommandError(f"{exc.message} Tệp DOCX vẫn đã được tạo: {out_path}") from None
            self.stdout.write(f"Đã tạo {pdf_path}")


def _life(unit) -> str:
    since = f"{unit.valid_from:%d/%m/%Y}" if unit.valid_from else "…"
    until = f"{unit.valid_to:%d/%m/%Y}" if unit.valid_to else "nay"
    return f"{since}–{until}"

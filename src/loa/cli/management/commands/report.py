"""``loa report UNIT_CODE PERIOD --out FILE.docx [--pdf] [--xlsx] [--issue]``: draft the unit's report."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from loa.cli.actors import add_as_argument, command_actor
from loa.core.errors import DomainError
from loa.core.periods import parse_period
from loa.core.vn import parse_vn_date
from loa.organizations.selectors import unit_get
from loa.reporting.producing import report_produce


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
        report_date = None
        if date:
            report_date = parse_vn_date(date)
            if report_date is None:
                raise CommandError(f"Ngày báo cáo “{date}” không hợp lệ (dùng dd/mm/yyyy).")
        formats = ["docx", *(["xlsx", "xlsx-02"] if xlsx else []), *(["pdf"] if pdf else [])]
        try:
            # The command line acts for the unit's staff: with --issue it submits, approves and
            # issues, each step checked and audited as done by the actor (``--as``, or the command line);
            # the worker makes the PDF.
            produced = report_produce(
                actor=actor,
                unit=the_unit,
                period=the_period,
                report_date=report_date,
                window=window,
                formats=formats,
                issue=issue,
            )
        except DomainError as exc:
            raise CommandError(exc.message) from None
        out_path = Path(out)
        out_path.parent.mkdir(parents=True, exist_ok=True)
        out_path.write_bytes(produced.files["docx"])
        done = produced.report.document
        if not issue and done is not None:
            self.stderr.write(
                f"Lưu ý: báo cáo kỳ này đã ban hành số {done.symbol}; tệp là bản soạn từ số liệu hiện tại, "
                "chưa cấp số."
            )
        for w in produced.draft.warnings:
            self.stderr.write(f"Lưu ý: {w}")
        symbol = produced.document.symbol
        self.stdout.write(f"Đã tạo {out_path}" + (f" — số {symbol}" if symbol else " — chưa cấp số"))
        paths = {
            "xlsx": out_path.with_suffix(".xlsx"),
            "xlsx-02": out_path.with_name(f"{out_path.stem}-bieu-02.xlsx"),
            "pdf": out_path.with_suffix(".pdf"),
        }
        for fmt, path in paths.items():
            if fmt in produced.files:
                path.write_bytes(produced.files[fmt])
                self.stdout.write(f"Đã tạo {path}")
        if produced.pdf_error is not None:
            raise CommandError(f"{produced.pdf_error.message} Tệp DOCX vẫn đã được tạo: {out_path}")

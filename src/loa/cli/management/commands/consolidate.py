"""``loa consolidate REQUEST_ID --out FILE.docx [--pdf] [--xlsx] [--json] [--date dd/mm/yyyy]
[--as USERNAME]``: the coordinator unit's consolidated report from the accepted submissions."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from loa.cli.actors import add_as_argument, command_actor
from loa.core.errors import DomainError, NotFound
from loa.core.periods import parse_period
from loa.core.vn import parse_vn_date
from loa.docgen.render_docx import render_docx
from loa.reporting.consolidation import consolidate, consolidation_of
from loa.reporting.cycle_files import consolidation_annex_xlsx
from loa.reporting.models import ReportRequest
from loa.reporting.producing import report_draft


class Command(BaseCommand):
    help = "Tổng hợp báo cáo của các đơn vị đã được tiếp nhận thành báo cáo của đơn vị yêu cầu."

    def add_arguments(self, parser):
        parser.add_argument("request_id", type=int, help="Số hiệu yêu cầu báo cáo")
        parser.add_argument("--out", required=True, help="Tệp DOCX đầu ra")
        parser.add_argument("--pdf", action="store_true", help="Xuất thêm PDF (LibreOffice)")
        parser.add_argument("--xlsx", action="store_true", help="Xuất thêm phụ lục Biểu 03 (XLSX)")
        parser.add_argument("--json", action="store_true", help="In kết quả dạng JSON")
        parser.add_argument("--date", help="Ngày báo cáo (dd/mm/yyyy)")
        add_as_argument(parser)

    def handle(self, *args, request_id, out, pdf, xlsx, json: bool, date, as_user, **options):
        actor = command_actor(as_user)
        report_date = None
        if date:
            report_date = parse_vn_date(date)
            if report_date is None:
                raise CommandError(f"Ngày báo cáo “{date}” không hợp lệ (dùng dd/mm/yyyy).")
        request = ReportRequest.objects.select_related("coordinator_unit").filter(pk=request_id).first()
        try:
            if request is None:
                raise NotFound("Không tìm thấy yêu cầu báo cáo.", code="requests.not_found")
            report = consolidate(actor=actor, request=request, report_date=report_date)
        except DomainError as exc:
            raise CommandError(exc.message) from None
        found = consolidation_of(request=request)
        draft = report_draft(user=actor, unit=report.unit, period=parse_period(report.period), report=report)
        out_path = Path(out)
        out_path.parent.mkdir(parents=True, exist_ok=True)
        out_path.write_bytes(render_docx(draft.document))
        files = [str(out_path)]
        if xlsx:
            xlsx_path = out_path.with_suffix(".xlsx")
            xlsx_path.write_bytes(consolidation_annex_xlsx(found))
            files.append(str(xlsx_path))
        if pdf:
            from loa.docgen.render_pdf import docx_to_pdf

            try:
                files.append(str(docx_to_pdf(out_path, out_path=out_path.with_suffix(".pdf"))))
            except DomainError as exc:
                raise CommandError(f"{exc.message} Tệp DOCX vẫn đã được tạo: {out_path}") from None
        if json:
            payload = {**found.as_dict(), "report": report.pk, "status": report.status, "files": files}
            self.stdout.write(_dumps(payload))
            return
        for w in draft.warnings:
            self.stderr.write(f"Lưu ý: {w}")
        self.stdout.write(
            f"Đã tổng hợp {len(found.counted)} báo cáo đã tiếp nhận thành báo cáo của {report.unit.name} "
            f"(dự thảo, chờ trình duyệt và cấp số)."
        )
        for c in found.channels:
            self.stdout.write(f"  {c.name:<55} {c.actual:>6} {c.measure}")
        for f in files:
            self.stdout.write(f"Đã tạo {f}")


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)

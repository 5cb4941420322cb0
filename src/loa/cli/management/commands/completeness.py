"""``loa completeness REQUEST_ID [--json] [--xlsx FILE] [--as USERNAME]``: who has sent the report
asked for, on time or late, and who is missing (one row per expected unit)."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from loa.cli.actors import add_as_argument, command_actor
from loa.core.errors import DomainError
from loa.core.vn import screen_date
from loa.reporting.completeness import completeness


class Command(BaseCommand):
    help = "Tình hình gửi báo cáo theo một yêu cầu: đã gửi, đúng hạn, trễ hạn, chưa gửi."

    def add_arguments(self, parser):
        parser.add_argument("request_id", type=int, help="Số hiệu yêu cầu báo cáo")
        parser.add_argument("--json", action="store_true", help="In kết quả dạng JSON")
        parser.add_argument("--xlsx", help="Ghi thêm danh sách ra tệp Excel")
        add_as_argument(parser)

    def handle(self, *args, request_id, json: bool, xlsx, as_user, **options):
        try:
            found = completeness(user=command_actor(as_user), pk=request_id)
        except DomainError as exc:
            raise CommandError(exc.message) from None
        if xlsx:
            from loa.reporting.cycle_files import completeness_workbook

            Path(xlsx).write_bytes(completeness_workbook(found))
        if json:
            self.stdout.write(_dumps(found.as_dict()))
            return
        c, request = found.counts, found.request
        self.stdout.write(f"{request.title} — hạn gửi {screen_date(request.deadline)}")
        self.stdout.write(
            f"Phải gửi: {c.expected} · đã gửi: {c.received} (đúng hạn {c.on_time}, trễ hạn {c.late})"
            f" · chưa gửi: {c.missing}"
        )
        for r in found.rows:
            sent = screen_date(r.submitted_on) if r.submitted_on else "—"
            late = f"trễ {r.days_late} ngày" if r.days_late else ""
            self.stdout.write(f"  {r.unit_name:<50} {r.label:<26} {sent:<10} {late}")
        if xlsx:
            self.stdout.write(f"Đã tạo {xlsx}")


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)

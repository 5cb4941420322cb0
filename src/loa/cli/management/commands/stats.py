"""``loa stats UNIT_CODE PERIOD [--subtree] [--window nd09|calendar] --json``: targets vs actual per channel."""

import json

from django.core.management.base import BaseCommand, CommandError

from loa.activities.selectors import channel_figures
from loa.core.errors import DomainError
from loa.core.periods import parse_period
from loa.organizations.selectors import unit_get


class Command(BaseCommand):
    help = "Thống kê số lượng theo hình thức tuyên truyền so với chỉ tiêu kế hoạch."

    def add_arguments(self, parser):
        parser.add_argument("unit", help="Mã đơn vị, ví dụ huongtra-vhtt")
        parser.add_argument("period", help="Kỳ: 2022, 2022-Q1, 2022-H1, 2022-9M, 2022-03")
        parser.add_argument("--subtree", action="store_true", help="Cộng cả các đơn vị trực thuộc")
        parser.add_argument("--window", choices=["nd09", "calendar"], help="Cách chốt số liệu")
        parser.add_argument("--json", action="store_true", help="In kết quả dạng JSON")

    def handle(self, *args, unit, period, subtree, window, json: bool, **options):
        try:
            the_unit = unit_get(code=unit)
            the_period = parse_period(period)
        except DomainError as exc:
            raise CommandError(exc.message) from None
        mode = window or the_period.default_window()
        start, end = the_period.window(mode)
        rows = channel_figures(unit=the_unit, start=start, end=end, year=the_period.year, subtree=subtree)
        if json:
            payload = {
                "unit": the_unit.code,
                "period": str(the_period),
                "window": {"mode": mode, "from": start.isoformat(), "to": end.isoformat()},
                "subtree": subtree,
                "rows": [r.as_dict() for r in rows],
            }
            self.stdout.write(_json_dumps(payload))
            return
        self.stdout.write(f"{the_unit.name} — {the_period.label_vi} ({start:%d/%m/%Y}–{end:%d/%m/%Y})")
        for r in rows:
            target = "—" if r.target is None else str(r.target)
            self.stdout.write(f"  {r.name:<55} {r.actual:>6} / {target:>6} {r.measure}")


def _json_dumps(payload):
    return json.dumps(payload, ensure_ascii=False, indent=2)

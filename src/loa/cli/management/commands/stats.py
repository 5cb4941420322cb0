"""``loa stats UNIT_CODE PERIOD [--subtree] [--window nd09|calendar] [--by channel|area|unit|month] --json``.

Without ``--by`` (or with ``--by channel``): targets vs actual per channel, in the shape of issue 2
(``rows`` of ``channel, name, measure, target, actual``) plus ``previous_year``; a period shorter
than a year adds ``to_date`` (lũy kế from the start of the year). Other ``--by`` values key their
rows by ``area``, ``unit`` or ``month`` and count activities.
"""

import json

from django.core.management.base import BaseCommand, CommandError

from loa.activities.stats import BY_CHOICES, stats_payload, stats_table
from loa.cli.actors import add_as_argument, command_actor
from loa.core.errors import DomainError
from loa.core.periods import parse_period
from loa.organizations.lineage import sources_phrase
from loa.organizations.selectors import unit_get


class Command(BaseCommand):
    help = "Thống kê số lượng theo hình thức, nội dung, đơn vị hoặc tháng, so với chỉ tiêu kế hoạch."

    def add_arguments(self, parser):
        parser.add_argument("unit", help="Mã đơn vị, ví dụ huongtra-vhtt")
        parser.add_argument("period", help="Kỳ: 2022, 2022-Q1, 2022-H1, 2022-9M, 2022-03")
        parser.add_argument("--subtree", action="store_true", help="Cộng cả các đơn vị trực thuộc")
        parser.add_argument("--window", choices=["nd09", "calendar"], help="Cách chốt số liệu")
        parser.add_argument("--by", choices=BY_CHOICES, default="channel", help="Nhóm theo")
        parser.add_argument(
            "--lineage",
            action="store_true",
            help="Kỳ đơn vị chưa thành lập: tính số liệu của các đơn vị tiền thân (sáp nhập, chia tách, đổi tên)",
        )
        parser.add_argument(
            "--compare",
            type=int,
            metavar="NĂM",
            help="So sánh với cùng kỳ của năm này (mặc định: năm trước), ví dụ 2022",
        )
        parser.add_argument("--json", action="store_true", help="In kết quả dạng JSON")
        add_as_argument(parser)

    def handle(
        self,
        *args,
        unit,
        period,
        subtree,
        window,
        by,
        json: bool,
        as_user,
        lineage=False,
        compare=None,
        **options,
    ):
        actor = command_actor(as_user)
        try:
            the_unit = unit_get(code=unit)
            the_period = parse_period(period)
            result = stats_table(
                user=actor,
                unit=the_unit,
                period=the_period,
                window_mode=window,
                subtree=subtree,
                by=by,
                lineage=lineage,
                compare_year=compare,
            )
        except DomainError as exc:
            raise CommandError(exc.message) from None
        if json:
            self.stdout.write(_json_dumps(stats_payload(result)))
            return
        self.stdout.write(
            f"{the_unit.name} — {the_period.label_vi} ({result.start:%d/%m/%Y}–{result.end:%d/%m/%Y})"
        )
        if result.through_lineage:
            self.stdout.write("  Theo các đơn vị tiền thân: " + sources_phrase(result.sources))
        for r in result.rows:
            target = "—" if r.target is None else str(r.target)
            to_date = "" if r.to_date is None else f"  lũy kế từ đầu năm: {r.to_date}"
            self.stdout.write(
                f"  {r.name:<55} {r.actual:>6} / {target:>6} {r.measure}{to_date}  ({result.compare_label.lower()}: {r.previous})"
            )


def _json_dumps(payload):
    return json.dumps(payload, ensure_ascii=False, indent=2)

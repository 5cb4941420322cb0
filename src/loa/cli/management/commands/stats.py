"""``loa stats UNIT_CODE PERIOD [--subtree] [--window nd09|calendar] [--by channel|area|unit|month] --json``.

Without ``--by`` (or with ``--by channel``): targets vs actual per channel, in the shape of issue 2
(``rows`` of ``channel, name, measure, target, actual``) plus ``previous_year``; a period shorter
than a year adds ``to_date`` (lũy kế from the start of the year). Other ``--by`` values key their
rows by ``area``, ``unit`` or ``month`` and count activities.
"""

import json

from django.core.management.base import BaseCommand, CommandError

from loa.activities.stats import BY_CHOICES, stats_table
from loa.cli.actors import add_as_argument, command_actor
from loa.core.errors import DomainError
from loa.core.periods import parse_period
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
        parser.add_argument("--json", action="store_true", help="In kết quả dạng JSON")
        add_as_argument(parser)

    def handle(self, *args, unit, period, subtree, window, by, json: bool, as_user, lineage=False, **options):
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
            self.stdout.write("  Theo các đơn vị tiền thân: " + "; ".join(s.label for s in result.sources))
        for r in result.rows:
            target = "—" if r.target is None else str(r.target)
            to_date = "" if r.to_date is None else f"  lũy kế từ đầu năm: {r.to_date}"
            self.stdout.write(
                f"  {r.name:<55} {r.actual:>6} / {target:>6} {r.measure}{to_date}  (năm trước: {r.previous})"
            )


def stats_payload(result) -> dict:
    """The JSON document ``loa stats --json`` prints."""
    previous = result.period.previous_year()
    if result.by == "channel":
        rows = [
            {"channel": r.key, "name": r.name, "measure": r.measure, "target": r.target, "actual": r.actual}
            # lũy kế: a period shorter than the plan year also gives the year to date.
            | ({} if r.to_date is None else {"to_date": r.to_date})
            for r in result.rows
        ]
        previous_rows = [{"channel": r.key, "actual": r.previous} for r in result.rows]
    else:
        rows = [r.as_dict(result.by) for r in result.rows]
        previous_rows = [{result.by: r.key, "actual": r.previous} for r in result.rows]
    payload = {
        "unit": result.unit.code,
        "period": str(result.period),
        "window": {
            "mode": result.window_mode,
            "from": result.start.isoformat(),
            "to": result.end.isoformat(),
        },
        "subtree": result.subtree,
        "rows": rows,
        "previous_year": {
            "period": str(previous),
            "window": {"from": result.previous_start.isoformat(), "to": result.previous_end.isoformat()},
            "rows": previous_rows,
        },
    }
    if result.by != "channel":
        payload["by"] = result.by
    if result.sources:
        payload["lineage"] = _lineage_payload(result.sources)
        payload["previous_year"]["lineage"] = _lineage_payload(result.previous_sources)
    return payload


def _lineage_payload(sources) -> list[dict]:
    """The units counted: the unit itself (kind "") and the predecessors that stood in for it."""
    return [
        {
            "unit": s.unit.code,
            "name": s.unit.name,
            "kind": s.kind or None,
            "date": s.date.isoformat() if s.date else None,
        }
        for s in sources
    ]


def _json_dumps(payload):
    return json.dumps(payload, ensure_ascii=False, indent=2)

"""``loa score UNIT YEAR [--set CODE] [--json]``: the CCHC-index points Loa proposes for a unit and
year from its recorded work (the set in force for the unit and year unless ``--set``), each criterion
with how it was counted and how many pieces of evidence back it. Reads only; opens no round."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from loa.cli.actors import add_as_argument, command_actor
from loa.core.errors import DomainError
from loa.organizations.selectors import unit_get
from loa.scoring.rules import fmt, points
from loa.scoring.selectors import unit_proposal


class Command(BaseCommand):
    help = "Điểm chỉ số CCHC Loa đề xuất cho một đơn vị trong một năm, tính từ dữ liệu đã ghi nhận."

    def add_arguments(self, parser):
        parser.add_argument("unit", help="Mã đơn vị, ví dụ huongtra-vhtt")
        parser.add_argument("year", type=int, help="Năm chấm điểm, ví dụ 2022")
        parser.add_argument("--set", dest="set_code", help="Mã bộ tiêu chí (mặc định: bộ đang áp dụng)")
        parser.add_argument("--json", action="store_true", help="In kết quả dạng JSON")
        add_as_argument(parser)

    def handle(self, *args, unit, year, set_code, **options):
        actor = command_actor(options.get("as_user"))
        try:
            result = unit_proposal(user=actor, unit=unit_get(code=unit), year=year, code=set_code)
        except DomainError as exc:
            raise CommandError(exc.message) from None
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
            return
        lines = [
            f"{result['unit']} — năm {result['year']} — bộ tiêu chí {result['set']}: "
            f"{fmt(points(result['total']))}/{fmt(points(result['max']))} điểm"
        ]
        for c in result["criteria"]:
            lines.append(
                f"  {c['code']} {c['name']}: {fmt(points(c['proposed']))}/{fmt(points(c['max']))} "
                f"({c['evidence']} minh chứng) — {c['explanation']}"
            )
        self.stdout.write("\n".join(lines))

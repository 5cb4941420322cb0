"""``loa rounds open|close|publish``: a CCHC scoring round from the command line.

- ``open UNIT YEAR --due YYYY-MM-DD [--set CODE] [--units A,B] [--title T] [--json]``: the
  coordinating unit opens a round for the units below it (default: every unit of the kinds the set
  scores); Loa proposes every unit's scores at once;
- ``close ID [--json]``: no more changes; units ranked and classed;
- ``publish ID [--date YYYY-MM-DD] [--json]``: the result report is issued with a number from the
  unit's register, with the ranking annex.

Every step goes through :mod:`loa.scoring.services`, checked against ``--as USERNAME`` when given.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from loa.cli.actors import add_as_argument, command_actor
from loa.core.errors import DomainError
from loa.organizations.selectors import unit_get
from loa.scoring.models import ScoringRound
from loa.scoring.publishing import round_publish
from loa.scoring.rules import fmt
from loa.scoring.services import round_close, round_open, set_in_force, sets_available


def _date(text: str | None, name: str) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{name} “{text}” không hợp lệ (dùng YYYY-MM-DD, ví dụ 2022-12-15).") from None


def _round(pk: int) -> ScoringRound:
    found = ScoringRound.objects.select_related("criteria_set", "coordinator_unit").filter(pk=pk).first()
    if found is None:
        raise CommandError(f"Không có đợt chấm điểm số {pk}.")
    return found


class Command(BaseCommand):
    help = "Đợt chấm điểm chỉ số CCHC: mở đợt, kết thúc (xếp hạng), công bố kết quả."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, title="thao tác")
        opening = sub.add_parser("open", help="Mở đợt tự đánh giá cho các đơn vị trực thuộc")
        opening.add_argument("unit", help="Mã đơn vị tổ chức chấm điểm, ví dụ huongtra")
        opening.add_argument("year", type=int, help="Năm chấm điểm")
        opening.add_argument("--due", required=True, help="Hạn nộp tự đánh giá, YYYY-MM-DD")
        opening.add_argument("--opens", help="Ngày mở đợt, YYYY-MM-DD (mặc định hôm nay)")
        opening.add_argument("--set", dest="set_code", help="Mã bộ tiêu chí (mặc định: bộ đang áp dụng)")
        opening.add_argument("--units", help="Mã các đơn vị được chấm, cách nhau bởi dấu phẩy")
        opening.add_argument("--title", default="", help="Tên đợt")
        closing = sub.add_parser("close", help="Kết thúc đợt: khoá điểm, xếp hạng, xếp loại")
        closing.add_argument("id", type=int, help="Số đợt")
        publish = sub.add_parser("publish", help="Ban hành báo cáo kết quả (cấp số từ sổ văn bản đi)")
        publish.add_argument("id", type=int, help="Số đợt")
        publish.add_argument("--date", help="Ngày ban hành, YYYY-MM-DD (mặc định hôm nay)")
        for p in (opening, closing, publish):
            p.add_argument("--json", action="store_true", help="In kết quả dạng JSON")
            add_as_argument(p)

    def handle(self, *args, action, **options):
        actor = command_actor(options.get("as_user"))
        handler = {"open": self._open, "close": self._close, "publish": self._publish}[action]
        try:
            payload, text = handler(actor, **options)
        except DomainError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) if options["json"] else text)

    def _open(self, actor: Any, *, unit, year, due, opens, set_code, units, title, **_: Any):
        coordinator = unit_get(code=unit)
        chosen = [unit_get(code=c.strip()) for c in units.split(",") if c.strip()] if units else None
        if set_code:
            criteria_set = set_in_force(unit=coordinator, year=year, code=set_code)
        elif chosen:
            criteria_set = set_in_force(unit=chosen[0], year=year)
        else:
            found = sets_available(unit=coordinator, year=year)
            if len(found) != 1:
                names = ", ".join(s.code for s in found)
                raise CommandError(
                    f"Có {len(found)} bộ tiêu chí năm {year} áp dụng cho {coordinator.name}"
                    + (f" ({names}): chọn một bằng --set." if found else ".")
                )
            criteria_set = found[0]
        if criteria_set.year != year:
            raise CommandError(
                f"Bộ tiêu chí “{criteria_set.code}” áp dụng năm {criteria_set.year}, không phải {year}."
            )
        opened = round_open(
            actor=actor,
            criteria_set=criteria_set,
            coordinator_unit=coordinator,
            due_on=_date(due, "Hạn nộp"),
            opens_on=_date(opens, "Ngày mở"),
            units=chosen,
            title=title,
        )
        rows = list(opened.assessments.select_related("unit").order_by("unit__code"))
        payload = {
            "id": opened.pk,
            "set": criteria_set.code,
            "year": criteria_set.year,
            "due": opened.due_on.isoformat(),
            "units": [{"unit": a.unit.code, "proposed": float(a.proposed_total)} for a in rows],
        }
        text = (
            f"Đã mở đợt chấm điểm số {opened.pk} «{opened.title}», hạn nộp {opened.due_on:%d/%m/%Y}; "
            f"{len(rows)} đơn vị, Loa đã đề xuất điểm cho từng đơn vị."
        )
        return payload, text

    def _close(self, actor: Any, *, id, **_: Any):
        closed = round_close(actor=actor, scoring_round=_round(id))
        rows = list(closed.assessments.select_related("unit").order_by("rank", "unit__name"))
        payload = {
            "id": closed.pk,
            "status": closed.status,
            "ranking": [
                {"unit": a.unit.code, "total": float(a.final_total), "rank": a.rank, "band": a.band}
                for a in rows
            ],
        }
        text = "\n".join(
            [f"Đã kết thúc đợt chấm điểm số {closed.pk}; xếp hạng:"]
            + [f"  {a.rank}. {a.unit.name}: {fmt(a.final_total)} điểm — {a.band}" for a in rows]
        )
        return payload, text

    def _publish(self, actor: Any, *, id, date, **_: Any):
        published = round_publish(actor=actor, scoring_round=_round(id), on=_date(date, "Ngày ban hành"))
        document = published.document
        assert document is not None
        payload = {
            "id": published.pk,
            "status": published.status,
            "symbol": document.symbol,
            "document": document.pk,
        }
        return (
            payload,
            f"Đã ban hành báo cáo kết quả số {document.symbol} ngày {document.issued_date:%d/%m/%Y}.",
        )

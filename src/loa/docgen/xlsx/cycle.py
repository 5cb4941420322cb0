"""Workbooks of the reporting cycle, on the shared annex :class:`Sheet`:

- :func:`submission_summary_xlsx` — Biểu 03 of a consolidated report: one row per accepted unit
  (unit, submitted on, on time, the frozen figure of each channel), totals of the counted units;
- :func:`completeness_xlsx` — the coordinator's completeness list (tình hình gửi báo cáo).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .rows import AnnexHeading
from .sheet import Col, Sheet


@dataclass(frozen=True)
class ChannelColumn:
    code: str
    name: str
    measure: str


@dataclass(frozen=True)
class SubmittedUnit:
    """Biểu 03 row of a consolidation: one unit whose report was accepted."""

    unit: str
    submitted_on: dt.date | None
    on_time: bool | None
    actual: dict[str, int] = field(default_factory=dict)
    counted: bool = True  # False: already included in a unit above (not added to the totals)
    note: str = ""


@dataclass(frozen=True)
class CompletenessLine:
    unit: str
    status: str
    submitted_on: dt.date | None
    days_late: int | None
    accepted: bool
    history: str = ""


def submission_summary_xlsx(
    *, heading: AnnexHeading, channels: list[ChannelColumn], rows: list[SubmittedUnit]
) -> bytes:
    """Biểu 03 — Tổng hợp kết quả tuyên truyền CCHC theo báo cáo của các cơ quan, đơn vị.

    The totals row adds the counted units only, so it equals the consolidated report's figures.
    """
    cols = [
        Col("STT", 6, "int"),
        Col("Cơ quan, đơn vị / xã, phường", 30),
        Col("Ngày gửi", 12, "date", "Báo cáo"),
        Col("Đúng hạn", 8, "mark", "Báo cáo"),
        *(Col(f"{c.name} ({c.measure})", 12, "int", "Kết quả theo hình thức tuyên truyền") for c in channels),
        Col("Ghi chú", 22),
    ]
    sheet = Sheet(
        "Biểu 03",
        "Tổng hợp kết quả tuyên truyền cải cách hành chính của các cơ quan, đơn vị",
        heading,
        cols,
        landscape=True,
    )
    for i, r in enumerate(rows, start=1):
        on_time = "" if r.on_time is None else ("x" if r.on_time else "")
        sheet.add([i, r.unit, r.submitted_on, on_time, *(r.actual.get(c.code, 0) for c in channels), r.note])
    counted = [r for r in rows if r.counted]
    totals = [sum(r.actual.get(c.code, 0) for r in counted) for c in channels]
    sent_on_time = sum(1 for r in rows if r.on_time)
    sheet.add(["", "Tổng cộng", None, f"{sent_on_time}/{len(rows)}", *totals, ""], bold=True)
    if len(counted) < len(rows):
        sheet.note(
            "Ghi chú: số liệu của đơn vị đã gồm trong báo cáo của đơn vị cấp trên không cộng vào dòng Tổng cộng."
        )
    return sheet.finish()


def completeness_xlsx(*, heading: AnnexHeading, deadline: dt.date, rows: list[CompletenessLine]) -> bytes:
    """Tình hình gửi báo cáo: one row per expected unit, as the completeness page lists it."""
    sheet = Sheet(
        "Tình hình gửi",
        f"Tình hình gửi báo cáo (hạn gửi {deadline:%d/%m/%Y})",
        heading,
        [
            Col("STT", 6, "int"),
            Col("Cơ quan, đơn vị", 36),
            Col("Tình trạng", 22),
            Col("Ngày gửi", 12, "date"),
            Col("Số ngày trễ hạn", 10, "int"),
            Col("Đã tiếp nhận", 10, "mark"),
            Col("Các kỳ trước (gần nhất trước)", 18),
        ],
        landscape=True,
    )
    for i, r in enumerate(rows, start=1):
        sheet.add([i, r.unit, r.status, r.submitted_on, r.days_late, "x" if r.accepted else "", r.history])
    sheet.note("Ghi chú: ✓ đúng hạn; ! trễ hạn; ✗ chưa gửi hoặc bị trả lại; để trống: không được yêu cầu.")
    return sheet.finish()

"""The four annexes (Biểu 01–04): their columns, rows and totals, on the shared :class:`Sheet`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from .rows import AnnexHeading, ArticleEntry, ChannelResult, ContentResult, UnitSummary
from .sheet import Col, Formula, Sheet, coerce_rows, ratio


def channel_results_xlsx(
    *, heading: AnnexHeading, rows: Iterable[ChannelResult | Mapping[str, Any]], formulas: bool = False
) -> bytes:
    """Biểu 01 — Kết quả tuyên truyền CCHC theo hình thức (one reporting unit).

    No totals row: each row counts in its own unit (tin/bài, cụm, cuộc…), so a sum means nothing.
    Column (7) is (6) ÷ (4) × 100, blank when there is no target.
    """
    items = coerce_rows(rows, ChannelResult)
    sheet = Sheet(
        "Biểu 01",
        "Kết quả tuyên truyền cải cách hành chính theo hình thức",
        heading,
        [
            Col("STT", 6, "int"),
            Col("Hình thức tuyên truyền", 34),
            Col("Đơn vị tính", 12, "mark"),
            Col("Kế hoạch năm", 11, "num"),
            Col("Thực hiện trong kỳ", 11, "num"),
            Col("Lũy kế từ đầu năm", 11, "num"),
            Col("Tỷ lệ so với kế hoạch (%)", 12, "pct"),
            Col("Cùng kỳ năm trước", 11, "num"),
            Col("Tài liệu kiểm chứng (đường dẫn, số văn bản)", 32),
            Col("Ghi chú", 18),
        ],
        landscape=True,
    )
    for i, r in enumerate(items, start=1):
        cumulative = r.cumulative if r.cumulative is not None else r.done
        row = sheet.row
        share: Any = ratio(cumulative, r.planned)
        if formulas:
            share = Formula(f'=IF(AND(ISNUMBER(D{row}),D{row}>0),ROUND(F{row}/D{row}*100,1),"")')
        sheet.add(
            [i, r.channel, r.unit, r.planned, r.done, cumulative, share, r.previous, r.evidence, r.note]
        )
    sheet.note("Ghi chú: cột (7) = cột (6) : cột (4) × 100.")
    return sheet.finish()


def content_results_xlsx(
    *, heading: AnnexHeading, rows: Iterable[ContentResult | Mapping[str, Any]], formulas: bool = False
) -> bytes:
    """Biểu 02 — Kết quả tuyên truyền CCHC theo nội dung (lĩnh vực), with a totals row.

    One sheet row per item of ``rows``, in the order given: the caller lists every annex row of the
    catalogue (``plans.AnnexRow``), those without activity included, with zeros.
    """
    ordered = coerce_rows(rows, ContentResult)
    sheet = Sheet(
        "Biểu 02",
        "Kết quả tuyên truyền cải cách hành chính theo nội dung",
        heading,
        [
            Col("STT", 6, "int"),
            Col("Lĩnh vực cải cách hành chính", 34),
            Col("Số tin, bài", 11, "int"),
            Col("Số lượt phát thanh", 11, "int"),
            Col("Hội nghị, tập huấn (cuộc)", 12, "int"),
            Col("Hình thức khác", 11, "int"),
            Col("Ghi chú", 16),
        ],
        landscape=False,
    )
    for i, r in enumerate(ordered, start=1):
        sheet.add([i, r.area, r.articles, r.broadcasts, r.meetings, r.other, r.note])
    totals = [
        sheet.column_sum(c, [getattr(r, key) for r in ordered], formulas)
        for c, key in ((3, "articles"), (4, "broadcasts"), (5, "meetings"), (6, "other"))
    ]
    sheet.add(["", "Tổng cộng", *totals, ""], bold=True)
    return sheet.finish()


def unit_summary_xlsx(
    *,
    heading: AnnexHeading,
    rows: Iterable[UnitSummary | Mapping[str, Any]],
    due_date: dt.date | None = None,
    formulas: bool = False,
) -> bytes:
    """Biểu 03 — Tổng hợp kết quả tuyên truyền CCHC của các cơ quan, đơn vị, xã, phường.

    ``due_date`` is the report deadline: a unit that sent its report on or before it is marked
    "x" in "Đúng hạn". The totals row sums the counts, counts units with a plan and with a LED
    screen, and gives the share of plan tasks done.
    """
    items = coerce_rows(rows, UnitSummary)
    cols = [
        Col("STT", 6, "int"),
        Col("Cơ quan, đơn vị / xã, phường", 28),
        Col("Kế hoạch tuyên truyền (số, ngày)", 20),
        Col("Theo kế hoạch", 9, "int", "Số nhiệm vụ"),
        Col("Đã hoàn thành", 10, "int", "Số nhiệm vụ"),
        Col("Tin, bài trên cổng/trang TTĐT", 11, "int"),
        Col("Phát thanh, truyền thanh (lượt)", 11, "int"),
        Col("Pano, áp phích, băng rôn (cái/cụm)", 11, "int"),
        Col("Có/không", 8, "mark", "Màn hình LED, bảng điện tử"),
        Col("Số nội dung", 9, "int", "Màn hình LED, bảng điện tử"),
        Col("Mạng xã hội (bài)", 10, "int"),
        Col("Số cuộc", 8, "int", "Hội nghị, tập huấn"),
        Col("Lượt người", 9, "int", "Hội nghị, tập huấn"),
        Col("Số cuộc", 8, "int", "Cuộc thi"),
        Col("Lượt người", 9, "int", "Cuộc thi"),
        Col("Hình thức khác", 9, "int"),
        Col("Ngày gửi", 12, "date", "Báo cáo"),
        Col("Đúng hạn", 8, "mark", "Báo cáo"),
        Col("Điểm tự chấm tiêu chí tuyên truyền", 10, "num"),
    ]
    sheet = Sheet(
        "Biểu 03", "Tổng hợp kết quả tuyên truyền cải cách hành chính", heading, cols, landscape=True
    )
    keys = (
        "tasks_planned",
        "tasks_done",
        "articles",
        "broadcasts",
        "panels",
        None,
        "led_items",
        "social_posts",
        "meetings",
        "meeting_attendees",
        "contests",
        "contest_participants",
        "other",
    )
    for i, r in enumerate(items, start=1):
        on_time = (
            "" if r.report_sent is None or due_date is None else ("x" if r.report_sent <= due_date else "")
        )
        counts = [("có" if r.led else "không") if key is None else getattr(r, key) for key in keys]
        sheet.add([i, r.unit, r.plan_ref, *counts, r.report_sent, on_time, r.self_score])
    with_plan = sum(1 for r in items if r.plan_ref.strip())
    totals: list[Any] = []
    for col, key in enumerate(keys, start=4):
        if key is None:
            totals.append(f"{sum(1 for r in items if r.led)} có")
        else:
            totals.append(sheet.column_sum(col, [getattr(r, key) for r in items], formulas))
    sent_on_time = sum(1 for r in items if r.report_sent and due_date and r.report_sent <= due_date)
    on_time_total = f"{sent_on_time}/{len(items)}" if due_date else ""
    sheet.add(
        ["", "Tổng cộng", f"{with_plan}/{len(items)} đơn vị", *totals, None, on_time_total, None],
        bold=True,
    )
    planned = sum(r.tasks_planned for r in items)
    done = sum(r.tasks_done for r in items)
    share = ratio(done, planned)
    if share is not None:
        sheet.note(f"Tỷ lệ nhiệm vụ kế hoạch đã hoàn thành: {str(share).replace('.', ',')}%.")
    return sheet.finish()


def article_log_xlsx(*, heading: AnnexHeading, rows: Iterable[ArticleEntry | Mapping[str, Any]]) -> bytes:
    """Biểu 04 — Danh mục tin, bài (evidence log), oldest first, with the count as the total."""
    items = sorted(coerce_rows(rows, ArticleEntry), key=lambda r: r.published)
    sheet = Sheet(
        "Biểu 04",
        "Danh mục tin, bài tuyên truyền cải cách hành chính",
        heading,
        [
            Col("STT", 6, "int"),
            Col("Ngày đăng/phát", 12, "date"),
            Col("Tiêu đề", 40),
            Col("Kênh", 16),
            Col("Lĩnh vực CCHC", 16),
            Col("Đường dẫn / lịch phát", 30),
            Col("Tác giả / đơn vị", 18),
            Col("Ghi chú", 14),
        ],
        landscape=True,
    )
    for i, r in enumerate(items, start=1):
        sheet.add([i, r.published, r.title, r.channel, r.area, r.link, r.author, r.note])
    sheet.add(["", "Tổng cộng", f"{len(items)} tin, bài", "", "", "", "", ""], bold=True)
    return sheet.finish()

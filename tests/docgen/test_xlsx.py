"""Annex workbooks Biểu 01–04: headers, totals, print setup, and text that must stay text."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from loa.core.errors import ValidationError
from loa.docgen.xlsx import (
    AnnexHeading,
    ArticleEntry,
    ChannelResult,
    ContentResult,
    UnitSummary,
    article_log_xlsx,
    channel_results_xlsx,
    content_results_xlsx,
    unit_summary_xlsx,
)

HEADING = AnnexHeading(
    unit_name="Phòng Văn hóa và Thông tin thị xã Hương Trà",
    period="Năm 2022",
    reference="(Kèm theo Báo cáo số 297/BC-VHTT ngày 21/10/2022 của Phòng Văn hóa và Thông tin)",
)


def _sheet(data: bytes):
    return load_workbook(io.BytesIO(data)).active


def _row_with(ws, text: str) -> int:
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == text:
                return cell.row
    raise AssertionError(text)


def _values(ws, row: int) -> list:
    return [c.value for c in ws[row]]


def _assert_print_setup(ws, orientation: str) -> None:
    assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4) == 9
    assert ws.page_setup.orientation == orientation
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.page_margins.left == pytest.approx(30 / 25.4, abs=0.01)
    assert ws.page_margins.right == pytest.approx(15 / 25.4, abs=0.01)
    assert ws.page_margins.top == pytest.approx(20 / 25.4, abs=0.01)
    first_header = _row_with(ws, "STT")
    assert ws.print_title_rows.startswith(f"${first_header}:")
    assert ws.freeze_panes.startswith("C")
    assert int(ws.freeze_panes[1:]) > first_header
    assert ws["A1"].font.name == "Times New Roman"
    assert ws.oddHeader.center.text == "&P" and ws.HeaderFooter.differentFirst  # page number from page 2


def test_bieu_01_lists_channels_with_units_and_ratio_and_no_meaningless_total():
    data = channel_results_xlsx(
        heading=HEADING,
        rows=[
            ChannelResult("Tin, bài trên cổng thông tin điện tử", "tin/bài", planned=24, done=2),
            {
                "channel": "Cụm pano tuyên truyền làm mới",
                "unit": "cụm",
                "planned": 1,
                "done": 1,
                "cumulative": 1,
            },
            ChannelResult("Định hướng tuyên truyền", "kỳ", planned=None, done=12),
        ],
    )
    ws = _sheet(data)
    assert ws.title == "Biểu 01"
    assert ws["A2"].value == "KẾT QUẢ TUYÊN TRUYỀN CẢI CÁCH HÀNH CHÍNH THEO HÌNH THỨC"
    assert ws["A3"].value == HEADING.reference
    header = _row_with(ws, "STT")
    assert _values(ws, header)[:7] == [
        "STT",
        "Hình thức tuyên truyền",
        "Đơn vị tính",
        "Kế hoạch năm",
        "Thực hiện trong kỳ",
        "Lũy kế từ đầu năm",
        "Tỷ lệ so với kế hoạch (%)",
    ]
    assert ws.cell(header, 1).font.bold and ws.cell(header, 1).border.left.style == "thin"
    assert _values(ws, header + 1)[:3] == ["(1)", "(2)", "(3)"]
    first = header + 2
    assert _values(ws, first)[:7] == [1, "Tin, bài trên cổng thông tin điện tử", "tin/bài", 24, 2, 2, 8.3]
    assert _values(ws, first + 1)[6] == 100
    assert _values(ws, first + 2)[6] is None  # no target, no ratio
    with pytest.raises(AssertionError):
        _row_with(ws, "Tổng cộng")
    _assert_print_setup(ws, "landscape")


def test_bieu_02_writes_the_rows_in_the_order_given_with_totals():
    ws = _sheet(
        content_results_xlsx(
            heading=HEADING,
            rows=[
                ContentResult("Chỉ đạo điều hành"),
                ContentResult("Thủ tục hành chính", articles=2, broadcasts=4),
                ContentResult("Công vụ", meetings=1),
            ],
        )
    )
    header = _row_with(ws, "STT")
    areas = [ws.cell(header + 2 + i, 2).value for i in range(3)]
    assert areas == ["Chỉ đạo điều hành", "Thủ tục hành chính", "Công vụ"]
    assert _values(ws, header + 2)[2:6] == [0, 0, 0, 0]
    total = _row_with(ws, "Tổng cộng")
    assert _values(ws, total)[2:6] == [2, 4, 1, 0]
    assert ws.cell(total, 3).font.bold
    _assert_print_setup(ws, "portrait")


def test_bieu_03_aggregates_units_with_two_level_header_and_totals():
    rows = [
        UnitSummary("Phường Tứ Hạ", "01/KH-UBND ngày 05/01/2022", 10, 8, articles=5, led=True, led_items=3,
                    report_sent=dt.date(2022, 12, 14)),
        UnitSummary("Xã Hương Toàn", "", 6, 6, articles=1, meetings=2, meeting_attendees=80,
                    report_sent=dt.date(2022, 12, 20)),
    ]  # fmt: skip
    ws = _sheet(unit_summary_xlsx(heading=HEADING, rows=rows, due_date=dt.date(2022, 12, 15)))
    header = _row_with(ws, "STT")
    assert ws.cell(header, 4).value == "Số nhiệm vụ"
    assert ws.cell(header + 1, 4).value == "Theo kế hoạch" and ws.cell(header + 1, 5).value == "Đã hoàn thành"
    assert any(str(r) == f"D{header}:E{header}" for r in ws.merged_cells.ranges)
    assert any(str(r) == f"A{header}:A{header + 1}" for r in ws.merged_cells.ranges)
    first = header + 3
    assert ws.cell(first, 18).value == "x" and ws.cell(first + 1, 18).value is None
    assert ws.cell(first, 17).number_format == "DD/MM/YYYY"
    total = _row_with(ws, "Tổng cộng")
    values = _values(ws, total)
    assert values[2] == "1/2 đơn vị"
    assert values[3:6] == [16, 14, 6]
    assert values[8] == "1 có" and values[9] == 3
    assert values[11:13] == [2, 80]
    assert values[17] == "1/2"
    assert any("87,5%" in str(c.value) for row in ws.iter_rows() for c in row)
    _assert_print_setup(ws, "landscape")


def test_totals_can_be_formulas_for_people_who_keep_editing():
    ws = _sheet(
        unit_summary_xlsx(heading=HEADING, rows=[UnitSummary("Phường Tứ Hạ", tasks_planned=3)], formulas=True)
    )
    total = _row_with(ws, "Tổng cộng")
    cell = ws.cell(total, 4)
    assert cell.data_type == "f" and cell.value == f"=SUM(D{total - 1}:D{total - 1})"
    ws1 = _sheet(
        channel_results_xlsx(heading=HEADING, rows=[ChannelResult("Pano", "cụm", 2, 1)], formulas=True)
    )
    ratio = ws1.cell(_row_with(ws1, "Pano"), 7)
    assert ratio.data_type == "f" and ratio.value.startswith("=IF(")


def test_bieu_04_logs_articles_oldest_first_with_a_count():
    ws = _sheet(
        article_log_xlsx(
            heading=HEADING,
            rows=[
                ArticleEntry(dt.date(2022, 9, 1), "Bài sau", "Cổng TTĐT thị xã"),
                {"published": dt.date(2022, 5, 3), "title": "Bài trước", "channel": "Đài truyền thanh"},
            ],
        )
    )
    header = _row_with(ws, "STT")
    assert ws.cell(header + 2, 3).value == "Bài trước"
    assert ws.cell(header + 2, 2).value.date() == dt.date(2022, 5, 3)
    total = _row_with(ws, "Tổng cộng")
    assert ws.cell(total, 3).value == "2 tin, bài"
    _assert_print_setup(ws, "landscape")


def test_text_starting_with_equals_stays_text_and_control_characters_are_dropped():
    ws = _sheet(
        channel_results_xlsx(heading=HEADING, rows=[ChannelResult('=HYPERLINK("http://x")\x07', "cái", 1, 1)])
    )
    cell = ws.cell(_row_with(ws, "STT") + 2, 2)
    assert cell.data_type == "s"
    assert cell.value == '=HYPERLINK("http://x")'


def test_unknown_or_missing_fields_are_refused_in_vietnamese():
    with pytest.raises(ValidationError) as info:
        content_results_xlsx(heading=HEADING, rows=[{"area": "Thể chế", "so_bai": 3}])
    assert "so_bai" in info.value.message and info.value.message.startswith("Dòng 1")
    with pytest.raises(ValidationError):
        article_log_xlsx(heading=HEADING, rows=[{"title": "Thiếu ngày"}])

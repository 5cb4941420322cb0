"""Writing workbooks: the template a unit fills, and the exports of recorded activities (Excel, CSV)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from typing import Any

from loa.activities.importers.xlsx.layout import (
    COLUMNS,
    DATA_SHEET,
    HELP_SHEET,
    LIST_SHEET,
    MAX_ROWS,
    WIDTHS,
)
from loa.core import vn
from loa.core.exports import csv_row, xlsx_cell, xlsx_row


def activities_template(*, unit: Any, channels: Sequence[Any], areas: Sequence[Any]) -> bytes:
    """The Excel template a unit fills: drop-down lists, frozen header, instructions in Vietnamese."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = DATA_SHEET
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DCE6F1")
    keys = list(COLUMNS)
    ws.append([COLUMNS[k] for k in keys])
    for i, key in enumerate(keys, start=1):
        cell = ws.cell(row=1, column=i)
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[get_column_letter(i)].width = WIDTHS[key]
    ws.freeze_panes = "A2"

    lists = wb.create_sheet(LIST_SHEET)
    lists.append(["Hình thức tuyên truyền", "Nội dung CCHC"])
    channel_names = [c.name for c in channels]
    area_names = [a.short_name for a in areas]
    for i in range(max(len(channel_names), len(area_names))):
        lists.append(
            [
                channel_names[i] if i < len(channel_names) else None,
                area_names[i] if i < len(area_names) else None,
            ]
        )
    lists.sheet_state = "hidden"
    last = MAX_ROWS + 1
    channel_dv = DataValidation(
        type="list",
        formula1=f"='{LIST_SHEET}'!$A$2:$A${len(channel_names) + 1}",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Hình thức không có trong danh mục",
        error="Hãy chọn một hình thức trong danh sách.",
    )
    # Several areas may be typed with ";", so the list only suggests and never blocks.
    area_dv = DataValidation(
        type="list",
        formula1=f"='{LIST_SHEET}'!$B$2:$B${len(area_names) + 1}",
        allow_blank=True,
        showErrorMessage=False,
    )
    ws.add_data_validation(channel_dv)
    ws.add_data_validation(area_dv)
    channel_dv.add(f"B2:B{last}")
    area_dv.add(f"E2:E{last}")

    help_ws = wb.create_sheet(HELP_SHEET)
    help_ws.column_dimensions["A"].width = 26
    help_ws.column_dimensions["B"].width = 90
    lines = [
        ("HƯỚNG DẪN NHẬP HOẠT ĐỘNG TUYÊN TRUYỀN CCHC", ""),
        ("Đơn vị", f"{unit.name} (mã {unit.code})"),
        ("", ""),
        ("Cách điền", "Mỗi dòng ở trang «Hoạt động» là một hoạt động. Không gộp ô, không đổi tên cột."),
        ("Ngày thực hiện", "Bắt buộc. Ghi dạng ngày/tháng/năm, ví dụ 21/10/2022."),
        ("Hình thức tuyên truyền", "Bắt buộc. Chọn trong danh sách thả xuống."),
        ("Tên hoạt động", "Bắt buộc. Ví dụ: Tin bài về Bộ phận một cửa."),
        ("Số lượng", "Không bắt buộc, mặc định 1. Tính theo đơn vị của hình thức (tin, bài; buổi; pa nô…)."),
        ("Nội dung CCHC", "Không bắt buộc. Chọn trong danh sách; nhiều nội dung thì cách nhau bằng dấu «;»."),
        ("Số người được tiếp cận", "Không bắt buộc. Số nguyên, ví dụ 1.200."),
        ("Đường dẫn minh chứng", "Không bắt buộc. Địa chỉ bài viết, bắt đầu bằng https://"),
        ("Mô tả", "Không bắt buộc."),
        ("", ""),
        ("Dòng ví dụ", "(chép sang trang «Hoạt động» nếu cần; dòng này không được nhập)"),
    ]
    for line in lines:
        help_ws.append(list(line))
    help_ws["A1"].font = Font(bold=True, size=13)
    example = [
        dt.date(2022, 10, 21),
        channel_names[0] if channel_names else "",
        "Tin bài về kết quả cải cách hành chính quý III",
        2,
        "; ".join(area_names[:2]),
        1200,
        "https://huongtra.thuathienhue.gov.vn/tin-tuc/vi-du",
        "Đăng trên Cổng thông tin điện tử thị xã",
    ]
    help_ws.append([COLUMNS[k] for k in keys])
    help_ws.append(example)
    for i in range(1, len(keys) + 1):
        help_ws.cell(row=help_ws.max_row - 1, column=i).font = bold
    help_ws.cell(row=help_ws.max_row, column=1).number_format = "DD/MM/YYYY"
    wb.active = 0
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


_EXPORT_HEADERS = ["Đơn vị", *COLUMNS.values(), "Nguồn"]


def _export_rows(queryset: Any) -> Iterable[list[Any]]:
    for a in queryset:
        yield [
            a.unit.name,
            a.date,
            a.channel.name,
            a.title,
            a.quantity,
            "; ".join(x.short_name for x in a.areas.all()),
            a.reach,
            a.evidence_url,
            a.description,
            a.get_source_display(),
        ]


def activities_export_xlsx(queryset: Any) -> bytes:
    """The activities as an Excel sheet (dates dd/mm/yyyy), the same columns as the template plus the unit."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(DATA_SHEET)
    for i, width in enumerate([30, *WIDTHS.values(), 18]):
        ws.column_dimensions[chr(ord("A") + i)].width = width
    ws.freeze_panes = "A2"
    header = []
    for name in _EXPORT_HEADERS:
        cell = WriteOnlyCell(ws, value=name)
        cell.font = Font(bold=True)
        header.append(cell)
    ws.append(header)
    for values in _export_rows(queryset):
        date_cell = WriteOnlyCell(ws, value=values[1])
        date_cell.number_format = "DD/MM/YYYY"
        ws.append([xlsx_cell(ws, values[0]), date_cell, *xlsx_row(ws, values[2:])])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def activities_export_csv(queryset: Any) -> str:
    """The activities as CSV, UTF-8 with a byte-order mark so Excel shows Vietnamese correctly."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(_EXPORT_HEADERS)
    for values in _export_rows(queryset):
        values[1] = vn.screen_date(values[1])
        writer.writerow(csv_row(values))
    return out.getvalue()

"""The sheet every annex shares: title block, two-level header with column numbers, bordered cells in
Times New Roman, totals, ND30 print setup (A4, margins, repeated header rows, page number from page 2).
"""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Final

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from loa.core.errors import ValidationError
from loa.core.exports import xlsx_text
from loa.docgen import layout as lay
from loa.nd30 import layout as nd30

from .rows import AnnexHeading


@dataclass(frozen=True)
class Col:
    header: str
    width: float
    kind: str = "text"  # text, int, num, pct, date, mark
    group: str | None = None


_FONT: Final = nd30.FONT_NAME
_THIN: Final = Side(style="thin", color="000000")
_BORDER: Final = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_FORMATS: Final = {"int": "#,##0", "num": "#,##0.##", "pct": "0.0", "date": "DD/MM/YYYY"}
_MM_PER_INCH: Final = 25.4


class Formula(str):
    """A formula Loa writes (totals, ratios), as opposed to text that merely starts with "="."""

    __slots__ = ()


def coerce_rows[R](rows: Iterable[R | Mapping[str, Any]], cls: type[R]) -> list[R]:
    out: list[R] = []
    for i, row in enumerate(rows, start=1):
        if isinstance(row, cls):
            out.append(row)
            continue
        if not isinstance(row, Mapping):
            raise ValidationError(
                f"Dòng {i}: dữ liệu phải là {cls.__name__} hoặc từ điển.", code="docgen.xlsx_row"
            )
        names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
        unknown = sorted(set(row) - names)
        if unknown:
            raise ValidationError(
                f"Dòng {i}: trường không có trong biểu: {', '.join(map(str, unknown))}.",
                code="docgen.xlsx_row",
            )
        try:
            out.append(cls(**row))
        except TypeError as exc:
            raise ValidationError(
                f"Dòng {i}: thiếu trường bắt buộc ({exc}).", code="docgen.xlsx_row"
            ) from None
    return out


class Sheet:
    """One annex sheet: title block, header rows, data rows, totals, print setup."""

    def __init__(self, label: str, title: str, heading: AnnexHeading, cols: list[Col], *, landscape: bool):
        self.wb = Workbook()
        self.ws: Worksheet = self.wb.active
        self.ws.title = label
        self.cols = cols
        self.landscape = landscape
        self.row = 1
        self._title_block(label, title, heading)
        self._header()

    # -- cells

    def put(self, row: int, col: int, value: Any, *, kind: str = "text", bold: bool = False) -> None:
        cell = self.ws.cell(row=row, column=col)
        if isinstance(value, Formula):
            cell.value = str(value)
            cell.data_type = "f"
        else:
            if isinstance(value, str):
                value = lay.clean_text(value)
            cell.value = value
            xlsx_text(cell)  # text typed by a person, never a formula
        cell.font = Font(name=_FONT, size=12, bold=bold)
        if kind in _FORMATS:
            cell.number_format = _FORMATS[kind]
        horizontal = "left" if kind == "text" else "center"
        cell.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=True)
        cell.border = _BORDER

    def _merged(self, row: int, text: str, *, size: float, bold: bool = False, italic: bool = False) -> None:
        last = len(self.cols)
        self.ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last)
        cell = self.ws.cell(row=row, column=1, value=lay.clean_text(text))
        xlsx_text(cell)
        cell.font = Font(name=_FONT, size=size, bold=bold, italic=italic)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)

    def _title_block(self, label: str, title: str, heading: AnnexHeading) -> None:
        ws = self.ws
        cell = ws.cell(row=1, column=1, value=label)
        cell.font = Font(name=_FONT, size=13, bold=True)
        self._merged(2, lay.upper(title), size=14, bold=True)
        ws.row_dimensions[2].height = 36
        row = 3
        if heading.reference:
            self._merged(row, heading.reference, size=12, italic=True)
            row += 1
        self._merged(
            row, f"Đơn vị báo cáo: {heading.unit_name} — Kỳ báo cáo: {heading.period}", size=12, italic=True
        )
        self.row = row + 2

    def _header(self) -> None:
        ws = self.ws
        grouped = any(c.group for c in self.cols)
        top = self.row
        sub = top + 1 if grouped else top
        merges: list[tuple[int, int, int, int]] = []
        col = 1
        while col <= len(self.cols):
            c = self.cols[col - 1]
            if c.group:
                span = 1
                while col + span <= len(self.cols) and self.cols[col + span - 1].group == c.group:
                    span += 1
                for k in range(span):
                    self.put(top, col + k, c.group if k == 0 else None, kind="head", bold=True)
                    self.put(sub, col + k, self.cols[col + k - 1].header, kind="head", bold=True)
                if span > 1:
                    merges.append((top, col, top, col + span - 1))
                col += span
            else:
                self.put(top, col, c.header, kind="head", bold=True)
                if grouped:
                    self.put(sub, col, None, kind="head", bold=True)
                    merges.append((top, col, sub, col))
                col += 1
        # Merge last: cells inside a merged range can no longer be written.
        for r1, c1, r2, c2 in merges:
            ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)
        numbers = sub + 1
        for i in range(1, len(self.cols) + 1):
            self.put(numbers, i, f"({i})", kind="head")
            ws.cell(row=numbers, column=i).font = Font(name=_FONT, size=11, italic=True)
        for i, c in enumerate(self.cols, start=1):
            ws.column_dimensions[get_column_letter(i)].width = c.width
        ws.row_dimensions[top].height = 32 if grouped else 48
        if grouped:
            ws.row_dimensions[sub].height = 48
        self.header_rows = (top, numbers)
        self.row = numbers + 1
        self.first_data = self.row

    # -- rows

    def add(self, values: list[Any], *, bold: bool = False) -> int:
        for i, (c, value) in enumerate(zip(self.cols, values, strict=True), start=1):
            self.put(self.row, i, value, kind=c.kind, bold=bold)
        self.row += 1
        return self.row - 1

    def column_sum(self, col: int, values: list[float | int | None], formulas: bool) -> float | int | str:
        if formulas:
            letter = get_column_letter(col)
            last = self.row - 1
            return (
                Formula(f"=SUM({letter}{self.first_data}:{letter}{last})") if last >= self.first_data else 0
            )
        return sum(v for v in values if v is not None)

    def note(self, text: str) -> None:
        cell = self.ws.cell(row=self.row + 1, column=1, value=text)
        cell.font = Font(name=_FONT, size=11, italic=True)
        self.row += 2

    # -- output

    def finish(self) -> bytes:
        ws = self.ws
        setup = ws.page_setup
        setup.paperSize = ws.PAPERSIZE_A4
        setup.orientation = "landscape" if self.landscape else "portrait"
        setup.fitToWidth = 1
        setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.horizontalCentered = True
        ws.page_margins = PageMargins(
            left=nd30.MARGIN_LEFT_MM / _MM_PER_INCH,
            right=nd30.MARGIN_RIGHT_MM / _MM_PER_INCH,
            top=nd30.MARGIN_TOP_MM / _MM_PER_INCH,
            bottom=nd30.MARGIN_BOTTOM_MM / _MM_PER_INCH,
            header=nd30.HEADER_DISTANCE_MM / _MM_PER_INCH,
            footer=nd30.FOOTER_DISTANCE_MM / _MM_PER_INCH,
        )
        first, last = self.header_rows
        ws.print_title_rows = f"{first}:{last}"
        ws.freeze_panes = f"C{self.first_data}"
        # Page number top centre, not on the first page (as in the report itself).
        ws.HeaderFooter.differentFirst = True
        ws.oddHeader.center.text = "&P"
        ws.oddHeader.center.font = f"{_FONT},Regular"
        ws.oddHeader.center.size = 12
        self.wb.properties.creator = "Loa"
        self.wb.properties.title = ws.title
        self.wb.properties.language = nd30.LANGUAGE
        out = io.BytesIO()
        self.wb.save(out)
        return out.getvalue()


def ratio(done: float | None, planned: float | None) -> float | None:
    if done is None or not planned:
        return None
    return round(done / planned * 100, 1)

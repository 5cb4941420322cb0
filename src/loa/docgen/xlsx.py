"""Annex workbooks (Biểu 01–04 of a CCHC communication report) written with openpyxl.

One function per annex takes plain rows (the dataclasses below, or dicts with the same keys) and
returns the ``.xlsx`` bytes:

- :func:`channel_results_xlsx` — Biểu 01, results by channel (hình thức) for one unit;
- :func:`content_results_xlsx` — Biểu 02, results by CCHC content area;
- :func:`unit_summary_xlsx` — Biểu 03, a district/commune aggregate, one row per reporting unit;
- :func:`article_log_xlsx` — Biểu 04, the evidence log of articles and broadcasts.

Each sheet carries the annex label, title, the "(Kèm theo …)" line, unit and period; a two-level
header in Vietnamese with a row of column numbers; bordered cells in Times New Roman; a totals row
"Tổng cộng" (except Biểu 01, whose rows have different units of measure and do not add up); A4
print setup (orientation, fit to one page wide, header rows repeated, ND30 margins, page number
top centre from page 2) and frozen header rows.

Totals and ratios are written as values by default: every reader (phone previews, Python, web
viewers) shows them, whereas formulas only show once a spreadsheet program recalculates.
``formulas=True`` writes ``SUM``/ratio formulas instead, for people who keep editing the figures.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
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
from loa.nd30 import layout as nd30

from . import layout as lay

__all__ = [
    "CONTENT_AREAS",
    "AnnexHeading",
    "ArticleEntry",
    "ChannelResult",
    "ContentResult",
    "UnitSummary",
    "article_log_xlsx",
    "channel_results_xlsx",
    "content_results_xlsx",
    "unit_summary_xlsx",
]

# Biểu 02 rows, in this order (report-structure.md §3).
CONTENT_AREAS: Final = (
    "Chỉ đạo điều hành",
    "Thể chế",
    "Thủ tục hành chính",
    "Tổ chức bộ máy",
    "Công vụ",
    "Tài chính công",
    "Chính phủ điện tử, chính phủ số",
    "Chỉ số CCHC, SIPAS, PAPI, PCI",
    "Mô hình, sáng kiến",
)


@dataclass(frozen=True)
class AnnexHeading:
    """What the top of every annex sheet says: reporting unit, period and the "(Kèm theo …)" line."""

    unit_name: str
    period: str
    reference: str | None = None


@dataclass(frozen=True)
class ChannelResult:
    """Biểu 01 row: one channel (hình thức) with its unit of measure, target and results."""

    channel: str
    unit: str
    planned: float | None = None
    done: float = 0
    cumulative: float | None = None  # lũy kế từ đầu năm; the period's figure when not given
    evidence: str = ""
    note: str = ""


@dataclass(frozen=True)
class ContentResult:
    """Biểu 02 row: one CCHC content area."""

    area: str
    articles: int = 0
    broadcasts: int = 0
    meetings: int = 0
    other: int = 0
    note: str = ""


@dataclass(frozen=True)
class UnitSummary:
    """Biểu 03 row: one reporting unit (agency, commune, ward) in the aggregate."""

    unit: str
    plan_ref: str = ""  # "07/KH-VHTT ngày 13/01/2022"; blank when the unit issued no plan
    tasks_planned: int = 0
    tasks_done: int = 0
    articles: int = 0
    broadcasts: int = 0
    panels: int = 0
    led: bool = False
    led_items: int = 0
    social_posts: int = 0
    meetings: int = 0
    meeting_attendees: int = 0
    contests: int = 0
    contest_participants: int = 0
    other: int = 0
    report_sent: dt.date | None = None
    self_score: float | None = None


@dataclass(frozen=True)
class ArticleEntry:
    """Biểu 04 row: one article, broadcast or post kept as evidence."""

    published: dt.date
    title: str
    channel: str
    area: str = ""
    link: str = ""
    author: str = ""
    note: str = ""


@dataclass(frozen=True)
class _Col:
    header: str
    width: float
    kind: str = "text"  # text, int, num, pct, date, mark
    group: str | None = None


_FONT: Final = nd30.FONT_NAME
_THIN: Final = Side(style="thin", color="000000")
_BORDER: Final = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_FORMATS: Final = {"int": "#,##0", "num": "#,##0.##", "pct": "0.0", "date": "DD/MM/YYYY"}
_MM_PER_INCH: Final = 25.4


class _Formula(str):
    """A formula Loa writes (totals, ratios), as opposed to text that merely starts with "="."""

    __slots__ = ()


def _rows[R](rows: Iterable[R | Mapping[str, Any]], cls: type[R]) -> list[R]:
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


class _Sheet:
    """One annex sheet: title block, header rows, data rows, totals, print setup."""

    def __init__(self, label: str, title: str, heading: AnnexHeading, cols: list[_Col], *, landscape: bool):
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
        if isinstance(value, _Formula):
            cell.value = str(value)
            cell.data_type = "f"
        else:
            if isinstance(value, str):
                value = lay.clean_text(value)
            cell.value = value
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # text typed by a person, never a formula
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
                _Formula(f"=SUM({letter}{self.first_data}:{letter}{last})") if last >= self.first_data else 0
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


def _ratio(done: float | None, planned: float | None) -> float | None:
    if done is None or not planned:
        return None
    return round(done / planned * 100, 1)


def channel_results_xlsx(
    *, heading: AnnexHeading, rows: Iterable[ChannelResult | Mapping[str, Any]], formulas: bool = False
) -> bytes:
    """Biểu 01 — Kết quả tuyên truyền CCHC theo hình thức (one reporting unit).

    No totals row: each row counts in its own unit (tin/bài, cụm, cuộc…), so a sum means nothing.
    Column (7) is (6) ÷ (4) × 100, blank when there is no target.
    """
    items = _rows(rows, ChannelResult)
    sheet = _Sheet(
        "Biểu 01",
        "Kết quả tuyên truyền cải cách hành chính theo hình thức",
        heading,
        [
            _Col("STT", 6, "int"),
            _Col("Hình thức tuyên truyền", 34),
            _Col("Đơn vị tính", 12, "mark"),
            _Col("Kế hoạch năm", 11, "num"),
            _Col("Thực hiện trong kỳ", 11, "num"),
            _Col("Lũy kế từ đầu năm", 11, "num"),
            _Col("Tỷ lệ so với kế hoạch (%)", 12, "pct"),
            _Col("Tài liệu kiểm chứng (đường dẫn, số văn bản)", 32),
            _Col("Ghi chú", 18),
        ],
        landscape=True,
    )
    for i, r in enumerate(items, start=1):
        cumulative = r.cumulative if r.cumulative is not None else r.done
        row = sheet.row
        ratio: Any = _ratio(cumulative, r.planned)
        if formulas:
            ratio = _Formula(f'=IF(AND(ISNUMBER(D{row}),D{row}>0),ROUND(F{row}/D{row}*100,1),"")')
        sheet.add([i, r.channel, r.unit, r.planned, r.done, cumulative, ratio, r.evidence, r.note])
    sheet.note("Ghi chú: cột (7) = cột (6) : cột (4) × 100.")
    return sheet.finish()


def content_results_xlsx(
    *, heading: AnnexHeading, rows: Iterable[ContentResult | Mapping[str, Any]], formulas: bool = False
) -> bytes:
    """Biểu 02 — Kết quả tuyên truyền CCHC theo nội dung (lĩnh vực), with a totals row.

    Areas of :data:`CONTENT_AREAS` missing from ``rows`` are listed with zeros, in the fixed order;
    other areas follow in the order given.
    """
    items = _rows(rows, ContentResult)
    by_area = {r.area: r for r in items}
    ordered = [by_area.get(a, ContentResult(a)) for a in CONTENT_AREAS]
    ordered += [r for r in items if r.area not in CONTENT_AREAS]
    sheet = _Sheet(
        "Biểu 02",
        "Kết quả tuyên truyền cải cách hành chính theo nội dung",
        heading,
        [
            _Col("STT", 6, "int"),
            _Col("Lĩnh vực cải cách hành chính", 34),
            _Col("Số tin, bài", 11, "int"),
            _Col("Số lượt phát thanh", 11, "int"),
            _Col("Hội nghị, tập huấn (cuộc)", 12, "int"),
            _Col("Hình thức khác", 11, "int"),
            _Col("Ghi chú", 16),
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
    items = _rows(rows, UnitSummary)
    cols = [
        _Col("STT", 6, "int"),
        _Col("Cơ quan, đơn vị / xã, phường", 28),
        _Col("Kế hoạch tuyên truyền (số, ngày)", 20),
        _Col("Theo kế hoạch", 9, "int", "Số nhiệm vụ"),
        _Col("Đã hoàn thành", 10, "int", "Số nhiệm vụ"),
        _Col("Tin, bài trên cổng/trang TTĐT", 11, "int"),
        _Col("Phát thanh, truyền thanh (lượt)", 11, "int"),
        _Col("Pano, áp phích, băng rôn (cái/cụm)", 11, "int"),
        _Col("Có/không", 8, "mark", "Màn hình LED, bảng điện tử"),
        _Col("Số nội dung", 9, "int", "Màn hình LED, bảng điện tử"),
        _Col("Mạng xã hội (bài)", 10, "int"),
        _Col("Số cuộc", 8, "int", "Hội nghị, tập huấn"),
        _Col("Lượt người", 9, "int", "Hội nghị, tập huấn"),
        _Col("Số cuộc", 8, "int", "Cuộc thi"),
        _Col("Lượt người", 9, "int", "Cuộc thi"),
        _Col("Hình thức khác", 9, "int"),
        _Col("Ngày gửi", 12, "date", "Báo cáo"),
        _Col("Đúng hạn", 8, "mark", "Báo cáo"),
        _Col("Điểm tự chấm tiêu chí tuyên truyền", 10, "num"),
    ]
    sheet = _Sheet(
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
    share = _ratio(done, planned)
    if share is not None:
        sheet.note(f"Tỷ lệ nhiệm vụ kế hoạch đã hoàn thành: {str(share).replace('.', ',')}%.")
    return sheet.finish()


def article_log_xlsx(*, heading: AnnexHeading, rows: Iterable[ArticleEntry | Mapping[str, Any]]) -> bytes:
    """Biểu 04 — Danh mục tin, bài (evidence log), oldest first, with the count as the total."""
    items = sorted(_rows(rows, ArticleEntry), key=lambda r: r.published)
    sheet = _Sheet(
        "Biểu 04",
        "Danh mục tin, bài tuyên truyền cải cách hành chính",
        heading,
        [
            _Col("STT", 6, "int"),
            _Col("Ngày đăng/phát", 12, "date"),
            _Col("Tiêu đề", 40),
            _Col("Kênh", 16),
            _Col("Lĩnh vực CCHC", 16),
            _Col("Đường dẫn / lịch phát", 30),
            _Col("Tác giả / đơn vị", 18),
            _Col("Ghi chú", 14),
        ],
        landscape=True,
    )
    for i, r in enumerate(items, start=1):
        sheet.add([i, r.published, r.title, r.channel, r.area, r.link, r.author, r.note])
    sheet.add(["", "Tổng cộng", f"{len(items)} tin, bài", "", "", "", "", ""], bold=True)
    return sheet.finish()

"""Reading and checking a filled template (pure: bytes and catalogues in, rows and problems out)."""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from loa.activities.importers.xlsx.layout import (
    COLUMNS,
    DATA_SHEET,
    MAX_BYTES,
    MAX_ROWS,
    REQUIRED,
)
from loa.core import vn
from loa.core.errors import ValidationError

# Headers officers add by habit; ignored rather than reported.
_IGNORED_HEADERS = {"stt", "tt", "so thu tu", "don vi"}
_HEADER_KEYS = {vn.fold(h): k for k, h in COLUMNS.items()}
_THOUSANDS_RE = re.compile(r"^\d{1,3}(?:([.,\s])\d{3})(?:\1\d{3})*$")
_MERGE_RE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+\d+(?::[A-Z]+\d+)?)"')
# A light check per row (Django's URLValidator costs ~0.15 ms a row, too much for 50,000 rows).
_URL_RE = re.compile(r"^https?://[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?$", re.IGNORECASE)


@dataclass(frozen=True)
class Problem:
    """Why one cell (or the header) cannot be imported. ``row`` is the Excel row number."""

    row: int
    column: str
    reason: str

    def __str__(self) -> str:
        return f"Dòng {self.row}, cột {self.column}: {self.reason}"


@dataclass
class RowResult:
    """One data row as read: the parsed values, and whether it may be saved."""

    row: int
    date: dt.date | None = None
    channel: Any = None
    title: str = ""
    quantity: int = 1
    areas: list[Any] = field(default_factory=list)
    reach: int | None = None
    evidence_url: str = ""
    description: str = ""
    valid: bool = True


@dataclass
class ImportCheck:
    """Every row of a file and every problem found in it (empty ``problems``: the file is clean)."""

    rows: list[RowResult]
    problems: list[Problem]

    @property
    def valid_rows(self) -> list[RowResult]:
        return [r for r in self.rows if r.valid]


@functools.lru_cache(maxsize=4096)
def _fold(text: str) -> str:
    # Channel and area names repeat on every row: fold each spelling once.
    return vn.fold(text)


def _catalogue_index(items: Iterable[Any], *names: str) -> dict[str, Any]:
    index: dict[str, Any] = {}
    for item in items:
        for name in names:
            value = getattr(item, name, "")
            if value:
                index.setdefault(vn.fold(str(value)), item)
    return index


def _not_excel(message: str = "") -> ValidationError:
    return ValidationError(
        message or "Tệp không phải bảng tính Excel (.xlsx). Hãy dùng tệp mẫu của Loa và lưu dạng .xlsx.",
        code="activities.import_not_excel",
    )


def _open(data: bytes):
    import openpyxl

    if len(data) > MAX_BYTES:
        raise ValidationError(
            f"Tệp quá lớn (tối đa {MAX_BYTES // 2**20} MB). Hãy chia thành nhiều tệp nhỏ hơn.",
            code="activities.import_too_big",
        )
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise _not_excel(
            "Tệp là định dạng Excel cũ (.xls). Hãy mở bằng Excel, chọn Lưu thành… → Sổ làm việc Excel (.xlsx)."
        )
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise _not_excel()
    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many types for a broken package
        raise _not_excel() from None


def _merged_ranges(wb: Any, ws: Any) -> list[str]:
    # Read-only worksheets do not expose merged cells; the ranges sit at the end of the sheet XML.
    path = getattr(ws, "_worksheet_path", None)
    archive = getattr(wb, "_archive", None)
    if not path or archive is None:
        return []
    with archive.open(path) as fh:
        return [m.decode() for m in _MERGE_RE.findall(fh.read())]


def _as_int(value: Any) -> int | str | None:
    """An integer from a cell, ``None`` when empty, or the reason it is not one."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        return "Không phải số."
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else "Phải là số nguyên."
    text = str(value).strip().replace("\u00a0", " ")
    if text.isdigit():
        return int(text)
    if _THOUSANDS_RE.match(text):
        return int(re.sub(r"\D", "", text))
    return f"«{text}» không phải số nguyên (ví dụ: 1200 hoặc 1.200)."


def _as_date(value: Any) -> dt.date | str:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and 1 < value < 2958466:
        from openpyxl.utils.datetime import from_excel

        return from_excel(value).date()
    text = str(value).strip()
    parsed = vn.parse_vn_date(text)
    if parsed is None:
        return f"«{text}» không phải ngày hợp lệ (ghi ngày/tháng/năm, ví dụ 21/10/2022)."
    return parsed


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return vn.collapse_ws(vn.nfc(str(value)))


@dataclass(frozen=True)
class CatalogueItem:
    """A channel or content area as the check needs it (plain data: it crosses to the budgeted
    child and back, where model instances may not); ``pk`` finds the row again."""

    pk: int
    code: str
    name: str
    short_name: str = ""

    @classmethod
    def of(cls, row: Any) -> CatalogueItem:
        return cls(pk=row.pk, code=row.code, name=row.name, short_name=getattr(row, "short_name", "") or "")


# Rows checked between two progress reports.
_PROGRESS_EVERY = 200


def activities_import_check(
    data: bytes,
    *,
    channels: Sequence[Any],
    areas: Sequence[Any],
    progress: Callable[[int, int], None] | None = None,
) -> ImportCheck:
    """Read an activities workbook and check every row against the catalogues.

    Raises :class:`ValidationError` only for a file that cannot be read at all (not Excel, too big,
    too many rows); anything wrong inside the sheet comes back as problems. ``progress`` is told
    ``(rows checked, rows in the sheet)`` every few hundred rows (the sheet's size as the file
    declares it, so an estimate until the end).
    """
    wb = _open(data)
    try:
        ws = wb[DATA_SHEET] if DATA_SHEET in wb.sheetnames else wb.worksheets[0]
        problems: list[Problem] = []
        for ref in _merged_ranges(wb, ws):
            problems.append(
                Problem(
                    row=int(re.sub(r"\D", "", ref.split(":")[0])),
                    column=ref,
                    reason="Ô bị gộp (merge). Hãy bỏ gộp ô và ghi giá trị vào từng dòng.",
                )
            )
        rows_iter = ws.iter_rows(values_only=True)
        header = next(rows_iter, None) or ()
        columns: dict[int, str] = {}
        for i, raw in enumerate(header):
            name = _text(raw)
            if not name:
                continue
            key = _HEADER_KEYS.get(vn.fold(name))
            if key is None:
                if vn.fold(name) not in _IGNORED_HEADERS:
                    problems.append(
                        Problem(row=1, column=name, reason=f"Cột «{name}» không có trong mẫu của Loa.")
                    )
                continue
            if key in columns.values():
                problems.append(Problem(row=1, column=name, reason=f"Cột «{name}» bị lặp lại."))
                continue
            columns[i] = key
        for key in REQUIRED:
            if key not in columns.values():
                problems.append(
                    Problem(row=1, column=COLUMNS[key], reason=f"Thiếu cột «{COLUMNS[key]}» ở dòng tiêu đề.")
                )
        if any(p.row == 1 for p in problems):
            return ImportCheck(rows=[], problems=problems)
        channel_index = _catalogue_index(channels, "code", "name")
        area_index = _catalogue_index(areas, "code", "name", "short_name")
        merged_rows = {p.row for p in problems}
        rows: list[RowResult] = []
        declared = max(0, (getattr(ws, "max_row", None) or 1) - 1)
        for number, values in enumerate(rows_iter, start=2):
            if not any(v is not None and str(v).strip() for v in values):
                continue
            if len(rows) >= MAX_ROWS:
                raise ValidationError(
                    f"Tệp có hơn {MAX_ROWS:,} dòng hoạt động. Hãy chia thành nhiều tệp.".replace(",", "."),
                    code="activities.import_too_many_rows",
                )
            cells = {key: values[i] if i < len(values) else None for i, key in columns.items()}
            result, row_problems = _check_row(number, cells, channel_index, area_index)
            if number in merged_rows:
                result.valid = False
            problems.extend(row_problems)
            rows.append(result)
            if progress is not None and len(rows) % _PROGRESS_EVERY == 0:
                progress(len(rows), max(declared, len(rows)))
    finally:
        wb.close()
    if progress is not None:
        progress(len(rows), len(rows))
    problems.sort(key=lambda p: p.row)
    return ImportCheck(rows=rows, problems=problems)


def _check_row(
    number: int, cells: dict[str, Any], channel_index: dict[str, Any], area_index: dict[str, Any]
) -> tuple[RowResult, list[Problem]]:
    row = RowResult(row=number)
    problems: list[Problem] = []

    def bad(key: str, reason: str) -> None:
        problems.append(Problem(row=number, column=COLUMNS[key], reason=reason))

    value = cells.get("date")
    if value is None or (isinstance(value, str) and not value.strip()):
        bad("date", "Cần nhập ngày thực hiện.")
    else:
        parsed = _as_date(value)
        if isinstance(parsed, str):
            bad("date", parsed)
        elif parsed > dt.date.today() + dt.timedelta(days=1):
            bad("date", "Ngày thực hiện không thể ở tương lai.")
        else:
            row.date = parsed
    name = _text(cells.get("channel"))
    if not name:
        bad("channel", "Cần chọn hình thức tuyên truyền.")
    elif (channel := channel_index.get(_fold(name))) is None:
        bad("channel", f"Không có hình thức «{name}» trong danh mục.")
    else:
        row.channel = channel
    row.title = _text(cells.get("title"))
    if not row.title:
        bad("title", "Cần nhập tên hoạt động.")
    elif len(row.title) > 500:
        bad("title", "Tên hoạt động dài quá 500 ký tự.")
    quantity = _as_int(cells.get("quantity"))
    if isinstance(quantity, str):
        bad("quantity", quantity)
    elif quantity is not None and quantity < 1:
        bad("quantity", "Số lượng phải từ 1 trở lên.")
    else:
        row.quantity = quantity or 1
    reach = _as_int(cells.get("reach"))
    if isinstance(reach, str):
        bad("reach", reach)
    elif reach is not None and reach < 0:
        bad("reach", "Số người được tiếp cận không thể âm.")
    else:
        row.reach = reach
    for part, area in _split_areas(_text(cells.get("areas")), area_index):
        if area is None:
            bad("areas", f"Không có nội dung CCHC «{part}» trong danh mục.")
        elif area not in row.areas:
            row.areas.append(area)
    row.evidence_url = _text(cells.get("evidence_url"))
    if row.evidence_url:
        if not _URL_RE.match(row.evidence_url):
            bad("evidence_url", "Đường dẫn không hợp lệ (phải bắt đầu bằng http:// hoặc https://).")
        if len(row.evidence_url) > 500:
            bad("evidence_url", "Đường dẫn dài quá 500 ký tự.")
    description = cells.get("description")
    row.description = vn.nfc(str(description)).strip() if description is not None else ""
    row.valid = not problems
    return row, problems


_MAX_AREA_PARTS = 20
"""Content areas named in one cell beyond which the cell is refused whole (a catalogue has ~15)."""


def _split_areas(text: str, index: dict[str, Any]) -> list[tuple[str, Any]]:
    """Content areas written in one cell, separated by ";" or ",".

    Some catalogue names hold a comma themselves ("Chính phủ điện tử, số"), so after splitting on
    ";" the longest run of comma-separated pieces that names an area wins; a run is never longer
    than the longest name in the catalogue (trying every run made a 1.5 KB cell take 30 s). A cell
    naming more than :data:`_MAX_AREA_PARTS` unknown areas stops there.
    """
    found: list[tuple[str, Any]] = []
    longest = 1 + max((key.count(",") for key in index), default=0)
    unknown = 0
    for piece in re.split(r"[;\n]", text):
        tokens = [t.strip() for t in piece.split(",")]
        i = 0
        while i < len(tokens):
            if not tokens[i]:
                i += 1
                continue
            for j in range(min(len(tokens), i + longest), i, -1):
                name = ", ".join(tokens[i:j])
                if _fold(name) in index:
                    found.append((name, index[_fold(name)]))
                    i = j
                    break
            else:
                found.append((tokens[i], None))
                unknown += 1
                if unknown >= _MAX_AREA_PARTS:
                    return found
                i += 1
    return found

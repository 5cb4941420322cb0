"""Activities from and to Excel: the template, the row-by-row check, the import, the exports.

The check (:func:`activities_import_check`) is pure: it reads bytes and the catalogues and returns
every problem of every row, so an officer fixes the whole file at once instead of one error per
upload. :func:`activities_import` is the service that saves.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from loa.core import vn
from loa.core.errors import ValidationError

MAX_ROWS = 50_000
MAX_BYTES = 10 * 1024 * 1024
DATA_SHEET = "Hoạt động"
LIST_SHEET = "Danh mục"
HELP_SHEET = "Hướng dẫn"

# Column key → header in the template, in template order.
COLUMNS: dict[str, str] = {
    "date": "Ngày thực hiện",
    "channel": "Hình thức tuyên truyền",
    "title": "Tên hoạt động",
    "quantity": "Số lượng",
    "areas": "Nội dung CCHC",
    "reach": "Số người được tiếp cận",
    "evidence_url": "Đường dẫn minh chứng",
    "description": "Mô tả",
}
REQUIRED = ("date", "channel", "title")
WIDTHS = {
    "date": 16,
    "channel": 42,
    "title": 60,
    "quantity": 10,
    "areas": 36,
    "reach": 14,
    "evidence_url": 45,
    "description": 50,
}
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


@dataclass(frozen=True)
class Duplicate:
    """A row that repeats an activity already recorded (``activity``) or an earlier row of the file
    (``same_row``); see :class:`loa.activities.selectors.DuplicateFinder`."""

    row: int
    activity: Any = None
    same_row: int | None = None

    @property
    def reason(self) -> str:
        if self.activity is not None:
            return f"Trùng với hoạt động đã ghi nhận ngày {self.activity.date:%d/%m/%Y}"
        return f"Trùng với dòng {self.same_row} trong tệp"

    def __str__(self) -> str:
        ref = f" (mã {self.activity.pk})" if self.activity is not None else ""
        return f"Dòng {self.row}: {self.reason}{ref}."


@dataclass
class ImportResult:
    """What an import did: rows read, rows saved (0 when refused or a dry run), the problems, and
    the exact duplicates found (skipped unless ``kept_duplicates``)."""

    total: int
    created: int
    problems: list[Problem]
    dry_run: bool = False
    duplicates: list[Duplicate] = field(default_factory=list)
    kept_duplicates: bool = False

    @property
    def skipped(self) -> int:
        return self.total - self.created


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


def activities_import_check(data: bytes, *, channels: Sequence[Any], areas: Sequence[Any]) -> ImportCheck:
    """Read an activities workbook and check every row against the catalogues.

    Raises :class:`ValidationError` only for a file that cannot be read at all (not Excel, too big,
    too many rows); anything wrong inside the sheet comes back as problems.
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
    finally:
        wb.close()
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


def _split_areas(text: str, index: dict[str, Any]) -> list[tuple[str, Any]]:
    """Content areas written in one cell, separated by ";" or ",".

    Some catalogue names hold a comma themselves ("Chính phủ điện tử, số"), so after splitting on
    ";" the longest run of comma-separated pieces that names an area wins.
    """
    found: list[tuple[str, Any]] = []
    for piece in re.split(r"[;\n]", text):
        tokens = [t.strip() for t in piece.split(",")]
        i = 0
        while i < len(tokens):
            if not tokens[i]:
                i += 1
                continue
            for j in range(len(tokens), i, -1):
                name = ", ".join(tokens[i:j])
                if _fold(name) in index:
                    found.append((name, index[_fold(name)]))
                    i = j
                    break
            else:
                found.append((tokens[i], None))
                i += 1
    return found


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


def activities_import(
    *,
    actor: Any,
    unit: Any,
    data: bytes,
    only_valid: bool = False,
    dry_run: bool = False,
    keep_duplicates: bool = False,
) -> ImportResult:
    """Import a filled template into ``unit``'s activities, all or nothing (or only the valid rows).

    One transaction; nothing is saved when any row has a problem unless ``only_valid``. Rows get the
    same checks as :func:`loa.activities.services.activity_record` (a date inside the unit's
    lifetime included) and ``source=IMPORT``. Exact duplicates of activities already recorded, or
    of an earlier row of the same file, are not problems: they are listed and skipped, or saved
    too when the user explicitly asks (``keep_duplicates``).

    Rows are saved with ``bulk_create`` (activities, then their content-area links) and the audit
    trail gets ONE ``activities.import`` row with the counts and the new ids instead of one row per
    activity: a 10,000-line file then takes seconds, not minutes, and the audit still answers "who
    added these, when, from which file". Per-activity history starts with the first edit.
    """
    from loa.activities.models import Activity, Source
    from loa.activities.selectors import DuplicateFinder
    from loa.activities.services import _clean
    from loa.core.audit import audit_record
    from loa.organizations.access import Action, require
    from loa.organizations.lifetime import lifetime_problem
    from loa.plans.models import Channel, ContentArea

    if actor is not None:
        require(actor, Action.RECORD, unit)
    check = activities_import_check(
        data, channels=list(Channel.objects.filter(active=True)), areas=list(ContentArea.objects.all())
    )
    problems = list(check.problems)
    header_broken = any(p.row == 1 for p in problems)
    good: list[RowResult] = []
    for row in check.valid_rows:
        try:
            row.title = _clean(title=row.title, quantity=row.quantity, date=row.date, reach=row.reach)
        except ValidationError as exc:
            for key, reason in (exc.context.get("fields") or {"title": exc.message}).items():
                problems.append(Problem(row=row.row, column=COLUMNS.get(key, key), reason=reason))
            row.valid = False
            continue
        if (reason := lifetime_problem(unit, row.date)) is not None:
            problems.append(Problem(row=row.row, column=COLUMNS["date"], reason=reason))
            row.valid = False
            continue
        good.append(row)
    problems.sort(key=lambda p: p.row)
    finder = DuplicateFinder(unit=unit, dates=[r.date for r in good])
    duplicates: list[Duplicate] = []
    fresh: list[RowResult] = []
    for row in good:
        same = finder.see(
            row.row, date=row.date, channel_id=row.channel.pk, title=row.title, evidence_url=row.evidence_url
        )
        if same is not None:
            duplicates.append(
                Duplicate(row=row.row, same_row=same)
                if isinstance(same, int)
                else Duplicate(row=row.row, activity=same)
            )
        if same is None or keep_duplicates:
            fresh.append(row)
    good = fresh
    total = len(check.rows)
    outcome = {"problems": problems, "duplicates": duplicates, "kept_duplicates": keep_duplicates}
    if header_broken or dry_run or (problems and not only_valid) or not good:
        return ImportResult(total=total, created=0, dry_run=dry_run, **outcome)
    user = actor if getattr(actor, "is_authenticated", False) else None
    with transaction.atomic():
        activities = Activity.objects.bulk_create(
            [
                Activity(
                    unit=unit,
                    date=r.date,
                    channel=r.channel,
                    title=r.title,
                    title_key=vn.fold(r.title)[:500],
                    description=r.description,
                    quantity=r.quantity,
                    reach=r.reach,
                    evidence_url=r.evidence_url,
                    source=Source.IMPORT,
                    created_by=user,
                )
                for r in good
            ],
            batch_size=2000,
        )
        through = Activity.areas.through
        links = [
            through(activity_id=a.pk, contentarea_id=area.pk)
            for a, r in zip(activities, good, strict=True)
            for area in r.areas
        ]
        through.objects.bulk_create(links, batch_size=5000)
        ids = [a.pk for a in activities]
        audit_record(
            actor=actor,
            verb="activities.import",
            target=unit,
            unit_id=unit.pk,
            after={
                "rows": total,
                "created": len(activities),
                "skipped": total - len(activities),
                "duplicates": len(duplicates),
                "kept_duplicates": keep_duplicates,
                "first_id": min(ids),
                "last_id": max(ids),
            },
        )
    return ImportResult(total=total, created=len(activities), **outcome)


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
        ws.append([values[0], date_cell, *values[2:]])
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
        writer.writerow(["" if v is None else v for v in values])
    return out.getvalue()

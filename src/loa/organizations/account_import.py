"""Bulk import of accounts and roles from an XLSX or CSV file (nhập tài khoản hàng loạt).

One row = one role of one person: ``Tên đăng nhập, Họ và tên, Thư điện tử, Mã đơn vị, Vai trò,
Từ ngày, Đến ngày``. A person with two roles takes two rows with the same username. Every row is
checked first; the file is imported only when no row is wrong (all or nothing, one transaction),
and a dry run reports what would be created or changed without writing. Row errors are Vietnamese
and name the line as a spreadsheet shows it ("Dòng 5: …", the header being line 1).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import asdict, dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q

from loa.core import vn
from loa.core.errors import ValidationError
from loa.organizations.access import Action, can
from loa.organizations.accounts import account_create, identity_problems, membership_grant, role_parse
from loa.organizations.models import Membership, Role, Unit

COLUMNS = [
    ("username", "Tên đăng nhập"),
    ("full_name", "Họ và tên"),
    ("email", "Thư điện tử"),
    ("unit", "Mã đơn vị"),
    ("role", "Vai trò"),
    ("valid_from", "Từ ngày"),
    ("valid_to", "Đến ngày"),
]
REQUIRED = ("username", "full_name", "unit", "role")
_HEADERS = {vn.fold(label): key for key, label in COLUMNS} | {key: key for key, _ in COLUMNS}
_HEADERS |= {"email": "email", "e-mail": "email", "ma don vi": "unit", "don vi": "unit"}
MAX_ROWS = 5000
CREATE, GRANT, SAME = "create", "grant", "same"
ACTION_LABELS = {CREATE: "Tạo tài khoản", GRANT: "Thêm phân công", SAME: "Đã có, không đổi"}


@dataclass
class PlannedRow:
    """What one valid row will do (``action``: create / grant / same)."""

    line: int
    username: str
    full_name: str
    email: str
    unit_code: str
    unit_name: str
    role: str
    role_label: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    action: str

    @property
    def action_label(self) -> str:
        return ACTION_LABELS[self.action]


@dataclass
class ImportResult:
    """The outcome of a check (``dry_run``) or an import."""

    dry_run: bool
    rows: list[PlannedRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    imported: bool = False
    skipped_example: int | None = None  # the line of the template's example row, left as it was

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    def as_dict(self) -> dict[str, Any]:
        return {
            "dry_run": self.dry_run,
            "imported": self.imported,
            "rows": len(self.rows),
            "accounts_created": self.count(CREATE),
            "memberships_created": self.count(CREATE) + self.count(GRANT),
            "unchanged": self.count(SAME),
            "errors": self.errors,
            "skipped_example_line": self.skipped_example,
            "plan": [
                {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in asdict(r).items()}
                for r in self.rows
            ],
        }


# The template's example row. Left in the file as it is, it is skipped (and said so), not refused:
# people fill the rows below it more often than they delete it.
EXAMPLE_ROW = (
    "nguyenvana",
    "Nguyễn Văn A",
    "nguyenvana@phongthai.gov.vn",
    "xa-phong-thai",
    "Cán bộ đầu mối",
    "01/07/2025",
    "",
)


def _is_example(row: dict[str, str]) -> bool:
    return all(row.get(key, "") == value for (key, _), value in zip(COLUMNS, EXAMPLE_ROW, strict=True))


def accounts_template(*, fmt: str = "xlsx") -> bytes:
    """The file to fill in: Vietnamese headers, one example row (skipped if left as it is), and
    (XLSX) a sheet explaining each column and listing the roles."""
    example = list(EXAMPLE_ROW)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow([label for _, label in COLUMNS])
        writer.writerow(example)
        return ("\ufeff" + out.getvalue()).encode("utf-8")
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Tài khoản"
    sheet.append([label for _, label in COLUMNS])
    sheet.append(example)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCDEFG", (18, 26, 32, 22, 22, 12, 12), strict=True):
        sheet.column_dimensions[letter].width = width
    help_sheet = book.create_sheet("Hướng dẫn")
    for row in (
        ["Cột", "Cách điền"],
        [
            "Tên đăng nhập",
            "Bắt buộc. Chữ không dấu, số và . @ + - _; mỗi người một tên. Người có hai vai trò ghi hai dòng cùng tên.",
        ],
        ["Họ và tên", "Bắt buộc, có dấu, ví dụ Nguyễn Văn A."],
        ["Thư điện tử", "Để gửi thư mời đặt mật khẩu; không trùng với tài khoản khác."],
        [
            "Mã đơn vị",
            "Mã đơn vị trong Loa (xem trang Quản lý đơn vị), phải thuộc phạm vi quản lý của người nhập.",
        ],
        ["Vai trò", "Một trong: " + "; ".join(Role.labels)],
        ["Từ ngày", "Ngày bắt đầu vai trò (dd/mm/yyyy); để trống: từ nay."],
        ["Đến ngày", "Để trống nếu chưa có ngày kết thúc."],
        [
            "",
            "Dòng ví dụ (nguyenvana) được bỏ qua nếu để nguyên; có thể xoá hoặc ghi đè lên nó. "
            "Có dòng lỗi thì không dòng nào được nhập.",
        ],
    ):
        help_sheet.append(row)
    help_sheet.column_dimensions["A"].width = 16
    help_sheet.column_dimensions["B"].width = 100
    out_bytes = io.BytesIO()
    book.save(out_bytes)
    return out_bytes.getvalue()


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return vn.nfc(str(value)).strip()


def read_rows(data: bytes, *, filename: str = "") -> list[tuple[int, dict[str, str]]]:
    """(line number, column → text) for every non-empty row of an XLSX or CSV file."""
    if data[:2] == b"PK" or filename.lower().endswith(".xlsx"):
        table = _xlsx_table(data)
    else:
        table = _csv_table(data)
    if not table:
        raise ValidationError("Tệp trống: không có dòng tiêu đề.", code="accounts_import.empty")
    header = [_HEADERS.get(vn.fold(vn.collapse_ws(h))) for h in table[0]]
    missing = [label for key, label in COLUMNS if key in REQUIRED and key not in header]
    if missing:
        raise ValidationError(
            "Dòng 1: thiếu cột " + ", ".join(f"“{m}”" for m in missing) + " (tải tệp mẫu để xem các cột).",
            code="accounts_import.missing_columns",
        )
    rows = []
    for n, values in enumerate(table[1:], start=2):
        if not any(values):
            continue
        rows.append((n, {key: values[i] if i < len(values) else "" for i, key in enumerate(header) if key}))
    if len(rows) > MAX_ROWS:
        raise ValidationError(
            f"Tệp có quá {MAX_ROWS} dòng; chia thành nhiều tệp.", code="accounts_import.too_many"
        )
    return rows


def _xlsx_table(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a damaged or foreign file
        raise ValidationError(
            "Không đọc được tệp Excel; dùng tệp mẫu .xlsx hoặc .csv.", code="accounts_import.unreadable"
        ) from None
    sheet = book.worksheets[0]
    table = [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    book.close()
    return table


def _csv_table(data: bytes) -> list[list[str]]:
    for encoding in ("utf-8-sig", "cp1258"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1258 decodes almost anything
        raise ValidationError("Không đọc được tệp CSV (mã hoá UTF-8).", code="accounts_import.unreadable")
    if "\x00" in text:
        raise ValidationError(
            "Không đọc được tệp; dùng tệp mẫu .xlsx hoặc .csv.", code="accounts_import.unreadable"
        )
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return [[vn.nfc(c).strip() for c in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _parse_day(text: str) -> dt.date | bool | None:
    """A date, None for empty, False for unreadable."""
    if not text:
        return None
    day = vn.parse_vn_date(text)
    if day is None:
        try:
            return dt.date.fromisoformat(text[:10])
        except ValueError:
            return False
    return day


def accounts_import(
    *, actor: Any, data: bytes, filename: str = "", dry_run: bool = False, invite: bool = True
) -> ImportResult:
    """Check every row, then (unless ``dry_run`` or any row is wrong) create the accounts and roles
    in one transaction, invitations mailed after the commit to new accounts with an e-mail."""
    result = ImportResult(dry_run=dry_run)
    rows = read_rows(data, filename=filename)
    example = next((line for line, row in rows if _is_example(row)), None)
    if example is not None:
        result.skipped_example = example
        rows = [(line, row) for line, row in rows if line != example]
    if not rows:
        result.errors.append(
            "Tệp chỉ có dòng ví dụ của mẫu: hãy điền tài khoản vào các dòng dưới tiêu đề."
            if example is not None
            else "Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."
        )
        return result
    User = get_user_model()
    codes = {r.get("unit", "").lower() for _, r in rows}
    units = {u.code: u for u in Unit.objects.filter(code__in=codes)}
    seen_user: dict[str, tuple[int, str, str]] = {}  # username (folded) → (line, full name, email)
    seen_email: dict[str, tuple[int, str]] = {}
    seen_role: dict[tuple[str, str, str], int] = {}
    today = dt.date.today()
    for line, row in rows:
        problems = _row_problems(actor, row, units, today)
        username, email = row.get("username", ""), row.get("email", "")
        key = username.lower()
        existing = User.objects.filter(username__iexact=username).first() if username else None
        if username and key in seen_user:
            first_line, first_name, first_email = seen_user[key]
            if (first_name, first_email.lower()) != (row.get("full_name", ""), email.lower()):
                problems.append(
                    f"tên đăng nhập “{username}” đã có ở dòng {first_line} với họ tên hoặc thư điện tử khác"
                )
        elif username:
            seen_user[key] = (line, row.get("full_name", ""), email)
            if existing is not None:
                if email and existing.email.lower() != email.lower():
                    problems.append(f"tên đăng nhập “{username}” đã có người dùng (thư điện tử khác)")
            else:
                for field_name, message in identity_problems(username=username, email=email).items():
                    problems.append(message[0].lower() + message[1:].rstrip("."))
                    if field_name == "email":
                        email = ""  # reported once
        if email and existing is None:
            owner = seen_email.get(email.lower())
            if owner and owner[1] != key:
                problems.append(f"thư điện tử “{email}” trùng với dòng {owner[0]}")
            seen_email.setdefault(email.lower(), (line, key))
        if problems:
            result.errors.extend(f"Dòng {line}: {p}." for p in problems)
            continue
        unit = units[row["unit"].lower()]
        role = role_parse(row["role"])
        assert role is not None
        start, end = _parse_day(row.get("valid_from", "")), _parse_day(row.get("valid_to", ""))
        role_key = (key, unit.code, role.value)
        if role_key in seen_role:
            result.errors.append(
                f"Dòng {line}: trùng với dòng {seen_role[role_key]} (cùng người, đơn vị, vai trò)."
            )
            continue
        seen_role[role_key] = line
        action = CREATE if existing is None else _grant_action(existing, unit, role, start, end)
        if action is None:
            result.errors.append(
                f"Dòng {line}: {username} đã có vai trò {role.label} ở {unit.name} trong một phần thời gian này."
            )
            continue
        if existing is None and any(r.username.lower() == key for r in result.rows):
            action = GRANT  # the account is created by an earlier row
        result.rows.append(
            PlannedRow(
                line=line,
                username=existing.username if existing else username,
                full_name=row.get("full_name", ""),
                email=email,
                unit_code=unit.code,
                unit_name=unit.name,
                role=role.value,
                role_label=role.label,
                valid_from=start or None,
                valid_to=end or None,
                action=action,
            )
        )
    if result.errors or dry_run:
        return result
    _apply(actor, result, units, invite)
    result.imported = True
    return result


def _row_problems(actor: Any, row: dict[str, str], units: dict[str, Unit], today: dt.date) -> list[str]:
    problems = []
    for key, label in COLUMNS:
        if key in REQUIRED and not row.get(key):
            problems.append(f"thiếu “{label}”")
    code = row.get("unit", "").lower()
    unit = units.get(code)
    if code and (unit is None or not can(actor, Action.ORGANIZE, unit)):
        problems.append(f"đơn vị “{row['unit']}” không có hoặc nằm ngoài phạm vi quản lý của bạn")
        unit = None
    role = role_parse(row.get("role", "")) if row.get("role") else None
    if row.get("role") and role is None:
        problems.append(f"vai trò “{row['role']}” không có (dùng: {', '.join(Role.labels)})")
    if role is Role.ADMIN and unit is not None and not can(actor, Action.MANAGE, unit):
        problems.append("chỉ quản trị viên mới giao được vai trò Quản trị")
    start, end = _parse_day(row.get("valid_from", "")), _parse_day(row.get("valid_to", ""))
    if start is False:
        problems.append(f"“Từ ngày” “{row['valid_from']}” không đúng dạng dd/mm/yyyy")
    if end is False:
        problems.append(f"“Đến ngày” “{row['valid_to']}” không đúng dạng dd/mm/yyyy")
    if isinstance(start, dt.date) and isinstance(end, dt.date) and end < start:
        problems.append(f"“Đến ngày” {end:%d/%m/%Y} trước “Từ ngày” {start:%d/%m/%Y}")
    if unit is not None and unit.valid_to is not None:
        day = start if isinstance(start, dt.date) else today
        if day > unit.valid_to:
            problems.append(f"{unit.name} đã kết thúc hoạt động ngày {unit.valid_to:%d/%m/%Y}")
    return problems


def _grant_action(user: Any, unit: Unit, role: Role, start: Any, end: Any) -> str | None:
    """GRANT, SAME (an existing membership covers the period) or None (a partial overlap)."""
    start, end = start or None, end or None
    overlapping = Membership.objects.filter(user=user, unit=unit, role=role).filter(
        (Q(valid_to__isnull=True) | Q(valid_to__gte=start)) if start else Q(),
        (Q(valid_from__isnull=True) | Q(valid_from__lte=end)) if end else Q(),
    )
    for m in overlapping:
        covers = (m.valid_from is None or (start is not None and m.valid_from <= start)) and (
            m.valid_to is None or (end is not None and m.valid_to >= end)
        )
        return SAME if covers else None
    return GRANT


@transaction.atomic
def _apply(actor: Any, result: ImportResult, units: dict[str, Unit], invite: bool) -> None:
    User = get_user_model()
    for row in result.rows:
        unit = units[row.unit_code]
        if row.action == CREATE:
            account_create(
                actor=actor,
                username=row.username,
                full_name=row.full_name,
                email=row.email,
                unit=unit,
                role=row.role,
                valid_from=row.valid_from,
                valid_to=row.valid_to,
                invite=invite,
            )
        elif row.action == GRANT:
            membership_grant(
                actor=actor,
                user=User.objects.get(username__iexact=row.username),
                unit=unit,
                role=row.role,
                valid_from=row.valid_from,
                valid_to=row.valid_to,
            )

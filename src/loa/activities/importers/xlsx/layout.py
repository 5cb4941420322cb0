"""The template's layout (sheets, columns, widths) and the limits of an import."""

from __future__ import annotations

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

"""What every reader shares: the result types, the size limit, the messages and the failure helper."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Final

from loa.core.errors import ValidationError

DEFAULT_MAX_BYTES: Final = 20 * 1024 * 1024
"""Largest file accepted (20 MB): an administrative document is rarely over 5 MB."""

TEXT_SUFFIXES: Final = frozenset({".txt", ".md", ".markdown", ".text"})
OFFICE_SUFFIXES: Final = frozenset({".doc", ".rtf", ".odt"})
SUPPORTED_HINT: Final = "TXT, MD, DOCX, DOC, PDF"

_MSG = {
    "not_found": "Không tìm thấy tệp «{name}».",
    "empty": "Tệp «{name}» rỗng, không có nội dung để đọc.",
    "too_large": "Tệp «{name}» quá lớn ({size} MB); giới hạn là {limit} MB.",
    "unsupported": "Không đọc được tệp «{name}»: định dạng không được hỗ trợ (hỗ trợ "
    + SUPPORTED_HINT
    + ").",
    "corrupt": "Tệp «{name}» bị hỏng hoặc không đúng định dạng {fmt}.",
    "unsafe": "Tệp «{name}» có cấu trúc không an toàn ({why}) nên không được mở.",
    "encrypted": "Tệp PDF «{name}» được đặt mật khẩu; hãy gỡ mật khẩu rồi tải lên lại.",
    "scanned_no_ocr": (
        "Tệp PDF «{name}» là bản quét (không có lớp văn bản) và máy chủ chưa cài Tesseract để nhận dạng "
        "chữ; hãy tải lên bản DOCX hoặc PDF có văn bản."
    ),
    "ocr_too_many_pages": (
        "Tệp PDF «{name}» là bản quét có {pages} trang, quá nhiều để nhận dạng chữ (tối đa {limit} "
        "trang); hãy tải lên bản DOCX hoặc PDF có văn bản, hoặc tách các trang cần đọc."
    ),
    "ocr_too_slow": (
        "Tệp «{name}» quá lớn hoặc quá phức tạp để đọc: nhận dạng chữ bản quét không xong sau {seconds} "
        "giây; hãy tải lên bản DOCX hoặc PDF có văn bản."
    ),
    "ocr_failed": "Không nhận dạng được chữ trong bản quét «{name}».",
    "binary": "Tệp «{name}» không phải văn bản thuần (có dữ liệu nhị phân).",
    "tool_missing": "Máy chủ chưa cài {tool} nên không đọc được tệp «{name}».",
    "tool_failed": "{tool} không chuyển đổi được tệp «{name}».",
}


@dataclass(frozen=True)
class ReadBlock:
    """One block in reading order: a paragraph, or one flattened table row (``cells`` kept)."""

    kind: str  # "paragraph" | "row"
    text: str
    cells: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReadResult:
    """What a file says, as text in reading order.

    ``text`` is NFC; ``lines`` splits it; ``blocks`` keeps paragraphs and table rows apart.
    ``hard_wrapped`` is true when a paragraph may run over several lines (plain text, PDF) and
    false when each line is one paragraph (DOCX). ``warnings`` are Vietnamese, for the user.
    """

    text: str
    source_format: str
    blocks: tuple[ReadBlock, ...] = ()
    warnings: tuple[str, ...] = ()
    hard_wrapped: bool = True
    encoding: str | None = None
    filename: str = ""

    @property
    def lines(self) -> tuple[str, ...]:
        """Lines of :attr:`text` in reading order."""
        return tuple(self.text.split("\n"))


@dataclass
class _Ctx:
    name: str
    warnings: list[str] = field(default_factory=list)


def _fail(key: str, ctx: _Ctx, **kw: Any) -> ValidationError:
    return ValidationError(_MSG[key].format(name=ctx.name, **kw), code=f"ingest.{key}", file=ctx.name)


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".rstrip("0").rstrip(".")

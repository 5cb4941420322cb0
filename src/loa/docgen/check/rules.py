"""What every rule shares: the rule codes, :class:`Violation`, text helpers and the checker's state."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass
from typing import Any, Final

from .reading import _Par, _paragraphs, _Run, _Styles

RULES: Final[dict[str, str]] = {
    "nd30.page_size": "Khổ giấy A4 (210 × 297 mm)",
    "nd30.orientation": "Trình bày theo chiều dài khổ A4 (khổ ngang chỉ cho bảng biểu)",
    "nd30.margins": "Lề trên, dưới 20–25 mm; lề trái 30–35 mm; lề phải 15–20 mm",
    "nd30.font": "Phông chữ Times New Roman",
    "nd30.body_size": "Cỡ chữ phần nội dung 13–14",
    "nd30.body_justify": "Nội dung căn đều hai lề",
    "nd30.number_missing": "Có số, ký hiệu văn bản (“Số: …/…”)",
    "nd30.number_zero": "Số nhỏ hơn 10 ghi thêm số 0 phía trước",
    "nd30.symbol": "Ký hiệu viết liền, không có dấu cách, đúng dạng",
    "nd30.date_missing": "Có địa danh và thời gian ban hành",
    "nd30.date_format": "Ngày dưới 10 và tháng 1, 2 ghi thêm số 0; các tháng khác không",
    "nd30.national_name": "Quốc hiệu “CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM”",
    "nd30.motto": "Tiêu ngữ “Độc lập - Tự do - Hạnh phúc”",
    "nd30.header_style": "Kiểu chữ, cỡ chữ của Quốc hiệu, Tiêu ngữ, địa danh và ngày tháng",
    "nd30.kind_name": "Tên loại văn bản in hoa (trừ công văn)",
    "nd30.recipients_missing": "Có mục “Nơi nhận:”",
    "nd30.archive": "Dòng cuối nơi nhận “- Lưu: VT, …”",
    "nd30.closing": "Kết thúc nội dung bằng “./.”",
    "nd30.signature": "Có chức vụ và họ tên người ký",
}

_REPORT_CAP: Final = 10  # per-paragraph findings reported one by one, then summed up

_SEGMENT_GAP_RE = re.compile(r"\t+|\s{3,}")


@dataclass(frozen=True)
class Violation:
    """One departure from Nghị định 30/2020: stable ``rule`` code, Vietnamese ``message``, ``where``."""

    rule: str
    message: str
    where: str

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


def _segment_starts(text: str) -> list[int]:
    """Where a header item may begin: the paragraph start and after tabs or long runs of spaces
    (headers typed with tabs put "Số: …" and the date on one line)."""
    starts = [len(text) - len(text.lstrip())]
    starts += [m.end() for m in _SEGMENT_GAP_RE.finditer(text) if m.end() < len(text)]
    return sorted(set(starts))


def _segments(text: str) -> list[str]:
    starts = _segment_starts(text)
    return [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]


def _where(par: _Par) -> str:
    snippet = par.flat if len(par.flat) <= 60 else par.flat[:59] + "…"
    return f"Đoạn {par.index}: '{snippet}'"


def _mm(length: int | None) -> float | None:
    return None if length is None else length / 36000


def _fmt_pt(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def _fmt_mm(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def _runs_in_span(par: _Par, start: int, end: int) -> list[_Run]:
    return [r for r in par.runs if r.text.strip() and r.start < end and r.start + len(r.text) > start]


def _flat_tone(text: str) -> str:
    """Case-folded text with the old tone placement of "hoà" read as "hòa"."""
    return unicodedata.normalize("NFC", text).casefold().replace("hoà", "hòa")


# --------------------------------------------------------------------------------------------
# The checks.


class _CheckerBase:
    """The document being checked and the violations found so far; the rules are mixins on it."""

    def __init__(self, document: Any) -> None:
        self.doc = document
        self.styles = _Styles(document)
        self.pars = _paragraphs(document.element.body)
        self.out: list[Violation] = []
        self.header_end = 0  # list position after the "Số" and date lines

    def add(self, rule: str, message: str, where: str) -> None:
        self.out.append(Violation(rule, message, where))

    def add_capped(self, rule: str, found: list[tuple[str, str]]) -> None:
        for message, where in found[:_REPORT_CAP]:
            self.add(rule, message, where)
        if len(found) > _REPORT_CAP:
            self.add(rule, f"Còn {len(found) - _REPORT_CAP} đoạn khác cùng lỗi.", "Nhiều đoạn")

"""Quantities stated with a unit: "2 tin, bài", "01 cụm pano", "350 lượt", "sau 10 ngày".

Only counts with a known unit of measure are taken (precision first): dates ("10 tháng 3"),
document numbers, article and clause numbers ("Điều 23", "khoản 5"), years and list numbering are
not statistics.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from loa.ingest.parse.scan import finditer_guarded, word_alternation
from loa.ingest.parse.text import Prepared, fold_char

__all__ = ["Statistic", "find_statistics"]

Span = tuple[int, int]

# Units of measure seen in agency reports (cchc-communication catalogue), longest first at match time.
UNITS: Final[tuple[str, ...]] = (
    "tin, bài", "tin bài", "tin/bài", "tin, bài, phóng sự", "bài viết", "bài đăng", "bài dự thi", "bài",
    "tin", "phóng sự", "chuyên mục", "chuyên đề", "chương trình", "số báo", "ấn phẩm",
    "cụm pano", "pano", "áp phích", "băng rôn", "băng zôn", "khẩu hiệu", "câu khẩu hiệu", "biển",
    "bảng", "tờ rơi", "tờ gấp", "cuốn", "quyển", "bản", "trang", "video", "clip", "phim",
    "cuộc thi", "hội thi", "đêm diễn", "buổi diễn", "suất diễn", "điểm diễn", "đêm", "cuộc", "buổi", "lớp", "hội nghị", "đợt", "lượt người", "lượt", "người",
    "đại biểu", "học viên", "học sinh", "cán bộ", "công chức", "viên chức", "đoàn viên", "hội viên",
    "hộ", "hộ gia đình", "giờ", "phút", "ngày", "ngày làm việc", "tuần", "tháng", "năm",
    "thủ tục hành chính", "thủ tục", "TTHC", "hồ sơ", "văn bản", "kế hoạch", "báo cáo", "mô hình",
    "điểm", "xã", "phường", "đơn vị", "cơ quan", "trường", "nhiệm vụ trọng tâm", "nhiệm vụ",
    "giải pháp", "giải", "đồng", "triệu đồng", "nghìn đồng", "tỷ đồng", "%", "lần", "sản phẩm",
    "câu hỏi", "ý kiến", "kiến nghị", "cái", "bộ", "chiếc", "màn hình", "trạm", "cụm loa",
    "thành viên", "bậc", "hạng", "tổ chức", "doanh nghiệp", "cá nhân", "tập thể", "đồng chí", "lượt truy cập",
    "lượt xem", "lượt tiếp cận", "lượt chia sẻ", "lượt phát", "giờ phát sóng", "cụm", "tuyến",
    "bài dự thi", "giải thưởng", "khóa", "khoá", "đoàn", "chi bộ", "đảng viên", "hội nghị trực tuyến",
)  # fmt: skip

_UNIT_FOLDS: Final = sorted(
    ((("".join(fold_char(c) for c in u)), u) for u in UNITS), key=lambda x: len(x[0]), reverse=True
)
_UNIT_ALT: Final = word_alternation(f for f, _ in _UNIT_FOLDS)
# A count does not continue a word, a number, a symbol or a date (the lookbehind). The lookahead
# for a digit first lets the engine skip to the digits, and the lookbehind then drops a digit inside
# a number at once. The number is atomic: no unit starts with a digit, ".", "," or a blank, so
# giving back any of them could never let a unit match; the engine is told not to try.
_QTY_RE: Final = re.compile(
    r"(?=\d)(?<![\w/.,\-])"
    rf"(?>(?P<n>\d{{1,3}}(?:\.\d{{3}})+|\d+)(?:,(?P<dec>\d+))?\s*)(?P<unit>{_UNIT_ALT})(?![\w/])"
)
_WORD_START_RE: Final = re.compile(r"\b")
_COUNT_AFTER_RE: Final = re.compile(
    rf"(?:so luong|tong so|so)\s+(?P<unit>{_UNIT_ALT})\b[^:\n]{{0,120}}:\s*(?P<n>\d+)(?![\w/.,]\d)"
)
# Words before a number that make it an identifier or a date, not a count.
_BEFORE_BAD_WORDS: Final = (
    "dieu", "khoan", "diem", "chuong", "muc", "so", "nam", "thang", "ngay", "quy", "lan thu", "phan",
    "phu luc", "giai doan", "khoa", "nhiem ky", "sau ngay", "phong", "can", "to", "km", "quoc lo", "duong",
)  # fmt: skip
_BEFORE_BAD_RE: Final = re.compile(r"\b(?:" + "|".join(_BEFORE_BAD_WORDS) + r")\s*$")
_PERIOD_AFTER_RE: Final = re.compile(r"\s*(?:dau|cuoi|nam|qua|vua qua)\b")
_AFTER_BAD_RE: Final = re.compile(r"^\s*(?:\d|/|nam\s+\d|-\s*\d)")


@dataclass
class Statistic:
    """A quantity with its unit and a short description (the phrase it was found in)."""

    what: str
    quantity: float
    unit: str
    span: Span

    def as_record(self) -> dict[str, object]:
        qty: int | float = int(self.quantity) if self.quantity == int(self.quantity) else self.quantity
        return {"what": self.what, "quantity": qty, "unit": self.unit}


_UNIT_BY_FOLD: Final[dict[str, str]] = {}
for _f, _u in _UNIT_FOLDS:
    _UNIT_BY_FOLD.setdefault(_f, _u)  # the first in the list wins, as in a scan of it


def _unit_for(folded: str) -> str:
    key = " ".join(folded.split())
    return _UNIT_BY_FOLD.get(key, key)


def _what(p: Prepared, start: int, end: int) -> str:
    """The clause a figure stands in, on its own line: "Làm mới 01 cụm pano tuyên truyền CCHC"."""
    text = p.clean
    # The nearest mark on each side; a search stops at the line's start (its "\n") and 80
    # characters after the figure, beyond which no mark can win.
    left = text.rfind("\n", 0, start)
    left = max(left, *(text.rfind(mark, left + 1, start) for mark in (".", ";", "|")))
    bound = min(end + 80, len(text))
    rights = [i for i in (text.find(mark, end, bound) for mark in (".", ";", "\n", ",", "|")) if i >= 0]
    right = min([*rights, bound])
    what = " ".join(text[left + 1 : right].split()).strip(" -+*•:")
    return what[:160]


def find_statistics(p: Prepared, start: int, end: int) -> list[Statistic]:
    """Quantities with units in the text between offsets ``start`` and ``end``."""
    flat = p.flat_folded
    found: list[Statistic] = []
    taken: list[Span] = []
    for match in finditer_guarded(_WORD_START_RE, _COUNT_AFTER_RE, flat, start, end):
        unit = _unit_for(match.group("unit"))
        found.append(
            Statistic(_what(p, match.start(), match.end()), float(match.group("n")), unit, match.span())
        )
        taken.append(match.span())
    for match in _QTY_RE.finditer(flat, start, end):
        if taken and any(s <= match.start() < e for s, e in taken):
            continue
        before = flat[max(0, match.start() - 20) : match.start()]
        tail = before.rstrip()
        # The pattern can only match where the text ends with one of its words: test that first.
        if (tail.endswith(_BEFORE_BAD_WORDS) and _BEFORE_BAD_RE.search(before)) or tail.endswith(
            ("(", "/", "-")
        ):
            continue
        unit_fold = " ".join(match.group("unit").split())
        after = flat[match.end() : match.end() + 8]
        if unit_fold in {"thang", "nam", "ngay"} and _AFTER_BAD_RE.match(after):
            continue  # "10 tháng 3", "ngày 5 tháng": a date
        if unit_fold == "thang" and (
            before.rstrip().endswith(("trong", "ky", "qua"))
            or _PERIOD_AFTER_RE.match(after + flat[match.end() + 8 : match.end() + 16])
        ):
            continue  # "trong 9 tháng", "6 tháng đầu năm": the period, not a quantity
        number = match.group("n").replace(".", "")
        value = float(number + ("." + match.group("dec") if match.group("dec") else ""))
        if unit_fold in {"nam", "thang"} and value > 100:
            continue
        unit = _unit_for(unit_fold)
        # Keep the unit as written in the text (case and accents of the source).
        written = " ".join(p.flat_clean[match.start("unit") : match.end("unit")].split())
        found.append(Statistic(_what(p, match.start(), match.end()), value, written or unit, match.span()))
    found.sort(key=lambda s: s.span[0])
    return found

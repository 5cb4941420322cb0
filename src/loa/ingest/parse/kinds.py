"""Document kinds as they are written in texts: Nghị định 30/2020 (Điều 7, Phụ lục III) plus the
legal and Party documents that administrative texts cite (Luật, Nghị định, Thông tư…)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from loa.core.vn import fold as _vn_fold

_fold = lru_cache(maxsize=8192)(_vn_fold)

__all__ = [
    "ADMIN_KINDS",
    "CITED_KINDS",
    "KIND_BY_ABBR",
    "KIND_BY_FOLD",
    "cited_kind_pattern",
    "kind_abbr",
]

#: ND30 kinds (name, abbreviation); a công văn has no abbreviation.
ADMIN_KINDS: Final[tuple[tuple[str, str | None], ...]] = (
    ("Nghị quyết", "NQ"),
    ("Quyết định", "QĐ"),
    ("Chỉ thị", "CT"),
    ("Quy chế", "QC"),
    ("Quy định", "QyĐ"),
    ("Thông cáo", "TC"),
    ("Thông báo", "TB"),
    ("Hướng dẫn", "HD"),
    ("Chương trình", "CTr"),
    ("Kế hoạch", "KH"),
    ("Phương án", "PA"),
    ("Đề án", "ĐA"),
    ("Dự án", "DA"),
    ("Báo cáo", "BC"),
    ("Biên bản", "BB"),
    ("Tờ trình", "TTr"),
    ("Hợp đồng", "HĐ"),
    ("Công điện", "CĐ"),
    ("Bản ghi nhớ", "BGN"),
    ("Bản thỏa thuận", "BTT"),
    ("Giấy ủy quyền", "GUQ"),
    ("Giấy mời", "GM"),
    ("Giấy giới thiệu", "GGT"),
    ("Giấy nghỉ phép", "GNP"),
    ("Phiếu gửi", "PG"),
    ("Phiếu chuyển", "PC"),
    ("Phiếu báo", "PB"),
    ("Công văn", None),
)

#: Kinds that appear in citations only (legal documents and others), with their usual abbreviation.
CITED_KINDS: Final[tuple[tuple[str, str | None], ...]] = (
    ("Báo cáo thẩm định", "BCTĐ"),
    ("Thông tư liên tịch", "TTLT"),
    ("Nghị quyết liên tịch", "NQLT"),
    ("Nghị định", "NĐ"),
    ("Thông tư", "TT"),
    ("Luật", None),
    ("Bộ luật", None),
    ("Pháp lệnh", "PL"),
    ("Kết luận", "KL"),
    ("Văn bản", None),
    ("Lệnh", None),
    ("Hiến pháp", None),
    ("Quy chuẩn", None),
    ("Chỉ thị liên tịch", None),
)

_ALL: Final = CITED_KINDS + ADMIN_KINDS
KIND_BY_FOLD: Final[dict[str, tuple[str, str | None]]] = {_fold(n): (n, a) for n, a in _ALL}
KIND_BY_ABBR: Final[dict[str, str]] = {a: n for n, a in _ALL if a}
# Abbreviations by length, longest first, so "TTLT" wins over "TT" and "BCTĐ" over "BC".
ABBRS_LONGEST_FIRST: Final = tuple(sorted(KIND_BY_ABBR, key=len, reverse=True))


def kind_abbr(name: str) -> str | None:
    """The ND30 abbreviation of a kind name ("Báo cáo" → "BC"; "Công văn" → None)."""
    found = KIND_BY_FOLD.get(_fold(name))
    return found[1] if found else None


def cited_kind_pattern() -> str:
    """Regex alternation (on folded text) of every kind name, longest first."""
    names = sorted(KIND_BY_FOLD, key=len, reverse=True)
    return "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names)

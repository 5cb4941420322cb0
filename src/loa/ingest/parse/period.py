"""The period a document covers, read from its subject: "năm 2022", "quý I năm 2024",
"6 tháng đầu năm 2023", "9 tháng năm 2024", "giai đoạn 2021 - 2025", "năm học 2014-2015"."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from loa.core.vn import fold as _vn_fold

_fold = lru_cache(maxsize=8192)(_vn_fold)

__all__ = ["find_period"]

_ROMAN: Final = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_SCHOOL_RE: Final = re.compile(r"nam hoc\s*(\d{4})\s*-\s*(\d{4})")
_RANGE_RE: Final = re.compile(
    r"(?:giai doan|nhiem ky|thoi ky|tu nam)\s*(\d{4})\s*(?:-|den)\s*(?:nam\s*)?(\d{4})"
)
_QUARTER_RE: Final = re.compile(r"quy\s*(iv|iii|ii|i|[1-4])\s*(?:/|nam)\s*(\d{4})")
_HALF_RE: Final = re.compile(r"6 thang\s*(dau|cuoi)?\s*(?:nam\s*)?(\d{4})?")
_MONTHS_RE: Final = re.compile(r"(9|3) thang\s*(?:dau\s*)?(?:nam\s*)?(\d{4})")
_MONTH_RE: Final = re.compile(r"\bthang\s*(\d{1,2})\s*(?:/|nam)\s*(\d{4})")
_YEAR_RE: Final = re.compile(r"\bnam\s*(\d{4})\b(?!\s*-\s*\d{4})")
_YEAR_ANY_RE: Final = re.compile(r"\b((?:19|20)\d\d)\b")

# Kinds that report on or plan for a period; notices, decisions and invitations name events.
PERIOD_KINDS: Final = frozenset(
    {
        "bao cao",
        "ke hoach",
        "chuong trinh",
        "cong van",
        "huong dan",
        "to trinh",
        "de an",
        "phuong an",
        "nghi quyet",
    }
)


def find_period(subject: str | None, kind: str | None) -> dict[str, object] | None:
    """Period dict as in the record format, or None when the subject names none."""
    if not subject or (kind and _fold(kind) not in PERIOD_KINDS):
        return None
    text = _fold(subject)
    if m := _SCHOOL_RE.search(text):
        return {"kind": "school_year", "start_year": int(m[1]), "end_year": int(m[2])}
    if m := _RANGE_RE.search(text):
        return {"kind": "range", "from_year": int(m[1]), "to_year": int(m[2])}
    if m := _QUARTER_RE.search(text):
        quarter = _ROMAN.get(m[1]) or int(m[1])
        return {"kind": "quarter", "year": int(m[2]), "quarter": quarter}
    if (m := _HALF_RE.search(text)) and (m[2] or _YEAR_ANY_RE.search(text)):
        year = int(m[2]) if m[2] else int(_YEAR_ANY_RE.search(text)[1])  # type: ignore[index]
        return {"kind": "half", "year": year, "half": 2 if m[1] == "cuoi" else 1}
    if m := _MONTHS_RE.search(text):
        return {"kind": "months", "year": int(m[2]), "months": int(m[1])}
    if m := _MONTH_RE.search(text):
        return {"kind": "month", "year": int(m[2]), "month": int(m[1])}
    if m := _YEAR_RE.search(text):
        return {"kind": "year", "year": int(m[1])}
    return None

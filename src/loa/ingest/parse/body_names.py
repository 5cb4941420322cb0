"""Names of bodies as a person writes them: "SỞ GIÁO DỤC VÀ ĐÀO TẠO" → "Sở Giáo dục và Đào tạo".

A header prints the parent and issuing bodies in capitals; the registry keeps them in sentence case
(Phụ lục II of Nghị định 30): the type word and the field capitalised, place names in title case,
the common abbreviations kept.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from loa.core.vn import fold as _vn_fold
from loa.ingest.legacy import is_vietnamese_syllable
from loa.ingest.parse.text import is_upper_text

_fold = lru_cache(maxsize=8192)(_vn_fold)

__all__ = ["sentence_case_body"]

# Field names written with each syllable capitalised (Bộ Công Thương, Sở Công Thương).
_PROPER_FIELDS: Final = {"cong thuong": "Công Thương"}
_KEEP_ABBR: Final = frozenset(
    {"UBND", "HĐND", "TX.", "TP.", "UBMTTQ", "MTTQ", "CCHC", "VH-TT", "GD&ĐT", "VH&TT"}
)
_PLACE_UNITS_WRITTEN: Final = ("thành phố", "thị xã", "thị trấn", "tỉnh", "huyện", "quận", "xã", "phường")
_ROMAN_RE: Final = re.compile(r"^[IVXLC]+[.,]?$")
_SCHOOL_LEVELS: Final = (
    "thcs", "thpt", "th", "mn", "ptdtbt", "ptdtnt", "tieu hoc", "mam non", "trung hoc co so",
    "trung hoc pho thong", "mau giao",
)  # fmt: skip


def _is_abbreviation(word: str) -> bool:
    """ "UBND", "THCS", "GD&ĐT", "TX.": a capitalised group that is not a Vietnamese syllable."""
    letters = word.strip(".,;:()")
    if not letters or not letters.isupper():
        return False
    if "&" in letters or word.endswith(".") or any(c.isdigit() for c in letters):
        return True
    return not all(is_vietnamese_syllable(part) for part in letters.split("-") if part)


def _sentence_case_word(word: str, capital: bool) -> str:
    if word in _KEEP_ABBR or _is_abbreviation(word) or _ROMAN_RE.match(word):
        return word
    parts = word.lower().split("-")
    # "GIÁO DỤC-ĐÀO TẠO": each field joined by a hyphen starts with a capital.
    return "-".join(
        part[:1].upper() + part[1:] if (capital or i > 0) else part for i, part in enumerate(parts)
    )


@lru_cache(maxsize=4096)
def sentence_case_body(text: str) -> str:
    """A body name as a person writes it: "SỞ GIÁO DỤC VÀ ĐÀO TẠO" → "Sở Giáo dục và Đào tạo",
    "UBND TỈNH LÀO CAI" → "UBND tỉnh Lào Cai" (Phụ lục II: type word and field capitalised,
    place names in title case, common abbreviations kept)."""
    words = text.split()
    if not words or not is_upper_text(text):
        return " ".join(words)
    out: list[str] = []
    folded_words = [_fold(w) for w in words]
    i = 0
    place_mode = False
    capital_next = True
    while i < len(words):
        word = words[i]
        key = folded_words[i]
        pair = " ".join(folded_words[i : i + 2])
        if pair in _PROPER_FIELDS and not place_mode:
            out.append(_PROPER_FIELDS[pair])
            i += 2
            capital_next = False
            continue
        lowered = " ".join(w.lower() for w in words[i : i + 2])
        unit = next(
            (u for u in _PLACE_UNITS_WRITTEN if lowered == u or lowered.startswith(u + " ")),
            None,
        )
        if unit == "xã" and lowered == "xã hội":
            unit = None  # "Lao động - Thương binh và Xã hội" is a field, not a commune
        if unit and i > 0 and not place_mode:
            n = len(unit.split())
            numbered = i + n < len(words) and words[i + n][:1].isdigit()
            # "Quận 1", "Phường 3": a unit named by a number keeps its capital (Phụ lục II).
            out.extend(
                w.capitalize() if numbered and j == 0 else w.lower() for j, w in enumerate(words[i : i + n])
            )
            i += n
            place_mode = True
            continue
        if word in {"TX.", "TP.", "Q.", "H."} or (
            word.endswith(".") and len(word) <= 3 and word[:-1].isupper()
        ):
            out.append(word)
            place_mode = True
            i += 1
            continue
        level = next(
            (lv for lv in _SCHOOL_LEVELS if " ".join(folded_words[i : i + len(lv.split())]) == lv), None
        )
        if level and not place_mode and i > 0:
            # "TRƯỜNG THCS NGUYỄN DU", "TRƯỜNG TIỂU HỌC KIM ĐỒNG": a school's name follows its level.
            n = len(level.split())
            out.extend(_sentence_case_word(w, j == 0) for j, w in enumerate(words[i : i + n]))
            i += n
            place_mode = True
            continue
        if place_mode:
            out.append(_sentence_case_word(word, True))
        else:
            out.append(_sentence_case_word(word, capital_next))
            capital_next = key in {"va", "-"} or word.endswith("-")
            if i == 0 and key in {"so", "phong", "bo", "cuc", "ban", "vien", "truong", "dai"}:
                capital_next = True
            if i == 0 and key in {"chi", "tong", "trung", "van", "cong", "hop", "thanh", "kho", "bao", "toa"}:
                capital_next = False
            if i == 1 and folded_words[0] in {"chi", "tong", "trung", "van", "thanh", "kho", "toa"}:
                capital_next = True
            if key == "va" or word.endswith(","):
                capital_next = True
        i += 1
    result = " ".join(out)
    # "Ủy ban nhân dân", "Hội đồng nhân dân": the type word is lower case after its first syllable.
    result = re.sub(r"^(Ủy|Uỷ) Ban Nhân Dân", r"\1 ban nhân dân", result)
    result = re.sub(r"^Hội Đồng Nhân Dân", "Hội đồng nhân dân", result)
    return result

"""Vietnamese text helpers: normal form, tone placement, search and sort keys, ND30 dates.

Everything here is pure (no Django) so that importers, the document generator and the database
layer agree on one meaning of "the same text" and "the same date".
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Final

__all__ = [
    "SortKey",
    "caseless",
    "collapse_ws",
    "date_phrase",
    "fold",
    "nfc",
    "normalise_tone",
    "parse_vn_date",
    "screen_date",
    "search_key",
    "sort_key",
]

# The five tone marks (dấu thanh) as combining characters, in dictionary order:
# huyền, hỏi, ngã, sắc, nặng. "Ngang" (no mark) comes before all of them.
_HUYEN: Final = "\u0300"
_HOI: Final = "\u0309"
_NGA: Final = "\u0303"
_SAC: Final = "\u0301"
_NANG: Final = "\u0323"
_TONE_MARKS: Final = frozenset({_HUYEN, _HOI, _NGA, _SAC, _NANG})
_TONE_RANK: Final[dict[str, int]] = {_HUYEN: 1, _HOI: 2, _NGA: 3, _SAC: 4, _NANG: 5}

# Marks that make a different letter (â, ă, ê, ô, ơ, ư) rather than a tone.
_LETTER_MARKS: Final = frozenset({"\u0302", "\u0306", "\u031b"})

_TONES_CLASS: Final = "[\u0300\u0301\u0303\u0309\u0323]"
_ANY_MARK: Final = "[\u0300-\u036f]"

# A space typed between a letter and its mark ("ho ̀a"): the mark belongs to the letter.
_DETACHED_MARK_RE: Final = re.compile(rf"(?<=\S)[^\S\n]+(?={_ANY_MARK})")
_MARK_RUN_RE: Final = re.compile(rf"{_ANY_MARK}{{2,}}")

# Old-style tone placement at the end of a syllable: "hoá", "khoẻ", "thuỷ" (text in NFD).
# "qu" is a consonant, so in "quý" the tone already sits on the only vowel: leave it alone.
_OLD_OA_OE_RE: Final = re.compile(rf"([oO])([aAeE])({_TONES_CLASS})(?![^\W_]|{_ANY_MARK})")
_OLD_UY_RE: Final = re.compile(rf"(?<![qQ])([uU])([yY])({_TONES_CLASS})(?![^\W_]|{_ANY_MARK})")

# The Vietnamese alphabet; f, j, w, z (loan words, foreign names) take their Latin places.
_ALPHABET: Final = "a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z".split()
_LETTER_RANK: Final[dict[str, int]] = {letter: rank for rank, letter in enumerate(_ALPHABET)}

type SortKey = tuple[tuple[tuple[int, int], ...], tuple[int, ...], tuple[int, ...], str]
"""Key returned by :func:`sort_key`: letters, then tones, then case, then the text itself."""

_NUMERIC_DATE_RE: Final = re.compile(r"(?<!\d)(\d{1,2})([/.\-])(\d{1,2})\2(\d{4})(?!\d)")
_ISO_DATE_RE: Final = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
# Matched on folded text, so "tháng"/"THÁNG"/"thang" and "năm"/"nam" all read the same.
_WORDED_DATE_RE: Final = re.compile(
    r"(?<![^\W\d_])(?:ngay\s*)?(\d{1,2})\s*thang\s*(\d{1,2})\s*,?\s*nam\s*(\d{4})(?!\d)"
)


def collapse_ws(text: str) -> str:
    """Text with every run of whitespace (spaces, tabs, newlines, no-break spaces) made one space."""
    return " ".join(text.split())


def _letter_marks_first(match: re.Match[str]) -> str:
    # NFC composes "a + ̂ + ́" into "ấ" but not "a + ́ + ̂": both marks have the same combining
    # class, so Unicode keeps their order. Old keyboards type the tone first; put it last.
    marks = match.group(0)
    return "".join(sorted(marks, key=lambda mark: 1 if mark in _TONE_MARKS else 0))


def nfc(text: str) -> str:
    """The text in the one Unicode form stored and compared everywhere (NFC).

    Also repairs what keyboards and PDF extraction leave behind: combining marks typed
    separately from their letter ("hoa" + "̀"), marks separated from it by a space, and a tone
    mark typed before the letter mark ("a" + "́" + "̂" becomes "ấ").
    """
    decomposed = unicodedata.normalize("NFD", text)
    decomposed = _DETACHED_MARK_RE.sub("", decomposed)
    decomposed = _MARK_RUN_RE.sub(_letter_marks_first, decomposed)
    return unicodedata.normalize("NFC", decomposed)


def normalise_tone(text: str) -> str:
    """The text with the tone mark placed in the new style: "hóa", "khỏe", "thủy", "ủy".

    Both styles are correct Vietnamese and official texts mix them ("Văn hoá" and "Văn hóa" in the
    same report); Loa stores one. Only the open syllables ending in oa, oe, uy change: where a
    consonant or vowel follows ("hoạch", "thuyền", "ngoài") or "qu" is the consonant ("quý"),
    both styles already agree.
    """
    decomposed = unicodedata.normalize("NFD", nfc(text))
    decomposed = _OLD_OA_OE_RE.sub(r"\1\3\2", decomposed)
    decomposed = _OLD_UY_RE.sub(r"\1\3\2", decomposed)
    return unicodedata.normalize("NFC", decomposed)


def caseless(text: str) -> str:
    """Key that ignores case, tone placement and spacing but keeps accents ("hòa" ≠ "hoa")."""
    return unicodedata.normalize("NFC", collapse_ws(normalise_tone(text)).casefold())


def fold(text: str) -> str:
    """Search key: no case, no accents, đ read as d, single spaces.

    ``fold("KẾ HOẠCH Tuyên truyền") == fold("ke hoach tuyen truyen") == "ke hoach tuyen truyen"``.
    Stored in a column so search behaves the same on SQLite (whose ``icontains`` folds ASCII only)
    and PostgreSQL.
    """
    # Dropping every mark also makes old and new tone placement equal, so no tone step is needed.
    lowered = nfc(text).casefold()
    bare = "".join(ch for ch in unicodedata.normalize("NFD", lowered) if unicodedata.category(ch) != "Mn")
    # "ð" (Icelandic eth) stands in for "đ" in text converted from old TCVN3/VNI fonts.
    bare = bare.replace("đ", "d").replace("ð", "d")
    # Recompose what NFD split that is not a mark (Hangul and the like).
    return collapse_ws(unicodedata.normalize("NFC", bare))


def search_key(text: str) -> str:
    """Value of the normalised search column of a record (its title, issuer…): :func:`fold`."""
    return fold(text)


def _char_key(ch: str) -> tuple[tuple[int, int], int, int]:
    # One character's (letter, tone, case) weights; ``ch`` is a single NFC character.
    if ch.isspace():
        return (0, 0), 0, 0
    lower = ch.lower()
    case = 1 if lower != ch else 0
    decomposed = unicodedata.normalize("NFD", lower)
    base, marks = decomposed[0], decomposed[1:]
    tone = next((_TONE_RANK[mark] for mark in marks if mark in _TONE_MARKS), 0)
    letter = unicodedata.normalize("NFC", base + "".join(mark for mark in marks if mark in _LETTER_MARKS))
    if letter in _LETTER_RANK:
        return (3, _LETTER_RANK[letter]), tone, case
    if base in _LETTER_RANK:
        # A foreign letter such as "ç" or "ö": sort it with its base letter.
        return (3, _LETTER_RANK[base]), tone, case
    if base.isdigit():
        return (2, unicodedata.digit(base, 0)), 0, 0
    if base.isalpha():
        return (4, ord(base)), tone, case
    return (1, ord(base)), 0, 0


def sort_key(text: str) -> SortKey:
    """Key that sorts Vietnamese as a dictionary does.

    Letters first, in the Vietnamese alphabet (a < ă < â < b … d < đ … o < ô < ơ … u < ư); only
    when the letters are equal do tones decide (ngang < huyền < hỏi < ngã < sắc < nặng), then case
    (lower first). "Đà Nẵng" thus sorts before "Gia Lai", not after "Z" as in byte order.
    """
    normal = collapse_ws(normalise_tone(text))
    letters: list[tuple[int, int]] = []
    tones: list[int] = []
    cases: list[int] = []
    for ch in normal:
        letter, tone, case = _char_key(ch)
        letters.append(letter)
        tones.append(tone)
        cases.append(case)
    return tuple(letters), tuple(tones), tuple(cases), normal


def date_phrase(d: date, place: str | None = None) -> str:
    """The place-and-date line of an ND30 document: "Hương Trà, ngày 21 tháng 10 năm 2022".

    ND30 (Phụ lục I) writes days 1–9 and months 1–2 with a leading zero and no other month:
    "ngày 05 tháng 01 năm 2020", "ngày 29 tháng 6 năm 2019".
    """
    day = f"{d.day:02d}"
    # Months 1 and 2 take a zero so "tháng 1" cannot be altered into "tháng 11" or "tháng 12".
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    line = f"ngày {day} tháng {month} năm {d.year}"
    place_name = collapse_ws(nfc(place)) if place else ""
    return f"{place_name}, {line}" if place_name else line


def screen_date(d: date) -> str:
    """A date as Vietnamese screens and tables show it: "21/10/2022"."""
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


def parse_vn_date(text: str) -> date | None:
    """The first real date written in the text, or None.

    Reads "27/12/2021", "27-12-2021", "27.12.2021", "4/5/2022" (day first), "2021-12-27", and the
    worded form "ngày 27 tháng 12 năm 2021" with or without "ngày", a place before it, odd spacing
    or missing accents. Impossible dates ("31/02/2022") are skipped.
    """
    folded = fold(text)
    candidates: list[tuple[int, int, int, int]] = []
    for match in _NUMERIC_DATE_RE.finditer(folded):
        day, _, month, year = match.groups()
        candidates.append((match.start(), int(year), int(month), int(day)))
    for match in _ISO_DATE_RE.finditer(folded):
        year, month, day = match.groups()
        candidates.append((match.start(), int(year), int(month), int(day)))
    for match in _WORDED_DATE_RE.finditer(folded):
        day, month, year = match.groups()
        candidates.append((match.start(), int(year), int(month), int(day)))
    for _, year_n, month_n, day_n in sorted(candidates):
        try:
            return date(year_n, month_n, day_n)
        except ValueError:
            continue
    return None


def group_number(value: int | float | str | None) -> str:
    """A quantity as Vietnamese write it: thousands grouped by dots, decimals after a comma.

    ``group_number(5000) == "5.000"``, ``group_number(-1234567) == "-1.234.567"``,
    ``group_number(12.5) == "12,5"``. ``None`` and empty text give ""; other text is returned as is.
    """
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            number: int | float = int(value)
        except ValueError:
            try:
                number = float(value)
            except ValueError:
                return value
    else:
        number = value
    if isinstance(number, float) and number.is_integer():
        number = int(number)
    if isinstance(number, int):
        return f"{number:,}".replace(",", ".")
    whole, _, fraction = f"{number:,.2f}".rstrip("0").partition(".")
    return whole.replace(",", ".") + ("," + fraction if fraction else "")

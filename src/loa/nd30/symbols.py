"""Number and symbol of a document (số, ký hiệu): "4757/KH-UBND", "30/2018/QĐ-UBND", "09-NQ/TU".

ND30 (Phụ lục I, Phụ lục III) writes a symbol as number "/" kind abbreviation "-" issuer, with a
zero before numbers under 10, "-" between groups and no spaces. A công văn has no kind: its symbol
is the issuer and the drafting unit or field ("05/BNV-VP"). Legal normative documents add the
year ("15/2020/NĐ-CP"); Party documents put the kind after the number ("09-NQ/TU").

Real texts damage symbols (stray spaces, lost or odd hyphens, NFD letters); :func:`parse_symbol`
reads them back and :func:`format_symbol` writes the one canonical form stored in the register.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Final

from loa.core.errors import ValidationError
from loa.core.vn import nfc
from loa.nd30.kinds import ALL_KINDS, CONG_VAN, kind_by_abbr, kind_by_name

__all__ = [
    "Symbol",
    "abbr_for_kind",
    "format_symbol",
    "kind_for_abbr",
    "normalise_symbol",
    "parse_symbol",
]

# Every kind abbreviation of the table (loa.nd30.kinds), keyed by its case-folded form, valued by its
# official spelling (some abbreviations are mixed case: QyĐ, CTr, TTr, TrS).
_KNOWN_KINDS: Final[dict[str, str]] = {
    kind.abbr.casefold(): kind.abbr for kind in ALL_KINDS if kind.abbr is not None
}
# Longest first, so "TTLT" wins over "TT" and "CTr" over "CT" when a lost hyphen is restored.
_KINDS_LONGEST_FIRST: Final[tuple[str, ...]] = tuple(sorted(_KNOWN_KINDS.values(), key=len, reverse=True))

# Issuers written as one group that begin with a kind abbreviation: never split them as if a
# hyphen were lost ("12/HĐND" is Hội đồng nhân dân, not HĐ-ND).
_WHOLE_ISSUERS: Final = frozenset(
    {"HĐND", "HĐQT", "HĐTV", "TTCP", "TTYT", "TTHC", "TTXVN", "TCHQ", "TCTK", "PGDĐT", "PGD&ĐT", "KHĐT"}
)

_CODE: Final = "symbols.invalid"
_MSG_INVALID: Final = (
    "Số, ký hiệu văn bản «{value}» không đúng dạng. Ví dụ đúng: 4757/KH-UBND, 30/2018/QĐ-UBND, "
    "05/BNV-VP, 09-NQ/TU."
)
_MSG_ZERO: Final = "Số văn bản bắt đầu từ 01, không phải «{value}»."
_MSG_ISSUER: Final = "Ký hiệu văn bản phải có cơ quan ban hành, ví dụ «UBND» trong 4757/KH-UBND."
_MSG_PARTY: Final = "Văn bản của Đảng ghi loại văn bản sau số (09-NQ/TU) và không ghi năm."
_MSG_UNKNOWN_KIND: Final = "Không có loại văn bản «{value}» trong danh mục của Nghị định 30/2020/NĐ-CP."

_NUMBER_RE: Final = re.compile(r"0*(\d+)([A-Za-z]?)")  # "30c/NQ-CP" has a letter suffix
_YEAR_RE: Final = re.compile(r"(?:19|20)\d\d")
_GROUP_RE: Final = re.compile(r"[^\W_](?:[^\W_]|&)*")  # letters, digits and "&" ("SNV-CCHC&PC")
_KIND_RE: Final = re.compile(r"[^\W\d_]+")
_PREFIX_RE: Final = re.compile(r"s[ốo]\s*:?\s*", re.IGNORECASE)  # "Số:", "số", "SỐ", "So:"
_PARTY_NUMBER_RE: Final = re.compile(r"(\d+)([^\W\d_]{2,})")  # "09NQ" in "09NQ/TU"
# Slash look-alikes (fraction, division, full-width) that PDFs and word processors produce.
_SLASHES: Final = dict.fromkeys(map(ord, "\u2044\u2215\uff0f"), "/")


def _invalid(text: str) -> ValidationError:
    return ValidationError(_MSG_INVALID.format(value=text), code=_CODE, value=text)


def _canonical_number(raw: str) -> str:
    match = _NUMBER_RE.fullmatch(raw)
    if match is None:
        raise _invalid(raw)
    value = int(match[1])
    if value == 0:
        raise ValidationError(_MSG_ZERO.format(value=raw), code=_CODE, value=raw)
    return f"{value:02d}{match[2]}"


def _check_groups(text: str, original: str) -> None:
    groups = text.split("-")
    if not all(_GROUP_RE.fullmatch(group) for group in groups) or not groups[0][0].isalpha():
        raise _invalid(original)


@dataclass(frozen=True, kw_only=True)
class Symbol:
    """A document's number and symbol (số, ký hiệu).

    ``number`` is None for a draft not yet numbered ("/BC-VHTT"); ``year`` is set for legal
    normative documents ("30/2018/QĐ-UBND"); ``kind_abbr`` is None for a công văn ("05/BNV-VP");
    ``issuer_code`` is the issuer with any unit or field ("UBND", "BNV-VP", "SNV-CCHC&PC");
    ``party`` marks the Party form "09-NQ/TU". Values are stored canonically: "7" becomes "07".
    """

    number: str | None
    issuer_code: str
    kind_abbr: str | None = None
    year: str | None = None
    party: bool = False

    def __post_init__(self) -> None:
        shown = f"{self.number or ''}/{self.kind_abbr or ''}/{self.issuer_code}"
        if self.number is not None:
            object.__setattr__(self, "number", _canonical_number(self.number))
        if self.year is not None and not _YEAR_RE.fullmatch(self.year):
            raise _invalid(shown)
        if self.kind_abbr is not None:
            kind = nfc(self.kind_abbr)
            if not _KIND_RE.fullmatch(kind):
                raise _invalid(shown)
            # Known kinds take their official spelling ("ttr" → "TTr"); Party-only kinds stay as written.
            object.__setattr__(self, "kind_abbr", _KNOWN_KINDS.get(kind.casefold(), kind))
        if not self.issuer_code:
            raise ValidationError(_MSG_ISSUER, code=_CODE, value=shown)
        issuer = nfc(self.issuer_code)
        _check_groups(issuer, shown)
        object.__setattr__(self, "issuer_code", issuer)
        if self.party and (self.kind_abbr is None or self.year is not None):
            raise ValidationError(_MSG_PARTY, code=_CODE, value=shown)

    def __str__(self) -> str:
        return format_symbol(self)

    @property
    def kind(self) -> str | None:
        """Vietnamese name of the kind as far as the symbol tells ("Kế hoạch").

        "Công văn" when there is no kind abbreviation; None when the kind cannot be told from the
        symbol: an unknown Party kind, or a law or ordinance ("42/2024/QH15"), whose symbol has a
        year but no kind.
        """
        if self.kind_abbr is None and self.year is not None:
            return None
        return kind_for_abbr(self.kind_abbr)

    @property
    def is_draft(self) -> bool:
        """True while the number is blank: the văn thư gives it on release (ND30 Điều 15)."""
        return self.number is None


def kind_for_abbr(abbr: str | None) -> str | None:
    """Vietnamese kind name for an abbreviation ("KH" → "Kế hoạch"); None → "Công văn".

    Returns None for an abbreviation that is not in the table of :mod:`loa.nd30.kinds`.
    """
    if abbr is None:
        return CONG_VAN.name
    kind = kind_by_abbr(nfc(abbr), ignore_case=True)
    return None if kind is None else kind.name


def abbr_for_kind(name: str) -> str | None:
    """Abbreviation for a kind name, ignoring case, accents and tone placement ("Bản thoả thuận" → "BTT").

    Returns None for kinds without one (Công văn, Thư công, Luật…); raises
    :class:`ValidationError` (code ``symbols.unknown_kind``) for a name not in the table.
    """
    kind = kind_by_name(name)
    if kind is None:
        raise ValidationError(_MSG_UNKNOWN_KIND.format(value=name), code="symbols.unknown_kind", value=name)
    return kind.abbr


class _CleanTable(dict[int, str]):
    """``str.translate`` table of :func:`_clean`, each character worked out once: slash look-alikes
    become "/"; en/em dashes, hyphen look-alikes, the minus sign and "_" ("QĐ_BKHCN") become "-";
    zero-width spaces and soft hyphens (invisible debris) go."""

    def __missing__(self, code: int) -> str:
        ch = _SLASHES.get(code, chr(code))
        category = unicodedata.category(ch)
        if category == "Pd" or ch in "\u2212_":
            value = "-"
        elif category == "Cf":
            value = ""
        else:
            value = ch
        self[code] = value
        return value


_CLEAN_TABLE: Final = _CleanTable()


def _clean(text: str) -> str:
    # NFC first: a decomposed "Đ" or "Ố" would not match anything below.
    cleaned = nfc(text).strip()
    if prefix := _PREFIX_RE.match(cleaned):
        cleaned = cleaned[prefix.end() :]
    cleaned = cleaned.translate(_CLEAN_TABLE).strip().rstrip(".,;")
    cleaned = re.sub(r"\s*([/-])\s*", r"\1", cleaned)
    return re.sub(r"-{2,}", "-", cleaned)


def _split_lost_hyphen(group: str) -> tuple[str, str] | None:
    # "1961/QĐUBND": the kind ran into the issuer. Take the longest kind that leaves a plausible
    # issuer (two or more characters, starting with a capital).
    if group in _WHOLE_ISSUERS or group.casefold() in _KNOWN_KINDS:
        return None
    for abbr in _KINDS_LONGEST_FIRST:
        rest = group[len(abbr) :]
        if group.startswith(abbr) and len(rest) >= 2 and rest[0].isupper():
            return abbr, rest
    return None


def _parse_party(head: str, tail: str, original: str) -> Symbol:
    number, _, kind = head.partition("-")
    if not _KIND_RE.fullmatch(kind) or "/" in tail:
        raise _invalid(original)
    return Symbol(number=number or None, kind_abbr=kind, issuer_code=tail, party=True)


def parse_symbol(text: str) -> Symbol:
    """Read a number and symbol as found in real texts.

    Tolerates a "Số:" prefix, spaces around "/" and "-" ("67 /TTr - UBND"), dash look-alikes and
    "_" for "-", a lost hyphen after a known kind ("1961/QĐUBND" → QĐ-UBND), NFD input and a
    blank draft number ("Số:     /SCT-CN"). Raises :class:`ValidationError` (code
    ``symbols.invalid``) when the text is not a symbol.

    A công văn issuer whose first group equals a kind abbreviation ("CT-TTHT" of a Cục Thuế) reads
    as that kind; the canonical text is the same either way.
    """
    cleaned = _clean(text)
    if not cleaned or any(ch.isspace() for ch in cleaned):
        raise _invalid(text)
    head, slash, tail = cleaned.partition("/")
    if not slash or not tail:
        raise _invalid(text)
    if "-" in head:
        return _parse_party(head, tail, text)
    parts = cleaned.split("/")
    year: str | None = None
    if len(parts) == 3:
        year = parts[1]
        if not _YEAR_RE.fullmatch(year):
            raise _invalid(text)
    elif len(parts) != 2:
        raise _invalid(text)
    number, rest = parts[0], parts[-1]
    if not rest:
        raise _invalid(text)
    if number and not _NUMBER_RE.fullmatch(number) and not _PARTY_NUMBER_RE.fullmatch(number):
        raise _invalid(text)
    party_number = _PARTY_NUMBER_RE.fullmatch(number)
    if party_number and year is None and party_number[2].casefold() in _KNOWN_KINDS:
        # "09NQ/TU": a Party symbol whose hyphen was lost.
        return _parse_party(f"{party_number[1]}-{party_number[2]}", rest, text)
    _check_groups(rest, text)
    first, _, others = rest.partition("-")
    kind: str | None = None
    issuer = rest
    if others and first.casefold() in _KNOWN_KINDS:
        kind, issuer = first, others
    elif not others and (split := _split_lost_hyphen(first)) is not None:
        kind, issuer = split
    return Symbol(number=number or None, year=year, kind_abbr=kind, issuer_code=issuer)


def format_symbol(sym: Symbol) -> str:
    """The canonical text of a symbol: "4757/KH-UBND", "07/KH-VHTT", "30/2018/QĐ-UBND", "09-NQ/TU".

    No spaces, plain hyphens, a zero before numbers under 10, NFC; a draft keeps its blank number
    ("/BC-VHTT").
    """
    number = sym.number or ""
    if sym.party:
        return nfc(f"{number}-{sym.kind_abbr}/{sym.issuer_code}")
    year = f"/{sym.year}" if sym.year else ""
    kind = f"{sym.kind_abbr}-" if sym.kind_abbr else ""
    return nfc(f"{number}{year}/{kind}{sym.issuer_code}")


def normalise_symbol(text: str) -> str:
    """The canonical text of a symbol as found in a document: ``format_symbol(parse_symbol(text))``."""
    return format_symbol(parse_symbol(text))

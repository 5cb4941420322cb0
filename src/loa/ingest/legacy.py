"""Text typed with the old Vietnamese font encodings (TCVN3/ABC, VNI) read back as Unicode.

Before Unicode (TCVN 6909:2001) offices typed with ".VnTime" (TCVN3, one byte per letter) or
"VNI-Times" (a base letter followed by a mark byte) fonts. Saved as plain text, or pasted into a
Unicode file, such text shows as "Céng hßa x· héi" or "Coäng hoøa xaõ hoäi". The tables below come
from the public character tables of both encodings.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

__all__ = [
    "detect_and_convert",
    "is_vietnamese_syllable",
    "tcvn3_to_unicode",
    "vietnamese_score",
    "vni_to_unicode",
]

# TCVN3 (ABC): one byte per precomposed lower-case letter; upper case came from a second font
# (".VnTimeH") that draws the same bytes as capitals, so only Ă Â Ê Ô Ơ Ư Đ have codes of their own.
_TCVN3: Final[dict[str, str]] = {
    "\u00a1": "Ă", "\u00a2": "Â", "\u00a3": "Ê", "\u00a4": "Ô", "\u00a5": "Ơ", "\u00a6": "Ư", "\u00a7": "Đ",
    "\u00a8": "ă", "\u00a9": "â", "\u00aa": "ê", "\u00ab": "ô", "\u00ac": "ơ", "\u00ad": "ư", "\u00ae": "đ",
    "\u00b5": "à", "\u00b6": "ả", "\u00b7": "ã", "\u00b8": "á", "\u00b9": "ạ",
    "\u00bb": "ằ", "\u00bc": "ẳ", "\u00bd": "ẵ", "\u00be": "ắ", "\u00c6": "ặ",
    "\u00c7": "ầ", "\u00c8": "ẩ", "\u00c9": "ẫ", "\u00ca": "ấ", "\u00cb": "ậ",
    "\u00cc": "è", "\u00ce": "ẻ", "\u00cf": "ẽ", "\u00d0": "é", "\u00d1": "ẹ",
    "\u00d2": "ề", "\u00d3": "ể", "\u00d4": "ễ", "\u00d5": "ế", "\u00d6": "ệ",
    "\u00d7": "ì", "\u00d8": "ỉ", "\u00dc": "ĩ", "\u00dd": "í", "\u00de": "ị",
    "\u00df": "ò", "\u00e1": "ỏ", "\u00e2": "õ", "\u00e3": "ó", "\u00e4": "ọ",
    "\u00e5": "ồ", "\u00e6": "ổ", "\u00e7": "ỗ", "\u00e8": "ố", "\u00e9": "ộ",
    "\u00ea": "ờ", "\u00eb": "ở", "\u00ec": "ỡ", "\u00ed": "ớ", "\u00ee": "ợ",
    "\u00ef": "ù", "\u00f1": "ủ", "\u00f2": "ũ", "\u00f3": "ú", "\u00f4": "ụ",
    "\u00f5": "ừ", "\u00f6": "ử", "\u00f7": "ữ", "\u00f8": "ứ", "\u00f9": "ự",
    "\u00fa": "ỳ", "\u00fb": "ỷ", "\u00fc": "ỹ", "\u00fd": "ý", "\u00fe": "ỵ",
}  # fmt: skip

# VNI: a letter followed by a mark byte. Lower-case marks follow lower-case letters, upper-case
# marks upper-case letters. Values are combining sequences: (letter mark, tone mark).
_HAT, _BREVE, _HORN = "\u0302", "\u0306", "\u031b"
_GRAVE, _HOOK, _TILDE, _ACUTE, _DOT = "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"
_VNI_MARKS: Final[dict[str, tuple[str, str]]] = {
    "ù": ("", _ACUTE), "ø": ("", _GRAVE), "û": ("", _HOOK), "õ": ("", _TILDE), "ï": ("", _DOT),
    "â": (_HAT, ""), "á": (_HAT, _ACUTE), "à": (_HAT, _GRAVE), "å": (_HAT, _HOOK), "ã": (_HAT, _TILDE),
    "ä": (_HAT, _DOT), "ê": (_BREVE, ""), "é": (_BREVE, _ACUTE), "è": (_BREVE, _GRAVE),
    "ú": (_BREVE, _HOOK), "ü": (_BREVE, _TILDE), "ë": (_BREVE, _DOT),
}  # fmt: skip
# Letters VNI writes with a single byte of their own.
_VNI_SINGLE: Final[dict[str, str]] = {
    "ô": "ơ", "ö": "ư", "ñ": "đ", "ì": "ì", "í": "í", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ",
    "Ô": "Ơ", "Ö": "Ư", "Ñ": "Đ", "Ì": "Ì", "Í": "Í", "Æ": "Ỉ", "Ó": "Ĩ", "Ò": "Ị", "Î": "Ỵ",
}  # fmt: skip
_VNI_UPPER_MARKS: Final[dict[str, tuple[str, str]]] = {k.upper(): v for k, v in _VNI_MARKS.items()}

_VNI_BASES: Final = "aeouyAEOUY" + "ôöÔÖ"  # ô/ö stand for ơ/ư and take tone marks too
_VNI_RE: Final = re.compile(
    "(["
    + re.escape(_VNI_BASES)
    + "])(["
    + re.escape("".join(_VNI_MARKS) + "".join(_VNI_UPPER_MARKS))
    + "])|(["
    + re.escape("".join(_VNI_SINGLE))
    + "])"
)

# Letters Vietnamese never writes: a text full of them is legacy-encoded or mis-decoded.
_FOREIGN: Final = frozenset(
    "§¨©ª«¬\xad®µ¶·¸¹»¼½¾ÆÇÈËÎÏÐÑÖ×ØÜÞßäåæçëîïñöøûüþÿ¡¢£¤¥¦ÄÅËÏÑÖØÛÜæøåëïöüÿ€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
)


def tcvn3_to_unicode(text: str) -> str:
    """Text typed in a TCVN3 (ABC) font, as Unicode (NFC).

    Words typed with the upper-case font come out as lower-case letters mixed into capitals
    ("CéNG" → "CộNG"); they are made upper case again.
    """
    converted = "".join(_TCVN3.get(ch, ch) for ch in text)
    return _restore_upper_words(unicodedata.normalize("NFC", converted))


def _restore_upper_words(text: str) -> str:
    lines = []
    for line in text.split("\n"):
        parts = re.split(r"([^\W\d_]+)", line)
        words = parts[1::2]

        def ascii_caps(word: str) -> list[str]:
            return [c for c in word if c.isascii() and c.isalpha()]

        upper = [w.isupper() for w in words]
        for i, word in enumerate(words):
            caps = ascii_caps(word)
            if caps and all(c.isupper() for c in caps) and not word.isupper() and len(caps) >= 2:
                words[i], upper[i] = word.upper(), True
        for i, word in enumerate(words):
            caps = ascii_caps(word)
            if not caps or word.isupper() or not all(c.isupper() for c in caps):
                continue
            before = upper[i - 1] if i > 0 else False
            after = upper[i + 1] if i + 1 < len(words) else False
            if (before and len(words[i - 1]) > 1) or (after and len(words[i + 1]) > 1):
                words[i] = word.upper()
        parts[1::2] = words
        lines.append("".join(parts))
    return "\n".join(lines)


def vni_to_unicode(text: str) -> str:
    """Text typed in a VNI font, as Unicode (NFC)."""

    def one(match: re.Match[str]) -> str:
        base, mark = match.group(1), match.group(2)
        if base is None:
            return _VNI_SINGLE[match.group(3)]
        letter_mark, tone = _VNI_MARKS.get(mark) or _VNI_UPPER_MARKS[mark]
        if base in "ôöÔÖ":
            if letter_mark:
                return _VNI_SINGLE[base] + mark
            base = _VNI_SINGLE[base]
        elif (letter_mark == _HAT and base.lower() not in "aeo") or (
            letter_mark == _BREVE and base.lower() != "a"
        ):
            return match.group(0)
        return unicodedata.normalize("NFC", base + letter_mark + tone)

    return unicodedata.normalize("NFC", _VNI_RE.sub(one, text))


_TONE_MARKS: Final = frozenset({_GRAVE, _HOOK, _TILDE, _ACUTE, _DOT})
_LETTER_MARKS: Final = frozenset({_HAT, _BREVE, _HORN})
_SYLLABLE_RE: Final = re.compile(
    r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?"
    r"(?:[aeiouy]{1,3})(?:ng|nh|ch|[cmnpt])?$"
)
_WORD_RE: Final = re.compile(r"[^\W\d_]+")


def is_vietnamese_syllable(word: str) -> bool:
    """True for one Vietnamese syllable: at most one tone mark, consonant-vowel-consonant shape."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = sum(1 for c in decomposed if c in _TONE_MARKS)
    if tones > 1:
        return False
    base = "".join(c for c in decomposed if c not in _TONE_MARKS and c not in _LETTER_MARKS)
    base = base.replace("đ", "d")
    if not base.isascii():
        return False
    if tones and not re.search(r"[aeiouy]", base):
        return False
    return bool(_SYLLABLE_RE.match(base))


def vietnamese_score(text: str) -> float:
    """How well the text reads as Unicode Vietnamese, from -1 to 1.

    The share of words with Vietnamese letters that are valid syllables (one tone mark at most,
    a consonant-vowel-consonant shape), less the share of letters Vietnamese never writes. A
    misread legacy or Windows-1258 text yields "Cón cýỡ" or "Céng hßa": few valid syllables.
    """
    sample = text[:20000]
    words = [w for w in _WORD_RE.findall(sample) if not w.isascii()]
    letters = sum(1 for c in sample if c.isalpha())
    if not words or not letters:
        return 0.0
    valid = sum(1 for w in words if is_vietnamese_syllable(w))
    foreign = sum(1 for c in sample if c in _FOREIGN)
    return valid / len(words) - 3 * foreign / letters


def detect_and_convert(text: str) -> tuple[str, str | None]:
    """The text as Unicode and the legacy encoding it was in (``"tcvn3"``, ``"vni"``) or ``None``.

    Each reading is scored by :func:`vietnamese_score`; a legacy reading wins only when it reads
    clearly better than the text as it is, so Unicode Vietnamese is never altered.
    """
    sample = text[:20000]
    if _FOREIGN.isdisjoint(sample):
        return text, None  # no letter of either legacy encoding: Unicode as it is
    base = vietnamese_score(sample)
    best: tuple[float, str | None] = (base, None)
    for name, convert in (("tcvn3", tcvn3_to_unicode), ("vni", vni_to_unicode)):
        score = vietnamese_score(convert(sample))
        if score > best[0] + 0.05:
            best = (score, name)
    if best[1] is None:
        return text, None
    convert = tcvn3_to_unicode if best[1] == "tcvn3" else vni_to_unicode
    return convert(text), best[1]

"""The text a parser reads, in three aligned views, split into lines and column segments.

``text`` is what the user sees (NFC, detached marks repaired): every span points into it.
``clean`` has the same length with Markdown markup, odd dashes, tabs and no-break spaces blanked or
made plain; values are cut from it. ``folded`` has the same length again, one lower-case letter
without accents per character (đ → d): patterns match on it, so case, accents and tone placement
("hoá"/"hóa") never matter.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from typing import Final

from loa.core.vn import nfc

__all__ = ["Line", "Prepared", "Segment", "fold_char", "fold_text", "is_upper_text", "prepare", "quick_nfc"]

_DASHES: Final = str.maketrans(
    {"–": "-", "—": "-", "‑": "-", "−": "-", "‐": "-", "\u00a0": " ", "\v": " "}
    | dict.fromkeys("\u200b\u200c\u200d\ufeff\u00ad", " ")
)
# Markdown marks blanked: headings and quotes at the start of a line, runs of "*", "__" and "___".
# Three passes, in this order, blank what one pass of their alternation would (the marks are
# distinct characters, and only the first pass looks at a line's start), each one skipping quickly
# to its own mark.
_MD_LINE_RE: Final = re.compile(r"^[ ]{0,3}(?:#{1,6}[ ]+|>[ ]?)", re.M)
_MD_STARS_RE: Final = re.compile(r"\*{1,3}")
_MD_UNDERSCORES_RE: Final = re.compile(r"(?<![\w])_{2,3}|_{2,3}(?![\w])")
_DASH_CHARS_RE: Final = re.compile("[" + "".join(chr(c) for c in _DASHES) + "]")
_ESCAPE_RE: Final = re.compile(r"\\(?=[-*_#.()\[\]|])")
# A column gap: three spaces or more, or a tab (tab stops separate the two header columns).
_GAP_RE: Final = re.compile(r" {3,}|[ ]*\t[\t ]*")
# Gaps inside a blank field of a draft ("Số:      /SCT-CN", "ngày      tháng 6") are not columns.
_JOIN_LEFT_RE: Final = re.compile(r"(?:\bso\s*:?|\bngay|\bthang|\bnam|/)\s*$")
_JOIN_RIGHT_RE: Final = re.compile(r"^(?:/|thang\b|nam\b)")


class _FoldTable(dict[int, str]):
    """``str.translate`` table that folds each character once and remembers it."""

    def __missing__(self, code: int) -> str:
        value = fold_char(chr(code))
        self[code] = value
        return value


_FOLD_TABLE: Final = _FoldTable()


def fold_text(text: str) -> str:
    """:func:`fold_char` over a whole text (same length)."""
    return text.translate(_FOLD_TABLE)


_MARK_RE: Final = re.compile("[\u0300-\u036f]")


def quick_nfc(text: str) -> str:
    """:func:`loa.core.vn.nfc`, skipped for text already composed with no stray marks (most text)."""
    if not _MARK_RE.search(text) and unicodedata.is_normalized("NFC", text):
        return text
    return nfc(text)


def fold_char(ch: str) -> str:
    """One character without case or accents (đ → d); always exactly one character."""
    if ch.isascii():
        return ch.lower()
    if ch in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", ch)[0].lower()
    return base[0] if base else ch


def is_upper_text(text: str, ratio: float = 0.85) -> bool:
    """True when (nearly) all letters are capitals: header lines, kind names, signature titles."""
    letters = list(filter(str.isalpha, text))
    if len(letters) < 2:
        return bool(letters) and letters[0].isupper()
    return sum(map(str.isupper, letters)) >= ratio * len(letters)


@dataclass(frozen=True)
class Segment:
    """A run of text on one line; ``col`` counts the columns ("|" or a wide gap) to its left."""

    start: int
    end: int
    col: int
    line: int


@dataclass
class Line:
    """One line of the text with its column segments (empty list for a blank line)."""

    index: int
    start: int
    end: int
    segments: list[Segment]
    indent: int


@dataclass
class Prepared:
    """The three aligned views and the lines of one text."""

    text: str
    clean: str
    folded: str
    lines: list[Line]

    def value(self, start: int, end: int) -> str:
        """Clean text of a span with whitespace collapsed."""
        return " ".join(self.clean[start:end].split())

    def seg_text(self, seg: Segment) -> str:
        return self.value(seg.start, seg.end)

    def seg_fold(self, seg: Segment) -> str:
        return " ".join(self.folded[seg.start : seg.end].split())

    def line_text(self, line: Line) -> str:
        return self.value(line.start, line.end)

    @cached_property
    def flat_folded(self) -> str:
        """Folded view with newlines and column bars as spaces: phrases broken across lines match."""
        return self.folded.replace("\n", " ").replace("|", " ")

    @cached_property
    def flat_clean(self) -> str:
        return self.clean.replace("\n", " ").replace("|", " ")


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group(0))


def _clean(text: str) -> str:
    # Each step runs only when the text holds a character it changes: most texts have no odd dash
    # and no Markdown, and translating or scanning a whole text costs far more than a lookup.
    out = text.translate(_DASHES) if _DASH_CHARS_RE.search(text) else text
    if "#" in out or ">" in out:
        out = _MD_LINE_RE.sub(_blank, out)
    if "*" in out:
        out = _MD_STARS_RE.sub(_blank, out)
    if "__" in out:
        out = _MD_UNDERSCORES_RE.sub(_blank, out)
    if "\\" in out:
        out = _ESCAPE_RE.sub(" ", out)
    # Characters without a width of their own (zero-width space, soft hyphen) became spaces above.
    return out


def _segments(clean: str, folded: str, start: int, end: int, index: int) -> list[Segment]:
    line = clean[start:end]
    if "|" not in line and "\t" not in line and "   " not in line.strip(" "):
        # One column (most lines): the line without its outer blanks (a gap before the first or
        # after the last word separates nothing).
        s, e = start, end
        while s < e and clean[s] == " ":
            s += 1
        while e > s and clean[e - 1] in " \r":
            e -= 1
        return [Segment(s, e, 0, index)] if e > s else []
    return _segments_general(clean, folded, start, end, index)


def _segments_general(clean: str, folded: str, start: int, end: int, index: int) -> list[Segment]:
    """:func:`_segments` for a line with bars, tabs or gaps between its words."""
    segments: list[Segment] = []
    col = 0
    pos = start
    parts: list[tuple[int, int]] = []
    bar = clean.find("|", start, end)
    while bar >= 0:
        parts.append((pos, bar))
        pos = bar + 1
        bar = clean.find("|", pos, end)
    parts.append((pos, end))
    for p_start, p_end in parts:
        chunk = clean[p_start:p_end]
        pieces: list[list[int]] = []
        cursor = 0
        lead = len(chunk) - len(chunk.lstrip(" \t"))
        for gap in _GAP_RE.finditer(chunk):
            if gap.start() < lead or not chunk[: gap.start()].strip():
                continue
            pieces.append([p_start + cursor, p_start + gap.start()])
            cursor = gap.end()
        pieces.append([p_start + cursor, p_end])
        merged: list[list[int]] = []
        for piece in pieces:
            if merged:
                left = folded[merged[-1][0] : merged[-1][1]].strip()
                right = folded[piece[0] : piece[1]].strip()
                if _JOIN_LEFT_RE.search(left) or _JOIN_RIGHT_RE.search(right):
                    merged[-1][1] = piece[1]
                    continue
            merged.append(piece)
        for s, e in merged:
            while s < e and clean[s] in " \t":
                s += 1
            while e > s and clean[e - 1] in " \t\r":
                e -= 1
            if e > s:
                segments.append(Segment(s, e, col, index))
            col += 1
    return segments


def prepare(text: str, *, composed: bool = False) -> Prepared:
    """Normalise ``text`` (NFC, detached marks) and build the aligned views and lines.

    ``composed`` says the caller has already passed the text through :func:`quick_nfc`.
    """
    shown = (text if composed else quick_nfc(text)).replace("\r\n", "\n").replace("\r", "\n")
    clean = _clean(shown)
    folded = fold_text(clean)
    lines: list[Line] = []
    pos = 0
    for index, raw in enumerate(shown.split("\n")):
        end = pos + len(raw)
        segs = _segments(clean, folded, pos, end, index)
        stripped = clean[pos:end].expandtabs(8)
        indent = len(stripped) - len(stripped.lstrip(" "))
        lines.append(Line(index, pos, end, segs, indent))
        pos = end + 1
    return Prepared(shown, clean, folded, lines)

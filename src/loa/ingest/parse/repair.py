"""Repairs of a damaged header before it is read: lines that a copy ran together are split again.

Text copied from web pages often loses the line breaks of the two-column header ("Bộ Nội vụ Số:
251/QĐ-BNV Hà Nội, ngày …", "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU ------- CỘNG HÒA XÃ HỘI …"). The header
has fixed landmarks that always begin or end a line of their own — the national title, the motto,
"Số:", the place-date line, the short rules — so a line is broken again before (and after) each
landmark found inside it. The repair only turns a space into a line break: the text keeps its
length, so spans computed on it still point at the same characters.
"""

from __future__ import annotations

import re
from typing import Final

from loa.core.vn import caseless
from loa.ingest.parse.header_lines import _body_words_start
from loa.ingest.parse.text import fold_text

__all__ = ["join_broken_header", "repair_header", "restore_first_letter", "split_merged_header"]

# The header zone ends where the body or the subject starts.
_ZONE_END_RE: Final = re.compile(r"\n[ \t|#*]*(?:v\s*/\s*v\b|kinh\s*gui\b|can cu\b|thuc hien\b)")
_ZONE_MAX: Final = 1500
_ZONE_FIRST: Final = 400
# Landmarks on the folded text (same length as the text).
_NATIONAL_RE: Final = re.compile(r"cong\s+hoa\s+x\S{0,2}\s*hoi\s+chu\s+nghia\s+viet\s+nam")
_MOTTO_RE: Final = re.compile(r"doc\s+lap\s*-?\s*tu\s+do\s*-?\s*hanh\s+phuc")
_NUMBER_RE: Final = re.compile(r"(?<![a-z])so\s*:|(?<![a-z])so\s+(?=\d{1,5}\s*/)")
_RULE_RE: Final = re.compile(r"(?<=\s)[-_=]{3,}(?=\s|$)")
_DATE_TAIL_RE: Final = re.compile(r"ngay[\s.]*\d{0,2}[\s.]*thang[\s.]*\d{0,2}[\s.]*nam[\s.]*\d{4}\.?")
_PLACE_DATE_RE: Final = re.compile(r"\s*,\s*ngay\b")
_COLUMNS_RE: Final = re.compile(r" {3,}|\t")  # a two-column line is the column reader's business
_PLACE_WORD_RE: Final = re.compile(r"(?:[^\W\d_][\w.]*|TP\.|TX\.)")


def _place_start(text: str, comma: int) -> int:
    """Start of the place name before ", ngày" (the space before it): up to four capitalised words,
    not an all-capitals word of the issuer's name; -1 when the place already starts its line."""
    pos = comma
    for words in range(4):
        left = max(text.rfind(c, 0, pos) for c in " \n|*_\t")
        word = text[left + 1 : pos]
        if not word or not _PLACE_WORD_RE.fullmatch(word) or not word[0].isupper():
            break
        if word.isupper() and len(word) > 3 and words and not text[pos + 1 : comma].isupper():
            break
        if left < 0 or text[left] != " ":
            return -1  # the place opens its line or its cell
        pos = left
    return pos


# Phrases of a header that a line break never divides in a clean text: when one is found across a
# break, the break came from a narrow column or a copy ("ỦY\nBAN NHÂN DÂN", "Số:\n297/BC-VHTT").
_UNBROKEN_RES: Final = (
    _NATIONAL_RE,
    _MOTTO_RE,
    re.compile(r"(?:uy\s+ban|hoi\s+dong)\s+nhan\s+dan"),
    _DATE_TAIL_RE,
    re.compile(r"(?<![a-z])so\s*:?\s*\d{1,5}\s*/"),
    re.compile(r"(?<![a-z])so\s*:\s*/"),
)
_BREAK_RE: Final = re.compile(r"(?<=\S)[ \t]*\n(?=[ \t]*\S)")
_CELL_SPLIT_RE: Final = re.compile(r"\s*\|\s*| {3,}|\t+")
_PLACE_REST_RE: Final = re.compile(r"[^\W\d_][\w ]{0,30},\s*ng")
_TITLE_WORD_RE: Final = re.compile(r"[^\W\d_]\w*")


def _zone_end(text: str) -> tuple[int, str]:
    """End of the header zone and the zone folded (same length as ``text[:end]``).

    The header is usually a few hundred characters: the first ``_ZONE_FIRST`` are folded and
    searched first. A match that ends before the end of that part is the match in the whole text
    (it examined no character beyond it, and a match starting earlier would have to run past it,
    across this one's "\n", which the pattern allows only inside "kinh gui" or "v/v", where this
    one's keyword cannot start); otherwise the whole zone is folded.
    """
    limit = min(len(text), _ZONE_MAX)
    if limit > _ZONE_FIRST:
        folded = fold_text(text[:_ZONE_FIRST])
        end = _ZONE_END_RE.search(folded)
        if end and end.end() < _ZONE_FIRST:
            return end.start(), folded[: end.start()]
    folded = fold_text(text[:limit])
    end = _ZONE_END_RE.search(folded)
    if end:
        return end.start(), folded[: end.start()]
    return limit, folded


def _is_place_fragment(line: str) -> bool:
    """A line that is only the first words of a place name ("Hương", "Thành phố Hồ")."""
    words = line.split()
    return 0 < len(words) <= 3 and all(
        _TITLE_WORD_RE.fullmatch(w) and w[0].isupper() and not w.isupper() for w in words
    )


def join_broken_header(text: str) -> str:
    """``text`` with the line breaks that divide a header phrase (the national title, the motto,
    "Ủy ban nhân dân", "Số: 297/…", the date, a place before ", ngày") turned back into spaces."""
    return _join_broken_header(text, *_zone_end(text))[0]


def _join_broken_header(text: str, zone_end: int, folded: str) -> tuple[str, str]:
    """:func:`join_broken_header` on a text whose zone is already found and folded; returns the
    joined text and its zone folded (a joined break is a space in both)."""
    breaks = [m.start() for m in _BREAK_RE.finditer(text, 0, zone_end)]
    if not breaks:
        return text, folded
    chars = list(text[:zone_end])  # breaks are inside the zone
    spans = [m.span() for regex in _UNBROKEN_RES for m in regex.finditer(folded)]
    joined: list[int] = []
    for start in breaks:
        nl = text.index("\n", start)
        prev_start = text.rfind("\n", 0, nl) + 1
        next_end = text.find("\n", nl + 1)
        next_end = zone_end if next_end < 0 else next_end
        prev_line, next_line = text[prev_start:nl], text[nl + 1 : next_end]
        # Only the last cell of the line above and the first cell of the line below can hold the
        # two halves of a phrase.
        prev_cell = _CELL_SPLIT_RE.split(prev_line.rstrip())[-1]
        next_cell = _CELL_SPLIT_RE.split(next_line.strip())[0]
        inside = any(
            s < nl < e
            and s >= nl - len(prev_cell)
            and e <= nl + 1 + len(next_line) - len(next_line.lstrip()) + len(next_cell)
            for s, e in spans
        )
        place = _is_place_fragment(prev_cell) and bool(_PLACE_REST_RE.match(next_cell))
        if inside or place:
            chars[nl] = " "
            joined.append(nl)
    if not joined:
        return text, folded
    zone = list(folded)
    for nl in joined:
        zone[nl] = " "
    return "".join(chars) + text[zone_end:], "".join(zone)


# First words of a header's first line (the issuing body, the number, the national title).
_OPENINGS: Final = (
    "ỦY", "UBND", "HĐND", "SỐ", "SỞ", "BỘ", "PHÒNG", "HỘI", "CỘNG", "TỈNH", "HUYỆN", "TRUNG", "CHI",
    "CỤC", "VĂN", "TỔNG", "ĐẢNG", "THÀNH", "THỊ", "TRƯỜNG", "ĐOÀN", "CÔNG", "VIỆN",
)  # fmt: skip
_FIRST_WORD_RE: Final = re.compile(r"[^\W\d_]+")


def _header_like(line: str) -> bool:
    folded = " ".join(fold_text(line).split())
    return _body_words_start(folded) or bool(re.match(r"so\s*:|so \d|cong hoa", folded))


def restore_first_letter(text: str) -> str:
    """Put back the first letter of the page when OCR lost it: "Y BAN NHÂN DÂN" → "ỦY BAN NHÂN
    DÂN", "BND TỈNH" → "UBND TỈNH", "ố: 297/…" → "Số: 297/…". Only when exactly one opening word of
    a header ends with the damaged word and the repaired line reads as a header line."""
    match = _FIRST_WORD_RE.search(text, 0, 200)
    if match is None or text[: match.start()].strip(" \t\n#*|"):
        return text
    line_end = text.find("\n", match.start())
    line = text[match.start() : line_end if line_end >= 0 else len(text)]
    if _header_like(line):
        return text
    word = caseless(match.group(0))
    found = [o for o in _OPENINGS if caseless(o[1:]) == word]
    if len(found) != 1:
        return text
    head = found[0][0]
    candidate = head + line
    if not _header_like(candidate):
        return text
    return text[: match.start()] + head + text[match.start() :]


def repair_header(text: str) -> str:
    """Every repair: a lost first letter, broken phrases joined, merged lines split at the landmarks."""
    text = restore_first_letter(text)
    zone_end, folded = _zone_end(text)
    # Joining turns line breaks into spaces before the zone's end: the end and the fold still hold.
    text, folded = _join_broken_header(text, zone_end, folded)
    return _split_merged_header(text, zone_end, folded)


def split_merged_header(text: str) -> str:
    """``text`` with the header's landmarks put back at the start of their own lines."""
    return _split_merged_header(text, *_zone_end(text))


def _split_merged_header(text: str, zone_end: int, folded: str) -> str:
    cuts: set[int] = set()
    for regex in (_NATIONAL_RE, _MOTTO_RE, _RULE_RE):
        for m in regex.finditer(folded):
            cuts.add(m.start())
            cuts.add(m.end())
    cuts.update(m.end() for m in _DATE_TAIL_RE.finditer(folded))
    for m in _NUMBER_RE.finditer(folded):
        if text[m.start() + 1] in "ốỐoO":
            cuts.add(m.start())
    for m in _PLACE_DATE_RE.finditer(folded):
        start = _place_start(text, m.start())
        if start >= 0:
            cuts.add(start + 1)
    chars = list(text[: zone_end + 1])  # a cut moves a line break to a space at or before the zone's end
    changed = False
    for cut in cuts:
        # Break at the space just before the landmark, if the landmark shares its line with text.
        if cut > 0 and chars[cut - 1] == " ":
            pos = cut - 1
        elif cut < zone_end and chars[cut] == " ":
            pos = cut
        else:
            continue
        line_start = text.rfind("\n", 0, pos) + 1
        line_end = text.find("\n", pos)
        line_end = len(text) if line_end < 0 else line_end
        before = text[line_start:pos].strip(" \t")
        after = text[pos + 1 : line_end].strip(" \t")
        if before.endswith("|") or after.startswith("|"):
            continue  # a cell boundary already separates them
        line = text[line_start:line_end]
        if before and after and not _COLUMNS_RE.search(line.strip()):
            chars[pos] = "\n"
            changed = True
    return "".join(chars) + text[zone_end + 1 :] if changed else text

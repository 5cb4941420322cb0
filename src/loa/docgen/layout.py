"""The small measures built on the presentation constants of Nghị định 30/2020 (:mod:`loa.nd30.layout`).

Text widths are measured with Liberation Serif, which has Times New Roman's metrics, so the
rules under the issuing body, the motto and the subject come out as long as Word draws them.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Final

from PIL import ImageFont

from loa.core.vn import date_phrase

# Characters that XML 1.0 forbids; python-docx and openpyxl refuse them.
_XML_ILLEGAL_RE: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def clean_text(text: str | None) -> str:
    """Text ready for a document part: NFC, Unix newlines, no characters XML cannot carry."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return _XML_ILLEGAL_RE.sub("", text)


def upper(text: str) -> str:
    """Vietnamese upper case ("Phòng Văn hóa" → "PHÒNG VĂN HÓA"), in NFC."""
    return unicodedata.normalize("NFC", clean_text(text).upper())


def _date_phrase(d: dt.date | None, place: str | None) -> str:
    """The place–date line: "Hương Trà, ngày 05 tháng 01 năm 2022".

    Leading zero for days 1–9 and for months 1 and 2 only (Phụ lục I, Mục II.4). Without a date
    (a draft before signing) the day, month and year are left blank for the clerk to fill in.
    """
    phrase = "ngày      tháng      năm      " if d is None else date_phrase(d)
    place = clean_text(place).strip()
    return f"{place}, {phrase}" if place else phrase.capitalize()


def pad_number(number: str) -> str:
    """Document number as printed: numbers under 10 take a leading zero ("7" → "07")."""
    number = "".join(clean_text(number).split())
    if number.isdigit() and len(number) == 1:
        return f"0{number}"
    return number


_FONT_DIRS: Final = (
    "/usr/share/fonts/truetype/liberation2",
    "/usr/share/fonts/truetype/liberation",
    "/usr/share/fonts/truetype/msttcorefonts",
)
_FONT_FILES: Final = {
    (False, False): ("LiberationSerif-Regular.ttf", "Times_New_Roman.ttf", "times.ttf"),
    (True, False): ("LiberationSerif-Bold.ttf", "Times_New_Roman_Bold.ttf", "timesbd.ttf"),
    (False, True): ("LiberationSerif-Italic.ttf", "Times_New_Roman_Italic.ttf", "timesi.ttf"),
    (True, True): ("LiberationSerif-BoldItalic.ttf", "Times_New_Roman_Bold_Italic.ttf", "timesbi.ttf"),
}
_MEASURE_PX_PER_PT: Final = 10  # measure at 10 px per point: sub-pixel accuracy from integer sizes


@lru_cache(maxsize=64)
def _font(size_pt: float, bold: bool, italic: bool) -> ImageFont.FreeTypeFont | None:
    for folder in _FONT_DIRS:
        for name in _FONT_FILES[(bold, italic)]:
            path = Path(folder) / name
            if path.exists():
                return ImageFont.truetype(str(path), round(size_pt * _MEASURE_PX_PER_PT))
    return None


@lru_cache(maxsize=4096)
def text_width_mm(text: str, size_pt: float, *, bold: bool = False, italic: bool = False) -> float:
    """Printed width of one line of ``text`` in Times New Roman (measured with Liberation Serif).

    Without the font files (a bare container) an average glyph width of half an em stands in.
    """
    font = _font(size_pt, bold, italic)
    if font is None:
        return len(text) * size_pt * 0.5 * 25.4 / 72
    return font.getlength(text) / _MEASURE_PX_PER_PT / 72 * 25.4


def _greedy_lines(
    words: list[str], size_pt: float, max_width_mm: float, bold: bool, italic: bool
) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in words:
        candidate = f"{line} {word}" if line else word
        if line and text_width_mm(candidate, size_pt, bold=bold, italic=italic) > max_width_mm:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines


def balanced_lines(
    text: str, size_pt: float, max_width_mm: float, *, bold: bool = False, italic: bool = False
) -> list[str]:
    """Lines of ``text`` as a clerk breaks a centred heading: as many as a plain wrap needs, but
    with the words shared out so the longest line is as short as possible ("ỦY BAN NHÂN DÂN" /
    "THỊ XÃ HƯƠNG TRÀ" rather than "ỦY BAN NHÂN DÂN THỊ XÃ" / "HƯƠNG TRÀ").

    Existing line breaks are kept. Long texts (more than three lines or 60 words a paragraph) keep
    the plain wrap. A 1 mm allowance keeps measured lines inside what Word and LibreOffice fit.
    """
    width = max_width_mm - 1.0
    out: list[str] = []
    for hard_line in text.split("\n"):
        words = hard_line.split()
        greedy = _greedy_lines(words, size_pt, width, bold, italic)
        if len(greedy) <= 1 or len(greedy) > 3 or len(words) > 60:
            out.extend(greedy or [""])
            continue

        def w(i: int, j: int, words: list[str] = words) -> float:
            return text_width_mm(" ".join(words[i:j]), size_pt, bold=bold, italic=italic)

        n = len(words)
        best: tuple[float, list[str]] = (float("inf"), greedy)
        if len(greedy) == 2:
            for a in range(1, n):
                worst = max(w(0, a), w(a, n))
                if worst < best[0]:
                    best = (worst, [" ".join(words[:a]), " ".join(words[a:])])
        else:
            for a in range(1, n - 1):
                first = w(0, a)
                if first >= best[0]:
                    break
                for b in range(a + 1, n):
                    worst = max(first, w(a, b), w(b, n))
                    if worst < best[0]:
                        best = (worst, [" ".join(words[:a]), " ".join(words[a:b]), " ".join(words[b:])])
        out.extend(best[1] if best[0] <= width else greedy)
    return out


def lines_width_mm(lines: list[str], size_pt: float, *, bold: bool = False, italic: bool = False) -> float:
    """Width of the longest of ``lines``."""
    return max((text_width_mm(line, size_pt, bold=bold, italic=italic) for line in lines), default=0.0)

"""The pieces of a header read one at a time: the motto, the start of a body's name, the kind line,
the place and date, the number and symbol, and the subject (trích yếu) under the kind.

:func:`loa.ingest.parse.header.parse_header` walks the header zone and calls these; each works on
the column segments of :mod:`.text`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Final

from loa.core.errors import ValidationError
from loa.core.vn import fold as _vn_fold
from loa.ingest.parse.kinds import HEADER_KINDS
from loa.ingest.parse.text import Prepared, Segment, is_upper_text
from loa.nd30.symbols import format_symbol, parse_symbol

_fold = lru_cache(maxsize=8192)(_vn_fold)

__all__ = ["Header"]

Span = tuple[int, int]
_NUMBER_RE: Final = re.compile(r"^so\s*:\s*|^so\s+(?=\d)")
_DATE_RE: Final = re.compile(
    r"^(?P<place>[^,\d]{2,60}?)\s*,\s*(?:ngay\s*)?"
    r"(?:(?P<d>\d{1,2})?[\s.]*thang\s*(?P<m>\d{1,2})?[\s.]*nam\s*(?P<y>\d{4})?"
    r"|(?P<d2>\d{1,2})\s*[/.-]\s*(?P<m2>\d{1,2})\s*[/.-]\s*(?P<y2>\d{4}))"
)
_JOINED_DATE_RE: Final = re.compile(r"\s(?P<place>(?:[a-z]+\s){0,4}[a-z]+)\s*,\s*ngay\b")
_BARE_DATE_RE: Final = re.compile(r"^ngay\s*(?P<d>\d{1,2})?\s*thang\s*(?P<m>\d{1,2})?\s*nam\s*(?P<y>\d{4})?")
_VV_RE: Final = re.compile(r"^(?:v\s*/\s*v\b|ve\s+viec\b)")
_SEPARATOR_RE: Final = re.compile(r"^[\s\-_=*.|~]+$")
_BODY_START_RE: Final = re.compile(
    r"^(?:can cu|thuc hien|theo de nghi|xet de nghi|kinh gui|trong (?:nam|thoi gian)|nham\b|de\b)"
)
_KINH_GUI_RE: Final = re.compile(r"^kinh\s*gui\b")
# Words that open the name of a body ("SỞ CÔNG THƯƠNG"), as opposed to a place or a field that
# continues the line above ("TỈNH KIÊN GIANG" under "ỦY BAN NHÂN DÂN").
_BODY_WORDS: Final = (
    "uy ban",
    "ubnd",
    "hdnd",
    "hoi dong",
    "so ",
    "phong ",
    "bo ",
    "cuc ",
    "chi cuc",
    "tong cuc",
    "trung tam",
    "ban ",
    "van phong",
    "truong ",
    "cong ty",
    "tong cong ty",
    "vien ",
    "dai ",
    "bao ",
    "thanh tra",
    "kho bac",
    "bao hiem",
    "tinh uy",
    "thanh uy",
    "huyen uy",
    "thi uy",
    "quan uy",
    "dang uy",
    "dang bo",
    "doan ",
    "hoi ",
    "toa an",
    "vien kiem sat",
    "quoc hoi",
    "chinh phu",
    "thu tuong",
    "mat tran",
    "cong an",
    "bo chi huy",
    "hop tac xa",
    "lien doan",
    "ngan hang",
    "benh vien",
    "hoc vien",
    "dai hoc",
    "tap doan",
    "vu ",
    "chi nhanh",
    "doi ",
    "ban quan ly",
    "ban chi dao",
    "hoc vien",
    "nha xuat ban",
)
_PLACE_UNITS: Final = ("thanh pho", "thi xa", "thi tran", "tinh", "huyen", "quan", "xa", "phuong")
_AUTHORITY_START_RE: Final = re.compile(
    r"^(?:uy ban nhan dan|ubnd|hoi dong nhan dan|chu tich|bo truong|thu truong|giam doc|tong giam doc|"
    r"cuc truong|vien truong|truong ban|truong phong|chanh van phong|thu tuong|ban thuong vu|"
    r"ban chap hanh|hieu truong|hoi dong)\b"
)
_DECREE_KINDS: Final = frozenset({"Quyết định", "Nghị quyết", "Chỉ thị", "Quy định", "Quy chế"})
_STAMPS: Final = frozenset({"khan", "hoa toc", "thuong khan", "mat", "toi mat", "tuyet mat", "du thao"})
_KIND_FOLDS: Final = {_fold(name): name for name, _ in HEADER_KINDS}
# Kind names by their first word, longest first: a segment can only open with a kind whose first
# word is its own first word.
_KINDS_BY_FIRST_WORD: Final[dict[str, list[str]]] = {}
for _key in sorted(_KIND_FOLDS, key=len, reverse=True):
    _KINDS_BY_FIRST_WORD.setdefault(_key.split(" ", 1)[0], []).append(_key)


@dataclass
class Header:
    """What the header says; spans point into the prepared text."""

    parent: str | None = None
    issuer: str | None = None
    number: str | None = None
    symbol: str | None = None
    code: str | None = None
    number_text: str | None = None
    place: str | None = None
    date: dt.date | None = None
    kind: str | None = None
    kind_abbr: str | None = None
    subject: str | None = None
    authority_line: str | None = None
    body_start: int = 0  # index of the first body line
    spans: dict[str, Span] = field(default_factory=dict)
    warnings: dict[str, str] = field(default_factory=dict)


def _is_motto(folded: str) -> bool:
    tight = folded.replace(" ", "")
    if "conghoaxahoi" in tight or "chunghiavietnam" in tight or tight.startswith("doclap"):
        return True
    if "dangcongsanvietnam" in tight:  # the Party's header line in place of the national name
        return True
    return (
        "cong hoa xa hoi" in folded
        or folded in {"cong", "cong hoa"}
        or folded.startswith(("hoa xa hoi", "xa hoi chu nghia", "chu nghia viet", "doc lap"))
        or folded in {"viet nam", "nghia viet nam"}
        or ("tu do" in folded and "hanh phuc" in folded)
        or folded.startswith("doc lap")
    )


def _body_words_start(folded: str) -> bool:
    return any(folded.startswith(w) or folded == w.strip() for w in _BODY_WORDS)


def _kind_of_segment(p: Prepared, seg: Segment) -> tuple[str, int] | None:
    """(kind name, end offset of the kind word) when the segment opens with a kind in capitals."""
    folded = p.seg_fold(seg)
    text = p.seg_text(seg)
    for key in _KINDS_BY_FIRST_WORD.get(folded.split(" ", 1)[0], ()):
        if folded == key or folded.startswith(key + " "):
            words = len(key.split())
            head = " ".join(text.split()[:words])
            if not is_upper_text(head, 1.0):
                return None
            rest = folded[len(key) :].strip()
            if rest.endswith(":") and not rest[:-1].strip():
                return None  # "QUYẾT ĐỊNH:" opens the articles, it is not the kind line
            if folded.endswith(":") and rest == ":":
                return None
            # The kind word ends after ``words`` words of the segment.
            pos = seg.start
            count = 0
            in_word = False
            while pos < seg.end:
                ch = p.clean[pos]
                if ch.isspace():
                    if in_word:
                        count += 1
                        in_word = False
                        if count == words:
                            break
                else:
                    in_word = True
                pos += 1
            return _KIND_FOLDS[key], pos
    return None


def _find_kind_line(p: Prepared, limit: int) -> tuple[int, Segment, str, int] | None:
    for line in p.lines[:limit]:
        for seg in line.segments:
            found = _kind_of_segment(p, seg)
            if found:
                return line.index, seg, found[0], found[1]
    # Texts copied from the web sometimes lose the capitals: a line that is exactly a kind name.
    for line in p.lines[:limit]:
        if len(line.segments) == 1:
            seg = line.segments[0]
            key = p.seg_fold(seg).rstrip(" .")
            if key in _KIND_FOLDS and key != "cong van":
                return line.index, seg, _KIND_FOLDS[key], seg.end
    return None


def _date_from(match: re.Match[str]) -> dt.date | None:
    groups = match.groupdict()
    d = groups.get("d") or groups.get("d2")
    m = groups.get("m") or groups.get("m2")
    y = groups.get("y") or groups.get("y2")
    if not (d and m and y):
        return None
    try:
        return dt.date(int(y), int(m), int(d))
    except ValueError:
        return None


def _read_date(p: Prepared, h: Header, seg: Segment) -> bool:
    """Place and date from a "<Place>, ngày DD tháng MM năm YYYY" segment; False when it is not one."""
    raw = p.folded[seg.start : seg.end]
    date = _DATE_RE.match(raw) or _BARE_DATE_RE.match(raw)
    if not date or not ("ngay" in raw or "thang" in raw or date.groupdict().get("y2")):
        return False
    if date.re is _DATE_RE:
        h.place = p.value(seg.start + date.start("place"), seg.start + date.end("place"))
        h.spans["place"] = (seg.start + date.start("place"), seg.start + date.end("place"))
    h.date = _date_from(date)
    h.spans["date"] = (seg.start, seg.end)
    if h.date is None:
        h.warnings["date"] = "Ngày ban hành còn để trống hoặc không đọc được."
    return True


def _code_kind(code: str) -> str | None:
    first = code.split("/")[-1].split("-")[0]
    for name, abbr in HEADER_KINDS:
        if abbr and abbr.casefold() == first.casefold():
            return name
    return None


def _read_symbol(h: Header) -> None:
    raw = (h.number_text or "").strip()
    if not raw:
        return
    raw = raw.split("|")[0].strip()
    try:
        sym = parse_symbol(raw)
    except ValidationError:
        h.warnings["symbol"] = "Số, ký hiệu không đúng dạng: " + raw
        return
    number = raw.split("/")[0].strip()
    number = "".join(number.split())
    canonical = format_symbol(sym)  # normalise_symbol(raw), without parsing it twice
    code = canonical.split("/", 1)[1] if "/" in canonical else canonical
    if sym.party:
        code = canonical.split("-", 1)[1] if "-" in canonical else canonical
        number = number.split("-")[0]
    h.code = code
    if sym.number is None or not any(c.isdigit() for c in number):
        h.warnings["number"] = "Số văn bản còn để trống (bản dự thảo chưa vào sổ)."
        return
    h.number = number
    # The symbol keeps the number as printed ("07"), the rest canonical.
    h.symbol = f"{number}/{code}" if not sym.party else f"{number}-{code}"


def _read_subject(
    p: Prepared, index: int, seg: Segment, kind_end: int, kind: str, hard_wrapped: bool
) -> tuple[list[str], Span, int]:
    parts: list[str] = []
    start = end = -1
    line = p.lines[index]
    rest = p.value(kind_end, seg.end)
    if rest:
        parts.append(rest)
        start, end = kind_end, seg.end
    for other in line.segments:
        if other.start > seg.start:
            parts.append(p.seg_text(other))
            start = other.start if start < 0 else start
            end = other.end
    upper_title: bool | None = None if not parts else is_upper_text(" ".join(parts))
    i = index + 1
    blank_run = 0
    while i < len(p.lines) and i < index + 12:
        ln = p.lines[i]
        if not ln.segments:
            blank_run += 1
            if parts and blank_run >= 1 and upper_title is False:
                break
            if blank_run >= 3:
                break
            i += 1
            continue
        text = p.line_text(ln)
        folded = p.seg_fold(ln.segments[0])
        if _SEPARATOR_RE.match(text):
            if parts:
                i += 1
                break
            i += 1
            continue
        if _BODY_START_RE.match(folded) or _KINH_GUI_RE.match(folded):
            break
        upper = is_upper_text(text)
        if parts and upper_title is not None and upper != upper_title:
            break
        if parts and upper and kind in _DECREE_KINDS and _AUTHORITY_START_RE.match(folded):
            break
        if parts and blank_run and upper_title:
            # A blank line ends an upper-case subject unless the next line still continues it.
            if _AUTHORITY_START_RE.match(folded) or len(text) > 120:
                break
        if len(text) > 300:
            break
        if (
            parts
            and upper_title is False
            and not (text[:1].islower() or text[:1].isdigit())
            and (
                not hard_wrapped
                or len(text) > 80
                or text.rstrip().endswith((":", "./."))
                or parts[-1].rstrip().endswith((".", ";", ":"))
            )
        ):
            break  # a new sentence in sentence case is body text, not the subject wrapping
        if not parts and folded.startswith("(") and not upper:
            break
        blank_run = 0
        parts.append(text)
        if start < 0:
            start = ln.segments[0].start
        end = ln.segments[-1].end
        upper_title = upper if upper_title is None else upper_title
        i += 1
        if not upper and text.rstrip().endswith((".", ":")) and not text.rstrip().endswith("./."):
            break
    return parts, (start, end), i

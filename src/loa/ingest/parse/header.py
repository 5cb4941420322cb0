"""The header of a document: parent and issuing body, number and symbol, place and date, kind and
subject (trích yếu), and the enacting authority line of a quyết định.

Works on column segments (see :mod:`.text`), so the two-column header reads the same whether it
came as a DOCX table, a PDF with a wide gap, a web page flattened with "|", or one column after
the other.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Final

from loa.core.errors import ValidationError
from loa.core.vn import fold as _vn_fold
from loa.ingest.legacy import is_vietnamese_syllable
from loa.ingest.parse.kinds import ADMIN_KINDS, KIND_BY_FOLD
from loa.ingest.parse.text import Prepared, Segment, is_upper_text
from loa.nd30.symbols import normalise_symbol, parse_symbol

_fold = lru_cache(maxsize=8192)(_vn_fold)

__all__ = ["Header", "parse_header", "sentence_case_body"]

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
_STAMPS: Final = frozenset({"khan", "hoa toc", "thuong khan", "mat", "toi mat", "tuyet mat", "du thao"})
_KIND_FOLDS: Final = {_fold(name): name for name, _ in ADMIN_KINDS}


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
    for key in sorted(_KIND_FOLDS, key=len, reverse=True):
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


def _group_bodies(p: Prepared, segs: list[Segment]) -> list[tuple[str, Span]]:
    bodies: list[tuple[str, Span]] = []
    for seg in segs:
        text = p.seg_text(seg)
        folded = p.seg_fold(seg)
        if bodies and not _body_words_start(folded):
            prev, (s, _) = bodies[-1]
            bodies[-1] = (f"{prev} {text}", (s, seg.end))
        else:
            bodies.append((text, (seg.start, seg.end)))
    return bodies


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


def _locality_for(p: Prepared, place: str | None) -> str | None:
    """ "tỉnh Quảng Ngãi" for place "Quảng Ngãi": how the text names the place with its unit word."""
    if not place:
        return None
    key = _fold(place)
    units = "|".join(_PLACE_UNITS)
    match = re.search(rf"\b({units})\s+{re.escape(key)}\b", p.flat_folded)
    if not match:
        return None
    return f"{p.flat_clean[match.start(1) : match.end(1)].lower()} {place}"


def parse_header(p: Prepared, *, hard_wrapped: bool = True) -> Header:
    """Read the header zone of a prepared text.

    ``hard_wrapped`` (plain text, PDF) lets a sentence-case subject run on to a short next line;
    in a DOCX each line is a paragraph, so the subject goes on only where the next line starts in
    lower case.
    """
    h = Header()
    limit = min(len(p.lines), 80)
    # Where the body starts at the latest: "Kính gửi", a căn cứ, or a long line of running text.
    # A kind line further down belongs to an attachment, not to this document's header.
    body_line = limit
    for line in p.lines[:limit]:
        segs = line.segments
        if not segs:
            continue
        folded = p.seg_fold(segs[0])
        if _KINH_GUI_RE.match(folded) or (_BODY_START_RE.match(folded) and line.index > 2):
            body_line = line.index
            break
        if len(p.line_text(line)) > 160:
            body_line = line.index
            break
    kind_found = _find_kind_line(p, body_line)
    # The header zone ends at the kind line, or (công văn) at "Kính gửi" / the first body line.
    zone_end = kind_found[0] if kind_found else body_line
    org_segs: list[Segment] = []
    vv_segs: list[Segment] = []
    in_vv = False
    for line in p.lines[:zone_end]:
        for seg in line.segments:
            text = p.seg_text(seg)
            folded = p.seg_fold(seg)
            if not folded or _SEPARATOR_RE.match(text):
                continue
            if _is_motto(folded):
                in_vv = False
                continue
            number = _NUMBER_RE.match(folded)
            if number and "number" not in h.spans:
                in_vv = False
                end = seg.end
                raw = p.folded[seg.start : seg.end]
                # OCR and plain copies may put the place-date on the same run ("Số: 12/BC-X Huế, ngày …").
                joined = _JOINED_DATE_RE.search(raw)
                if joined:
                    end = seg.start + joined.start("place")
                    _read_date(p, h, Segment(end, seg.end, seg.col, seg.line))
                colon = raw.find(":", 0, 8)
                h.number_text = p.value(seg.start + (colon + 1 if colon >= 0 else 2), end)
                h.spans["number"] = (seg.start, end)
                continue
            if "date" not in h.spans and _read_date(p, h, seg):
                in_vv = False
                continue
            if _VV_RE.match(folded):
                in_vv = True
                vv_segs.append(seg)
                continue
            if in_vv and (seg.col == vv_segs[-1].col or len(line.segments) == 1) and not is_upper_text(text):
                vv_segs.append(seg)
                continue
            in_vv = False
            if is_upper_text(text) and len(text) < 90 and folded not in _STAMPS:
                org_segs.append(seg)
    _read_symbol(h)
    bodies = _group_bodies(p, org_segs)
    if bodies:
        text, span = bodies[-1]
        h.issuer = sentence_case_body(text)
        h.spans["issuer"] = span
        if len(bodies) >= 2:
            text, span = bodies[-2]
            h.parent = sentence_case_body(text)
            h.spans["parent_issuer"] = span
    # Kind and subject.
    body_start = zone_end
    if kind_found:
        index, seg, kind, kind_end = kind_found
        h.kind = kind
        h.spans["doc_type"] = (seg.start, kind_end)
        subject_parts, subject_span, body_start = _read_subject(p, index, seg, kind_end, kind, hard_wrapped)
        if subject_parts:
            h.subject = " ".join(subject_parts)
            h.spans["title"] = subject_span
    if vv_segs and not h.subject:
        h.subject = " ".join(p.seg_text(s) for s in vv_segs)
        h.spans["title"] = (vv_segs[0].start, vv_segs[-1].end)
    if not h.kind:
        h.kind = "Công văn" if (vv_segs or (h.code and not _code_kind(h.code))) else _code_kind(h.code or "")
    if h.kind:
        h.kind_abbr = KIND_BY_FOLD.get(_fold(h.kind), (h.kind, None))[1]
    # Enacting authority ("ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG") right after the subject.
    while body_start < len(p.lines) and not p.lines[body_start].segments:
        body_start += 1
    if body_start < len(p.lines) and h.kind in _DECREE_KINDS:
        line = p.lines[body_start]
        text = p.line_text(line)
        if is_upper_text(text) and _AUTHORITY_START_RE.match(p.seg_fold(line.segments[0])):
            h.authority_line = text
            h.spans["authority"] = (line.start, line.end)
            body_start += 1
    h.body_start = body_start
    if h.issuer and _fold(h.issuer) in {"uy ban nhan dan", "hoi dong nhan dan"}:
        locality = _locality_for(p, h.place)
        if locality:
            h.issuer = f"{h.issuer} {locality}"
    return h


def _code_kind(code: str) -> str | None:
    first = code.split("/")[-1].split("-")[0]
    for name, abbr in ADMIN_KINDS:
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
    canonical = normalise_symbol(raw)
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

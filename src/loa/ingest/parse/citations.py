"""Every document the text cites by number and symbol: kind, symbol, date and the issuer phrase.

"Kế hoạch số 4757 /KH-UBND ngày 27/12/2021 của UBND thị xã Hương Trà về việc …" gives
("Kế hoạch", "4757/KH-UBND", 2021-12-27, "UBND thị xã Hương Trà"). The issuer comes from the
phrase after the citation ("của …"), from a phrase before it ("đề nghị của Sở Nội vụ tại Tờ trình
số …", "Phòng … đã ban hành Kế hoạch số …", "các Nghị định của Chính phủ …, bao gồm: …"), or from
the next citation when both share one ("Văn bản số … kèm theo Báo cáo số … của Công ty …").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from loa.core.errors import ValidationError
from loa.core.vn import fold as _vn_fold
from loa.ingest.parse.kinds import ADMIN_KINDS, CITED_KINDS, KIND_BY_ABBR, KIND_BY_FOLD, cited_kind_pattern
from loa.ingest.parse.scan import finditer_guarded
from loa.ingest.parse.text import Prepared
from loa.nd30.symbols import normalise_symbol, parse_symbol

_fold = lru_cache(maxsize=8192)(_vn_fold)

__all__ = ["Citation", "find_citations"]

Span = tuple[int, int]

_KINDS: Final = cited_kind_pattern()
# On folded text: letters are plain a–z, so "QĐ" reads "qd". Stray spaces around "/" and "-".
# A group of letters and digits; "&" may join two ("SNV-CCHC&PC", "SVHTTDL & DL").
_GROUP: Final = r"[a-z][a-z0-9]*(?:\s?&\s?[a-z0-9]+|&)*"
_SYMBOL: Final = (
    rf"(?:\d+[a-z]?\s*-\s*[a-z]{{1,6}}\s*/\s*{_GROUP}(?:-[a-z0-9&]+)*"  # Party: 09-NQ/TU
    rf"|\d+[a-z]?\s*(?:/\s*(?:19|20)\d\d\s*)?/\s*{_GROUP}"
    rf"(?:(?:-|_|\s+-\s*|\s*-\s+){_GROUP})*"
    # Numbers with dots and more than one "/" group, outside ND30's scheme: "01.6/GĐN/KSYB".
    rf"|\d+(?:\.\d+)+\s*(?:/\s*{_GROUP}(?:-{_GROUP})*){{1,3}}"
    rf"|\d+[a-z]?\s*/\s*{_GROUP}(?:-{_GROUP})*(?:\s*/\s*{_GROUP}(?:-{_GROUP})*){{1,2}})"
)
# Patterns that must not start inside a word are scanned as the guard plus the rest (see .scan).
_NOT_IN_WORD_RE: Final = re.compile(r"(?<![a-z0-9])")
_CITE_RE: Final = re.compile(
    rf"(?P<kind>{_KINDS})\s*(?:so\s*:?\s*|s\u1ed1\s*)?(?P<sym>{_SYMBOL})(?![a-z0-9/])"
)
# National technical regulations and standards: "QCVN 01:2019/BCT", "TCVN 5574:2018".
_STANDARD_RE: Final = re.compile(
    r"(?P<sym>(?P<scheme>qcvn|tcvn)\s*(?P<num>\d+(?:[-.]\d+)*)\s*:\s*(?P<year>(?:19|20)\d\d)"
    r"(?:\s*/\s*(?P<org>[a-z][a-z0-9]*(?:-[a-z0-9]+)*))?)(?![a-z0-9])"
)
_STANDARD_KINDS: Final = {"qcvn": "Quy chuẩn", "tcvn": "Tiêu chuẩn"}
# A kind followed by the document's name before its number: "Luật Đất đai số 31/2024/QH15".
_NAMED_RE: Final = re.compile(rf"(?<![a-z])(?P<kind>{_KINDS})\s+[^\d.;:,()\n/]{{1,80}}?\s+$")
_BARE_RE: Final = re.compile(rf"so\s*:?\s*(?P<sym>{_SYMBOL})(?![a-z0-9/])")
_DATE_RE: Final = re.compile(
    r"\s*,?\s*(?:ngay|ban hanh ngay)\s*(?:(?P<d1>\d{1,2})\s*[/.-]\s*(?P<m1>\d{1,2})\s*[/.-]\s*(?P<y1>\d{4})"
    r"|(?P<d2>\d{1,2})\s*thang\s*(?P<m2>\d{1,2})\s*,?\s*nam\s*(?P<y2>\d{4}))"
)
_ISSUER_WORDS: Final = (
    r"chinh phu|thu tuong|quoc hoi|uy ban|ubnd|hdnd|hoi dong|bo |so |phong |cuc |tong cuc|chi cuc|"
    r"van phong|ban |tinh uy|thanh uy|huyen uy|thi uy|quan uy|dang uy|chu tich|cong ty|hop tac xa|"
    r"trung tam|truong |vien |toa an|kiem toan|thanh tra|doan |hoi |mat tran|bch|ubmttq"
)
_DIRECT_ISSUER_RE: Final = re.compile(rf"\s*,?\s*(?:cua\s+(?P<a>\S)|(?P<b>(?:{_ISSUER_WORDS})))")
# Words that end an issuer phrase: the subject starts, or the sentence moves on.
# Words that end an issuer phrase: the subject starts, or the sentence moves on. Matched on the
# lower-cased text with its accents ("giao" must not stop at "Giáo dục", "tại" not at "Tài chính").
_STOP_RE: Final = re.compile(
    r"\s(?:về|v/v|quy định|ban hành|hướng dẫn|sửa đổi|phê duyệt|thông qua|triển khai|thực hiện|"
    r"kèm theo|được|giao|gửi|nhằm|tại|theo|đối với|cho|ngày|điều chỉnh|bổ sung|thành lập|"
    r"phân công|quyết định|kế hoạch|nghị định|thông tư|báo cáo|công văn|chỉ đạo|đề nghị|"
    r"tuyên truyền|tổ chức thực hiện|liên quan|và các|như sau|đã|đang|sẽ|quy chế|chương trình)(?=\s|$|[,.;:])"
    r"|[,;:.()\[\]\"“”]|\s-\s|\n\n"
    r"|\svà\s+(?=(?:"
    + "|".join(sorted((n.lower() for n, _ in ADMIN_KINDS + CITED_KINDS), key=len, reverse=True))
    + r")\s)"
)
_CONNECTOR_RE: Final = re.compile(r"^\s*(?:,|va|;)?\s*(?:kem theo|cung voi|cung|va)?\s*(?:,)?\s*$")
_PRECEDING_AT_RE: Final = re.compile(
    rf"(?:cua|cho)\s+(?P<org>(?:{_ISSUER_WORDS})[^.;:\n]{{0,80}}?)\s+tai\s+(?:cac\s+)?$"
)
_PRECEDING_ISSUED_RE: Final = re.compile(
    rf"(?P<org>(?:{_ISSUER_WORDS})[^.;:,\n]{{0,80}}?)\s+(?:da\s+|vua\s+)?(?:ban hanh|co)\s+$"
)
_WORD_START_RE: Final = re.compile(r"\b")
_GROUP_RE: Final = re.compile(
    rf"cac\s+(?P<kind>{_KINDS})\s+cua\s+(?P<org>(?:{_ISSUER_WORDS})[a-z ]{{0,60}}?)\s"
)
_GROUP_END_RE: Final = re.compile(r"\bcan cu\b|\bthuc hien\b|\n\s*\n")
_TRAILING_LINK_RE: Final = re.compile(r"\s+(?:và|cùng|cùng với|kèm theo|tại)$")
_CUA_RE: Final = re.compile(r"\bcua\s+")
_LOOKAHEAD: Final = 70


@dataclass
class Citation:
    """One cited document; ``issuer`` as written in the citing phrase."""

    doc_type: str
    symbol: str
    date: dt.date | None
    issuer: str | None
    span: Span
    end: int  # end of the citation with its date (where an issuer phrase may start)

    def as_record(self) -> dict[str, object]:
        return {
            "doc_type": self.doc_type,
            "symbol": self.symbol,
            "date": self.date.isoformat() if self.date else None,
            "issuer": self.issuer,
        }


def _kind_name(folded_kind: str) -> str:
    key = " ".join(folded_kind.split())
    return KIND_BY_FOLD.get(key, (folded_kind, None))[0]


def _date(match: re.Match[str]) -> dt.date | None:
    d = match.group("d1") or match.group("d2")
    m = match.group("m1") or match.group("m2")
    y = match.group("y1") or match.group("y2")
    try:
        return dt.date(int(y), int(m), int(d))
    except (TypeError, ValueError):
        return None


def _issuer_phrase(p: Prepared, start: int, limit: int) -> str | None:
    """The issuer phrase starting at ``start`` (after "của"), cut at the first stop word."""
    window = p.flat_clean[start:limit]
    lowered = window.lower()
    pos = 0
    while True:
        stop = _STOP_RE.search(lowered, pos)
        if stop is None:
            cut = len(window)
            break
        cut = stop.start()
        # "Sở Văn hóa, Thể thao và Du lịch", "Bộ Lao động - Thương binh và Xã hội": a comma or a
        # dash inside a name is followed by a capitalised word and closed by "và".
        if stop.group(0).strip() in {",", "-"}:
            after = window[stop.end() :].lstrip()
            following = _STOP_RE.search(lowered, stop.end())
            chunk = window[stop.end() : following.start() if following else len(window)]
            if after[:1].isupper() and " và " in chunk and len(chunk) < 60:
                pos = stop.end()
                continue
        break
    end = start + cut
    phrase = p.value(start, end).strip(" ,;-")
    # The next citation may start right after "và": "của Thị ủy và Hướng dẫn số …".
    phrase = _TRAILING_LINK_RE.sub("", phrase)
    words = phrase.split()
    if not words or len(words) > 14:
        return None
    return phrase


_TWO_LETTERS_RE: Final = re.compile(r"[A-Za-zĐđ]{2,}")
_LOOSE_SPACE_RE: Final = re.compile(r"\s*([/&.-])\s*")


@lru_cache(maxsize=4096)
def _clean_symbol(raw: str) -> str | None:
    """The canonical symbol; a symbol outside ND30's scheme ("01.6/GĐN/KSYB") is kept as written,
    without the spaces around its separators."""
    tight = _LOOSE_SPACE_RE.sub(r"\1", " ".join(raw.split()))
    try:
        return normalise_symbol(tight)
    except ValidationError:
        pass
    if re.fullmatch(r"\d+(?:\.\d+)*[A-Za-z]?(?:/[^\W_][\w&]*(?:-[\w&]+)*)+", tight) and re.search(
        r"[^\W\d_]{2,}", tight
    ):
        return tight
    return None


def find_citations(p: Prepared, *, start: int = 0, own_symbol: str | None = None) -> list[Citation]:
    """Every cited document from offset ``start`` on, once each, in order of first mention."""
    flat = p.flat_folded
    found: list[Citation] = []
    taken = bytearray(len(flat) + 1)  # 1 where a citation already found covers the character
    for match in finditer_guarded(_NOT_IN_WORD_RE, _CITE_RE, flat, start):
        sym_start, sym_end = match.span("sym")
        raw = p.flat_clean[sym_start:sym_end]
        symbol = _clean_symbol(raw)
        if not symbol:
            continue
        kind = _kind_name(match.group("kind"))
        found.append(_with_date(p, kind, symbol, match.start(), sym_end))
        taken[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
    for match in finditer_guarded(_NOT_IN_WORD_RE, _BARE_RE, flat, start):
        if taken[match.start()]:
            continue
        sym_start, sym_end = match.span("sym")
        symbol = _clean_symbol(p.flat_clean[sym_start:sym_end])
        if not symbol or not _TWO_LETTERS_RE.search(symbol.split("/")[-1]):
            continue
        abbr = _symbol_kind_abbr(symbol)
        kind = KIND_BY_ABBR.get(abbr, "Văn bản") if abbr else "Văn bản"
        begin = match.start()
        named = _NAMED_RE.search(flat, max(0, begin - 100), begin)
        if named and kind == "Văn bản":
            # "Luật Đất đai số 31/2024/QH15": the kind stands before the name.
            kind, begin = _kind_name(named.group("kind")), named.start()
        found.append(_with_date(p, kind, symbol, begin, sym_end))
        taken[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
    for match in finditer_guarded(_NOT_IN_WORD_RE, _STANDARD_RE, flat, start):
        if taken[match.start()]:
            continue
        org = match.group("org")
        raw = p.flat_clean
        symbol = f"{match.group('scheme').upper()} {match.group('num')}:{match.group('year')}"
        if org:
            symbol += "/" + "".join(raw[match.start("org") : match.end("org")].split()).upper()
        sym_end = match.end("sym")
        found.append(_with_date(p, _STANDARD_KINDS[match.group("scheme")], symbol, match.start(), sym_end))
    found.sort(key=lambda c: c.span[0])
    _assign_issuers(p, found)
    own = _fold(own_symbol) if own_symbol else None
    result: list[Citation] = []
    seen: dict[str, Citation] = {}
    for cit in found:
        key = _fold(cit.symbol)
        if own and key == own:
            continue
        if key in seen:
            first = seen[key]
            first.date = first.date or cit.date
            first.issuer = first.issuer or cit.issuer
            continue
        seen[key] = cit
        result.append(cit)
    return result


@lru_cache(maxsize=4096)
def _symbol_kind_abbr(symbol: str) -> str | None:
    try:
        return parse_symbol(symbol).kind_abbr
    except ValidationError:
        return None


def _with_date(p: Prepared, kind: str, symbol: str, start: int, sym_end: int) -> Citation:
    flat = p.flat_folded
    date = None
    end = sym_end
    match = _DATE_RE.match(flat, sym_end)
    if match:
        date = _date(match)
        end = match.end()
    return Citation(kind, symbol, date, None, (start, end), end)


def _sentence_limit(p: Prepared, pos: int, nxt: int | None) -> int:
    limit = min(len(p.flat_folded), pos + 200)
    if nxt is not None:
        limit = min(limit, nxt)
    return limit


def _assign_issuers(p: Prepared, cits: list[Citation]) -> None:
    flat = p.flat_folded
    direct: list[str | None] = []
    preceding: list[str | None] = []
    for i, cit in enumerate(cits):
        nxt = cits[i + 1].span[0] if i + 1 < len(cits) else None
        limit = _sentence_limit(p, cit.end, nxt)
        issuer = None
        match = _DIRECT_ISSUER_RE.match(flat, cit.end)
        if match and match.end() <= limit:
            begin = match.start("a") if match.group("a") else match.start("b")
            issuer = _issuer_phrase(p, begin, limit)
        direct.append(issuer)
        before = flat[max(0, cit.span[0] - 160) : cit.span[0]]
        # Both patterns end the text with a word and blanks: test those ends before searching.
        tail = before.rstrip() if before[-1:].isspace() else ""
        pre = (tail.endswith(("tai", "cac")) and _PRECEDING_AT_RE.search(before)) or (
            tail.endswith(("ban hanh", "co")) and _PRECEDING_ISSUED_RE.search(before)
        )
        if pre:
            offset = cit.span[0] - len(before) + pre.start("org")
            preceding.append(_issuer_phrase(p, offset, offset + len(pre.group("org"))))
        else:
            preceding.append(None)
    groups: list[tuple[str, int, int, str]] = []
    for match in finditer_guarded(_WORD_START_RE, _GROUP_RE, flat):
        end_match = _GROUP_END_RE.search(flat, match.end())
        group_end = end_match.start() if end_match else len(flat)
        org_start = match.start("org")
        org = _issuer_phrase(p, org_start, org_start + 120)
        if org:
            groups.append((_kind_name(match.group("kind")), match.end(), group_end, org))
    n = len(cits)
    issuers: list[str | None] = [None] * n
    for i in range(n):
        issuers[i] = direct[i] or preceding[i]
        if issuers[i] is None and i > 0 and preceding[i - 1] and _connected(flat, cits[i - 1], cits[i]):
            issuers[i] = issuers[i - 1]
    for i in range(n - 2, -1, -1):
        if issuers[i] is None and _connected(flat, cits[i], cits[i + 1]) and direct[i + 1]:
            issuers[i] = issuers[i + 1]
    for i, cit in enumerate(cits):
        if issuers[i] is None:
            for kind, g_start, g_end, org in groups:
                if g_start <= cit.span[0] < g_end and _fold(kind) == _fold(cit.doc_type):
                    issuers[i] = org
                    break
    for i, cit in enumerate(cits):
        if issuers[i] is None:
            nxt = cits[i + 1].span[0] if i + 1 < n else None
            limit = min(cit.end + _LOOKAHEAD, nxt if nxt is not None else len(flat))
            window = flat[cit.end : limit]
            cua = _CUA_RE.search(window)
            if cua and not _STOP_RE.search(p.flat_clean[cit.end : cit.end + cua.start()].lower()):
                begin = cit.end + cua.end()
                issuers[i] = _issuer_phrase(p, begin, begin + 120)
        cit.issuer = issuers[i]


def _connected(flat: str, left: Citation, right: Citation) -> bool:
    return bool(_CONNECTOR_RE.match(flat[left.end : right.span[0]]))

"""The header of a document: parent and issuing body, number and symbol, place and date, kind and
subject (trích yếu), and the enacting authority line of a quyết định.

Works on column segments (see :mod:`.text`), so the two-column header reads the same whether it
came as a DOCX table, a PDF with a wide gap, a web page flattened with "|", or one column after
the other.
"""

from __future__ import annotations

import re
from functools import lru_cache

from loa.core.vn import fold as _vn_fold
from loa.ingest.parse.body_names import sentence_case_body
from loa.ingest.parse.header_lines import (
    _AUTHORITY_START_RE,
    _BODY_START_RE,
    _DECREE_KINDS,
    _JOINED_DATE_RE,
    _KINH_GUI_RE,
    _NUMBER_RE,
    _PLACE_UNITS,
    _SEPARATOR_RE,
    _STAMPS,
    _VV_RE,
    Header,
    Span,
    _body_words_start,
    _code_kind,
    _find_kind_line,
    _is_motto,
    _read_date,
    _read_subject,
    _read_symbol,
)
from loa.ingest.parse.kinds import KIND_BY_FOLD
from loa.ingest.parse.text import Prepared, Segment, is_upper_text

_fold = lru_cache(maxsize=8192)(_vn_fold)

__all__ = ["Header", "parse_header", "sentence_case_body"]


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


def _kindless_subject(p: Prepared, limit: int) -> tuple[int, Segment] | None:
    """The first line after the number and the date, when it reads as a subject (capitals or a bold
    Markdown line, not a body's name, the motto or the body's first words)."""
    last_field = None
    for line in p.lines[:limit]:
        for seg in line.segments:
            folded = p.seg_fold(seg)
            if _NUMBER_RE.match(folded) or _read_date(p, Header(), seg):
                last_field = line.index
    if last_field is None:
        return None
    lines = p.lines[last_field + 1 : min(len(p.lines), limit + 1)]
    for n, line in enumerate(lines):
        if not line.segments:
            continue
        if len(line.segments) > 1:
            return None
        seg = line.segments[0]
        text, folded = p.seg_text(seg), p.seg_fold(seg)
        raw = p.text[line.start : line.end].strip()
        if _SEPARATOR_RE.match(text) or _is_motto(folded):
            continue
        if _VV_RE.match(folded) or _KINH_GUI_RE.match(folded) or _BODY_START_RE.match(folded):
            return None
        following = next((p.line_text(ln) for ln in lines[n + 1 :] if ln.segments), "")
        # "BAN HÀNH …" (enacting verb) opens a subject, though "BAN …" may open a body's name.
        enacting = _fold(f"{text} {following}").startswith("ban hanh")
        if is_upper_text(text) or raw.startswith(("#", "**")):
            return (line.index, seg) if enacting or not _body_words_start(folded) else None
        # A subject in sentence case: one short line, not a sentence.
        if len(text) < 200 and not text.endswith((".", ":", ";")) and not _body_words_start(folded):
            return line.index, seg
        if enacting:
            return line.index, seg
        return None
    return None


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
        if line.end - line.start > 160 and len(p.line_text(line)) > 160:
            body_line = line.index
            break
    kind_found = _find_kind_line(p, body_line)
    # The header zone ends at the kind line, or (công văn) at "Kính gửi" / the first body line.
    zone_end = kind_found[0] if kind_found else body_line
    # A copy that lost the kind word still has the subject right under the number and date.
    kindless = None if kind_found else _kindless_subject(p, body_line)
    if kindless:
        zone_end = kindless[0]
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
            # A body's name in capitals; a copy may have lost them ("Bộ Nội vụ" before "Số:").
            named = _body_words_start(folded) and len(text) < 60 and line.index < zone_end - 1
            if (is_upper_text(text) or named) and len(text) < 90 and folded not in _STAMPS:
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
    if kindless and _code_kind(h.code or ""):
        index, seg = kindless
        kind = _code_kind(h.code or "") or ""
        h.warnings["doc_type"] = (
            "Không thấy tên loại văn bản; lấy theo ký hiệu " + (h.symbol or h.code or "") + "."
        )
        subject_parts, subject_span, body_start = _read_subject(p, index, seg, seg.start, kind, hard_wrapped)
        if subject_parts:
            h.subject = " ".join(subject_parts)
            h.spans["title"] = subject_span
    elif kindless:
        body_start = zone_end = kindless[0]
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
        # The kind in the symbol wins over "V/v" ("151/TB-PGDĐT" is a thông báo whose kind word was lost).
        h.kind = _code_kind(h.code or "") or ("Công văn" if (vv_segs or h.code) else None)
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

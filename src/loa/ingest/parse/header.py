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

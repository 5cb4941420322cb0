"""Text → structured record of an administrative document (pure: no Django, no files).

:func:`parse_text` reads a text (as :func:`loa.ingest.readers.read_file` gives it, or pasted)
into an :class:`Extraction`: the :class:`~loa.nd30.spec.OfficialDocument`, the record in the
format of ``examples/README.md``, the span of each field in :attr:`Extraction.text` for a preview
that highlights them, and per-field warnings in Vietnamese.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Final

from loa.core.vn import fold as _vn_fold
from loa.ingest.parse.body import parse_body
from loa.ingest.parse.citations import Citation, find_citations
from loa.ingest.parse.header import Header, parse_header
from loa.ingest.parse.parties import Parties, parse_addressees, parse_recipients, parse_signature
from loa.ingest.parse.period import find_period
from loa.ingest.parse.repair import repair_header
from loa.ingest.parse.statistics import Statistic, find_statistics
from loa.ingest.parse.text import Prepared, prepare, quick_nfc
from loa.nd30.spec import OfficialDocument

_fold = lru_cache(maxsize=8192)(_vn_fold)

__all__ = ["RECORD_KEYS", "Extraction", "parse_text"]

Span = tuple[int, int]

RECORD_KEYS: Final = (
    "doc_type",
    "type_abbr",
    "number",
    "symbol",
    "issuer",
    "parent_issuer",
    "place",
    "date",
    "title",
    "period",
    "cited_documents",
    "addressees",
    "recipients",
    "signer_title",
    "signer_name",
    "statistics",
    "text_complete",
)

_ISSUING_VERB_RE: Final = re.compile(
    r"(?P<org>(?:phong|so|uy ban nhan dan|ubnd|trung tam|ban|chi cuc|cuc|van phong|bo)\s[a-z ]{3,80}?)\s+"
    r"(?P<verb>bao cao|thong bao|huong dan|ban hanh|xay dung|de nghi|trinh)\b"
)
_SENTENCE_END_RE: Final = re.compile(r"[.;:!?)\"”]$")
_PLACE_TAIL_RE: Final = re.compile(
    r"\s+(?P<unit>thanh pho|thi xa|thi tran|tinh|huyen|quan|xa|phuong)\s+(?P<name>.+)$"
)


@dataclass
class Extraction:
    """What a parser read from one text.

    ``text`` is the text the spans point into (NFC, detached marks repaired). ``record`` has the
    keys of :data:`RECORD_KEYS`; ``document`` is ``None`` only when the text has no usable header
    (no kind and no issuer). ``warnings`` maps a field to a Vietnamese message.
    """

    text: str
    record: dict[str, Any]
    document: OfficialDocument | None
    spans: dict[str, Span] = field(default_factory=dict)
    warnings: dict[str, str] = field(default_factory=dict)
    source_format: str = "text"
    filename: str = ""

    def as_json(self) -> dict[str, Any]:
        """The record, as ``loa ingest --json`` prints it."""
        return dict(self.record)


def _issuer_from_body(p: Prepared, h: Header, start: int) -> tuple[str | None, str | None, Span | None]:
    """Issuer and parent from a sentence such as "Phòng Văn hoá và Thông tin thị xã Hương Trà báo cáo …",
    for texts whose header was lost."""
    flat = p.flat_folded
    kind_verb = _fold(h.kind or "")
    for match in _ISSUING_VERB_RE.finditer(flat, start, min(len(flat), start + 4000)):
        if (
            kind_verb
            and match.group("verb") != kind_verb
            and match.group("verb") not in {"ban hanh", "xay dung"}
        ):
            continue
        s, e = match.span("org")
        phrase = p.value(s, e)
        org, parent = phrase, None
        tail = _PLACE_TAIL_RE.search(_fold(phrase))
        if tail and not _fold(phrase).startswith(("uy ban", "ubnd")):
            cut = len(phrase) - len(_fold(phrase)[tail.start() :])
            org = phrase[:cut].strip()
            parent = "UBND " + phrase[cut:].strip()
        org = org[0].upper() + org[1:]
        return org, parent, (s, e)
    return None, None, None


def _text_complete(p: Prepared, parties: Parties, recipients_end: int | None) -> bool:
    """True when the text reaches the signature and nothing after it is cut off mid-sentence."""
    if parties.signature_end_line is None:
        return False
    last = parties.signature_end_line
    if recipients_end is not None:
        last = max(last, next((ln.index for ln in p.lines if ln.start <= recipients_end <= ln.end), last))
    for line in p.lines[last + 1 :]:
        text = p.line_text(line).strip(" |")
        if not text or text.isdigit():
            continue
        if not _SENTENCE_END_RE.search(text):
            return False
    return True


def parse_text(text: str, *, hard_wrapped: bool = True) -> Extraction:
    """Read a document's text into an :class:`Extraction`.

    ``hard_wrapped`` says whether a paragraph may run over several lines (plain text, PDF); DOCX
    text has one paragraph per line.
    """
    composed = quick_nfc(text)
    repaired = repair_header(composed)
    # Composing twice changes nothing; a repair (a line break joined before a stray mark) may.
    p = prepare(repaired, composed=repaired is composed)
    warnings: dict[str, str] = {}
    spans: dict[str, Span] = {}
    h = parse_header(p, hard_wrapped=hard_wrapped)
    warnings.update(h.warnings)
    spans.update(h.spans)

    body_start_line = h.body_start
    addressees, addr_span, addr_last = parse_addressees(p, 0, min(len(p.lines), body_start_line + 25))
    if addr_span:
        spans["addressees"] = addr_span
        if addr_last is not None and addr_last >= body_start_line:
            body_start_line = addr_last + 1

    body_offset = p.lines[body_start_line].start if body_start_line < len(p.lines) else len(p.text)
    recipients, rec_span, rec_line = parse_recipients(p, body_start_line)
    if rec_span:
        spans["recipients"] = rec_span
    sig_from = rec_line if rec_line is not None else _closing_line(p, body_start_line)
    parties = parse_signature(p, sig_from, skip=rec_span) if sig_from is not None else Parties()
    if parties.signer_name is None and rec_line is None:
        parties = parse_signature(p, max(body_start_line, len(p.lines) - 15))
    spans.update(parties.spans)

    ends = [x for x in (rec_line, parties.signature_line) if x is not None]
    body_end_line = min(ends) if ends else len(p.lines)
    body_end = p.lines[body_end_line].start if body_end_line < len(p.lines) else len(p.text)

    if not h.issuer:
        org, parent, span = _issuer_from_body(p, h, body_offset)
        if org:
            h.issuer, h.parent = org, h.parent or parent
            spans["issuer"] = span  # type: ignore[assignment]
            warnings["issuer"] = "Không thấy tên cơ quan ở phần đầu; lấy từ nội dung văn bản."

    citations = find_citations(p, start=body_offset, own_symbol=h.symbol)
    for i, cit in enumerate(citations):
        spans[f"cited_documents.{i}"] = cit.span
    statistics = find_statistics(p, body_offset, body_end)
    for i, stat in enumerate(statistics):
        spans[f"statistics.{i}"] = stat.span

    skip = set()
    if addr_span:
        skip |= {ln.index for ln in p.lines if addr_span[0] <= ln.start <= addr_span[1]}
    bases, blocks = parse_body(p, body_start_line, body_end_line, hard_wrapped=hard_wrapped, skip=skip)

    record = _record(
        h,
        addressees,
        recipients,
        parties,
        citations,
        statistics,
        _text_complete(p, parties, rec_span[1] if rec_span else None),
    )
    for key in ("doc_type", "issuer", "symbol", "date", "title"):
        if record.get(key) is None and key not in warnings:
            warnings[key] = _MISSING[key]
    document = _document(h, bases, addressees, blocks, parties, recipients)
    return Extraction(text=p.text, record=record, document=document, spans=spans, warnings=warnings)


_MISSING: Final = {
    "doc_type": "Không xác định được loại văn bản.",
    "issuer": "Không xác định được cơ quan ban hành.",
    "symbol": "Không thấy số, ký hiệu văn bản.",
    "date": "Không thấy ngày ban hành.",
    "title": "Không thấy trích yếu nội dung.",
}


def _closing_line(p: Prepared, start: int) -> int | None:
    for line in p.lines[start:]:
        if "./." in p.clean[line.start : line.end]:
            return line.index + 1
    return None


def _record(
    h: Header,
    addressees: list[str] | None,
    recipients: list[str] | None,
    parties: Parties,
    citations: list[Citation],
    statistics: list[Statistic],
    complete: bool,
) -> dict[str, Any]:
    return {
        "doc_type": h.kind,
        "type_abbr": h.kind_abbr,
        "number": h.number,
        "symbol": h.symbol,
        "issuer": h.issuer,
        "parent_issuer": h.parent,
        "place": h.place,
        "date": h.date.isoformat() if h.date else None,
        "title": h.subject,
        "period": find_period(h.subject, h.kind),
        "cited_documents": [c.as_record() for c in citations],
        "addressees": addressees,
        "recipients": recipients,
        "signer_title": parties.signer_title,
        "signer_name": parties.signer_name,
        "statistics": [s.as_record() for s in statistics],
        "text_complete": complete,
    }


def _document(
    h: Header,
    bases: tuple[str, ...],
    addressees: list[str] | None,
    blocks: tuple[Any, ...],
    parties: Parties,
    recipients: list[str] | None,
) -> OfficialDocument | None:
    if not h.kind and not h.issuer:
        return None
    return OfficialDocument(
        kind=h.kind or "Công văn",
        kind_abbr=h.kind_abbr,
        issuer=h.issuer or "",
        code=h.code or "",
        subject=h.subject or "",
        parent_body=h.parent,
        number=h.number,
        place=h.place,
        date=h.date,
        legal_bases=bases,
        addressees=tuple(addressees or ()),
        blocks=blocks,
        signature=parties.signature,
        recipients=tuple(recipients or ()),
        enacting_authority=h.authority_line,
    )

"""The body of a document as blocks: legal bases, headings (I. / 1. / a)) and paragraphs."""

from __future__ import annotations

import re
from typing import Final

from loa.ingest.parse.text import Prepared
from loa.nd30.spec import Block, Heading, Paragraph

__all__ = ["parse_body"]

_BASIS_RE: Final = re.compile(r"^(?:can cu|theo de nghi|xet de nghi|xet)\b")
_ENACT_RE: Final = re.compile(r"^(?:quyet dinh|quyet nghi|chi thi|ban hanh)\s*:\s*$")
_ROMAN_RE: Final = re.compile(r"^(?P<label>[IVXLC]+)\s*[.)]\s+(?P<text>.+)$")
_NUM_RE: Final = re.compile(r"^(?P<label>\d{1,2}(?:\.\d{1,2})*)\s*[.)]\s+(?P<text>.+)$")
_LETTER_RE: Final = re.compile(r"^(?P<label>[a-zđ])\s*\)\s+(?P<text>.+)$")
_DASH_RE: Final = re.compile(r"^[-–—•]\s*(?P<text>.+)$")
_PLUS_RE: Final = re.compile(r"^\+\s*(?P<text>.+)$")
_CLOSING: Final = "./."


def _classify(text: str) -> Block:
    if m := _ROMAN_RE.match(text):
        return Heading(1, m["label"], m["text"].strip())
    if (m := _NUM_RE.match(text)) and "." not in m["label"]:
        return Heading(2, m["label"], m["text"].strip())
    if m := _LETTER_RE.match(text):
        return Heading(3, m["label"], m["text"].strip())
    if m := _DASH_RE.match(text):
        return Paragraph(m["text"].strip(), "dash")
    if m := _PLUS_RE.match(text):
        return Paragraph(m["text"].strip(), "plus")
    return Paragraph(text.strip())


def _joinable(previous: Block, first: Block) -> bool:
    """Whether a line read as ``first`` continues the block ``previous`` (a hard-wrapped paragraph)."""
    if isinstance(previous, Heading) and previous.level == 1:
        return False
    body = previous.text.rstrip()
    if not body or body.endswith((".", ";", ":", "!", "?")):
        return False
    return isinstance(first, Paragraph) and first.style == "body"


def parse_body(
    p: Prepared, start_line: int, end_line: int, *, hard_wrapped: bool, skip: set[int] | None = None
) -> tuple[tuple[str, ...], tuple[Block, ...]]:
    """Legal bases and blocks of lines ``start_line``–``end_line`` (exclusive)."""
    skip = skip or set()
    bases: list[str] = []
    blocks: list[Block] = []
    in_bases = True
    for line in p.lines[start_line:end_line]:
        if line.index in skip or not line.segments:
            continue
        text = p.line_text(line).replace(" | ", " ").strip(" |")
        if not text:
            continue
        folded = " ".join(p.folded[line.start : line.end].split())
        if _ENACT_RE.match(folded):
            in_bases = False
            continue
        if in_bases and _BASIS_RE.match(folded):
            bases.append(text)
            continue
        if in_bases and bases and hard_wrapped and not bases[-1].rstrip().endswith((";", ".", ",")):
            bases[-1] = f"{bases[-1]} {text}"
            continue
        in_bases = False
        block = _classify(text)
        if hard_wrapped and blocks and _joinable(blocks[-1], block):
            prev = blocks[-1]
            if isinstance(prev, Heading):
                blocks[-1] = Heading(prev.level, prev.label, f"{prev.text} {text}")
            else:
                blocks[-1] = Paragraph(f"{prev.text} {text}", prev.style)
            continue
        blocks.append(block)
    bases = [b.rstrip().rstrip(";.,").rstrip() for b in bases]
    if blocks:
        last = blocks[-1]
        if last.text.rstrip().endswith(_CLOSING):
            text = last.text.rstrip()[: -len(_CLOSING)].rstrip() + "."
            blocks[-1] = (
                Heading(last.level, last.label, text)
                if isinstance(last, Heading)
                else Paragraph(text, last.style)
            )
    return tuple(bases), tuple(blocks)

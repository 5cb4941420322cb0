"""How the unit's report words things: short body names, counts, citations, "CCHC" after its first
spelling-out, the place a unit sat in. Pure text helpers of :mod:`loa.reporting.drafting`."""

from __future__ import annotations

import re

from loa.core import vn
from loa.documents.models import Document
from loa.organizations.models import Unit

_ABBREVIATIONS = (("Ủy ban nhân dân", "UBND"), ("Uỷ ban nhân dân", "UBND"), ("Hội đồng nhân dân", "HĐND"))


def short_name(name: str) -> str:
    """ "Ủy ban nhân dân thị xã Hương Trà" → "UBND thị xã Hương Trà" (abbreviations ND30 allows)."""
    for long, short in _ABBREVIATIONS:
        name = re.sub(re.escape(long), short, name, flags=re.IGNORECASE)
    return name


def _qty(n: int) -> str:
    """A count as an office writes it: "05", "12", "5.000"."""
    return f"{n:02d}" if 0 <= n < 10 else vn.group_number(n)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text and not text[:2].isupper() else text


def _cite(doc: Document, *, short: bool = False) -> str:
    """Full citation on first mention ("Kế hoạch số 4757/KH-UBND ngày 27/12/2021 của UBND thị xã…")."""
    parts = [doc.get_kind_display()]
    if doc.symbol:
        parts.append(f"số {doc.symbol}")
    if doc.issued_date:
        parts.append(f"ngày {doc.issued_date.day:02d}/{doc.issued_date.month:02d}/{doc.issued_date.year}")
    if not short and doc.issuer_name:
        parts.append(f"của {short_name(doc.issuer_name)}")
    return " ".join(parts)


def _cchc(text: str, first_done: list[bool]) -> str:
    """Spell "cải cách hành chính (CCHC)" at the first mention in the report, then "CCHC"."""
    pattern = re.compile(r"cải cách hành chính(\s*\(CCHC\))?", flags=re.IGNORECASE)

    def repl(match: re.Match[str]) -> str:
        if first_done[0]:
            return "CCHC"
        first_done[0] = True
        return f"{match.group(0).split('(')[0].rstrip()} (CCHC)"

    return pattern.sub(repl, text)


def _place_suffix(parent: Unit | None) -> str:
    """ "thị xã Hương Trà" from the parent "Ủy ban nhân dân thị xã Hương Trà" (how the unit is named in text)."""
    if parent is None:
        return ""
    name = short_name(parent.name)
    return name[5:] if name.startswith("UBND ") else ""

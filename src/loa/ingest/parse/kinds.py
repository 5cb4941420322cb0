"""Document kinds as they are written in texts: the table of :mod:`loa.nd30.kinds` (Nghị định
30/2020 Điều 7 and the legal kinds: Luật, Nghị định, Thông tư…) plus the few other words that
administrative texts use to cite a document (Kết luận of the Party, Văn bản…)."""

from __future__ import annotations

from functools import lru_cache
from typing import Final

from loa.core.vn import fold as _vn_fold
from loa.ingest.parse.scan import word_alternation
from loa.nd30.kinds import ADMINISTRATIVE_KINDS, ISSUED_KINDS, LEGAL_KINDS, OTHER_KINDS

_fold = lru_cache(maxsize=8192)(_vn_fold)

__all__ = [
    "ADMIN_KINDS",
    "CITED_KINDS",
    "HEADER_KINDS",
    "KIND_BY_ABBR",
    "KIND_BY_FOLD",
    "cited_kind_pattern",
    "kind_abbr",
]

#: ND30 kinds (name, abbreviation) of the one table; a công văn and a thư công have no abbreviation.
ADMIN_KINDS: Final[tuple[tuple[str, str | None], ...]] = tuple((k.name, k.abbr) for k in ADMINISTRATIVE_KINDS)
#: Every kind a header may name (ND30, legal and other kinds of the table).
HEADER_KINDS: Final[tuple[tuple[str, str | None], ...]] = tuple((k.name, k.abbr) for k in ISSUED_KINDS)

#: Words that cite documents but are no kind of the table: Party conclusions, appraisal reports,
#: technical regulations, joint directives, and the bare "Văn bản".
_CITATION_WORDS: Final[tuple[tuple[str, str | None], ...]] = (
    ("Báo cáo thẩm định", "BCTĐ"),
    ("Văn bản", None),
    ("Chỉ thị liên tịch", None),
)

#: Kinds that appear in citations only: the legal kinds of the table, then the citation words.
CITED_KINDS: Final[tuple[tuple[str, str | None], ...]] = (
    tuple((k.name, k.abbr) for k in LEGAL_KINDS + OTHER_KINDS) + _CITATION_WORDS
)

_ALL: Final = CITED_KINDS + ADMIN_KINDS
KIND_BY_FOLD: Final[dict[str, tuple[str, str | None]]] = {_fold(n): (n, a) for n, a in _ALL}
KIND_BY_ABBR: Final[dict[str, str]] = {a: n for n, a in _ALL if a}
# Abbreviations by length, longest first, so "TTLT" wins over "TT" and "BCTĐ" over "BC".
ABBRS_LONGEST_FIRST: Final = tuple(sorted(KIND_BY_ABBR, key=len, reverse=True))


def kind_abbr(name: str) -> str | None:
    """The ND30 abbreviation of a kind name ("Báo cáo" → "BC"; "Công văn" → None)."""
    found = KIND_BY_FOLD.get(_fold(name))
    return found[1] if found else None


def cited_kind_pattern() -> str:
    """Regex alternation (on folded text) of every kind name, longest first (grouped by first
    letter, which matches the same: see :func:`loa.ingest.parse.scan.word_alternation`)."""
    return word_alternation(sorted(KIND_BY_FOLD, key=len, reverse=True))

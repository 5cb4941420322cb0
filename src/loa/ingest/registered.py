"""Registered documents found from what a text says: the document a parsed record denotes, and the
documents a text cites, among those the user may read (ADR 0020). Nothing is created here."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from loa.core import vn
from loa.core.errors import ValidationError
from loa.documents.models import CitationRelation, Document
from loa.ingest.parse.citations import find_citations
from loa.ingest.parse.text import prepare
from loa.ingest.services import _date, _find, _Issuers, _readable, _symbol, relation_for
from loa.organizations.models import Unit


def registered_document(*, record: Mapping[str, Any], user: Any, issuer_unit: Unit | None = None) -> Document:
    """The registered document a record denotes (after :func:`ingest_commit` registered it), among
    the documents ``user`` may read (ADR 0020)."""
    name = vn.collapse_ws(vn.nfc(record.get("issuer") or ""))
    unit = _Issuers(issuer_unit).resolve(name)
    found = _find(
        _symbol(record.get("symbol")),
        _date(record.get("date")),
        unit,
        "" if unit else name,
        loose=False,
        within=_readable(user),
    )
    if found is None:
        raise ValidationError(
            "Báo cáo chưa có số, ký hiệu: không gắn được số liệu với văn bản trong sổ.",
            code="history.no_document",
        )
    return found


def registered_citations(*, text: str, user: Any) -> list[tuple[Document, CitationRelation]]:
    """The registered documents a text cites that ``user`` may read, each once, with the relation
    its sentence gives.

    Used when Loa issues a document it wrote (a report): the citations recorded are those of its
    final wording, including the officer's rewording. Nothing is created: a cited document not yet
    in the registry (or that the user may not read) is left out.
    """
    readable = _readable(user)
    issuers = _Issuers(None)
    found: list[tuple[Document, CitationRelation]] = []
    seen: set[int] = set()
    for cited in find_citations(prepare(text)):
        symbol = _symbol(cited.symbol)
        if not symbol:
            continue
        name = vn.collapse_ws(vn.nfc(cited.issuer or ""))
        unit = issuers.any_unit(name)
        document = _find(symbol, cited.date, unit, "" if unit else name, loose=True, within=readable)
        if document is None or document.pk in seen:
            continue
        seen.add(document.pk)
        found.append((document, relation_for(text, cited.span)))
    return found

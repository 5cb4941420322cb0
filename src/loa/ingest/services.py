"""Commit read documents into the registry: the only part of ``ingest`` that touches the database.

The readers and parsers stay pure; :func:`ingest_commit` takes their records and writes documents,
stubs for the documents they cite, and the citations between them, in one transaction.

Rules, in the clerk's terms:

- a document is identified by (số ký hiệu, cơ quan ban hành, ngày ban hành); importing it again
  merges with the registered one instead of duplicating it;
- a document cited but not yet registered becomes a *stub* (known only from the citation), and a
  stub is completed when its own file is imported later;
- a cited document is matched on (số ký hiệu, ngày) when the citing phrase names its issuer only
  loosely ("UBND tỉnh") — unless two registered documents share that symbol and date;
- the relation of a citation is "Thực hiện" when the sentence citing it starts with "Thực hiện",
  "Căn cứ" when it says "căn cứ"/"theo", and "Có nhắc đến" otherwise.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from loa.core import vn
from loa.core.actors import require_actor
from loa.core.audit import audit_record, snapshot
from loa.core.errors import Conflict, DomainError, PermissionDenied, ValidationError
from loa.core.files import files_atomic
from loa.documents.kinds import DocumentKind, kind_from_abbr, kind_from_name
from loa.documents.models import CitationRelation, Direction, Document
from loa.documents.selectors import readable_q
from loa.documents.services import citation_add, document_create, issuer_key_for, register_account_number
from loa.ingest.parse import Extraction
from loa.nd30.symbols import normalise_symbol
from loa.organizations.access import Action, can, require
from loa.organizations.models import Unit

__all__ = [
    "STUB_SUBJECT",
    "CommitResult",
    "ingest_commit",
    "issuer_fold",
    "relation_for",
]

#: Subject given to a stub until its own file is imported.
STUB_SUBJECT = "(Chưa rõ trích yếu — văn bản mới biết qua trích dẫn)"
#: Issuer given to a stub whose citing phrase names no issuer.
UNKNOWN_ISSUER = "Chưa rõ cơ quan ban hành"

_ABBREVIATIONS = (
    (re.compile(r"\bubnd\b"), "uy ban nhan dan"),
    (re.compile(r"\bhdnd\b"), "hoi dong nhan dan"),
)


@dataclass
class CommitResult:
    """What one import did: new documents, documents already registered, stubs created, citations."""

    created: list[Document] = field(default_factory=list)
    merged: list[Document] = field(default_factory=list)
    stubs: list[Document] = field(default_factory=list)
    citations: int = 0
    #: Stubs completed by their own file (also counted as neither created nor merged).
    completed: list[Document] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """Shape of ``loa ingest --commit --json`` and of the web summary."""

        def rows(docs: list[Document]) -> list[dict[str, Any]]:
            return [
                {
                    "id": d.pk,
                    "kind": d.get_kind_display(),
                    "symbol": d.symbol,
                    "date": d.issued_date.isoformat() if d.issued_date else None,
                    "issuer": d.issuer_name,
                    "subject": d.subject,
                }
                for d in docs
            ]

        return {
            "created": rows(self.created),
            "completed": rows(self.completed),
            "merged": rows(self.merged),
            "stubs": rows(self.stubs),
            "citations": self.citations,
        }


def issuer_fold(name: str) -> str:
    """Comparison key of an issuer's name: folded, with "UBND"/"HĐND" written out."""
    key = vn.fold(name or "")
    for pattern, full in _ABBREVIATIONS:
        key = pattern.sub(full, key)
    return key


def relation_for(text: str, span: tuple[int, int] | None) -> CitationRelation:
    """The relation of a citation from the sentence that carries it (see the module rules)."""
    if not span or not text:
        return CitationRelation.MENTIONS
    start = span[0]
    line_start = max(text.rfind("\n", 0, start), text.rfind(". ", 0, start)) + 1
    before = vn.fold(text[line_start:start])
    if before.startswith(("- ", "+ ")):
        before = before[2:]
    if before.startswith("thuc hien"):
        return CitationRelation.IMPLEMENTS
    if re.search(r"\b(can cu|theo)\b", before):
        return CitationRelation.BASED_ON
    return CitationRelation.MENTIONS


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ValidationError(
            f"Ngày ban hành “{value}” không hợp lệ (cần dạng năm-tháng-ngày).", code="ingest.bad_date"
        ) from None


def _kind(record: Mapping[str, Any]) -> DocumentKind:
    return (
        kind_from_name(record.get("doc_type") or "")
        or kind_from_abbr(record.get("type_abbr") or "")
        or DocumentKind.KHAC
    )


def _symbol(value: Any) -> str:
    return normalise_symbol(str(value)) if value and str(value).strip() else ""


class _Issuers:
    """Finds the unit an issuer's name denotes (cached for the batch)."""

    def __init__(self, issuer_unit: Unit | None) -> None:
        self.issuer_unit = issuer_unit
        self._by_name: dict[str, list[Unit]] | None = None

    def _units(self) -> dict[str, list[Unit]]:
        if self._by_name is None:
            self._by_name = {}
            for unit in Unit.objects.all():
                self._by_name.setdefault(issuer_fold(unit.name), []).append(unit)
        return self._by_name

    def resolve(self, name: str) -> Unit | None:
        """``issuer_unit`` when the name is its name; without one, the only unit of that name."""
        if self.issuer_unit is not None:
            key = issuer_fold(name)
            return self.issuer_unit if key and issuer_fold(self.issuer_unit.name) == key else None
        return self.any_unit(name)

    def any_unit(self, name: str) -> Unit | None:
        """The only unit in Loa with this name, or ``None`` (two units of one name stay free text)."""
        key = issuer_fold(name)
        if not key:
            return None
        candidates = self._units().get(key, [])
        return candidates[0] if len(candidates) == 1 else None


def _find(
    symbol: str,
    issued: dt.date | None,
    unit: Unit | None,
    issuer_text: str,
    *,
    loose: bool,
    within: QuerySet[Document],
) -> Document | None:
    """The registered document with this identity; else the one of that symbol and date whose
    issuer has the same name; else (``loose``, for citations) the only one of that symbol and date,
    or the only stub of it — all among ``within``, the documents the importer may read (ADR 0020):
    another unit's document is never matched, merged into or cited."""
    if not symbol:
        return None
    key = issuer_key_for(issuer_unit=unit, issuer_text=issuer_text)
    exact = within.filter(symbol=symbol, issuer_key=key, issued_date=issued).first()
    if exact is not None:
        return exact
    same = list(within.filter(symbol=symbol, issued_date=issued).select_related("issuer_unit"))
    wanted = issuer_fold(unit.name if unit else issuer_text)
    named = [d for d in same if issuer_fold(d.issuer_name) == wanted]
    if len(named) == 1:
        return named[0]
    # The citing phrase or the stub named the issuer loosely: accept the only candidate.
    if len(same) == 1 and (loose or same[0].is_stub):
        return same[0]
    return None


def _taken_unseen(symbol: str, issued: dt.date | None, unit: Unit | None, issuer_text: str) -> bool:
    """Whether a document the importer may not read already has this identity."""
    key = issuer_key_for(issuer_unit=unit, issuer_text=issuer_text)
    return (
        bool(symbol) and Document.objects.filter(symbol=symbol, issuer_key=key, issued_date=issued).exists()
    )


def _readable(actor: Any) -> QuerySet[Document]:
    return Document.objects.filter(readable_q(actor))


def _complete_stub(
    *,
    actor: Any,
    stub: Document,
    kind: DocumentKind,
    unit: Unit | None,
    issuer_text: str,
    subject: str,
    signer: str,
    file: Any,
) -> Document:
    before = snapshot(stub)
    stub.kind = kind
    stub.issuer_unit = unit
    stub.issuer_text = "" if unit else vn.collapse_ws(vn.nfc(issuer_text))
    stub.issuer_key = issuer_key_for(issuer_unit=unit, issuer_text=stub.issuer_text)
    stub.subject = vn.collapse_ws(vn.nfc(subject))
    stub.subject_key = vn.fold(f"{stub.symbol} {stub.subject}")
    stub.signer_name = vn.nfc(signer or "").strip()
    stub.direction = Direction.OUTGOING if unit else Direction.EXTERNAL
    stub.is_stub = False
    if file is not None:
        stub.file = file
    # Its number is now known to belong to a unit in Loa: the unit's register accounts for it.
    register_account_number(document=stub)
    stub.save()
    audit_record(
        actor=actor,
        verb="document.complete",
        target=stub,
        unit_id=unit.pk if unit else None,
        before=before,
        after=snapshot(stub),
    )
    return stub


def _label(extraction: Extraction | Mapping[str, Any], index: int) -> str:
    name = getattr(extraction, "filename", "") or ""
    return name or f"văn bản thứ {index + 1}"


@files_atomic
def ingest_commit(
    *,
    actor: Any,
    extractions: Sequence[Extraction | Mapping[str, Any]],
    issuer_unit: Unit | None = None,
    files: Sequence[Any] | None = None,
) -> CommitResult:
    """Register a batch of read documents, all or nothing.

    ``extractions`` are parser results (or bare records with the same keys); ``files`` holds, at the
    same positions, the original files to store on the documents (or ``None``). A document whose
    issuer is ``issuer_unit`` (or, without one, the only unit of that name) is the unit's own and
    needs the right to record there; others are registered as external documents. An error in any
    document rolls back the whole batch; its message names the file.
    """
    require_actor(actor)
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied(code="access.record_denied")
    if issuer_unit is not None:
        require(actor, Action.REGISTER, issuer_unit)
    result = CommitResult()
    issuers = _Issuers(issuer_unit)
    for index, item in enumerate(extractions):
        file = files[index] if files is not None and index < len(files) else None
        try:
            _commit_one(actor=actor, item=item, file=file, issuers=issuers, result=result)
        except DomainError as exc:
            exc.message = f"{_label(item, index)}: {exc.message}"
            exc.args = (exc.message,)
            raise
    documents = result.created + result.completed + result.merged
    if documents:
        audit_record(
            actor=actor,
            verb="ingest.commit",
            target=documents[0],
            unit_id=issuer_unit.pk if issuer_unit else None,
            after={
                "created": [d.pk for d in result.created],
                "completed": [d.pk for d in result.completed],
                "merged": [d.pk for d in result.merged],
                "stubs": [d.pk for d in result.stubs],
                "citations": result.citations,
            },
        )
    return result


def _commit_one(
    *,
    actor: Any,
    item: Extraction | Mapping[str, Any],
    file: Any,
    issuers: _Issuers,
    result: CommitResult,
) -> None:
    if isinstance(item, Extraction):
        record, text, spans = item.record, item.text, item.spans
    else:
        record, text, spans = item, "", {}
    kind = _kind(record)
    symbol = _symbol(record.get("symbol"))
    issued = _date(record.get("date"))
    issuer_name = vn.collapse_ws(vn.nfc(record.get("issuer") or ""))
    unit = issuers.resolve(issuer_name)
    issuer_text = "" if unit else issuer_name
    subject = record.get("title") or ""
    signer = record.get("signer_name") or ""
    if unit is not None:
        require(actor, Action.REGISTER, unit)

    readable = _readable(actor)
    existing = _find(symbol, issued, unit, issuer_text, loose=False, within=readable)
    if existing is None and _taken_unseen(symbol, issued, unit, issuer_text):
        # Say neither the subject nor the unit: the importer may not read that document.
        when = f" ngày {issued:%d/%m/%Y}" if issued else ""
        raise Conflict(
            f"Văn bản số {symbol}{when} của {unit.name if unit else issuer_text} đã được một đơn vị khác "
            "vào sổ, bạn không xem được văn bản đó. Đề nghị đơn vị đã vào sổ chuyển văn bản cho đơn vị bạn.",
            code="ingest.registered_elsewhere",
        )
    if existing is None:
        try:
            document = document_create(
                actor=actor,
                kind=kind,
                subject=subject,
                issuer_unit=unit,
                issuer_text=issuer_text,
                symbol=symbol,
                issued_date=issued,
                direction=Direction.OUTGOING if unit else Direction.EXTERNAL,
                signer_name=signer,
                file=file,
                holder=None if unit else issuers.issuer_unit,
                imported=True,
            )
        except Conflict as exc:
            # Another import registered the same document a moment ago: merge into it.
            existing = _registered_meanwhile(
                exc, symbol, issued, unit, issuer_text, loose=False, within=readable
            )
        else:
            result.created.append(document)
    if existing is None:
        pass  # created above
    elif existing.is_stub:
        if existing.issuer_unit_id:
            require(actor, Action.REGISTER, existing.issuer_unit_id)
        if not vn.collapse_ws(subject):
            raise ValidationError("Cần nhập trích yếu nội dung văn bản.", code="documents.subject_required")
        document = _complete_stub(
            actor=actor,
            stub=existing,
            kind=kind,
            unit=unit,
            issuer_text=issuer_text or existing.issuer_text,
            subject=subject,
            signer=signer,
            file=file,
        )
        result.stubs = [s for s in result.stubs if s.pk != document.pk]
        result.completed.append(document)
    else:
        document = existing
        if document.pk not in {d.pk for d in result.merged}:
            result.merged.append(document)

    if document.issuer_unit_id and not can(actor, Action.REGISTER, document.issuer_unit_id):
        return  # merged with another unit's document: its citations are that unit's to record
    for i, cited in enumerate(record.get("cited_documents") or []):
        target = _cited(actor=actor, source=document, cited=cited, issuers=issuers, result=result)
        if target is None or target.pk == document.pk:
            continue
        relation = relation_for(text, spans.get(f"cited_documents.{i}"))
        before = document.citations.count()
        citation_add(actor=actor, source=document, target=target, relation=relation)
        result.citations += document.citations.count() - before


def _cited(
    *, actor: Any, source: Document, cited: Mapping[str, Any], issuers: _Issuers, result: CommitResult
) -> Document | None:
    """The registered document a citation points to, or a new stub for it held by the citing
    document's unit; ``None`` when only a document the importer may not read has that identity
    (the citation is left out rather than opening that document)."""
    symbol = _symbol(cited.get("symbol"))
    if not symbol:
        return None
    issued = _date(cited.get("date"))
    name = vn.collapse_ws(vn.nfc(cited.get("issuer") or ""))
    # Search by name among all units: the citing phrase may name a unit other than issuer_unit.
    unit = issuers.any_unit(name)
    found = _find(symbol, issued, unit, "" if unit else name, loose=True, within=_readable(actor))
    if found is not None:
        return found
    stub_issuer = (unit.name if unit else name) or UNKNOWN_ISSUER
    if _taken_unseen(symbol, issued, None, stub_issuer):
        return None
    # A stub is a reference, not a record of the unit: it is registered as an external document,
    # held by the unit of the document that cites it.
    holder = source.issuer_unit or source.holder
    try:
        stub = document_create(
            actor=actor,
            kind=kind_from_name(cited.get("doc_type") or "") or DocumentKind.KHAC,
            subject=STUB_SUBJECT,
            issuer_text=stub_issuer,
            symbol=symbol,
            issued_date=issued,
            direction=Direction.EXTERNAL,
            is_stub=True,
            holder=holder,
        )
    except Conflict as exc:
        # Another import citing the same document registered its stub a moment ago: cite that one.
        return _registered_meanwhile(
            exc, symbol, issued, unit, "" if unit else name, loose=True, within=_readable(actor)
        )
    result.stubs.append(stub)
    return stub


def _registered_meanwhile(
    exc: Conflict,
    symbol: str,
    issued: dt.date | None,
    unit: Unit | None,
    issuer_text: str,
    *,
    loose: bool,
    within: Any,
) -> Document:
    """The document a concurrent import registered first (the duplicate that ``exc`` reports), among
    those the importer may read; ``exc`` itself when it was refused for another reason."""
    if exc.code != "documents.duplicate":
        raise exc
    found = _find(symbol, issued, unit, issuer_text, loose=loose, within=within)
    if found is None:
        raise exc
    return found

"""Writes to the registry: documents, citations and register numbers. Atomic and audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F

from loa.core import vn
from loa.core.audit import audit_record, snapshot
from loa.core.errors import Conflict, ValidationError
from loa.documents.kinds import WITHOUT_ABBREVIATION, DocumentKind
from loa.documents.models import Citation, CitationRelation, Direction, Document, Register
from loa.documents.symbols import normalise_symbol
from loa.organizations.access import Action, require
from loa.organizations.models import Unit


def issuer_key_for(*, issuer_unit: Unit | None, issuer_text: str) -> str:
    """Identity of an issuer for duplicate detection: the unit, or the folded name."""
    return f"unit:{issuer_unit.pk}" if issuer_unit is not None else vn.fold(issuer_text)


def _duplicate_message(symbol: str, issuer: str, issued: dt.date | None) -> str:
    when = f" ngày {issued:%d/%m/%Y}" if issued else ""
    return f"Văn bản số {symbol}{when} của {issuer} đã có trong hệ thống."


@transaction.atomic
def document_create(
    *,
    actor: Any,
    kind: DocumentKind | str,
    subject: str,
    issuer_unit: Unit | None = None,
    issuer_text: str = "",
    symbol: str = "",
    issued_date: dt.date | None = None,
    direction: Direction | str = Direction.EXTERNAL,
    signer_name: str = "",
    file: Any = None,
    is_stub: bool = False,
) -> Document:
    """Register a document. Refuses a duplicate (same symbol, issuer and date) with a clear message.

    A unit's own documents need the right to record in that unit; external references (issued
    outside Loa) need only an authenticated actor, or ``None`` for the command line.
    """
    if issuer_unit is not None and actor is not None:
        require(actor, Action.REGISTER, issuer_unit)
    subject = vn.collapse_ws(vn.nfc(subject))
    issuer_text = vn.collapse_ws(vn.nfc(issuer_text))
    if not subject:
        raise ValidationError("Cần nhập trích yếu nội dung văn bản.", code="documents.subject_required")
    if issuer_unit is None and not issuer_text:
        raise ValidationError("Cần cho biết cơ quan ban hành.", code="documents.issuer_required")
    canonical = normalise_symbol(symbol) if symbol.strip() else ""
    number = canonical.split("/", 1)[0].split("-", 1)[0] if canonical else ""
    key = issuer_key_for(issuer_unit=issuer_unit, issuer_text=issuer_text)
    if (
        canonical
        and Document.objects.filter(symbol=canonical, issuer_key=key, issued_date=issued_date).exists()
    ):
        raise Conflict(
            _duplicate_message(canonical, issuer_unit.name if issuer_unit else issuer_text, issued_date),
            code="documents.duplicate",
        )
    doc = Document(
        kind=DocumentKind(kind),
        number=number,
        symbol=canonical,
        issued_date=issued_date,
        issuer_unit=issuer_unit,
        issuer_text=issuer_text if issuer_unit is None else "",
        issuer_key=key,
        subject=subject,
        subject_key=vn.fold(f"{canonical} {subject}"),
        direction=Direction(direction),
        signer_name=vn.nfc(signer_name).strip(),
        is_stub=is_stub,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    if file is not None:
        doc.file = file
    try:
        with transaction.atomic():
            doc.save()
    except IntegrityError:
        # Two users registering the same document at once: the constraint decides.
        raise Conflict(
            _duplicate_message(canonical, doc.issuer_name, issued_date), code="documents.duplicate"
        ) from None
    audit_record(
        actor=actor,
        verb="document.create",
        target=doc,
        unit_id=issuer_unit.pk if issuer_unit else None,
        after=snapshot(doc),
    )
    return doc


def register_next_number(
    *, unit: Unit, year: int, direction: Direction = Direction.OUTGOING
) -> tuple[Register, int]:
    """Take the next number of a unit's register, inside the caller's transaction.

    The counter row is incremented with one UPDATE, which locks it until the caller commits: two
    clerks numbering at once wait for each other (PostgreSQL row lock, SQLite write lock), and a
    rolled-back document gives its number back, so the register has no gaps.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("register_next_number must run inside transaction.atomic")
    register, _ = Register.objects.get_or_create(unit=unit, year=year, direction=direction)
    Register.objects.filter(pk=register.pk).update(last_number=F("last_number") + 1)
    register.refresh_from_db(fields=["last_number"])
    return register, register.last_number


@transaction.atomic
def document_issue(*, actor: Any, document: Document, issued_date: dt.date | None = None) -> Document:
    """Give a unit's draft its number from the outgoing register and mark it issued (văn bản đi)."""
    if document.issuer_unit is None:
        raise ValidationError(
            "Chỉ cấp số cho văn bản do đơn vị trong Loa ban hành.", code="documents.not_own"
        )
    if actor is not None:
        require(actor, Action.ISSUE, document.issuer_unit)
    if document.register_id:
        raise Conflict(f"Văn bản đã được cấp số {document.symbol}.", code="documents.already_issued")
    before = snapshot(document)
    issued = issued_date or document.issued_date or dt.date.today()
    unit = document.issuer_unit
    register, n = register_next_number(unit=unit, year=issued.year)
    number = f"{n:02d}"  # Nghị định 30: numbers under 10 get a leading zero
    kind = DocumentKind(document.kind)
    code = unit.abbr if kind in WITHOUT_ABBREVIATION else f"{kind.value}-{unit.abbr}"
    document.number = number
    document.symbol = f"{number}/{code}"
    document.issued_date = issued
    document.direction = Direction.OUTGOING
    document.register = register
    document.register_number = n
    document.subject_key = vn.fold(f"{document.symbol} {document.subject}")
    document.save()
    audit_record(
        actor=actor,
        verb="document.issue",
        target=document,
        unit_id=unit.pk,
        before=before,
        after=snapshot(document),
    )
    return document


@transaction.atomic
def citation_add(
    *, actor: Any, source: Document, target: Document, relation: CitationRelation | str
) -> Citation:
    """Record that ``source`` cites ``target`` (idempotent)."""
    if source.pk == target.pk:
        raise ValidationError("Văn bản không thể trích dẫn chính nó.", code="citations.self")
    if actor is not None and source.issuer_unit is not None:
        require(actor, Action.REGISTER, source.issuer_unit)
    citation, created = Citation.objects.get_or_create(
        source=source, target=target, relation=CitationRelation(relation)
    )
    if created:
        audit_record(actor=actor, verb="citation.add", target=citation, after=snapshot(citation))
    return citation

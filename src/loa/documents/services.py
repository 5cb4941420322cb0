"""Writes to the registry: documents, citations and register numbers. Atomic and audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.db.models.functions import Greatest

from loa.core import vn
from loa.core.actors import require_actor, user_of
from loa.core.audit import audit_record, snapshot
from loa.core.errors import Conflict, NotFound, PermissionDenied, ValidationError
from loa.core.files import files_atomic
from loa.documents.kinds import DocumentKind, symbol_abbr
from loa.documents.models import Citation, CitationRelation, Direction, Document, Receipt, Register
from loa.documents.selectors import document_readable
from loa.nd30.symbols import normalise_symbol
from loa.organizations.access import Action, can, require, sees_everything, units_for
from loa.organizations.models import Unit


def issuer_key_for(*, issuer_unit: Unit | None, issuer_text: str) -> str:
    """Identity of an issuer for duplicate detection: the unit, or the folded name."""
    return f"unit:{issuer_unit.pk}" if issuer_unit is not None else vn.fold(issuer_text)


def _duplicate_message(symbol: str, issuer: str, issued: dt.date | None) -> str:
    when = f" ngày {issued:%d/%m/%Y}" if issued else ""
    return f"Văn bản số {symbol}{when} của {issuer} đã có trong hệ thống."


@files_atomic
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
    received_by: Unit | None = None,
    received_date: dt.date | None = None,
    received_number: int | None = None,
    holder: Unit | None = None,
    imported: bool = False,
) -> Document:
    """Register a document. Refuses a duplicate (same symbol, issuer and date) with a clear message.

    A unit's own documents need the right to keep that unit's registers; external references
    (issued outside Loa) need only an authenticated actor, or ``None`` for the command line.
    A numbered document of a unit in Loa takes its place in that unit's outgoing register (so the
    next number issued follows it, and a number already used is refused). With ``received_by`` the
    document is entered in that unit's incoming register (số đến, ngày đến) — see
    :func:`document_receive`.

    A document issued outside Loa is held by a unit (``holder``; by default the receiving unit, or
    the only unit where the actor registers documents): only that unit and its coordinators read it
    (ADR 0020). Only the command line and the demo register public references held by no unit.

    Only the clerk numbers (Nghị định 30, Điều 15): a unit's document entered with its number needs
    the right to issue there (the clerk, or a leader where the unit has no clerk) and its date, so
    the number takes its place in the register of that year. A document read from its own file
    (``imported``) brings its printed number and needs only the right to register (ADR 0007).
    """
    if received_by is not None:
        require(actor, Action.REGISTER, received_by)
    elif issuer_unit is not None:
        require(actor, Action.REGISTER, issuer_unit)
    else:
        _require_signed_in(actor)
    if issuer_unit is None:
        holder = holder or received_by or _default_holder(actor)
        if holder is not None:
            require(actor, Action.REGISTER, holder)
    else:
        holder = None
    subject = vn.collapse_ws(vn.nfc(subject))
    issuer_text = vn.collapse_ws(vn.nfc(issuer_text))
    if not subject:
        raise ValidationError("Cần nhập trích yếu nội dung văn bản.", code="documents.subject_required")
    if issuer_unit is None and not issuer_text:
        raise ValidationError("Cần cho biết cơ quan ban hành.", code="documents.issuer_required")
    canonical = normalise_symbol(symbol) if symbol.strip() else ""
    number = canonical.split("/", 1)[0].split("-", 1)[0] if canonical else ""
    if issuer_unit is not None and canonical:
        _check_numbering(actor=actor, unit=issuer_unit, issued_date=issued_date, imported=imported)
    key = issuer_key_for(issuer_unit=issuer_unit, issuer_text=issuer_text)
    same = Document.objects.filter(symbol=canonical, issuer_key=key, issued_date=issued_date).first()
    if canonical and same is not None:
        issuer_name = issuer_unit.name if issuer_unit else issuer_text
        if not document_readable(user=actor, document=same):
            # Another unit's document: say that it exists, never what it is about (ADR 0020).
            raise Conflict(
                f"{_duplicate_message(canonical, issuer_name, issued_date)[:-1]}, do một đơn vị khác vào sổ; "
                "bạn không xem được văn bản đó. Đề nghị đơn vị đã vào sổ chuyển văn bản cho đơn vị bạn.",
                code="documents.duplicate_elsewhere",
            )
        raise Conflict(_duplicate_message(canonical, issuer_name, issued_date), code="documents.duplicate")
    doc = Document(
        kind=DocumentKind(kind),
        number=number,
        symbol=canonical,
        issued_date=issued_date,
        issuer_unit=issuer_unit,
        issuer_text=issuer_text if issuer_unit is None else "",
        issuer_key=key,
        holder=holder,
        subject=subject,
        subject_key=vn.fold(f"{canonical} {subject}"),
        direction=Direction(direction),
        signer_name=vn.nfc(signer_name).strip(),
        is_stub=is_stub,
        created_by=user_of(actor),
    )
    if file is not None:
        doc.file = file
    register_account_number(document=doc)
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
    if received_by is not None:
        document_receive(
            actor=actor, document=doc, unit=received_by, received_date=received_date, number=received_number
        )
    return doc


def _check_numbering(*, actor: Any, unit: Unit, issued_date: dt.date | None, imported: bool) -> None:
    if not imported and not can(actor, Action.ISSUE, unit):
        raise PermissionDenied(
            "Chỉ văn thư (hoặc lãnh đạo ở đơn vị chưa có văn thư) ghi số vào sổ văn bản đi. "
            "Để trống ô số, ký hiệu: văn thư sẽ cấp số khi ban hành.",
            code="documents.number_by_clerk_only",
            fields={"symbol": "Chỉ văn thư ghi số vào sổ văn bản đi; để trống ô này."},
        )
    if issued_date is None:
        message = "Văn bản của đơn vị đã có số cần ngày ban hành để vào đúng sổ văn bản đi của năm."
        raise ValidationError(message, code="documents.number_needs_date", fields={"issued_date": message})


def _default_holder(actor: Any) -> Unit | None:
    """The only unit where ``actor`` registers documents; ``None`` for the command line and the
    demo (a public reference). A user registering in several units must say which one holds it."""
    if sees_everything(actor):
        return None
    units = list(units_for(actor, Action.REGISTER)[:2])
    if len(units) == 1:
        return units[0]
    if not units:
        raise PermissionDenied(code="access.register_denied")
    message = "Chọn đơn vị vào sổ văn bản này."
    raise ValidationError(message, code="documents.holder_required", fields={"received_by": message})


def _register_label(register: Register, *, capital: bool = False) -> str:
    book = "sổ văn bản đến" if register.direction == Direction.INCOMING else "sổ văn bản đi"
    if capital:
        book = "S" + book[1:]
    return f"{book} năm {register.year} của {register.unit.name}"


def _lock_register(*, unit: Unit, year: int, direction: Direction) -> Register:
    """The register row, locked until the caller's transaction ends (created when missing)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("registers are changed only inside transaction.atomic")
    register, _ = Register.objects.get_or_create(unit=unit, year=year, direction=direction)
    # An UPDATE takes the row lock on PostgreSQL and the write lock on SQLite; select_for_update
    # alone would not serialise SQLite.
    Register.objects.filter(pk=register.pk).update(last_number=F("last_number"))
    register.refresh_from_db(fields=["last_number"])
    return register


def register_account_number(*, document: Document) -> None:
    """Give a numbered document of a unit in Loa its place in that unit's outgoing register.

    A number entered by hand or imported (297/BC-VHTT found in a file) is a number the register
    has used: the counter moves past it, so the next issue takes 298, and a second document with
    that number in the same register and year is refused with a message.
    """
    number = document.number
    if document.issuer_unit_id is None or not number.isdigit() or document.issued_date is None:
        return
    n = int(number)
    if n == 0:
        return
    register = _lock_register(
        unit=document.issuer_unit, year=document.issued_date.year, direction=Direction.OUTGOING
    )
    taken = Document.objects.filter(register=register, register_number=n).exclude(pk=document.pk).first()
    if taken is not None:
        message = (
            f"Số {number} đã dùng trong {_register_label(register)}: "
            f"{taken.get_kind_display()} {taken.symbol}"
            + (f" ngày {taken.issued_date:%d/%m/%Y}" if taken.issued_date else "")
            + ". Kiểm tra lại số, ký hiệu hoặc ngày ban hành."
        )
        raise Conflict(message, code="documents.number_taken", fields={"symbol": message})
    Register.objects.filter(pk=register.pk).update(last_number=Greatest(F("last_number"), n))
    document.register = register
    document.register_number = n


def register_next_number(
    *, unit: Unit, year: int, direction: Direction = Direction.OUTGOING, on: dt.date | None = None
) -> tuple[Register, int]:
    """Take the next number of a unit's register, inside the caller's transaction.

    The counter row is incremented with one UPDATE, which locks it until the caller commits: two
    clerks numbering at once wait for each other (PostgreSQL row lock, SQLite write lock), and a
    rolled-back document gives its number back, so the register has no gaps.

    With ``on`` (the date of the document or of its arrival), numbers follow dates as in a paper
    register: a date earlier than the latest already numbered in that register is refused.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("register_next_number must run inside transaction.atomic")
    register, _ = Register.objects.get_or_create(unit=unit, year=year, direction=direction)
    Register.objects.filter(pk=register.pk).update(last_number=F("last_number") + 1)
    register.refresh_from_db(fields=["last_number"])
    used = register.receipts if direction == Direction.INCOMING else register.documents
    field = "number" if direction == Direction.INCOMING else "register_number"
    if used.filter(**{field: register.last_number}).exists():
        # A row written around the counter (the admin, old data) holds the number: move past the
        # highest number used, never onto the unique constraint (the lock is already held).
        highest = used.aggregate(m=Max(field))["m"] or 0
        Register.objects.filter(pk=register.pk).update(last_number=Greatest(F("last_number"), highest + 1))
        register.refresh_from_db(fields=["last_number"])
    if on is not None:
        _check_date_order(register=register, on=on)
    return register, register.last_number


def _check_date_order(*, register: Register, on: dt.date) -> None:
    if register.direction == Direction.INCOMING:
        latest = register.receipts.order_by("-received_date", "-number").first()
        if latest is not None and latest.received_date > on:
            message = (
                f"{_register_label(register, capital=True)} đã có số đến {latest.number:02d} ngày "
                f"{latest.received_date:%d/%m/%Y}. Số đến cấp theo thứ tự ngày đến: ngày đến phải từ "
                f"{latest.received_date:%d/%m/%Y} trở đi."
            )
            raise ValidationError(message, code="documents.date_order", fields={"received_date": message})
        return
    latest_date = register.documents.aggregate(m=Max("issued_date"))["m"]
    if latest_date is not None and latest_date > on:
        latest = register.documents.filter(issued_date=latest_date).order_by("-register_number").first()
        assert latest is not None
        raise ValidationError(
            f"{_register_label(register, capital=True)} đã có {latest.get_kind_display()} "
            f"số {latest.symbol} ngày {latest_date:%d/%m/%Y}. Số văn bản cấp theo thứ tự ngày ban hành: "
            f"văn bản cấp số sau phải có ngày từ {latest_date:%d/%m/%Y} trở đi.",
            code="documents.date_order",
        )


@transaction.atomic
def document_issue(*, actor: Any, document: Document, issued_date: dt.date | None = None) -> Document:
    """Give a unit's draft its number from the outgoing register and mark it issued (văn bản đi)."""
    if document.issuer_unit is None:
        raise ValidationError(
            "Chỉ cấp số cho văn bản do đơn vị trong Loa ban hành.", code="documents.not_own"
        )
    require(actor, Action.ISSUE, document.issuer_unit)
    if document.register_id:
        raise Conflict(f"Văn bản đã được cấp số {document.symbol}.", code="documents.already_issued")
    before = snapshot(document)
    issued = issued_date or document.issued_date or dt.date.today()
    if issued > dt.date.today():
        raise ValidationError(
            f"Ngày ban hành {issued:%d/%m/%Y} chưa đến: chỉ cấp số cho văn bản ký từ hôm nay trở về trước.",
            code="documents.future_date",
        )
    unit = document.issuer_unit
    register, n = register_next_number(unit=unit, year=issued.year, on=issued)
    number = f"{n:02d}"  # Nghị định 30: numbers under 10 get a leading zero
    abbr = symbol_abbr(document.kind)  # a công văn has none: "05/VHTT"
    code = f"{abbr}-{unit.abbr}" if abbr else unit.abbr
    document.number = number
    document.symbol = f"{number}/{code}"
    document.issued_date = issued
    document.direction = Direction.OUTGOING
    document.register = register
    document.register_number = n
    document.subject_key = vn.fold(f"{document.symbol} {document.subject}")
    try:
        with transaction.atomic():
            document.save()
    except IntegrityError:
        # The same symbol, issuer and date already registered around the counter: a message, no 500.
        raise Conflict(
            _duplicate_message(document.symbol, unit.name, issued), code="documents.duplicate"
        ) from None
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
    if source.issuer_unit is not None:
        require(actor, Action.REGISTER, source.issuer_unit)
    else:
        _require_signed_in(actor)
    # A citation is recorded only between documents the actor reads: citing never opens a document.
    if not document_readable(user=actor, document=target) or not document_readable(
        user=actor, document=source
    ):
        raise NotFound(
            "Không tìm thấy văn bản được trích dẫn hoặc bạn không có quyền xem.", code="documents.not_found"
        )
    citation, created = Citation.objects.get_or_create(
        source=source, target=target, relation=CitationRelation(relation)
    )
    if created:
        audit_record(
            actor=actor,
            verb="citation.add",
            target=citation,
            unit_id=source.issuer_unit_id,
            after=snapshot(citation),
        )
    return citation


@files_atomic
def document_receive(
    *,
    actor: Any,
    document: Document,
    unit: Unit,
    received_date: dt.date | None = None,
    number: int | None = None,
) -> Receipt:
    """Enter a document in the unit's incoming register (sổ văn bản đến): số đến and ngày đến.

    Without ``number`` the clerk's register gives the next số đến of the year of arrival, in date
    order; a number copied from the paper book is accepted once and moves the counter past it.
    """
    require(actor, Action.REGISTER, unit)
    received = received_date or dt.date.today()
    if received > dt.date.today():
        message = "Ngày đến không thể sau hôm nay."
        raise ValidationError(message, code="documents.future_received", fields={"received_date": message})
    if document.issued_date and received < document.issued_date:
        message = (
            f"Ngày đến {received:%d/%m/%Y} trước ngày ban hành {document.issued_date:%d/%m/%Y} của văn bản."
        )
        raise ValidationError(
            message, code="documents.received_before_issued", fields={"received_date": message}
        )
    if number is None:
        register, n = register_next_number(
            unit=unit, year=received.year, direction=Direction.INCOMING, on=received
        )
    else:
        if number < 1:
            raise ValidationError(
                "Số đến phải từ 1 trở lên.",
                code="documents.bad_received_number",
                fields={"received_number": "Số đến phải từ 1 trở lên."},
            )
        register = _lock_register(unit=unit, year=received.year, direction=Direction.INCOMING)
        taken = register.receipts.filter(number=number).select_related("document").first()
        if taken is not None:
            message = f"Số đến {number:02d} đã dùng trong {_register_label(register)} cho {taken.document}."
            raise Conflict(
                message, code="documents.received_number_taken", fields={"received_number": message}
            )
        Register.objects.filter(pk=register.pk).update(last_number=Greatest(F("last_number"), number))
        n = number
    already = register.receipts.filter(document=document).first()
    if already is not None:
        raise Conflict(
            f"Văn bản này đã vào {_register_label(register)}, số đến {already.number:02d} "
            f"ngày {already.received_date:%d/%m/%Y}.",
            code="documents.already_received",
        )
    receipt = Receipt.objects.create(
        register=register,
        number=n,
        received_date=received,
        document=document,
        created_by=user_of(actor),
    )
    audit_record(
        actor=actor, verb="document.receive", target=receipt, unit_id=unit.pk, after=snapshot(receipt)
    )
    return receipt


@files_atomic
def document_attach_pdf(*, actor: Any, document: Document, data: bytes) -> Document:
    """Keep the PDF made from the issued DOCX beside it (rendered once, served on every download)."""
    before = snapshot(document, ["pdf", "pdf_error"])
    document.pdf.save(document.download_name("pdf"), ContentFile(data), save=False)
    document.pdf_error, document.pdf_queued_at = "", None
    document.save(update_fields=["pdf", "pdf_error", "pdf_queued_at", "updated_at"])
    audit_record(
        actor=actor,
        verb="document.pdf",
        target=document,
        unit_id=document.issuer_unit_id,
        before=before,
        after=snapshot(document, ["pdf", "pdf_error"]),
    )
    return document


def document_pdf_failed(*, actor: Any, document: Document, reason: str) -> Document:
    """Keep why the PDF of the issued DOCX could not be made (in Vietnamese, shown on its page with
    the DOCX and "Thử lại"); the request for it is over."""
    before = snapshot(document, ["pdf_error"])
    document.pdf_error, document.pdf_queued_at = reason, None
    document.save(update_fields=["pdf_error", "pdf_queued_at", "updated_at"])
    audit_record(
        actor=actor,
        verb="document.pdf_failed",
        target=document,
        unit_id=document.issuer_unit_id,
        before=before,
        after=snapshot(document, ["pdf_error"]),
    )
    return document


def _require_signed_in(actor: Any) -> None:
    """An external document (no issuing unit in Loa) may be registered by any signed-in user."""
    require_actor(actor)
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied(code="access.register_denied")

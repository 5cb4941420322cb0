"""Reads of the registry, scoped to what the user may see."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from loa.core import vn
from loa.core.errors import NotFound
from loa.documents.models import Citation, Direction, Document, Receipt
from loa.organizations.access import sees_everything, units_visible_or_above, units_visible_to, visible_q
from loa.organizations.models import Unit


def readable_q(user: Any) -> Q:
    """The documents ``user`` may read (ADR 0020), as a filter; empty for a superuser or system actor.

    - issued by a unit the user sees, or by a unit above one of them (its directives reach them);
    - received (sổ văn bản đến) by a unit the user sees;
    - held by a unit the user sees: a document issued outside Loa that the unit entered as a
      reference or that one of its documents cites (a stub);
    - a public reference: issued outside Loa and held by no unit (entered by the command line or
      the demo, such as a province's plan or a law).

    Citing a document grants nothing: a unit reads what it cites only if one of the rules above lets
    it. The coordinators above a unit see what the unit sees (``units_visible_to``).
    """
    if sees_everything(user):
        return Q()
    visible = units_visible_to(user)
    received = Receipt.objects.filter(register__unit_id__in=visible).values("document_id")
    return (
        Q(issuer_unit_id__in=units_visible_or_above(user))
        | Q(holder_id__in=visible)
        | Q(id__in=received)
        | Q(issuer_unit__isnull=True, holder__isnull=True)
    )


def document_list(*, user: Any, q: str = "", kind: str = "", year: int | None = None) -> QuerySet[Document]:
    """Documents the user may read (:func:`readable_q`), searched by symbol and subject."""
    qs = Document.objects.select_related("issuer_unit").filter(readable_q(user))
    qs = subject_search(qs, q)
    if kind:
        qs = qs.filter(kind=kind)
    if year:
        qs = qs.filter(issued_date__year=year)
    return qs


def document_readable(*, user: Any, document: Document | int) -> bool:
    """Whether ``user`` may read the document (one query)."""
    pk = document if isinstance(document, int) else document.pk
    return Document.objects.filter(readable_q(user), pk=pk).exists()


def document_get(*, user: Any, pk: int) -> Document:
    """One document the user may read, or ``NotFound``."""
    try:
        return document_list(user=user).get(pk=pk)
    except Document.DoesNotExist:
        raise NotFound(
            "Không tìm thấy văn bản hoặc bạn không có quyền xem.", code="documents.not_found"
        ) from None


def document_citations(*, user: Any, document: Document) -> tuple[list[Citation], list[Citation]]:
    """(documents this one cites, documents that cite this one), both limited to what the user may read."""
    readable = document_list(user=user).values("id")
    out = list(
        Citation.objects.filter(source=document, target_id__in=readable).select_related("target__issuer_unit")
    )
    back = list(
        Citation.objects.filter(target=document, source_id__in=readable).select_related("source__issuer_unit")
    )
    return out, back


def subject_search(qs: QuerySet[Any], q: str, prefix: str = "") -> QuerySet[Any]:
    """Rows whose document (``prefix`` leads to it) holds every word of ``q`` in its symbol
    (số, ký hiệu) or subject, ignoring case and diacritics (the folded ``subject_key`` column)."""
    for word in vn.fold(q).split():
        qs = qs.filter(**{f"{prefix}subject_key__contains": word})
    return qs


def outgoing_register(*, user: Any, year: int | None = None, q: str = "") -> QuerySet[Document]:
    """Sổ văn bản đi: numbered documents of the units the user may see, by register and number."""
    qs = Document.objects.filter(register__direction=Direction.OUTGOING).select_related(
        "issuer_unit", "register"
    )
    qs = qs.filter(visible_q(user, "register__unit_id"))
    if year:
        qs = qs.filter(register__year=year)
    return subject_search(qs, q).order_by("-register__year", "register__unit__name", "-register_number")


def incoming_register(*, user: Any, year: int | None = None, q: str = "") -> QuerySet[Receipt]:
    """Sổ văn bản đến: documents received by the units the user may see, with số đến and ngày đến."""
    qs = Receipt.objects.select_related("register__unit", "document__issuer_unit")
    qs = qs.filter(visible_q(user, "register__unit_id"))
    if year:
        qs = qs.filter(register__year=year)
    return subject_search(qs, q, "document__").order_by("-register__year", "register__unit__name", "-number")


def document_receipts(*, user: Any, document: Document) -> list[Receipt]:
    """Where the document was received (số đến, ngày đến), limited to the units the user may see."""
    qs = document.receipts.select_related("register__unit")
    qs = qs.filter(visible_q(user, "register__unit_id"))
    return list(qs.order_by("received_date"))


def issuer_choices(*, user: Any) -> list[Unit]:
    """Units a document may be registered as issued by: those the user sees and the units above them
    (whose directives reach the user's units), sorted by name."""
    units = list(units_visible_or_above(user))
    return sorted(units, key=lambda u: vn.sort_key(u.name))

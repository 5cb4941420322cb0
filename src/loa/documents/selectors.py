"""Reads of the registry, scoped to what the user may see."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from loa.core import vn
from loa.core.errors import NotFound
from loa.documents.models import Citation, Document
from loa.organizations.access import units_visible_to
from loa.organizations.selectors import unit_ancestor_ids


def document_list(*, user: Any, q: str = "", kind: str = "", year: int | None = None) -> QuerySet[Document]:
    """Documents the user may read: those of their units, the directives of the units above them,
    the documents their units cite, and external references (public documents registered by
    reference, such as a province's plan)."""
    qs = Document.objects.select_related("issuer_unit")
    visible = units_visible_to(user)
    if visible is not None:
        above = unit_ancestor_ids(unit_ids=visible)
        cited = Citation.objects.filter(source__issuer_unit_id__in=visible).values("target_id")
        qs = qs.filter(Q(issuer_unit_id__in=visible | above) | Q(id__in=cited) | Q(issuer_unit__isnull=True))
    if q:
        for word in vn.fold(q).split():
            qs = qs.filter(subject_key__contains=word)
    if kind:
        qs = qs.filter(kind=kind)
    if year:
        qs = qs.filter(issued_date__year=year)
    return qs


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

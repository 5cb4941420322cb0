"""The registry: the outgoing and incoming registers, all documents, detail with citations both
ways and where the document was received, registration form."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render

from loa.core.errors import DomainError
from loa.documents.filters import DocumentFilter, IncomingFilter, OutgoingFilter
from loa.documents.kinds import DocumentKind
from loa.documents.models import Direction
from loa.documents.selectors import (
    document_citations,
    document_get,
    document_list,
    document_receipts,
    incoming_register,
    issuer_choices,
    outgoing_register,
)
from loa.documents.services import citation_add, document_create, document_receive
from loa.organizations.access import Action, can, units_for
from loa.web.access import login_only, object_access, some_unit_access
from loa.web.forms import CitationForm, DocumentForm, ReceiveForm
from loa.web.views.common import form_error, paginate, units_where

# Tabs of the registry page: ?so=di (sổ văn bản đi), ?so=den (sổ văn bản đến), default all documents.
BOOKS = (
    ("", "Tất cả văn bản"),
    ("di", "Sổ văn bản đi"),
    ("den", "Sổ văn bản đến"),
    ("tham-chieu", "Văn bản tham chiếu"),
)


@login_only
def document_index(request):
    """The registry: all documents, a register (?so=di, ?so=den) or references, filtered by text,
    year and kind (one FilterSet per list, loa.documents.filters)."""
    book = request.GET.get("so", "").strip()
    filterset: DocumentFilter | OutgoingFilter | IncomingFilter
    if book == "di":
        filterset = OutgoingFilter(request.GET, queryset=outgoing_register(user=request.user))
    elif book == "den":
        filterset = IncomingFilter(request.GET, queryset=incoming_register(user=request.user))
    else:
        items = document_list(user=request.user)
        if book == "tham-chieu":  # documents known for reference: cited or registered from outside
            items = items.filter(direction=Direction.EXTERNAL)
        else:
            book = ""
        filterset = DocumentFilter(request.GET, queryset=items)
    values = filterset.values
    return render(
        request,
        "loa/documents/list.html",
        {
            "page": paginate(request, filterset.qs),
            "q": values["q"],
            "kind": values.get("loai", ""),
            "year": values["nam"],
            "errors": filterset.messages,
            "kinds": DocumentKind.choices,
            "book": book,
            "books": BOOKS,
            "can_register": units_for(request.user, Action.REGISTER).exists(),
        },
    )


@object_access("document")
def document_detail(request, pk: int):
    try:
        document = document_get(user=request.user, pk=pk)
    except DomainError:
        raise Http404 from None
    cites, cited_by = document_citations(user=request.user, document=document)
    may_cite = document.issuer_unit_id is not None and can(
        request.user, Action.REGISTER, document.issuer_unit_id
    )
    form = None
    if may_cite:
        candidates = document_list(user=request.user).exclude(pk=document.pk)[:500]
        form = CitationForm(request.POST or None, documents=candidates)
        if request.method == "POST" and form.is_valid():
            try:
                target = document_get(user=request.user, pk=form.cleaned_data["target"])
                citation_add(
                    actor=request.user, source=document, target=target, relation=form.cleaned_data["relation"]
                )
            except DomainError as exc:
                form_error(form, exc)
            else:
                messages.success(request, "Đã thêm trích dẫn.")
                return redirect("web:document_detail", pk=document.pk)
    receivers = units_where(request, Action.REGISTER)
    receive_form = (
        ReceiveForm(units=receivers, initial={"received_date": dt.date.today()}) if receivers else None
    )
    return render(
        request,
        "loa/documents/detail.html",
        {
            "document": document,
            "cites": cites,
            "cited_by": cited_by,
            "citation_form": form,
            "receipts": document_receipts(user=request.user, document=document),
            "receive_form": receive_form,
            "report": getattr(document, "report", None),
        },
    )


@object_access("document")
@some_unit_access(Action.REGISTER, denied=404)
def document_receive_view(request, pk: int):
    """Enter a document already in Loa in one of the user's incoming registers."""
    try:
        document = document_get(user=request.user, pk=pk)
    except DomainError:
        raise Http404 from None
    receivers = units_where(request, Action.REGISTER)
    if not receivers:
        raise Http404
    form = ReceiveForm(request.POST or None, units=receivers)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        unit = next(u for u in receivers if u.pk == data["unit"])
        try:
            receipt = document_receive(
                actor=request.user,
                document=document,
                unit=unit,
                received_date=data["received_date"],
                number=data["received_number"],
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(
                request,
                f"Đã vào sổ văn bản đến của {unit.name}: số đến {receipt.number:02d}, "
                f"ngày đến {receipt.received_date:%d/%m/%Y}.",
            )
            return redirect("web:document_detail", pk=document.pk)
    return render(request, "loa/documents/receive.html", {"document": document, "form": form})


@some_unit_access(Action.REGISTER, message="Bạn chưa được giao vào sổ văn bản ở đơn vị nào.")
def document_create_view(request):
    registers = units_where(request, Action.REGISTER)
    if not registers:
        raise PermissionDenied("Bạn chưa được giao vào sổ văn bản ở đơn vị nào.")
    units = issuer_choices(user=request.user)
    form = DocumentForm(
        request.POST or None,
        request.FILES or None,
        units=units,
        receivers=registers,
        initial={"received_date": dt.date.today()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        issuer = next((u for u in units if u.pk == data["issuer_unit"]), None)
        incoming = data["direction"] == Direction.INCOMING
        chosen = next((u for u in registers if u.pk == data["received_by"]), None)
        receiver = chosen if incoming else None
        # A document issued outside Loa is held by the unit that registers it (ADR 0020).
        holder = chosen or (registers[0] if len(registers) == 1 else None)
        if issuer is not None and not incoming and not can(request.user, Action.REGISTER, issuer):
            form.add_error(
                "issuer_unit",
                "Bạn chỉ vào sổ văn bản đi của đơn vị mình. Văn bản của cơ quan khác gửi đến: chọn loại "
                "“Văn bản đến” và đơn vị nhận.",
            )
        else:
            try:
                document = document_create(
                    actor=request.user,
                    kind=data["kind"],
                    subject=data["subject"],
                    symbol=data["symbol"],
                    issued_date=data["issued_date"],
                    issuer_unit=issuer,
                    issuer_text="" if issuer else data["issuer_text"],
                    direction=data["direction"],
                    file=data["file"],
                    received_by=receiver,
                    received_date=data["received_date"],
                    received_number=data["received_number"],
                    holder=None if issuer else holder,
                )
            except DomainError as exc:
                if exc.code.startswith("symbols."):
                    form.add_error("symbol", exc.message)
                elif exc.code == "documents.duplicate" and incoming:
                    form.add_error(
                        "symbol", f"{exc.message} Mở văn bản đó và bấm “Vào sổ văn bản đến” để ghi số đến."
                    )
                else:
                    form_error(form, exc)
            else:
                messages.success(request, f"Đã vào sổ: {document}.")
                return redirect("web:document_detail", pk=document.pk)
    return render(request, "loa/documents/form.html", {"form": form})

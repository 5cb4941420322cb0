"""The registry: documents list, detail with citations both ways, registration form."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render

from loa.core.errors import DomainError
from loa.documents.kinds import DocumentKind
from loa.documents.selectors import document_citations, document_get, document_list
from loa.documents.services import citation_add, document_create
from loa.organizations.access import Action, can, units_for
from loa.web.forms import CitationForm, DocumentForm
from loa.web.views.common import form_error, paginate, units_where


@login_required
def document_index(request):
    q = request.GET.get("q", "").strip()
    kind = request.GET.get("loai", "").strip()
    year = request.GET.get("nam", "").strip()
    items = document_list(user=request.user, q=q, kind=kind, year=int(year) if year.isdigit() else None)
    return render(
        request,
        "loa/documents/list.html",
        {
            "page": paginate(request, items),
            "q": q,
            "kind": kind,
            "year": year,
            "kinds": DocumentKind.choices,
            "can_register": units_for(request.user, Action.REGISTER) != set(),
        },
    )


@login_required
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
    return render(
        request,
        "loa/documents/detail.html",
        {"document": document, "cites": cites, "cited_by": cited_by, "citation_form": form},
    )


@login_required
def document_create_view(request):
    units = units_where(request, Action.REGISTER)
    if not units:
        raise PermissionDenied("Bạn chưa được giao vào sổ văn bản ở đơn vị nào.")
    form = DocumentForm(request.POST or None, request.FILES or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        issuer = next((u for u in units if u.pk == data["issuer_unit"]), None)
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
            )
        except DomainError as exc:
            if exc.code.startswith("symbols."):
                form.add_error("symbol", exc.message)
            else:
                form_error(form, exc)
        else:
            messages.success(request, f"Đã vào sổ: {document}.")
            return redirect("web:document_detail", pk=document.pk)
    return render(request, "loa/documents/form.html", {"form": form})

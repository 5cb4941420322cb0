"""Small helpers shared by the views: errors into forms, the unit a page is about, paging."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest

from loa.core.errors import DomainError
from loa.organizations.access import Action, can, units_for
from loa.organizations.models import Unit
from loa.organizations.selectors import unit_get


def form_error(form: forms.Form, exc: DomainError) -> None:
    """Show a service's error beside the fields it names, or above the form."""
    fields = exc.context.get("fields") if isinstance(exc.context.get("fields"), dict) else None
    if fields:
        for name, message in fields.items():
            form.add_error(name if name in form.fields else None, message)
    else:
        form.add_error(None, exc.message)


def unit_for_view(request: HttpRequest, code: str) -> Unit:
    """The unit in the URL, if the user may see it; 404 otherwise (no hint that it exists)."""
    try:
        unit = unit_get(code=code)
    except DomainError:
        raise Http404("Không tìm thấy đơn vị.") from None
    if not can(request.user, Action.VIEW, unit):
        raise Http404("Không tìm thấy đơn vị.")
    return unit


def units_where(request: HttpRequest, action: Action) -> list[Unit]:
    """Units where the user may do ``action``, sorted by name, for a form's choices."""
    return list(units_for(request.user, action).order_by("name"))


def paginate(request: HttpRequest, items, per_page: int = 50) -> Page:
    return Paginator(items, per_page).get_page(request.GET.get("trang"))


YEARS = range(1900, 2101)


def year_param(request: HttpRequest, key: str = "nam") -> int | None:
    """The year in the query string, or ``None`` when absent; a year that is not a number from 1900
    to 2100 (``?nam=99999999999999999999``) is ignored with a message, never a 500."""
    raw = request.GET.get(key, "").strip()
    if not raw:
        return None
    if raw.isdigit() and len(raw) <= 4 and int(raw) in YEARS:
        return int(raw)
    messages.warning(
        request, f"Năm “{raw[:20]}” không hợp lệ (cần từ {YEARS[0]} đến {YEARS[-1]}): đã bỏ qua."
    )
    return None

"""Bulk work on activities: Excel template, import and export; feeds and their drafts to confirm."""

from __future__ import annotations

import uuid

from django import forms
from django.contrib import messages
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from loa.activities.feeds import draft_confirm, draft_discard, draft_list, feed_list, feed_register
from loa.activities.importers.xlsx import (
    MAX_BYTES,
    activities_export_csv,
    activities_export_xlsx,
    activities_import,
    activities_template,
)
from loa.activities.models import DraftActivity
from loa.core.errors import Conflict, DomainError, ValidationError
from loa.organizations.access import Action, can
from loa.organizations.models import Unit
from loa.plans.selectors import area_list, channel_list
from loa.web.access import login_only, object_access, some_unit_access, unit_access
from loa.web.views.activities import activity_filters
from loa.web.views.common import form_error, unit_for_view, units_where

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Uploaded files wait here between "check" and "import the valid rows" (the session keeps the token).
# An uploaded Excel file waiting for "save only the valid rows" is kept in Django storage (shared by
# every app server), named by a token the user's session holds.
_PENDING = "imports/hoat-dong/{token}.xlsx"


def _unit_to_record(request, code: str) -> Unit:
    """The unit in the URL if the user may record in it; 404 otherwise."""
    unit = unit_for_view(request, code)
    if not can(request.user, Action.RECORD, unit):
        raise Http404("Không tìm thấy đơn vị.")
    return unit


def _default_unit(request) -> Unit:
    """The unit of ``?don_vi=`` if the user records there (404 otherwise), else their first unit."""
    units = units_where(request, Action.RECORD)
    code = request.GET.get("don_vi")
    unit = next((u for u in units if u.code == code), None) if code else (units[0] if units else None)
    if unit is None:
        raise Http404("Không tìm thấy đơn vị.")
    return unit


@some_unit_access(Action.RECORD, denied=404)
def activity_template(request):
    """The Excel template of a unit the user records for (``?don_vi=``)."""
    unit = _default_unit(request)
    data = activities_template(unit=unit, channels=list(channel_list()), areas=list(area_list()))
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="mau-hoat-dong-{unit.code}.xlsx"'
    return response


@login_only
def activity_export(request):
    """The filtered activity list (same filters as the list page) as Excel or CSV (``?dinh_dang=csv``)."""
    items = activity_filters(request).qs
    stamp = timezone.localdate().strftime("%Y%m%d")
    if request.GET.get("dinh_dang") == "csv":
        response = HttpResponse(activities_export_csv(items), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="hoat-dong-{stamp}.csv"'
        return response
    response = HttpResponse(activities_export_xlsx(items), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="hoat-dong-{stamp}.xlsx"'
    return response


class ImportForm(forms.Form):
    unit = forms.ChoiceField(label="Đơn vị nhận các hoạt động")
    file = forms.FileField(label="Tệp Excel (.xlsx) đã điền theo mẫu")
    keep_duplicates = forms.BooleanField(
        label="Vẫn nhập các dòng trùng với hoạt động đã ghi nhận (sẽ tính hai lần)", required=False
    )

    def __init__(self, *args, units: list[Unit], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(u.code, u.name) for u in units]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(f"Tệp quá lớn (tối đa {MAX_BYTES // 2**20} MB).")
        return upload


def _keep(request, data: bytes, unit: Unit) -> str:
    token = uuid.uuid4().hex
    default_storage.save(_PENDING.format(token=token), ContentFile(data))
    request.session[f"loa_import_{token}"] = unit.code
    return token


def _kept(request, token: str) -> tuple[bytes, str] | None:
    code = request.session.get(f"loa_import_{token}") if token.isalnum() else None
    name = _PENDING.format(token=token)
    if not code or not default_storage.exists(name):
        return None
    with default_storage.open(name, "rb") as handle:
        data = handle.read()
    # One use only: a second click must not import the same rows twice.
    default_storage.delete(name)
    del request.session[f"loa_import_{token}"]
    return data, code


@some_unit_access(Action.RECORD, denied=404)
def activity_import(request):
    """Upload a filled template: every problem in a table; save all rows, or only the valid ones on request."""
    units = units_where(request, Action.RECORD)
    if not units:
        raise Http404("Bạn chưa được phân công ghi nhận hoạt động ở đơn vị nào.")
    # ?don_vi= preselects a unit only among those the user records for; another falls back to the first.
    codes = {u.code for u in units}
    asked = request.GET.get("don_vi")
    initial = {"unit": asked if asked in codes else units[0].code}
    form = ImportForm(request.POST or None, request.FILES or None, units=units, initial=initial)
    context = {"form": form, "units": units}
    if request.method == "POST" and request.POST.get("token"):
        kept = _kept(request, request.POST["token"])
        if kept is None:
            messages.error(request, "Tệp đã tải lên không còn. Hãy chọn lại tệp.")
            return redirect("web:activity_import")
        data, code = kept
        unit = _unit_to_record(request, code)
        keep = request.POST.get("giu_trung") == "1"
        return _run_import(request, unit, data, only_valid=True, keep_duplicates=keep, context=context)
    if request.method == "POST" and form.is_valid():
        unit = next(u for u in units if u.code == form.cleaned_data["unit"])
        return _run_import(
            request,
            unit,
            form.cleaned_data["file"].read(),
            only_valid=False,
            keep_duplicates=form.cleaned_data["keep_duplicates"],
            context=context,
        )
    return render(request, "loa/work/import.html", context)


def _run_import(request, unit: Unit, data: bytes, *, only_valid: bool, keep_duplicates: bool, context: dict):
    form = context["form"]
    try:
        result = activities_import(
            actor=request.user, unit=unit, data=data, only_valid=only_valid, keep_duplicates=keep_duplicates
        )
    except DomainError as exc:
        form_error(form, exc)
        return render(request, "loa/work/import.html", context)
    skipped_duplicates = [] if result.kept_duplicates else result.duplicates
    context.update(unit=unit, result=result, skipped_duplicates=skipped_duplicates)
    if result.created:
        messages.success(request, f"Đã nhập {result.created} hoạt động vào {unit.name}.")
        bad_rows = len({p.row for p in result.problems if p.row > 1})
        if bad_rows:
            messages.warning(request, f"Bỏ qua {bad_rows} dòng có lỗi.")
        if not skipped_duplicates:
            return redirect(reverse("web:activity_index") + f"?don_vi={unit.code}")
        messages.warning(request, f"Bỏ qua {len(skipped_duplicates)} dòng trùng với hoạt động đã ghi nhận.")
        return render(request, "loa/work/import.html", context)
    header_broken = any(p.row == 1 for p in result.problems)
    bad_rows = len({p.row for p in result.problems if p.row > 1})
    valid = result.total - bad_rows
    fresh = valid - len(skipped_duplicates)
    token = _keep(request, data, unit) if fresh > 0 and result.problems and not header_broken else ""
    context.update(valid=valid, fresh=fresh, bad_rows=bad_rows, token=token)
    if not result.problems and skipped_duplicates:
        messages.warning(
            request,
            f"Không nhập hoạt động nào: cả {len(skipped_duplicates)} dòng đều trùng với hoạt động đã ghi nhận.",
        )
    elif not result.problems:
        form.add_error(None, "Tệp không có dòng hoạt động nào.")
    return render(request, "loa/work/import.html", context)


@unit_access(Action.RECORD)
def unit_drafts(request, code: str):
    """ "Tin chờ xác nhận": news items pulled from the unit's feeds, to confirm or discard."""
    unit = _unit_to_record(request, code)
    return render(
        request,
        "loa/work/drafts.html",
        {
            "unit": unit,
            "drafts": draft_list(user=request.user, unit=unit),
            "feeds": feed_list(user=request.user, unit=unit),
        },
    )


def _draft_action(request, pk: int, action):
    draft = DraftActivity.objects.filter(pk=pk).select_related("unit").first()
    if draft is None or not can(request.user, Action.RECORD, draft.unit_id):
        raise Http404("Không tìm thấy tin.")
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        outcome = action(actor=request.user, pk=pk)
    except (Conflict, ValidationError) as exc:
        # E.g. the news item was already recorded by hand: confirming it would count it twice.
        messages.error(request, f"Không xác nhận: {exc.message} Hãy bỏ qua tin này.")
        return redirect("web:unit_drafts", code=draft.unit.code)
    except DomainError:
        raise Http404("Tin đã được xử lý hoặc không còn.") from None
    return outcome


@object_access("draft", Action.RECORD)
def draft_confirm_view(request, pk: int):
    activity = _draft_action(request, pk, draft_confirm)
    if isinstance(activity, HttpResponse):
        return activity
    if request.headers.get("HX-Request"):
        return render(
            request,
            "loa/work/_draft_done.html",
            {"text": "Đã xác nhận thành hoạt động.", "activity": activity},
        )
    messages.success(request, f"Đã xác nhận: {activity.title}.")
    return redirect("web:unit_drafts", code=activity.unit.code)


@object_access("draft", Action.RECORD)
def draft_discard_view(request, pk: int):
    draft = _draft_action(request, pk, draft_discard)
    if isinstance(draft, HttpResponse):
        return draft
    if request.headers.get("HX-Request"):
        return render(request, "loa/work/_draft_done.html", {"text": "Đã bỏ qua tin này."})
    messages.success(request, "Đã bỏ qua tin.")
    return redirect("web:unit_drafts", code=draft.unit.code)


class FeedForm(forms.Form):
    url = forms.URLField(label="Địa chỉ RSS/Atom", max_length=500, assume_scheme="https")
    title = forms.CharField(label="Tên gợi nhớ", max_length=200, required=False)


@unit_access(Action.RECORD)
def unit_feeds(request, code: str):
    """Register the address of a unit's news feed (RSS/Atom); it is read every hour."""
    unit = _unit_to_record(request, code)
    form = FeedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            feed_register(
                actor=request.user, unit=unit, url=form.cleaned_data["url"], title=form.cleaned_data["title"]
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, "Đã thêm nguồn tin. Tin mới sẽ được lấy về trong vòng một giờ.")
            return redirect("web:unit_feeds", code=unit.code)
    return render(
        request,
        "loa/work/feeds.html",
        {"unit": unit, "form": form, "feeds": feed_list(user=request.user, unit=unit)},
    )

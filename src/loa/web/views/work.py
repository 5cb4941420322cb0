"""Bulk work on activities: Excel template and export; feeds and their drafts to confirm.

The Excel import itself is in :mod:`loa.web.views.activity_imports` (a background job).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone

from loa.activities.feeds import draft_confirm, draft_discard, draft_list, feed_list, feed_register
from loa.activities.importers.xlsx import (
    activities_export_csv,
    activities_export_xlsx,
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

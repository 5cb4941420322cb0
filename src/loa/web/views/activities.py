"""Activities: list with filters, record, edit, delete."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from loa.activities.models import Activity
from loa.activities.selectors import activity_get, activity_list, activity_similar
from loa.activities.services import activity_delete, activity_record, activity_update
from loa.core.errors import DomainError
from loa.core.periods import parse_period
from loa.organizations.access import Action, can, units_for
from loa.organizations.models import Unit
from loa.organizations.selectors import unit_subtree_ids
from loa.plans.selectors import area_list, channel_list
from loa.web.forms import ActivityForm
from loa.web.views.common import form_error, paginate, unit_for_view, units_where


def activity_filters(request) -> tuple[dict, Unit | None, dict, str | None]:
    """The list filters of the query string, parsed once for the list page and the exports.

    Returns the raw filters (for the form), the unit filtered on, the keyword arguments of
    ``activity_list`` and the error to show for an unreadable period.
    """
    filters = {k: request.GET.get(k, "").strip() for k in ("don_vi", "ky", "hinh_thuc", "noi_dung", "q")}
    unit_ids = None
    unit = None
    error = None
    if filters["don_vi"]:
        unit = unit_for_view(request, filters["don_vi"])
        unit_ids = unit_subtree_ids(unit_ids=[unit.id])
    start = end = None
    if filters["ky"]:
        try:
            start, end = parse_period(filters["ky"]).window("calendar")
        except DomainError as exc:
            error = exc.message
    kwargs = {
        "unit_ids": unit_ids,
        "start": start,
        "end": end,
        "channel": filters["hinh_thuc"],
        "area": filters["noi_dung"],
        "q": filters["q"],
    }
    return filters, unit, kwargs, error


@login_required
def activity_index(request):
    """All activities the user may read, filtered by unit (and units below), period, channel, area, text."""
    filters, unit, kwargs, error = activity_filters(request)
    items = activity_list(user=request.user, **kwargs)
    return render(
        request,
        "loa/activities/list.html",
        {
            "page": paginate(request, items),
            "filters": filters,
            "query": request.GET.urlencode(),
            "can_import": units_for(request.user, Action.RECORD) != set(),
            "can_record": units_for(request.user, Action.RECORD) != set(),
            "can_record_unit": unit is not None and can(request.user, Action.RECORD, unit),
            "unit": unit,
            "error": error,
            "channels": channel_list(),
            "areas": area_list(),
        },
    )


def _initial(request, units: list[Unit]) -> dict:
    """Defaults from the user's last entry (unit, channel), today's date, the unit in the URL."""
    initial: dict = {"date": dt.date.today(), "quantity": 1}
    last = (
        Activity.objects.filter(created_by=request.user)
        .order_by("-id")
        .values("unit_id", "channel_id")
        .first()
    )
    if last:
        initial.update(unit=last["unit_id"], channel=last["channel_id"])
    code = request.GET.get("don_vi")
    wanted = next((u for u in units if u.code == code), None)
    if wanted:
        initial["unit"] = wanted.pk
    return initial


@login_required
def activity_create(request):
    units = units_where(request, Action.RECORD)
    if not units:
        raise PermissionDenied("Bạn chưa được phân công ghi nhận hoạt động ở đơn vị nào.")
    form = ActivityForm(
        request.POST or None, request.FILES or None, units=units, initial=_initial(request, units)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        unit = next(u for u in units if u.pk == data["unit"])
        try:
            activity = activity_record(
                actor=request.user,
                unit=unit,
                date=data["date"],
                channel=data["channel"],
                title=data["title"],
                quantity=data["quantity"],
                areas=data["areas"],
                reach=data["reach"],
                evidence_url=data["evidence_url"],
                evidence_file=data["evidence_file"],
                description=data["description"],
                orientation=data.get("orientation"),
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, f"Đã ghi nhận: {activity.title}.")
            similar = activity_similar(activity_or_fields=activity, exclude_unit=unit)
            if similar is not None:
                messages.warning(request, _similar_message(similar))
            if "them_tiep" in request.POST:
                return redirect(reverse("web:activity_create") + f"?don_vi={unit.code}")
            return redirect(reverse("web:unit_dashboard", args=[unit.code]) + f"?ky={data['date'].year}")
    return render(request, "loa/activities/form.html", {"form": form, "title": "Ghi nhận hoạt động"})


@login_required
def activity_detail(request, pk: int):
    try:
        activity = activity_get(user=request.user, pk=pk)
    except DomainError:
        raise Http404 from None
    return render(
        request,
        "loa/activities/detail.html",
        {
            "activity": activity,
            "can_edit": can(request.user, Action.RECORD, activity.unit_id),
            "similar": activity_similar(activity_or_fields=activity, exclude_unit=activity.unit_id),
        },
    )


def _similar_message(similar: Activity) -> str:
    return (
        f"Lưu ý: {similar.unit.name} đã ghi nhận hoạt động giống vậy "
        f"(«{similar.title}», ngày {similar.date:%d/%m/%Y}). Hãy kiểm tra để không tính trùng."
    )


@login_required
def activity_edit(request, pk: int):
    try:
        activity = activity_get(user=request.user, pk=pk)
    except DomainError:
        raise Http404 from None
    if not can(request.user, Action.RECORD, activity.unit_id):
        raise Http404
    units = [activity.unit]
    initial = {
        "unit": activity.unit_id,
        "date": activity.date,
        "channel": activity.channel_id,
        "title": activity.title,
        "quantity": activity.quantity,
        "areas": list(activity.areas.all()),
        "reach": activity.reach,
        "evidence_url": activity.evidence_url,
        "orientation": activity.orientation_id,
        "description": activity.description,
    }
    form = ActivityForm(request.POST or None, request.FILES or None, units=units, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        changes = {
            k: data[k]
            for k in (
                "date",
                "channel",
                "title",
                "quantity",
                "reach",
                "evidence_url",
                "description",
                "orientation",
            )
        }
        if data["evidence_file"]:
            changes["evidence_file"] = data["evidence_file"]
        try:
            activity_update(actor=request.user, activity=activity, areas=data["areas"], **changes)
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, "Đã lưu thay đổi.")
            return redirect("web:activity_detail", pk=activity.pk)
    return render(
        request, "loa/activities/form.html", {"form": form, "title": "Sửa hoạt động", "activity": activity}
    )


@require_POST
@login_required
def activity_remove(request, pk: int):
    try:
        activity = activity_get(user=request.user, pk=pk)
        code = activity.unit.code
        activity_delete(actor=request.user, activity=activity)
    except DomainError:
        raise Http404 from None
    messages.success(request, "Đã xoá hoạt động.")
    return redirect("web:unit_dashboard", code=code)

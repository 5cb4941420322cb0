"""Activities: list with filters, record, edit, delete."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from loa.activities.filters import UNIT_NOT_FOUND, ActivityFilter
from loa.activities.models import Activity
from loa.activities.selectors import activity_duplicate, activity_get, activity_list, activity_similar
from loa.activities.services import activity_delete, activity_record, activity_update
from loa.core.errors import DomainError
from loa.organizations.access import Action, can, units_for
from loa.organizations.lifetime import default_day
from loa.organizations.models import Unit
from loa.plans.selectors import area_list, channel_list
from loa.web.access import login_only, object_access, some_unit_access
from loa.web.forms import ActivityForm
from loa.web.views.common import form_error, paginate, units_where


def activity_filters(request) -> ActivityFilter:
    """The list filters of the query string (one FilterSet for the list page and the exports);
    404 for a unit the user may not see, as everywhere (no hint that it exists)."""
    filterset = ActivityFilter(request.GET, queryset=activity_list(user=request.user), request=request)
    if "don_vi" in filterset.errors:
        raise Http404(UNIT_NOT_FOUND)
    return filterset


@login_only
def activity_index(request):
    """All activities the user may read, filtered by unit (and units below), period, channel, area, text."""
    filterset = activity_filters(request)
    unit = filterset.unit
    return render(
        request,
        "loa/activities/list.html",
        {
            "page": paginate(request, filterset.qs),
            "filters": filterset.values,
            "query": request.GET.urlencode(),
            "can_import": units_for(request.user, Action.RECORD).exists(),
            "can_record": units_for(request.user, Action.RECORD).exists(),
            "can_record_unit": unit is not None and can(request.user, Action.RECORD, unit),
            "unit": unit,
            "errors": filterset.messages,
            "window": filterset.window,
            "channels": channel_list(),
            "areas": area_list(),
        },
    )


def _initial(request, units: list[Unit]) -> dict:
    """Defaults from the user's last entry (unit, channel), the unit and date in the URL (``?ngay=``
    after "Lưu và nhập tiếp"), else today, or the nearest day of the unit's lifetime."""
    initial: dict = {"quantity": 1}
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
    unit = next((u for u in units if u.pk == initial.get("unit")), units[0] if units else None)
    try:
        initial["date"] = dt.date.fromisoformat(request.GET.get("ngay", ""))
    except ValueError:
        initial["date"] = default_day(unit) if unit is not None else dt.date.today()
    return initial


def _duplicate_of(request, form, exc: DomainError) -> Activity | None:
    """The recorded activity a refused entry duplicates (shown with a link and a confirm box)."""
    if exc.code != "activities.duplicate":
        return None
    try:
        same = activity_get(user=request.user, pk=exc.context["duplicate_id"])
    except DomainError:
        return None
    form.add_error(
        "confirm_duplicate",
        "Hoạt động này có vẻ đã được ghi nhận. Nếu không phải bản trùng, đánh dấu ô này rồi bấm Lưu lại.",
    )
    return same


@some_unit_access(Action.RECORD)
def activity_create(request):
    units = units_where(request, Action.RECORD)
    if not units:
        raise PermissionDenied("Bạn chưa được phân công ghi nhận hoạt động ở đơn vị nào.")
    form = ActivityForm(
        request.POST or None, request.FILES or None, units=units, initial=_initial(request, units)
    )
    duplicate = None
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
                allow_duplicate=data["confirm_duplicate"],
            )
        except DomainError as exc:
            form_error(form, exc)
            duplicate = _duplicate_of(request, form, exc)
        else:
            messages.success(request, f"Đã ghi nhận: {activity.title}.")
            similar = activity_similar(activity_or_fields=activity, exclude_unit=unit, user=request.user)
            if similar is not None:
                messages.warning(request, _similar_message(similar))
            if "them_tiep" in request.POST:
                return redirect(
                    reverse("web:activity_create") + f"?don_vi={unit.code}&ngay={data['date'].isoformat()}"
                )
            return redirect(reverse("web:unit_dashboard", args=[unit.code]) + f"?ky={data['date'].year}")
    return render(
        request,
        "loa/activities/form.html",
        {"form": form, "title": "Ghi nhận hoạt động", "duplicate": duplicate},
    )


@object_access("activity")
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
            "similar": activity_similar(
                activity_or_fields=activity, exclude_unit=activity.unit_id, user=request.user
            ),
            "duplicate": activity_duplicate(
                user=request.user,
                unit=activity.unit_id,
                date=activity.date,
                channel=activity.channel_id,
                title=activity.title,
                evidence_url=activity.evidence_url,
                exclude_pk=activity.pk,
            ),
        },
    )


def _similar_message(similar: Activity) -> str:
    return (
        f"Lưu ý: {similar.unit.name} đã ghi nhận hoạt động giống vậy "
        f"(«{similar.title}», ngày {similar.date:%d/%m/%Y}). Hãy kiểm tra để không tính trùng."
    )


@object_access("activity", Action.RECORD)
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
    duplicate = None
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
            activity_update(
                actor=request.user,
                activity=activity,
                areas=data["areas"],
                allow_duplicate=data["confirm_duplicate"],
                **changes,
            )
        except DomainError as exc:
            form_error(form, exc)
            duplicate = _duplicate_of(request, form, exc)
        else:
            messages.success(request, "Đã lưu thay đổi.")
            return redirect("web:activity_detail", pk=activity.pk)
    return render(
        request,
        "loa/activities/form.html",
        {"form": form, "title": "Sửa hoạt động", "activity": activity, "duplicate": duplicate},
    )


@object_access("activity", Action.RECORD)
@require_POST
def activity_remove(request, pk: int):
    try:
        activity = activity_get(user=request.user, pk=pk)
        code = activity.unit.code
        activity_delete(actor=request.user, activity=activity)
    except DomainError:
        raise Http404 from None
    messages.success(request, "Đã xoá hoạt động.")
    return redirect("web:unit_dashboard", code=code)

"""Reporting requests in the browser: the coordinator's list, "Mở yêu cầu", the request's page with
its per-unit buttons (Trả lại, Tiếp nhận, Cho phép sửa); the unit's "Gửi báo cáo" from its home box.
Every write goes through :mod:`loa.reporting.cycle`."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from loa.core.errors import DomainError
from loa.core.periods import parse_period
from loa.core.vn import parse_vn_date
from loa.organizations.access import Action, can
from loa.organizations.models import Role, Unit
from loa.reporting.cycle import (
    expected_units_default,
    lock_exception_grant,
    request_open,
    submission_accept,
    submission_return,
    submission_submit,
)
from loa.reporting.cycle_selectors import request_rows, requests_for
from loa.reporting.models import ReportRequest, Submission
from loa.web.access import object_access, some_unit_access

NOT_COORDINATOR = "Chỉ cán bộ Nội vụ (điều phối) mới mở và theo dõi yêu cầu báo cáo."


def _coordinated_units(user) -> list[Unit]:  # type: ignore[no-untyped-def]
    """The units the user may open requests for: where they coordinate (Nội vụ) or administer;
    for a superuser, every unit that has units below it."""
    if user.is_superuser:
        qs = Unit.objects.filter(child_links__isnull=False).distinct()
    else:
        qs = Unit.objects.filter(
            memberships__user=user, memberships__role__in=[Role.COORDINATOR, Role.ADMIN]
        ).distinct()
    return list(qs.order_by("name")[:500])


@some_unit_access(Action.COORDINATE, message=NOT_COORDINATOR)
def request_index(request):
    """The requests of the units the user coordinates, newest deadline first."""
    return render(request, "loa/requests/index.html", {"requests": requests_for(user=request.user)[:200]})


@some_unit_access(Action.COORDINATE, message=NOT_COORDINATOR)
def request_open_view(request):
    """ "Mở yêu cầu": choose the requesting unit and period, then the deadline and the units."""
    source = request.POST if request.method == "POST" else request.GET
    choices = _coordinated_units(request.user)
    context: dict = {"choices": choices, "values": source, "errors": {}}
    code = source.get("don_vi") or (choices[0].code if choices else "")
    unit = next((u for u in choices if u.code == code), None)
    period = None
    try:
        period = parse_period(source.get("ky") or str(dt.date.today().year))
    except DomainError as exc:
        context["errors"]["ky"] = exc.message
    if unit is not None and period is not None:
        context["candidates"] = expected_units_default(coordinator_unit=unit, period=period)
    context.update(unit=unit, period=period)
    if request.method != "POST" or unit is None or period is None:
        return render(request, "loa/requests/open.html", context)
    deadline = parse_vn_date(source.get("han", ""))
    if deadline is None:
        context["errors"]["han"] = "Nhập hạn gửi theo dạng dd/mm/yyyy, ví dụ 15/12/2022."
        return render(request, "loa/requests/open.html", context, status=400)
    codes = set(source.getlist("don_vi_bao_cao"))
    units = [u for u in context["candidates"] if u.code in codes]
    try:
        opened = request_open(
            actor=request.user,
            coordinator_unit=unit,
            period=str(period),
            deadline=deadline,
            title=source.get("ten") or None,
            units=units,
            outline=source.get("de_cuong", ""),
        )
    except DomainError as exc:
        context["errors"]["form"] = exc.message
        return render(request, "loa/requests/open.html", context, status=400)
    messages.success(request, f"Đã mở yêu cầu «{opened.title}» cho {len(units)} đơn vị.")
    return redirect("web:request_detail", pk=opened.pk)


@object_access("request", Action.COORDINATE, denied=403)
def request_detail(request, pk: int):
    """Per unit: state, submitted on, days late, the report sent, lock exceptions, the buttons."""
    asked = get_object_or_404(ReportRequest.objects.select_related("coordinator_unit"), pk=pk)
    rows = request_rows(user=request.user, request=asked)
    return render(request, "loa/requests/detail.html", {"asked": asked, "rows": rows})


def _row(request, pk: int) -> Submission | None:  # type: ignore[no-untyped-def]
    sub = (
        Submission.objects.select_related("request", "unit")
        .filter(request_id=pk, unit__code=request.POST.get("don_vi", ""))
        .first()
    )
    if sub is None:
        messages.error(request, "Chọn đơn vị trong danh sách của yêu cầu.")
    return sub


@object_access("request", Action.COORDINATE, denied=403)
@require_POST
def request_decide(request, pk: int):
    """Trả lại (with a reason) or Tiếp nhận one unit's report."""
    sub = _row(request, pk)
    if sub is not None:
        try:
            step = request.POST.get("buoc")
            if step == "return":
                sub = submission_return(
                    actor=request.user, submission=sub, reason=request.POST.get("ly_do", "")
                )
                messages.success(request, f"Đã trả lại báo cáo của {sub.unit.name}.")
            elif step == "accept":
                sub = submission_accept(actor=request.user, submission=sub)
                messages.success(request, f"Đã tiếp nhận báo cáo của {sub.unit.name}.")
            else:
                messages.error(request, "Chọn Trả lại hoặc Tiếp nhận.")
        except DomainError as exc:
            messages.error(request, exc.message)
    return redirect("web:request_detail", pk=pk)


@object_access("request", Action.COORDINATE, denied=403)
@require_POST
def request_lock_exception(request, pk: int):
    """Cho phép sửa: the unit may edit the submitted window's activities until a date."""
    sub = _row(request, pk)
    if sub is not None:
        until = parse_vn_date(request.POST.get("den_ngay", ""))
        if until is None:
            messages.error(request, "Nhập ngày được sửa đến theo dạng dd/mm/yyyy.")
        else:
            try:
                lock_exception_grant(
                    actor=request.user, submission=sub, reason=request.POST.get("ly_do", ""), until=until
                )
                messages.success(request, f"{sub.unit.name} được sửa số liệu đến ngày {until:%d/%m/%Y}.")
            except DomainError as exc:
                messages.error(request, exc.message)
    return redirect("web:request_detail", pk=pk)


@some_unit_access(Action.ISSUE, message="Chỉ lãnh đạo hoặc văn thư của đơn vị mới gửi báo cáo.")
@require_POST
def submission_send(request):
    """Gửi báo cáo: the unit's leader or clerk sends its issued report (from the home box)."""
    sub = Submission.objects.select_related("request", "unit").filter(pk=request.POST.get("gui") or 0).first()
    if sub is None or not can(request.user, Action.VIEW, sub.unit_id):
        messages.error(request, "Không tìm thấy yêu cầu báo cáo cần gửi.")
        return redirect("web:home")
    try:
        sub = submission_submit(actor=request.user, submission=sub)
        messages.success(request, f"Đã gửi báo cáo của {sub.unit.name} theo yêu cầu «{sub.request.title}».")
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("web:unit_dashboard", code=sub.unit.code)

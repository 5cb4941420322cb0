"""The coordinator's view of a request: who has sent (tình hình gửi báo cáo), its XLSX export, and
the consolidation (báo cáo tổng hợp) of the accepted reports, with its Biểu 03 annex."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from loa.core.errors import DomainError
from loa.core.periods import parse_period
from loa.organizations.access import Action
from loa.reporting.completeness import (
    completeness,
    completeness_counts,
    completeness_rows,
    completeness_submissions,
    request_for_coordinator,
)
from loa.reporting.completeness_filters import SORT_LABELS, STATUS_CHOICES, CompletenessFilter
from loa.reporting.consolidation import consolidate, consolidation_of
from loa.reporting.cycle_files import completeness_workbook, consolidation_annex_xlsx
from loa.web.access import object_access
from loa.web.views.common import paginate

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _request(request, pk: int):
    try:
        return request_for_coordinator(user=request.user, pk=pk)
    except DomainError:
        raise Http404 from None


def _xlsx(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@object_access("request", Action.COORDINATE, denied=403)
def request_completeness(request, pk: int):
    """Expected, received, on time, late, missing; one row per unit, sortable, filterable, paged;
    ``?xuat=xlsx`` downloads every row as a workbook."""
    today = dt.date.today()
    req = _request(request, pk)
    if request.GET.get("xuat") == "xlsx":
        found = completeness(user=request.user, pk=pk, today=today)
        return _xlsx(completeness_workbook(found), f"tinh-hinh-gui-bao-cao-{req.pk}.xlsx")
    filterset = CompletenessFilter(
        request.GET, queryset=completeness_submissions(request=req, today=today), deadline=req.deadline
    )
    page = paginate(request, filterset.qs)
    rows, periods = completeness_rows(request=req, submissions=page.object_list, today=today)
    return render(
        request,
        "loa/requests/completeness.html",
        {
            "req": req,
            "period": parse_period(req.period),
            "counts": completeness_counts(request=req),
            "page": page,
            "rows": rows,
            "history_periods": periods,
            "values": filterset.values,
            "errors": filterset.messages,
            "statuses": STATUS_CHOICES,
            "sorts": SORT_LABELS,
            "today": today,
        },
    )


@object_access("request", Action.COORDINATE, denied=403)
@require_POST
def request_consolidate(request, pk: int):
    """Draft (or bring up to date) the coordinator unit's consolidated report, then open it."""
    req = _request(request, pk)
    try:
        report = consolidate(actor=request.user, request=req)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("web:request_completeness", pk=req.pk)
    messages.success(
        request,
        "Đã tổng hợp các báo cáo đã tiếp nhận thành dự thảo báo cáo của đơn vị; hãy rà soát, sửa nội dung "
        "rồi trình duyệt và cấp số như mọi báo cáo.",
    )
    return redirect(reverse("web:report_workspace", args=[report.unit.code]) + f"?ky={report.period}")


@object_access("request", Action.COORDINATE, denied=403)
def request_consolidation_annex(request, pk: int):
    """Biểu 03: one row per accepted unit, submitted on, on time, the frozen figure of each channel."""
    req = _request(request, pk)
    return _xlsx(consolidation_annex_xlsx(consolidation_of(request=req)), f"bieu-03-tong-hop-{req.pk}.xlsx")

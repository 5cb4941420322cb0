"""Reads of reports, scoped to the user's units."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from loa.core.errors import NotFound
from loa.organizations.access import visible_q
from loa.reporting.models import Report


def report_list(*, user: Any, unit_id: int | None = None) -> QuerySet[Report]:
    qs = Report.objects.select_related("unit", "document")
    qs = qs.filter(visible_q(user))
    if unit_id is not None:
        qs = qs.filter(unit_id=unit_id)
    return qs


def report_get(*, user: Any, pk: int) -> Report:
    try:
        return report_list(user=user).get(pk=pk)
    except Report.DoesNotExist:
        raise NotFound(
            "Không tìm thấy báo cáo hoặc bạn không có quyền xem.", code="reports.not_found"
        ) from None

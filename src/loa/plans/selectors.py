"""Reads of plans and orientations, scoped to the user's units."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from loa.core.errors import NotFound
from loa.organizations.access import units_visible_to
from loa.organizations.selectors import unit_ancestor_ids
from loa.plans.models import Channel, ContentArea, Plan


def plan_list(*, user: Any, year: int | None = None) -> QuerySet[Plan]:
    """Plans of the user's units and of the units above them (the plans they implement)."""
    qs = Plan.objects.select_related("unit", "document")
    visible = units_visible_to(user)
    if visible is not None:
        qs = qs.filter(unit_id__in=visible | unit_ancestor_ids(unit_ids=visible))
    if year:
        qs = qs.filter(year_from__lte=year, year_to__gte=year)
    return qs


def plan_get(*, user: Any, pk: int) -> Plan:
    try:
        return (
            plan_list(user=user)
            .prefetch_related("targets__channel", "targets__area", "tasks__owner_unit")
            .get(pk=pk)
        )
    except Plan.DoesNotExist:
        raise NotFound(
            "Không tìm thấy kế hoạch hoặc bạn không có quyền xem.", code="plans.not_found"
        ) from None


def channel_list() -> QuerySet[Channel]:
    return Channel.objects.filter(active=True)


def area_list() -> QuerySet[ContentArea]:
    return ContentArea.objects.all()

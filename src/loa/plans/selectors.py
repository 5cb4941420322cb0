"""Reads of plans and orientations, scoped to the user's units."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from loa.core.errors import NotFound
from loa.organizations.access import Action, can, require, units_visible_or_above
from loa.organizations.models import Unit, UnitKind, UnitLink
from loa.organizations.selectors import unit_parent, unit_subtree_ids
from loa.plans.models import Channel, ContentArea, Orientation, OrientationRecipient, Plan, Task


def plan_list(*, user: Any, year: int | None = None) -> QuerySet[Plan]:
    """Plans of the user's units and of the units above them (the plans they implement)."""
    qs = Plan.objects.select_related("unit", "document")
    qs = qs.filter(unit_id__in=units_visible_or_above(user))
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


def orientation_sent_list(*, user: Any, unit: Unit, year: int | None = None) -> QuerySet[Orientation]:
    """Orientations issued by ``unit`` (newest month first), with their recipients and acknowledgements."""
    if not can(user, Action.VIEW, unit):
        raise NotFound("Không tìm thấy đơn vị.", code="units.not_found")
    qs = Orientation.objects.filter(unit=unit).prefetch_related(
        Prefetch(
            "orientationrecipient_set",
            queryset=OrientationRecipient.objects.select_related("unit").order_by("unit__name"),
        )
    )
    if year:
        qs = qs.filter(month__year=year)
    return qs.order_by("-month", "-id")


def orientation_get(*, user: Any, unit: Unit, pk: int) -> Orientation:
    """An orientation issued by ``unit`` or received by it, if the user may see ``unit``."""
    if not can(user, Action.VIEW, unit):
        raise NotFound("Không tìm thấy đơn vị.", code="units.not_found")
    try:
        return (
            Orientation.objects.select_related("unit")
            .filter(Q(unit=unit) | Q(orientationrecipient__unit=unit))
            .distinct()
            .get(pk=pk)
        )
    except Orientation.DoesNotExist:
        raise NotFound("Không tìm thấy định hướng.", code="orientations.not_found") from None


def orientation_received_list(*, user: Any, unit: Unit) -> QuerySet[OrientationRecipient]:
    """Orientations ``unit`` received, newest first, with whether (and when) it acknowledged them."""
    if not can(user, Action.VIEW, unit):
        raise NotFound("Không tìm thấy đơn vị.", code="units.not_found")
    return (
        OrientationRecipient.objects.filter(unit=unit)
        .select_related("orientation__unit")
        .order_by("-orientation__month", "-orientation_id")
    )


def orientation_recipient_choices(*, user: Any, unit: Unit, on: dt.date) -> list[Unit]:
    """Units the sender may address on ``on``: the units below it, never the sender itself.

    A department (Sở, phòng chuyên môn) orients on behalf of the government it serves, so its
    recipients are the units below that government (Phòng VHTT of the town → the town's agencies,
    communes and wards, as Báo cáo 297/BC-VHTT describes). Any other unit addresses its own
    subtree only: a ward does not orient the other wards, and units the user happens to see
    elsewhere are not offered. Sorted by name.
    """
    ids = orientation_scope_ids(user=user, unit=unit, on=on)
    return list(Unit.objects.filter(id__in=ids).order_by("name"))


def orientation_scope_ids(*, user: Any, unit: Unit, on: dt.date | None = None) -> set[int]:
    """Ids of the units ``unit`` may orient on ``on`` (``None``: that ever sat in its scope).

    The scope is the sender's subtree; for a department, the subtree of the government it serves
    (its parent on ``on``, or any parent it ever had). Never the sender or that government itself.
    Only for a ``user`` who may send for ``unit`` (record there): the scope is where the sender's
    orientations may go, which its officer may address though not open each unit's records.
    """
    require(user, Action.RECORD, unit)
    roots = {unit.id}
    if unit.kind == UnitKind.DEPARTMENT:
        if on is not None:
            parent = unit_parent(unit=unit, on=on)
            roots = {parent.id} if parent else roots
        else:
            roots = set(UnitLink.objects.filter(child=unit).values_list("parent_id", flat=True)) or roots
    return unit_subtree_ids(unit_ids=roots, on=on) - roots - {unit.id}


def task_get_for_update(*, user: Any, pk: int) -> Task:
    """A task the user may change (they may record for the plan's unit); ``NotFound`` otherwise."""
    try:
        task = Task.objects.select_related("plan__unit", "owner_unit").get(pk=pk)
    except Task.DoesNotExist:
        raise NotFound("Không tìm thấy nhiệm vụ.", code="plans.task_not_found") from None
    if not can(user, Action.RECORD, task.plan.unit_id):
        raise NotFound("Không tìm thấy nhiệm vụ.", code="plans.task_not_found")
    return task

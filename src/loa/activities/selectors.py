"""Reads of activities and their live statistics, scoped to the user's units."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet, Sum

from loa.activities.models import Activity
from loa.core import vn
from loa.core.errors import NotFound
from loa.organizations.access import units_visible_to
from loa.organizations.models import Unit
from loa.organizations.selectors import unit_subtree_ids
from loa.plans.models import Channel, Plan, Target


def activity_list(
    *,
    user: Any,
    unit_ids: set[int] | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    channel: str = "",
    area: str = "",
    q: str = "",
) -> QuerySet[Activity]:
    """Activities the user may read, filtered. Text search ignores case and diacritics on every database."""
    qs = Activity.objects.select_related("unit", "channel").prefetch_related("areas")
    visible = units_visible_to(user)
    if visible is not None:
        qs = qs.filter(unit_id__in=visible)
    if unit_ids is not None:
        qs = qs.filter(unit_id__in=unit_ids)
    if start:
        qs = qs.filter(date__gte=start)
    if end:
        qs = qs.filter(date__lte=end)
    if channel:
        qs = qs.filter(channel__code=channel)
    if area:
        qs = qs.filter(areas__code=area)
    for word in vn.fold(q).split():
        qs = qs.filter(title_key__contains=word)
    return qs


def activity_get(*, user: Any, pk: int) -> Activity:
    try:
        return activity_list(user=user).get(pk=pk)
    except Activity.DoesNotExist:
        raise NotFound(
            "Không tìm thấy hoạt động hoặc bạn không có quyền xem.", code="activities.not_found"
        ) from None


@dataclass(frozen=True)
class ChannelFigure:
    """One line of "targets vs actual": a channel, its unit of measure, the plan target and the count."""

    channel: str
    name: str
    measure: str
    target: int | None
    actual: int

    @property
    def percent(self) -> int | None:
        if not self.target:
            return None
        return round(100 * self.actual / self.target)

    def as_dict(self) -> dict[str, Any]:
        return {
            "channel": self.channel,
            "name": self.name,
            "measure": self.measure,
            "target": self.target,
            "actual": self.actual,
        }


def plan_targets(*, unit_ids: set[int], year: int, root: int | None = None) -> dict[int, int]:
    """channel id → target quantity for ``year``, summed over the units' plans.

    Per unit, the annual plan for the year wins over a multi-year plan, so a unit with both a
    2021–2025 plan and a 2022 plan is not counted twice. With ``root``, a root unit that has a plan
    speaks for its whole subtree: its plan covers the area, and adding the children's plans would
    count the cascade twice.
    """
    plans = (
        Plan.objects.filter(unit_id__in=unit_ids, year_from__lte=year, year_to__gte=year)
        .order_by()
        .values_list("id", "unit_id", "year_from", "year_to")
    )
    chosen: dict[int, tuple[int, int]] = {}
    for plan_id, unit_id, y_from, y_to in plans:
        span = y_to - y_from
        if unit_id not in chosen or span < chosen[unit_id][1]:
            chosen[unit_id] = (plan_id, span)
    if root is not None and root in chosen:
        chosen = {root: chosen[root]}
    if not chosen:
        return {}
    rows = (
        Target.objects.filter(plan_id__in=[p for p, _ in chosen.values()], area__isnull=True)
        .values("channel_id")
        .annotate(total=Sum("quantity"))
    )
    return {r["channel_id"]: r["total"] for r in rows}


def channel_figures(
    *, unit: Unit, start: dt.date, end: dt.date, year: int, subtree: bool = False
) -> list[ChannelFigure]:
    """Targets vs actual per channel for ``unit`` (and the units below it when ``subtree``).

    Lists every channel that has a target or an activity, in catalogue order. Read-scoping is the
    caller's job (check ``can(user, "view", unit)`` first): figures are about one unit. Four small
    queries whatever the size of the subtree (benchmarked in bench/bench_dashboard.py).
    """
    unit_ids = unit_subtree_ids(unit_ids=[unit.id], start=start, end=end) if subtree else {unit.id}
    actual = dict(
        Activity.objects.filter(unit_id__in=unit_ids, date__gte=start, date__lte=end)
        .values("channel_id")
        .annotate(total=Sum("quantity"))
        .values_list("channel_id", "total")
    )
    targets = plan_targets(unit_ids=unit_ids, year=year, root=unit.id)
    wanted = set(actual) | set(targets)
    return [
        ChannelFigure(
            channel=c.code,
            name=c.name,
            measure=c.measure,
            target=targets.get(c.id),
            actual=actual.get(c.id, 0),
        )
        for c in _channels()
        if c.id in wanted
    ]


def _channels() -> list[Channel]:
    """The channel catalogue in display order (a few dozen rows)."""
    return list(Channel.objects.order_by("sort_order", "code"))


def activity_latest_year(*, unit_ids: set[int]) -> int | None:
    """The most recent year in which any of the units recorded an activity."""
    latest = (
        Activity.objects.filter(unit_id__in=unit_ids).order_by("-date").values_list("date", flat=True).first()
    )
    return latest.year if latest else None

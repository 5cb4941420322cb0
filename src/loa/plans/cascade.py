"""The plan cascade (kế hoạch cấp trên → cấp dưới): does what the units below planned cover the
plan's targets, and which units below have not planned at all.

Selectors only: reads, no writes. The cascade takes the user: it refuses a plan the user may not
read, and counts only the lower plans and units below that the user may see (a ward's officer
reading the town's plan sees their own ward's part; the town's Nội vụ sees every ward).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from loa.core.errors import NotFound
from loa.organizations.access import sees_everything, units_visible_to
from loa.organizations.models import Unit
from loa.organizations.selectors import unit_children
from loa.plans.models import Channel, Plan, Target
from loa.plans.selectors import plan_list


@dataclass(frozen=True)
class CascadeLine:
    """A parent target (chỉ tiêu cấp trên) against the sum of the lower plans' targets for that channel."""

    channel: Channel
    parent_target: int | None
    children_total: int
    children_count: int

    @property
    def covered(self) -> bool:
        """The lower plans together commit at least as much as the parent asks."""
        return self.parent_target is None or self.children_total >= self.parent_target

    @property
    def shortfall(self) -> int:
        """How much the lower plans still have to commit to reach the parent target."""
        return max((self.parent_target or 0) - self.children_total, 0)


@dataclass(frozen=True)
class UnitGap:
    """A unit directly below the plan's unit whose plan misses parent targets, or that has no plan."""

    unit: Unit
    plan: Plan | None
    missing: list[Channel] = field(default_factory=list)

    @property
    def has_plan(self) -> bool:
        return self.plan is not None


@dataclass(frozen=True)
class PlanCascade:
    on: dt.date
    lines: list[CascadeLine]
    gaps: list[UnitGap]
    units_below: int


def cascade_date(*, plan: Plan, today: dt.date | None = None) -> dt.date:
    """The day whose hierarchy the cascade uses: the plan's last day, or today while the plan runs."""
    today = today or dt.date.today()
    last = dt.date(plan.year_to, 12, 31)
    first = dt.date(plan.year_from, 1, 1)
    return max(first, min(last, today))


def plan_cascade(*, user: Any, plan: Plan, on: dt.date | None = None) -> PlanCascade:
    """Parent targets vs the lower plans' targets (per channel), and the units below that fall short.

    Lower plans are the plans citing this one (``plan.children``) that cover its years. A unit below
    is listed when it has no plan covering the year, or when its plan (the one citing this plan
    first, else its shortest plan for the year) has no target for a channel the parent targets.
    """
    if not plan_list(user=user).filter(pk=plan.pk).exists():
        raise NotFound("Không tìm thấy kế hoạch hoặc bạn không có quyền xem.", code="plans.not_found")
    visible = None if sees_everything(user) else units_visible_to(user)
    on = on or cascade_date(plan=plan)
    year = on.year
    parent_targets = {
        t.channel_id: t for t in Target.objects.filter(plan=plan, area__isnull=True).select_related("channel")
    }
    lower = plan.children.filter(year_from__lte=plan.year_to, year_to__gte=plan.year_from)
    if visible is not None:
        lower = lower.filter(unit__in=visible)
    children = list(lower.prefetch_related("targets"))
    totals: dict[int, int] = {}
    counts: dict[int, int] = {}
    for child in children:
        for t in child.targets.all():
            if t.area_id is None:
                totals[t.channel_id] = totals.get(t.channel_id, 0) + t.quantity
                counts[t.channel_id] = counts.get(t.channel_id, 0) + 1
    channels = {c.id: c for c in Channel.objects.filter(id__in=set(parent_targets) | set(totals))}
    order = sorted(channels.values(), key=lambda c: (c.sort_order, c.code))
    lines = [
        CascadeLine(
            channel=c,
            parent_target=parent_targets[c.id].quantity if c.id in parent_targets else None,
            children_total=totals.get(c.id, 0),
            children_count=counts.get(c.id, 0),
        )
        for c in order
    ]
    units_below = unit_children(unit=plan.unit, on=on)
    if visible is not None:
        units_below = units_below.filter(id__in=visible)
    below = list(units_below)
    child_ids = {p.id for p in children}
    plans_below: dict[int, Plan] = {}
    candidates = Plan.objects.filter(
        unit_id__in=[u.id for u in below], year_from__lte=year, year_to__gte=year
    ).prefetch_related("targets")
    for p in sorted(candidates, key=lambda p: (p.id not in child_ids, p.year_to - p.year_from, p.id)):
        plans_below.setdefault(p.unit_id, p)
    gaps = []
    for unit in below:
        own = plans_below.get(unit.id)
        if own is None:
            gaps.append(UnitGap(unit=unit, plan=None))
            continue
        has = {t.channel_id for t in own.targets.all() if t.area_id is None}
        missing = [channels[cid] for cid in parent_targets if cid not in has]
        if missing:
            gaps.append(
                UnitGap(unit=unit, plan=own, missing=sorted(missing, key=lambda c: (c.sort_order, c.code)))
            )
    return PlanCascade(on=on, lines=lines, gaps=gaps, units_below=len(below))

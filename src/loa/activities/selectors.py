"""Reads of activities and their live statistics, scoped to the user's units."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import QuerySet, Sum

from loa.activities.models import Activity
from loa.core import vn
from loa.core.errors import NotFound
from loa.organizations.access import units_visible_to
from loa.organizations.models import Unit
from loa.organizations.selectors import unit_subtree_sql
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
    """channel id → target quantity for ``year``, summed over the units' chosen plans (see
    :func:`_chosen_plans`)."""
    plans = (
        Plan.objects.filter(unit_id__in=unit_ids, year_from__lte=year, year_to__gte=year)
        .order_by()
        .values_list("id", "unit_id", "year_from", "year_to")
    )
    plan_ids = _chosen_plans(plans, root=root)
    if not plan_ids:
        return {}
    rows = (
        Target.objects.filter(plan_id__in=plan_ids, area__isnull=True)
        .values("channel_id")
        .annotate(total=Sum("quantity"))
    )
    return {r["channel_id"]: r["total"] for r in rows}


def channel_figures(
    *, unit: Unit, start: dt.date, end: dt.date, year: int, subtree: bool = False
) -> list[ChannelFigure]:
    """Targets vs actual per channel for ``unit`` (and the units below it when ``subtree``).

    Lists every channel that has a target or an activity, in catalogue order. Read-scoping is the
    caller's job (check ``can(user, "view", unit)`` first): figures are about one unit. Two queries
    whatever the size of the subtree: the plans (to choose which targets count), then one statement
    joining the activity and target sums to the channel catalogue, the dated subtree inlined as a
    recursive CTE (benchmarked in bench/bench_dashboard.py against one hand-written query).
    """
    units_sql, units_params = (
        unit_subtree_sql(unit_id=unit.id, start=start, end=end) if subtree else ("%s", [unit.id])
    )
    plan, target, activity, channel = (
        Plan._meta.db_table,
        Target._meta.db_table,
        Activity._meta.db_table,
        Channel._meta.db_table,
    )
    # Written as SQL, not composed by the ORM: this is the hottest read in Loa (every dashboard,
    # report and ``loa stats``), and composing two querysets cost as much as running them.
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, unit_id, year_from, year_to FROM {plan} "
            f"WHERE unit_id IN ({units_sql}) AND year_from <= %s AND year_to >= %s",
            [*units_params, year, year],
        )
        plan_ids = _chosen_plans(cursor.fetchall(), root=unit.id)
        targets = (
            f"LEFT JOIN (SELECT channel_id, SUM(quantity) AS total FROM {target} WHERE area_id IS NULL "
            f"AND plan_id IN ({', '.join(['%s'] * len(plan_ids))}) GROUP BY channel_id) t ON t.channel_id = c.id"
            if plan_ids
            else "LEFT JOIN (SELECT NULL AS channel_id, NULL AS total) t ON 1 = 0"
        )
        cursor.execute(
            f"SELECT c.code, c.name, c.measure, t.total, a.total FROM {channel} c "
            f"LEFT JOIN (SELECT channel_id, SUM(quantity) AS total FROM {activity} "
            f"WHERE unit_id IN ({units_sql}) AND date >= %s AND date <= %s GROUP BY channel_id) a "
            f"ON a.channel_id = c.id {targets} "
            "WHERE a.total IS NOT NULL OR t.total IS NOT NULL ORDER BY c.sort_order, c.code",
            [*units_params, start, end, *plan_ids],
        )
        rows = cursor.fetchall()
    return [
        ChannelFigure(channel=code, name=name, measure=measure, target=t, actual=int(a or 0))
        for code, name, measure, t, a in rows
    ]


def _chosen_plans(rows, *, root: int | None) -> list[int]:  # type: ignore[no-untyped-def]
    """Plan ids whose targets count: per unit the annual plan over a multi-year one; a root unit with
    a plan speaks for its whole subtree (its plan covers the area; adding the children's would count
    the cascade twice)."""
    chosen: dict[int, tuple[int, int]] = {}
    for plan_id, unit_id, y_from, y_to in rows:
        span = y_to - y_from
        if unit_id not in chosen or span < chosen[unit_id][1]:
            chosen[unit_id] = (plan_id, span)
    if root is not None and root in chosen:
        chosen = {root: chosen[root]}
    return [p for p, _ in chosen.values()]


def activity_latest_year(*, unit_ids: set[int], until: dt.date | None = None) -> int | None:
    """The most recent year in which any of the units recorded an activity (up to ``until``)."""
    qs = Activity.objects.filter(unit_id__in=unit_ids)
    if until is not None:
        qs = qs.filter(date__lte=until)
    latest = qs.order_by("-date").values_list("date", flat=True).first()
    return latest.year if latest else None


def activity_similar(
    *, activity_or_fields: Activity | dict[str, Any], exclude_unit: Unit | int
) -> Activity | None:
    """An activity of ANOTHER unit that looks like the same work counted twice, or None.

    Same evidence link anywhere; or, within 30 days of the date, the same title once case and
    accents are ignored, or a title at least 90 % alike (difflib). A warning only: two units may
    well report one joint event, each for its own part.
    """
    import difflib

    if isinstance(activity_or_fields, Activity):
        a = activity_or_fields
        fields = {"title": a.title, "date": a.date, "evidence_url": a.evidence_url, "pk": a.pk}
    else:
        fields = activity_or_fields
    unit_id = exclude_unit if isinstance(exclude_unit, int) else exclude_unit.pk
    others = Activity.objects.exclude(unit_id=unit_id).select_related("unit")
    if fields.get("pk"):
        others = others.exclude(pk=fields["pk"])
    url = (fields.get("evidence_url") or "").strip()
    if url:
        same = others.filter(evidence_url=url).order_by("-date", "-id").first()
        if same is not None:
            return same
    key = vn.fold(fields.get("title") or "")
    date = fields.get("date")
    if not key or date is None:
        return None
    window = others.filter(date__gte=date - dt.timedelta(days=30), date__lte=date + dt.timedelta(days=30))
    same = window.filter(title_key=key[:500]).order_by("-date", "-id").first()
    if same is not None:
        return same
    best, best_ratio = None, 0.9
    for candidate in window.only("id", "title_key", "title", "date", "unit__name").order_by("-date")[:500]:
        matcher = difflib.SequenceMatcher(None, key, candidate.title_key)
        if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
            continue
        ratio = matcher.ratio()
        if ratio >= best_ratio:
            best, best_ratio = candidate, ratio
    return best

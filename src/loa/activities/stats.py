"""Live statistics (thống kê) of a unit or its subtree for a period: per channel, content area,
unit below or month, with plan targets where they exist and the same period last year alongside.

Everything is aggregated in SQL at read time (no batch tables); the per-channel view reuses
:func:`loa.activities.selectors.channel_figures`, so the dashboard, ``loa stats`` and reports agree.
Every statistic takes the user who asks: a unit the user may not see is refused
(:class:`~loa.core.errors.PermissionDenied`, not an empty table — zeros would read as "the unit did
nothing"), and a subtree counts only the units below that the user may see.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import replace
from typing import Any

from django.db.models import Count, QuerySet, Sum

from loa.activities.history import Extra, extra_by_channel, historical_extras
from loa.activities.models import Activity, HistoricalFigure
from loa.activities.selectors import ChannelFigure, channel_figures, plan_targets
from loa.activities.stats_breakdowns import NO_AREA, by_area, by_month  # noqa: F401  (NO_AREA re-exported)
from loa.activities.stats_results import (  # noqa: F401  (re-exported: callers import them from here)
    StatsBy,
    StatsResult,
    StatsRow,
    plan_completion,
    stats_payload,
)
from loa.core.errors import ValidationError
from loa.core.periods import Period, PeriodKind, WindowMode
from loa.organizations.access import Action, require, sees_everything, units_visible_to
from loa.organizations.lineage import LineageSource, lineage_sources
from loa.organizations.models import Unit
from loa.organizations.selectors import unit_children, unit_subtree_ids, unit_subtrees
from loa.plans.models import Channel

BY_CHOICES: tuple[str, ...] = ("channel", "area", "unit", "month")


def stats_table(
    *,
    user: Any,
    unit: Unit,
    period: Period,
    window_mode: WindowMode | None = None,
    subtree: bool = False,
    by: StatsBy | str = "channel",
    with_previous: bool = True,
    lineage: bool = False,
    compare_year: int | None = None,
) -> StatsResult:
    """Figures of ``unit`` (with the units below it when ``subtree``) for ``period``, grouped ``by``.

    ``window_mode`` is "nd09" (15th → 14th) or "calendar"; by default the period's own
    (:meth:`Period.default_window`), except by month, where a month is a calendar month unless
    "nd09" is asked for: "tháng 3" then means 1–31/3 on the chart, in ``loa stats`` and in the
    activity list alike. ``with_previous=False`` skips last year's figures (``previous`` stays 0)
    for views that do not show them. Refused unless ``user`` may see ``unit``.

    ``lineage``: a window in which the unit did not yet exist (phường Hương Trà in 2022, thành phố
    Huế before 2025) counts the units it succeeded (:func:`loa.organizations.lineage.lineage_sources`),
    each as the unit itself would be counted (with its subtree when ``subtree``). The result's
    ``sources``/``previous_sources`` say which units stood in.

    ``compare_year``: the "cùng kỳ" is the same period of that earlier year instead of the year
    before (a ward of 2026 against its predecessors' 2022); refused unless before the period's year.
    """
    scope = _scope(user, unit)
    mode: WindowMode = window_mode or ("calendar" if by == "month" else period.default_window())
    start, end = period.window(mode)
    previous = _compared_period(period, compare_year)
    p_start, p_end = previous.window(mode)
    ytd = year_to_date_start(period, mode)
    now_src = _sources(unit, (start, end), lineage, scope, subtree)
    before_src = _sources(unit, (p_start, p_end), lineage, scope, subtree)
    # Figures imported from old reports, counted where they exceed the records (ADR 0026, 0029),
    # the same extras for every view. Most installations have none: one cheap query then.
    extras_now = _extras(now_src, (start, end), subtree, scope, period, mode)
    extras_before = _extras(before_src, (p_start, p_end), subtree, scope, previous, mode)
    if by == "channel":
        rows = _by_channel(
            user,
            unit,
            period,
            (start, end),
            (p_start, p_end),
            subtree,
            scope,
            ytd,
            mode,
            now_src,
            before_src,
            extras_now,
            extras_before,
        )
    elif by == "area":
        rows = by_area(
            _ids_of(now_src, (start, end), subtree, scope),
            _ids_of(before_src, (p_start, p_end), subtree, scope),
            (start, end),
            (p_start, p_end),
            extras_now,
            extras_before,
        )
    elif by == "unit":
        rows = _by_unit(
            user,
            unit,
            period,
            (start, end),
            (p_start, p_end),
            subtree,
            scope,
            with_previous,
            ytd,
            now_src,
            before_src,
            extras_now,
            extras_before if with_previous else [],
            mode,
        )
    elif by == "month":
        rows = by_month(
            _ids_of(now_src, (start, end), subtree, scope),
            _ids_of(before_src, (p_start, p_end), subtree, scope),
            period,
            previous,
            mode,
            (start, end),
            (p_start, p_end),
            extras_now,
            extras_before,
        )
    else:
        raise ValueError(f"by must be one of {BY_CHOICES}")
    return StatsResult(
        unit=unit,
        period=period,
        window_mode=mode,
        start=start,
        end=end,
        previous_start=p_start,
        previous_end=p_end,
        previous_period=previous,
        subtree=subtree,
        by=by,
        rows=rows,
        sources=now_src if lineage else [],
        previous_sources=before_src if lineage else [],
    )


def _compared_period(period: Period, compare_year: int | None) -> Period:
    """The period a statistic compares with: the year before, or ``period`` in ``compare_year``."""
    if compare_year is None:
        return period.previous_year()
    if compare_year >= period.year:
        message = f"Năm so sánh phải trước năm {period.year} của kỳ đang xem, không phải {compare_year}."
        raise ValidationError(message, code="stats.compare_year", fields={"so_sanh": message})
    return period.in_year(compare_year)


Window = tuple[dt.date, dt.date]
# The units a statistic may count (a query), or None when the user may count every unit.
Scope = QuerySet[Unit] | None


def _scope(user: Any, unit: Unit) -> Scope:
    """Refuse a unit ``user`` may not see; else the units the user may see (None: every unit)."""
    require(user, Action.VIEW, unit)
    return None if sees_everything(user) else units_visible_to(user)


def _sources(unit: Unit, window: Window, lineage: bool, scope: Scope, subtree: bool) -> list[LineageSource]:
    """The units counted for ``unit`` in ``window``: itself, or with ``lineage`` the units it succeeded
    when it did not exist for the whole window. Without ``subtree`` only predecessors the user may
    see count; with it, a predecessor stands as a root whose subtree is scoped like any other (the
    city's coordinator counts the old province's units that are in its own history, not the rest)."""
    if not lineage:
        return [LineageSource(unit=unit, kind="", date=None)]
    found = lineage_sources(unit=unit, start=window[0], end=window[1])
    if scope is not None and not subtree and any(s.kind for s in found):
        allowed = set(scope.filter(id__in=[s.unit.id for s in found]).values_list("id", flat=True))
        found = [s for s in found if not s.kind or s.unit.id in allowed]
    return found or [LineageSource(unit=unit, kind="", date=None)]


def _ids_of(sources: list[LineageSource], window: Window, subtree: bool, scope: Scope) -> set[int]:
    out: set[int] = set()
    for source in sources:
        out |= _ids(source.unit, window, subtree, scope)
    return out


def _ids(unit: Unit, window: Window, subtree: bool, scope: Scope) -> set[int]:
    if not subtree:
        return {unit.id}
    ids = unit_subtree_ids(unit_ids=[unit.id], start=window[0], end=window[1])
    if scope is None:
        return ids
    return set(scope.filter(id__in=ids).values_list("id", flat=True))


def _scoped(subtrees: dict[int, set[int]], scope: Scope) -> dict[int, set[int]]:
    """Keep in each subtree only the units of ``scope`` (one query for all of them)."""
    if scope is None or not subtrees:
        return subtrees
    every = set().union(*subtrees.values())
    allowed = set(scope.filter(id__in=every).values_list("id", flat=True))
    return {root: ids & allowed for root, ids in subtrees.items()}


def counted_unit_ids(
    *, user: Any, unit: Unit, start: dt.date, end: dt.date, subtree: bool, lineage: bool = False
) -> set[int]:
    """The units whose activities the figures of ``unit`` count for the window: the unit, and with
    ``subtree`` every unit that sat below it during the window (the dated hierarchy) that ``user``
    may see; with ``lineage``, the same for the units it succeeded. Refused unless ``user`` may see
    ``unit``."""
    scope = _scope(user, unit)
    return _ids_of(_sources(unit, (start, end), lineage, scope, subtree), (start, end), subtree, scope)


def _extras(
    sources: list[LineageSource],
    window: Window,
    subtree: bool,
    scope: Scope,
    period: Period,
    mode: WindowMode,
) -> list[Extra]:
    """What imported figures add for the units counted in ``window`` (see :mod:`loa.activities.history`)."""
    if not HistoricalFigure.objects.filter(year__in={y for y, _ in period.months()}).exists():
        return []
    return historical_extras(
        unit_ids=_ids_of(sources, window, subtree, scope), months=period.months(), mode=mode
    )


def _ytd_months(period: Period, ytd: dt.date | None) -> list[tuple[int, int]]:
    """The months from the plan year's start to the end of ``period`` (lũy kế)."""
    last = max(period.months())
    return [(period.year, m) for m in range(1, 13) if (period.year, m) <= last] if ytd else []


def year_to_date_start(period: Period, mode: WindowMode) -> dt.date | None:
    """First day of the plan year when ``period`` is shorter than that year (lũy kế counts from
    there to the period's end), else ``None``."""
    if period.kind in (PeriodKind.YEAR, PeriodKind.RANGE):
        return None
    return Period(kind=PeriodKind.YEAR, year=period.year).window(mode)[0]


def _by_channel(
    user: Any,
    unit: Unit,
    period: Period,
    now: Window,
    before: Window,
    subtree: bool,
    scope: Scope,
    ytd: dt.date | None,
    mode: WindowMode,
    now_src: list[LineageSource],
    before_src: list[LineageSource],
    extras_now: list[Extra],
    extras_before: list[Extra],
) -> list[StatsRow]:
    within = scope if subtree else None
    now_units = [s.unit for s in now_src]
    current = _merged_figures(user, now_units, now[0], now[1], period.year, subtree, within)
    to_date: dict[str, int] = {}
    extra_to_date: dict[str, int] = {}
    if ytd is not None:
        # The year to date lists every channel the period does, and those worked earlier in the year.
        in_period = {f.channel: f.actual for f in current}
        current = _merged_figures(user, now_units, ytd, now[1], period.year, subtree, within)
        to_date = {f.channel: f.actual for f in current}
        current = [replace(f, actual=in_period.get(f.channel, 0)) for f in current]
        if HistoricalFigure.objects.filter(year=period.year).exists():
            # Imported figures of any period of the year up to this one (a Q1 report's figures count
            # in the Q3 year to date).
            extra_to_date = extra_by_channel(
                historical_extras(
                    unit_ids=_ids_of(now_src, (ytd, now[1]), subtree, scope),
                    months=_ytd_months(period, ytd),
                    mode=mode,
                )
            )
    before_ids = _ids_of(before_src, before, subtree, scope)
    # Last year needs only the counts, not the targets: one grouped query, not a second channel_figures.
    earlier = dict(
        Activity.objects.filter(unit_id__in=before_ids, date__gte=before[0], date__lte=before[1])
        .values("channel__code")
        .annotate(total=Sum("quantity"))
        .values_list("channel__code", "total")
    )
    extra_now = extra_by_channel(extras_now)
    extra_before = extra_by_channel(extras_before)
    listed = {f.channel for f in current}
    # A channel worked only last year still has its line: "cùng kỳ" shows it (0 this period).
    missing = (
        set(extra_now) | set(extra_before) | set(extra_to_date) | {c for c, n in earlier.items() if n}
    ) - listed
    if missing:
        current = current + [
            ChannelFigure(channel=c.code, name=c.name, measure=c.measure, target=None, actual=0)
            for c in Channel.objects.filter(code__in=missing)
        ]
        order = dict(Channel.objects.values_list("code", "sort_order"))
        current.sort(key=lambda f: (order.get(f.channel, 0), f.channel))
    return [
        StatsRow(
            key=f.channel,
            name=f.name,
            measure=f.measure,
            target=f.target,
            actual=f.actual + extra_now.get(f.channel, 0),
            previous=earlier.get(f.channel, 0) + extra_before.get(f.channel, 0),
            to_date=(to_date.get(f.channel, 0) + extra_to_date.get(f.channel, 0))
            if ytd is not None
            else None,
            imported=extra_now.get(f.channel, 0),
            previous_imported=extra_before.get(f.channel, 0),
        )
        for f in current
    ]


def _merged_figures(
    user: Any, units: list[Unit], start: dt.date, end: dt.date, year: int, subtree: bool, within: Scope
) -> list:
    """:func:`channel_figures` of one unit, or of several (a unit's predecessors) added channel by
    channel, in catalogue order."""
    if len(units) == 1:
        return channel_figures(
            user=user, unit=units[0], start=start, end=end, year=year, subtree=subtree, within=within
        )
    merged: dict[str, Any] = {}
    for u in units:
        for f in channel_figures(
            user=user, unit=u, start=start, end=end, year=year, subtree=subtree, within=within
        ):
            if f.channel in merged:
                m = merged[f.channel]
                target = None if m.target is None and f.target is None else (m.target or 0) + (f.target or 0)
                merged[f.channel] = replace(m, actual=m.actual + f.actual, target=target)
            else:
                merged[f.channel] = f
    order = {
        code: i
        for i, code in enumerate(
            Channel.objects.order_by("sort_order", "code").values_list("code", flat=True)
        )
    }
    return sorted(merged.values(), key=lambda f: order.get(f.channel, len(order)))


def _unit_channel_totals(unit_ids: set[int], window: Window) -> dict[int, dict[int, tuple[int, int]]]:
    """unit id → channel id → (quantity, number of activities), in one query."""
    out: dict[int, dict[int, tuple[int, int]]] = defaultdict(dict)
    rows = (
        Activity.objects.filter(unit_id__in=unit_ids, date__gte=window[0], date__lte=window[1])
        .values("unit_id", "channel_id")
        .annotate(total=Sum("quantity"), n=Count("id"))
        .values_list("unit_id", "channel_id", "total", "n")
    )
    for unit_id, channel_id, total, n in rows:
        out[unit_id][channel_id] = (total, n)
    return out


def _by_unit(
    user: Any,
    unit: Unit,
    period: Period,
    now: Window,
    before: Window,
    subtree: bool,
    scope: Scope,
    with_previous: bool = True,
    ytd: dt.date | None = None,
    now_src: list[LineageSource] | None = None,
    before_src: list[LineageSource] | None = None,
    extras_now: list[Extra] | None = None,
    extras_before: list[Extra] | None = None,
    mode: WindowMode = "calendar",
) -> list[StatsRow]:
    """The unit itself, then (with ``subtree``) each unit directly below it with its own subtree.

    ``imported``/``previous_imported`` are what the row's units' imported figures add (a quantity,
    kept beside the count of activities); they count towards ``completion`` like recorded work.

    ``actual`` counts activities; ``completion`` compares each channel's quantity with its target,
    over the year to date when the period is shorter than the plan year (as the channel view does).
    With lineage, "the unit itself" is the units that stood for it, and the units below are theirs
    (the city's 2022 ranking lists the old province's towns). ``ended`` marks a dissolved unit.
    """
    progress_window = (ytd, now[1]) if ytd is not None else now
    own_now = {s.unit.id for s in now_src} if now_src else {unit.id}
    own_before = {s.unit.id for s in before_src} if before_src else {unit.id}
    if scope is not None:  # a predecessor the user may not see counts only through its units below
        allowed = set(scope.filter(id__in=own_now | own_before).values_list("id", flat=True)) | {unit.id}
        own_now, own_before = own_now & allowed, own_before & allowed
    groups: list[tuple[Unit, set[int], set[int], set[int]]] = [(unit, own_now, own_before, own_now)]
    if subtree:
        on = min(now[1], dt.date.today())
        children_qs = [
            unit_children(unit=u, on=on) for u in ([s.unit for s in now_src] if now_src else [unit])
        ]
        if scope is not None:
            children_qs = [c.filter(id__in=scope) for c in children_qs]
        children = sorted({c.id: c for qs in children_qs for c in qs}.values(), key=lambda c: c.name)
        roots = [c.id for c in children]
        # Each child's subtree in each window: a fixed number of queries, not three per child.
        subtrees_now = _scoped(unit_subtrees(roots=roots, start=now[0], end=now[1]), scope)
        subtrees_before = _scoped(unit_subtrees(roots=roots, start=before[0], end=before[1]), scope)
        subtrees_progress = (
            subtrees_now
            if ytd is None
            else _scoped(unit_subtrees(roots=roots, start=progress_window[0], end=progress_window[1]), scope)
        )
        for child in children:
            groups.append(
                (child, subtrees_now[child.id], subtrees_before[child.id], subtrees_progress[child.id])
            )
    current = _unit_channel_totals(set().union(*(g[1] for g in groups)), now)
    progress = (
        current
        if ytd is None
        else _unit_channel_totals(set().union(*(g[3] for g in groups)), progress_window)
    )
    earlier = _unit_channel_totals(set().union(*(g[2] for g in groups)), before) if with_previous else {}
    # Every group's targets at once (two queries), not one lookup per unit below.
    targets_of = plan_targets(user=user, groups={g[0].id: g[3] for g in groups}, year=period.year)
    extras_now = extras_now or []
    extras_before = extras_before or []
    extras_progress = extras_now
    if ytd is not None and HistoricalFigure.objects.filter(year=period.year).exists():
        extras_progress = historical_extras(
            unit_ids=set().union(*(g[3] for g in groups)), months=_ytd_months(period, ytd), mode=mode
        )
    channel_ids = dict(
        Channel.objects.filter(code__in={e.channel for e in extras_progress}).values_list("code", "id")
    )
    rows = []
    for member, ids_now, ids_before, ids_progress in groups:
        done: dict[int, int] = defaultdict(int)
        for uid in ids_progress:
            for channel_id, (total, _) in progress.get(uid, {}).items():
                done[channel_id] += total
        for e in extras_progress:
            if e.unit_id in ids_progress:
                done[channel_ids[e.channel]] += e.amount
        targets = targets_of[member.id]
        pairs = [(targets.get(c), done.get(c, 0)) for c in set(targets) | set(done)]
        rows.append(
            StatsRow(
                key=member.code,
                name=member.name,
                measure="hoạt động",
                target=None,
                actual=sum(n for uid in ids_now for _, n in current.get(uid, {}).values()),
                previous=sum(n for uid in ids_before for _, n in earlier.get(uid, {}).values()),
                completion=plan_completion(pairs),
                ended=member.valid_to
                if member.valid_to is not None and member.valid_to < dt.date.today()
                else None,
                imported=sum(e.amount for e in extras_now if e.unit_id in ids_now),
                previous_imported=sum(e.amount for e in extras_before if e.unit_id in ids_before),
            )
        )
    return rows

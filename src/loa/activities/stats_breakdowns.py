"""Statistics by content area and by month (:mod:`loa.activities.stats`), with the figures imported
from old reports (ADR 0026, 0029).

Both count activities (measure "hoạt động"). An imported figure is a quantity of a channel for a
whole period: it has no content area, and a month only when its period is one month. So:

- by area, imported figures are one row of their own, "Số liệu nhập từ báo cáo cũ";
- by month, a figure of one month goes into that month; the others (a quarter, a half, a year)
  into one row/bar of their own, never spread over invented monthly numbers.

Either way the table's total is the activities plus what the imported figures add above them, the
same total as the other views (tests/activities/test_stats_imported.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Count

from loa.activities.history import Extra
from loa.activities.models import Activity
from loa.activities.stats_results import StatsRow
from loa.core.periods import Period, PeriodKind, WindowMode
from loa.plans.models import ContentArea

NO_AREA = "KHAC"
IMPORTED = "NHAP"
IMPORTED_BY_AREA = "Số liệu nhập từ báo cáo cũ (không chia theo nội dung)"
IMPORTED_BY_MONTH = "Số liệu nhập từ báo cáo cũ (cả quý, năm; không chia theo tháng)"

Window = tuple[dt.date, dt.date]


def _total(extras: Iterable[Extra]) -> int:
    return sum(e.amount for e in extras)


def _imported_row(name: str, now: list[Extra], before: list[Extra]) -> list[StatsRow]:
    actual, previous = _total(now), _total(before)
    if not (actual or previous):
        return []
    return [
        StatsRow(
            key=IMPORTED,
            name=name,
            measure="số liệu nhập",
            target=None,
            actual=actual,
            previous=previous,
            imported=actual,
            previous_imported=previous,
        )
    ]


def area_totals(unit_ids: set[int], window: Window) -> dict[str, int]:
    """area code → number of activities; an activity tagged with several areas counts in each."""
    through = Activity.areas.through
    rows = (
        through.objects.filter(
            activity__unit_id__in=unit_ids, activity__date__gte=window[0], activity__date__lte=window[1]
        )
        .values("contentarea__code")
        .annotate(total=Count("activity_id"))
        .values_list("contentarea__code", "total")
    )
    out = dict(rows)
    untagged = Activity.objects.filter(
        unit_id__in=unit_ids, date__gte=window[0], date__lte=window[1], areas__isnull=True
    ).count()
    if untagged:
        out[NO_AREA] = untagged
    return out


def by_area(
    now_ids: set[int],
    before_ids: set[int],
    now: Window,
    before: Window,
    extras_now: list[Extra],
    extras_before: list[Extra],
) -> list[StatsRow]:
    current = area_totals(now_ids, now)
    earlier = area_totals(before_ids, before)
    rows = [
        StatsRow(
            key=a.code,
            name=a.name,
            measure="hoạt động",
            target=None,
            actual=current.get(a.code, 0),
            previous=earlier.get(a.code, 0),
        )
        for a in ContentArea.objects.order_by("sort_order", "code")
    ]
    if current.get(NO_AREA) or earlier.get(NO_AREA):
        rows.append(
            StatsRow(
                key=NO_AREA,
                name="Chưa gắn nội dung CCHC",
                measure="hoạt động",
                target=None,
                actual=current.get(NO_AREA, 0),
                previous=earlier.get(NO_AREA, 0),
            )
        )
    return rows + _imported_row(IMPORTED_BY_AREA, extras_now, extras_before)


def month_windows(period: Period, mode: WindowMode) -> list[tuple[str, str, Window]]:
    """(key, label, window) for each month of the period, in the chosen mode."""
    out = []
    for year, month in period.months():
        sub = Period(kind=PeriodKind.MONTH, year=year, index=month)
        out.append((sub.code, f"{month:02d}/{year}", sub.window(mode)))
    return out


def _daily_totals(unit_ids: set[int], window: Window) -> dict[dt.date, int]:
    """date → number of activities that day."""
    return dict(
        Activity.objects.filter(unit_id__in=unit_ids, date__gte=window[0], date__lte=window[1])
        .values("date")
        .annotate(total=Count("id"))
        .values_list("date", "total")
    )


def _bucket(daily: dict[dt.date, int], windows: list[tuple[str, str, Window]]) -> list[int]:
    return [sum(v for d, v in daily.items() if w[0] <= d <= w[1]) for _, _, w in windows]


def _placed(extras: list[Extra], period: Period) -> tuple[list[int], list[Extra]]:
    """Per month of ``period``, what figures of that one month add; and the figures of longer periods."""
    months = period.months()
    per_month = [0] * len(months)
    rest = []
    for e in extras:
        if e.month is not None and e.month in months:
            per_month[months.index(e.month)] += e.amount
        else:
            rest.append(e)
    return per_month, rest


def by_month(
    now_ids: set[int],
    before_ids: set[int],
    period: Period,
    previous: Period,
    mode: WindowMode,
    now: Window,
    before: Window,
    extras_now: list[Extra],
    extras_before: list[Extra],
) -> list[StatsRow]:
    months = month_windows(period, mode)
    months_before = month_windows(previous, mode)
    current = _bucket(_daily_totals(now_ids, now), months)
    earlier = _bucket(_daily_totals(before_ids, before), months_before)
    added_now, rest_now = _placed(extras_now, period)
    added_before, rest_before = _placed(extras_before, previous)
    rows = [
        StatsRow(
            key=key,
            name=label,
            measure="hoạt động",
            target=None,
            actual=a + x,
            previous=p + y,
            imported=x,
            previous_imported=y,
        )
        for (key, label, _), a, p, x, y in zip(months, current, earlier, added_now, added_before, strict=True)
    ]
    return rows + _imported_row(IMPORTED_BY_MONTH, rest_now, rest_before)

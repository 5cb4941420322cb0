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
from loa.organizations.access import Action, require, visible_q
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
    qs = qs.filter(visible_q(user))
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
    return title_search(qs, q)


def title_search(qs: QuerySet[Activity], q: str) -> QuerySet[Activity]:
    """Activities whose title holds every word of ``q``, ignoring case and diacritics (the folded
    ``title_key`` column, so SQLite and PostgreSQL agree)."""
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


def plan_targets(*, user: Any, groups: dict[int, set[int]], year: int) -> dict[int, dict[int, int]]:
    """root id → (channel id → target quantity for ``year``), for each root's group of units.

    Each group sums its units' chosen plans (see :func:`_chosen_plans`, the root's own plan speaking
    for the group when it has one), counting only plans of units ``user`` may see. Two queries
    whatever the number of groups: the plans, then the targets grouped by plan.
    """
    every = set().union(*groups.values()) if groups else set()
    plans = list(
        Plan.objects.filter(visible_q(user), unit_id__in=every, year_from__lte=year, year_to__gte=year)
        .order_by()
        .values_list("id", "unit_id", "year_from", "year_to")
    )
    chosen = {
        root: _chosen_plans([p for p in plans if p[1] in ids], root=root) for root, ids in groups.items()
    }
    wanted = set().union(*chosen.values()) if chosen else set()
    per_plan: dict[int, dict[int, int]] = {}
    rows = (
        Target.objects.filter(plan_id__in=wanted, area__isnull=True)
        .values("plan_id", "channel_id")
        .annotate(total=Sum("quantity"))
        if wanted
        else []
    )
    for r in rows:
        per_plan.setdefault(r["plan_id"], {})[r["channel_id"]] = r["total"]
    result: dict[int, dict[int, int]] = {}
    for root, plan_ids in chosen.items():
        totals: dict[int, int] = {}
        for plan_id in plan_ids:
            for channel_id, total in per_plan.get(plan_id, {}).items():
                totals[channel_id] = totals.get(channel_id, 0) + total
        result[root] = totals
    return result


def channel_figures(
    *,
    user: Any,
    unit: Unit,
    start: dt.date,
    end: dt.date,
    year: int,
    subtree: bool = False,
    within: QuerySet[Unit] | None = None,
) -> list[ChannelFigure]:
    """Targets vs actual per channel for ``unit`` (and the units below it when ``subtree``).

    Lists every channel that has a target or an activity, in catalogue order. Refused
    (:class:`~loa.core.errors.PermissionDenied`) unless ``user`` may see ``unit``. A figure of a
    unit is the unit's own: with ``subtree`` it counts every unit below it during the window, as its
    report must, whatever the viewer may open one by one; pass ``within`` (a query of units, as
    :func:`loa.activities.stats.stats_table` does with the units the user may see) to count only
    those. Two queries whatever the size of the subtree: the plans (to choose which targets count),
    then one statement joining the activity and target sums to the channel catalogue, the dated
    subtree inlined as a recursive CTE (benchmarked in bench/bench_dashboard.py against one
    hand-written query).
    """
    require(user, Action.VIEW, unit)
    units_sql, units_params = (
        unit_subtree_sql(unit_id=unit.id, start=start, end=end) if subtree else ("%s", [unit.id])
    )
    if within is not None:
        within_sql, within_params = within.values("id").query.sql_with_params()
        units_sql = f"SELECT id FROM {Unit._meta.db_table} WHERE id IN ({units_sql}) AND id IN ({within_sql})"
        units_params = [*units_params, *within_params]
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


def activity_latest_year(*, user: Any, unit_ids: set[int], until: dt.date | None = None) -> int | None:
    """The most recent year in which any of the units ``user`` may see recorded an activity (up to
    ``until``)."""
    qs = Activity.objects.filter(visible_q(user), unit_id__in=unit_ids)
    if until is not None:
        qs = qs.filter(date__lte=until)
    latest = qs.order_by("-date").values_list("date", flat=True).first()
    return latest.year if latest else None


def activity_similar(
    *, activity_or_fields: Activity | dict[str, Any], exclude_unit: Unit | int, user: Any
) -> Activity | None:
    """An activity of ANOTHER unit that looks like the same work counted twice, or None.

    Only among the units ``user`` may read: the warning names the other unit, its title and date,
    which must not leak what the user may not see. Same evidence link anywhere; or, within 30 days of the date, the same title once case and
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
    others = others.filter(visible_q(user))
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


# --- Exact duplicates (one definition for the importer, the web form and the CLI) -------------


def title_match_key(title: str) -> str:
    """The title as compared for duplicates: NFC, casefolded, whitespace folded (accents kept)."""
    return vn.caseless(title or "")


def evidence_url_key(url: str) -> str:
    """The evidence link as compared for duplicates, or "" when there is none.

    Scheme (http/https), a leading "www.", the host's case, the fragment and a trailing "/" are
    ignored; the path and the query are kept as written.
    """
    from urllib.parse import urlsplit

    url = (url or "").strip()
    if not url:
        return ""
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").removeprefix("www.")
        port = f":{parts.port}" if parts.port and parts.port not in (80, 443) else ""
    except ValueError:
        return url.casefold()
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{port}{parts.path.rstrip('/')}{query}"


type _Key = tuple[dt.date, int, str]


class DuplicateFinder:
    """Exact duplicates among one unit's activities, and among rows added to it as it goes.

    Two activities are exact duplicates when they have the same unit, the same date, the same
    channel, and either the same title (:func:`title_match_key`) or the same evidence link
    (:func:`evidence_url_key`). One query loads the unit's activities between the first and the
    last date asked about; :meth:`add` registers rows not yet saved (the lines of one Excel file),
    so a line repeated inside a file is found too.
    """

    def __init__(self, *, user: Any, unit: Unit | int, dates: Any, exclude_pk: int | None = None) -> None:
        require(user, Action.VIEW, unit)
        self._by_title: dict[_Key, Any] = {}
        self._by_url: dict[_Key, Any] = {}
        days = [d for d in dates if d is not None]
        if not days:
            return
        unit_id = unit if isinstance(unit, int) else unit.pk
        existing = (
            Activity.objects.filter(unit_id=unit_id, date__gte=min(days), date__lte=max(days))
            .only("id", "unit_id", "date", "channel_id", "title", "evidence_url")
            .order_by("date", "id")
        )
        if exclude_pk is not None:
            existing = existing.exclude(pk=exclude_pk)
        for activity in existing:
            self.add(
                activity,
                date=activity.date,
                channel_id=activity.channel_id,
                title=activity.title,
                evidence_url=activity.evidence_url,
            )

    def add(self, what: Any, *, date: dt.date, channel_id: int, title: str, evidence_url: str = "") -> None:
        """Remember ``what`` (an activity, or a row number) under its keys; the first one stays."""
        self._remember(what, *self._keys(date, channel_id, title, evidence_url))

    def find(self, *, date: dt.date, channel_id: int, title: str, evidence_url: str = "") -> Any:
        """What the described activity duplicates (an activity or a row number), or None."""
        return self._lookup(*self._keys(date, channel_id, title, evidence_url))

    def see(self, what: Any, *, date: dt.date, channel_id: int, title: str, evidence_url: str = "") -> Any:
        """:meth:`find` then :meth:`add` in one step (the keys computed once): for the rows of a file."""
        keys = self._keys(date, channel_id, title, evidence_url)
        same = self._lookup(*keys)
        self._remember(what, *keys)
        return same

    @staticmethod
    def _keys(date: dt.date, channel_id: int, title: str, evidence_url: str) -> tuple[_Key, _Key | None]:
        url = evidence_url_key(evidence_url)
        return (date, channel_id, title_match_key(title)), ((date, channel_id, url) if url else None)

    def _remember(self, what: Any, by_title: _Key, by_url: _Key | None) -> None:
        self._by_title.setdefault(by_title, what)
        if by_url is not None:
            self._by_url.setdefault(by_url, what)

    def _lookup(self, by_title: _Key, by_url: _Key | None) -> Any:
        same = self._by_title.get(by_title)
        if same is None and by_url is not None:
            same = self._by_url.get(by_url)
        return same


def activity_duplicate(
    *,
    user: Any,
    unit: Unit | int,
    date: dt.date,
    channel: Channel | int,
    title: str,
    evidence_url: str = "",
    exclude_pk: int | None = None,
) -> Activity | None:
    """The unit's already recorded activity that this one would count twice, or None (see
    :class:`DuplicateFinder` for what "the same" means). Refused unless ``user`` may see ``unit``."""
    channel_id = channel if isinstance(channel, int) else channel.pk
    finder = DuplicateFinder(user=user, unit=unit, dates=[date], exclude_pk=exclude_pk)
    same = finder.find(date=date, channel_id=channel_id, title=title, evidence_url=evidence_url)
    return same if isinstance(same, Activity) else None

"""Reads about units: the hierarchy at a date or over a window, and lookups by code."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import connection
from django.db.models import F, Q, QuerySet

from loa.core import vn
from loa.core.errors import NotFound
from loa.organizations.models import Membership, Unit, UnitLink


def _link_filter(*, on: dt.date | None, start: dt.date | None, end: dt.date | None) -> Q:
    """Links in force on ``on``, or overlapping ``start``–``end``; all links when neither is given."""
    if on is not None:
        start = end = on
    q = Q()
    if end is not None:
        q &= Q(valid_from__lte=end)
    if start is not None:
        q &= Q(valid_to__isnull=True) | Q(valid_to__gte=start)
    return q


def unit_subtree_ids(
    *,
    unit_ids: Iterable[int],
    on: dt.date | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> set[int]:
    """Ids of the given units and every unit below them.

    ``on`` gives the hierarchy of that day ("the units under X on date D"); ``start``/``end`` every
    unit that sat below during the window; neither, every unit that ever sat below (history).
    One query per level, so a province (four levels) costs four small queries.
    """
    roots = list(unit_ids)
    if on is not None:
        start = end = on
    if roots and start is not None and end is not None:
        return _subtree_cte(roots, start, end)
    link_q = _link_filter(on=on, start=start, end=end)
    seen = set(roots)
    frontier = set(seen)
    while frontier:
        children = set(
            UnitLink.objects.filter(link_q, parent_id__in=frontier).values_list("child_id", flat=True)
        )
        frontier = children - seen
        seen |= frontier
    return seen


def unit_subtrees(*, roots: Iterable[int], start: dt.date, end: dt.date) -> dict[int, set[int]]:
    """Each root's dated subtree (itself included) over ``start``–``end``, in two queries whatever
    the number of roots: the union of the subtrees, then the links among them, walked in memory.
    Same answer as calling :func:`unit_subtree_ids` once per root (a ranking of the units below a
    town used to cost one recursive query per unit)."""
    roots = list(roots)
    if not roots:
        return {}
    every = unit_subtree_ids(unit_ids=roots, start=start, end=end)
    below: dict[int, set[int]] = {}
    links = UnitLink.objects.filter(
        _link_filter(on=None, start=start, end=end), parent_id__in=every
    ).values_list("parent_id", "child_id")
    for parent_id, child_id in links:
        below.setdefault(parent_id, set()).add(child_id)
    out: dict[int, set[int]] = {}
    for root in roots:
        seen = {root}
        frontier = [root]
        while frontier:
            nxt = [c for p in frontier for c in below.get(p, ()) if c not in seen]
            seen.update(nxt)
            frontier = nxt
        out[root] = seen
    return out


def _subtree_sql(roots: list[int], start: dt.date, end: dt.date) -> tuple[str, list[object]]:
    """SQL (and its parameters) selecting the ids of the dated subtree: one ``WITH RECURSIVE``, which
    SQLite and PostgreSQL both run, also usable inside ``IN (…)``."""
    table = UnitLink._meta.db_table
    if len(roots) == 1:
        seeds = "SELECT CAST(%s AS BIGINT)"
    else:
        # Many roots (a province's 3,500 units): one IN list, not a compound SELECT per root, which
        # SQLite caps at 500 terms.
        seeds = f"SELECT id FROM {Unit._meta.db_table} WHERE id IN ({', '.join(['%s'] * len(roots))})"
    sql = (
        f"WITH RECURSIVE tree(id) AS ({seeds} UNION SELECT l.child_id FROM {table} l "
        "JOIN tree t ON l.parent_id = t.id WHERE l.valid_from <= %s AND (l.valid_to IS NULL OR l.valid_to >= %s)) "
        "SELECT id FROM tree"
    )
    return sql, [*roots, end, start]


def _subtree_cte(roots: list[int], start: dt.date, end: dt.date) -> set[int]:
    sql, params = _subtree_sql(roots, start, end)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {row[0] for row in cursor.fetchall()}


def unit_subtree_sql(*, unit_id: int, start: dt.date, end: dt.date) -> tuple[str, list[object]]:
    """SQL and parameters selecting the dated subtree's ids, for a statistic written as one statement."""
    return _subtree_sql([unit_id], start, end)


def unit_subtree(*, unit: Unit, on: dt.date | None = None) -> QuerySet[Unit]:
    """The unit and the units below it on ``on`` (all time when ``on`` is omitted)."""
    return Unit.objects.filter(id__in=unit_subtree_ids(unit_ids=[unit.id], on=on))


def unit_children(*, unit: Unit, on: dt.date | None = None) -> QuerySet[Unit]:
    """Units directly below ``unit`` on ``on`` (all time when omitted)."""
    link_q = _link_filter(on=on, start=None, end=None)
    ids = UnitLink.objects.filter(link_q, parent=unit).values_list("child_id", flat=True)
    return Unit.objects.filter(id__in=ids).order_by("name")


def unit_parent(*, unit: Unit, on: dt.date) -> Unit | None:
    """The unit directly above ``unit`` on ``on``."""
    link = (
        UnitLink.objects.filter(_link_filter(on=on, start=None, end=None), child=unit)
        .select_related("parent")
        .first()
    )
    return link.parent if link else None


def unit_ancestor_ids(
    *, unit_ids: Iterable[int], start: dt.date | None = None, end: dt.date | None = None
) -> set[int]:
    """Ids of every unit that sat above the given ones (not including them): ever, or, with
    ``start``/``end``, through links in force during that window (the chain of a past period)."""
    link_q = _link_filter(on=None, start=start, end=end)
    seen: set[int] = set()
    frontier = set(unit_ids)
    while frontier:
        parents = set(
            UnitLink.objects.filter(link_q, child_id__in=frontier).values_list("parent_id", flat=True)
        )
        frontier = parents - seen
        seen |= frontier
    return seen


def unit_get(*, code: str) -> Unit:
    """The unit with this code, or a ``NotFound`` with a Vietnamese message."""
    try:
        return Unit.objects.get(code=code)
    except Unit.DoesNotExist:
        raise NotFound(f"Không có đơn vị mã “{code}”.", code="units.not_found") from None


def units_organized_by(*, user: Any, search: str = "") -> QuerySet[Unit]:
    """The units ``user`` may organize (onboarding), matched by name or code when ``search`` is
    given (case and diacritics ignored), by name."""
    from loa.organizations.access import Action, units_for

    qs = units_for(user, Action.ORGANIZE)
    if search:
        key = vn.fold(search)
        qs = qs.filter(Q(search_key__contains=key) | Q(code__icontains=search.strip()))
    return qs.order_by("search_key", "name")


def unit_memberships(*, user: Any, unit: Unit) -> QuerySet[Membership]:
    """The roles held in ``unit`` (current, future and ended), for one who organizes it; none for others."""
    from loa.organizations.access import Action, can

    if not can(user, Action.ORGANIZE, unit):
        return Membership.objects.none()
    return (
        Membership.objects.filter(unit=unit)
        .select_related("user")
        .order_by(
            F("valid_to").desc(nulls_first=True), "user__last_name", "user__first_name", "user__username"
        )
    )

"""The one authority for what a user may see and do in Loa.

Every selector that returns records filters by :func:`units_visible_to`; every service write calls
:func:`require`. Rules:

- a member of a unit (any role) sees that unit;
- a coordinator (Nội vụ) or administrator of a unit also sees every unit that ever sat below it,
  so a province's coordinator reads the three-tier history as well as the two tiers of today;
- recording (activities, plans, orientations) is for the unit's officers, leaders, coordinators and
  administrators, and for administrators above it; a coordinator records for its own unit only
  (the office of Nội vụ plans and orients as any office does), never for the units it oversees;
- registering documents (vào sổ, nhập văn bản) is for the unit's clerks, leaders, officers,
  coordinators and administrators, and for administrators above it;
- issuing (taking a number from the register) is for the unit's leaders and clerks;
- coordinating (requests, consolidation, scoring) is for coordinators of the unit or above;
- organizing (onboarding: units below, accounts, roles) is for coordinators and administrators of
  the unit or above; granting the administrator role itself stays with administrators (``MANAGE``);
- Django superusers and system actors (:mod:`loa.core.actors`) may do everything.

A membership (phân công) counts only between its ``valid_from`` and ``valid_to`` (inclusive; an
empty end is open): someone moved to another office on 30/06 has no rights in the old one on 01/07.

Issuing follows Nghị định 30 (Điều 15): the leader approves (``APPROVE``), the clerk (văn thư) takes
the number; a leader issues only in a unit that has no clerk, so such a unit is never stuck.

The units a user may see or act on are a query (:func:`units_visible_to`, :func:`units_for`), never
a set held in Python: a selector filters ``unit_id__in=units_visible_to(user)`` and the database
resolves it, however many units a province's coordinator oversees. :func:`can` answers one yes/no
and keeps the user's roles for the request.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone

from loa.core.actors import require_actor
from loa.core.errors import PermissionDenied
from loa.organizations.models import Membership, Role, Unit, UnitLink, UnitSuccession

_CACHE_ATTR = "_loa_access_cache"


class Action(StrEnum):
    VIEW = "view"
    RECORD = "record"
    ISSUE = "issue"
    APPROVE = "approve"
    COORDINATE = "coordinate"
    MANAGE = "manage"
    REGISTER = "register"
    ORGANIZE = "organize"


_DIRECT_ROLES = {
    Action.RECORD: {Role.OFFICER, Role.LEADER, Role.COORDINATOR, Role.ADMIN},
    Action.ISSUE: {Role.LEADER, Role.CLERK},
    Action.APPROVE: {Role.LEADER},
    Action.COORDINATE: {Role.COORDINATOR, Role.ADMIN},
    Action.MANAGE: {Role.ADMIN},
    # Registering documents (vào sổ, nhập văn bản) — kept apart from the other actions for merging.
    Action.REGISTER: {Role.CLERK, Role.LEADER, Role.OFFICER, Role.COORDINATOR, Role.ADMIN},
    # Onboarding (units below, accounts and roles): administrators, and Nội vụ within its subtree.
    Action.ORGANIZE: {Role.COORDINATOR, Role.ADMIN},
}
_INHERITED_ROLES = {
    Action.RECORD: {Role.ADMIN},
    Action.ISSUE: set(),
    Action.APPROVE: set(),
    Action.COORDINATE: {Role.COORDINATOR, Role.ADMIN},
    Action.MANAGE: {Role.ADMIN},
    Action.REGISTER: {Role.ADMIN},
    Action.ORGANIZE: {Role.COORDINATOR, Role.ADMIN},
}
_SUBTREE_VIEWERS = {Role.COORDINATOR, Role.ADMIN}


def _today() -> dt.date:
    return timezone.localdate()


def membership_in_force(on: dt.date, prefix: str = "") -> Q:
    """Memberships that count on ``on``: started (or no start) and not yet ended (or no end)."""
    return (Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": on})) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": on})
    )


def _memberships(user: Any, on: dt.date) -> QuerySet[Membership]:
    return Membership.objects.filter(membership_in_force(on), user_id=user.pk)


def sees_everything(user: Any) -> bool:
    """A superuser or a system actor: sees and does everything (selectors then add no condition)."""
    require_actor(user)
    return bool(getattr(user, "is_superuser", False) and getattr(user, "is_active", False))


def _signed_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_active", False))


def _roles(user: Any, on: dt.date) -> dict[int, set[str]]:
    """unit id → roles held there on ``on`` (today's answer is cached on the user for the request)."""
    cache = getattr(user, _CACHE_ATTR, None)
    if cache is not None and cache[0] == on:
        return cache[1]
    roles: dict[int, set[str]] = {}
    if _signed_in(user):
        for unit_id, role in _memberships(user, on).values_list("unit_id", "role"):
            roles.setdefault(unit_id, set()).add(role)
    setattr(user, _CACHE_ATTR, (on, roles))
    return roles


def _below_sql(user: Any, roles: set[str] | None, on: dt.date, *, lineage: bool = False) -> RawSQL:
    """Ids of every unit that ever sat below a unit where ``user`` holds one of ``roles`` on ``on``
    (the units themselves included): one ``WITH RECURSIVE`` over the links, run by the database
    inside the outer query (SQLite and PostgreSQL alike). With ``lineage`` (reading only), also every
    unit those succeeded: a ward formed in 2025 reads the history of the communes it came from, the
    city that of the old province. ``roles=None``: any role, following lineage only."""
    membership, link = Membership._meta.db_table, UnitLink._meta.db_table
    succession = UnitSuccession._meta.db_table
    if roles is None:
        role_sql, role_params, edges = (
            "",
            [],
            f"SELECT successor_id AS up, predecessor_id AS down FROM {succession}",
        )
    else:
        role_sql = f"AND m.role IN ({', '.join(['%s'] * len(roles))}) "
        role_params = sorted(roles)
        edges = f"SELECT parent_id AS up, child_id AS down FROM {link}"
        if lineage:
            edges += f" UNION ALL SELECT successor_id, predecessor_id FROM {succession}"
    sql = (
        f"WITH RECURSIVE below(id) AS (SELECT m.unit_id FROM {membership} m WHERE m.user_id = %s "
        f"{role_sql}AND (m.valid_from IS NULL OR m.valid_from <= %s) "
        "AND (m.valid_to IS NULL OR m.valid_to >= %s) "
        f"UNION SELECT e.down FROM ({edges}) e JOIN below b ON e.up = b.id) SELECT id FROM below"
    )
    return RawSQL(sql, [user.pk, *role_params, on, on])


def units_visible_to(user: Any, *, on: dt.date | None = None) -> QuerySet[Unit]:
    """The units whose records ``user`` may read on ``on`` (today by default), as a query.

    Use it inside another query — ``qs.filter(unit_id__in=units_visible_to(user))`` — the database
    resolves it. Every unit for a superuser or a system actor; none for an anonymous or inactive user.
    """
    require_actor(user)
    if sees_everything(user):
        return Unit.objects.all()
    if not _signed_in(user):
        return Unit.objects.none()
    on = on or _today()
    own_and_predecessors = _below_sql(user, None, on, lineage=True)
    below = _below_sql(user, _SUBTREE_VIEWERS, on, lineage=True)
    return Unit.objects.filter(Q(id__in=own_and_predecessors) | Q(id__in=below))


def units_visible_or_above(user: Any, *, on: dt.date | None = None) -> QuerySet[Unit]:
    """The units ``user`` may see and every unit that ever sat above one of them (whose plans and
    directives reach the user's units), as a query: one upward ``WITH RECURSIVE`` seeded by
    :func:`units_visible_to`."""
    visible = units_visible_to(user, on=on)
    if sees_everything(user) or not _signed_in(user):
        return visible
    seed_sql, seed_params = visible.values("id").query.sql_with_params()
    link = UnitLink._meta.db_table
    sql = (
        f"WITH RECURSIVE above(id) AS (SELECT seed.id FROM ({seed_sql}) seed "
        f"UNION SELECT l.parent_id FROM {link} l JOIN above a ON l.child_id = a.id) SELECT id FROM above"
    )
    return Unit.objects.filter(id__in=RawSQL(sql, list(seed_params)))


def visible_q(user: Any, field: str = "unit_id", *, on: dt.date | None = None) -> Q:
    """A filter keeping the rows whose ``field`` (a unit id) ``user`` may read; empty for a
    superuser or system actor, so their queries carry no extra condition."""
    require_actor(user)
    if sees_everything(user):
        return Q()
    return Q(**{f"{field}__in": units_visible_to(user, on=on)})


def can(user: Any, action: Action | str, unit: Unit | int, *, on: dt.date | None = None) -> bool:
    """Whether ``user`` may do ``action`` on ``unit`` on ``on`` (today by default)."""
    require_actor(user)
    if not _signed_in(user):
        return False
    if user.is_superuser:
        return True
    unit_id = unit if isinstance(unit, int) else unit.pk
    action = Action(action)
    on = on or _today()
    roles = _roles(user, on)
    if action is Action.VIEW:
        if unit_id in roles:
            return True
        seen = getattr(user, "_loa_visible", None)
        if seen is None or seen[0] != on:
            seen = (on, {})
            user._loa_visible = seen
        if unit_id not in seen[1]:
            seen[1][unit_id] = units_visible_to(user, on=on).filter(pk=unit_id).exists()
        return seen[1][unit_id]
    held = roles.get(unit_id, set()) & _DIRECT_ROLES[action]
    if action is Action.ISSUE and held == {Role.LEADER}:
        return not _has_clerk(unit_id, on)
    if held:
        return True
    inherited = _INHERITED_ROLES[action]
    if not inherited:
        return False
    if not any(rs & inherited for rs in roles.values()):
        return False
    return Unit.objects.filter(pk=unit_id, id__in=_below_sql(user, inherited, on)).exists()


def _has_clerk(unit_id: int, on: dt.date) -> bool:
    return Membership.objects.filter(membership_in_force(on), unit_id=unit_id, role=Role.CLERK).exists()


def require(user: Any, action: Action | str, unit: Unit | int) -> None:
    """Raise :class:`PermissionDenied` unless :func:`can` allows it; a ``TypeError`` for no actor."""
    if not can(user, action, unit):
        raise PermissionDenied(code=f"access.{Action(action).value}_denied")


def units_for(user: Any, action: Action | str, *, on: dt.date | None = None) -> QuerySet[Unit]:
    """The units where ``user`` may do ``action`` on ``on`` (today by default), as a query."""
    require_actor(user)
    action = Action(action)
    if action is Action.VIEW:
        return units_visible_to(user, on=on)
    if sees_everything(user):
        return Unit.objects.all()
    if not _signed_in(user):
        return Unit.objects.none()
    on = on or _today()
    direct = set(_DIRECT_ROLES[action])
    if action is Action.ISSUE:
        # A leader numbers only where the unit has no clerk in office (Nghị định 30, Điều 15).
        direct.discard(Role.LEADER)
        clerks = Membership.objects.filter(membership_in_force(on), role=Role.CLERK).values("unit_id")
        leading = _memberships(user, on).filter(role=Role.LEADER).exclude(unit_id__in=clerks)
        q = Q(id__in=leading.values("unit_id"))
    else:
        q = Q()
    q |= Q(id__in=_memberships(user, on).filter(role__in=direct).values("unit_id"))
    inherited = _INHERITED_ROLES[action]
    if inherited:
        q |= Q(id__in=_below_sql(user, inherited, on))
    return Unit.objects.filter(q)


def forget(user: Any) -> None:
    """Drop the per-request cache (after a membership change in the same request or test)."""
    for attr in (_CACHE_ATTR, "_loa_visible"):
        if hasattr(user, attr):
            delattr(user, attr)

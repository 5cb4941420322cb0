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
- Django superusers may do everything.

Issuing follows Nghị định 30 (Điều 15): the leader approves (``APPROVE``), the clerk (văn thư) takes
the number; a leader issues only in a unit that has no clerk, so such a unit is never stuck.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from loa.core.errors import PermissionDenied
from loa.organizations.models import Membership, Role, Unit
from loa.organizations.selectors import unit_ancestor_ids, unit_subtree_ids

_CACHE_ATTR = "_loa_access_cache"


class Action(StrEnum):
    VIEW = "view"
    RECORD = "record"
    ISSUE = "issue"
    APPROVE = "approve"
    COORDINATE = "coordinate"
    MANAGE = "manage"
    REGISTER = "register"


_DIRECT_ROLES = {
    Action.RECORD: {Role.OFFICER, Role.LEADER, Role.COORDINATOR, Role.ADMIN},
    Action.ISSUE: {Role.LEADER, Role.CLERK},
    Action.APPROVE: {Role.LEADER},
    Action.COORDINATE: {Role.COORDINATOR, Role.ADMIN},
    Action.MANAGE: {Role.ADMIN},
    # Registering documents (vào sổ, nhập văn bản) — kept apart from the other actions for merging.
    Action.REGISTER: {Role.CLERK, Role.LEADER, Role.OFFICER, Role.COORDINATOR, Role.ADMIN},
}
_INHERITED_ROLES = {
    Action.RECORD: {Role.ADMIN},
    Action.ISSUE: set(),
    Action.APPROVE: set(),
    Action.COORDINATE: {Role.COORDINATOR, Role.ADMIN},
    Action.MANAGE: {Role.ADMIN},
    Action.REGISTER: {Role.ADMIN},
}
_SUBTREE_VIEWERS = {Role.COORDINATOR, Role.ADMIN}


def _roles(user: Any) -> dict[int, set[str]]:
    """unit id → roles held there (cached on the user object for the request)."""
    cache = getattr(user, _CACHE_ATTR, None)
    if cache is None:
        cache = {}
        if getattr(user, "is_authenticated", False):
            for unit_id, role in Membership.objects.filter(user=user).values_list("unit_id", "role"):
                cache.setdefault(unit_id, set()).add(role)
        setattr(user, _CACHE_ATTR, cache)
    return cache


def units_visible_to(user: Any) -> set[int] | None:
    """Ids of the units whose records ``user`` may read; ``None`` means every unit (superuser)."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return None
    roles = _roles(user)
    key = "_loa_visible"
    cached = getattr(user, key, None)
    if cached is not None:
        return set(cached)
    own = set(roles)
    wide = [uid for uid, rs in roles.items() if rs & _SUBTREE_VIEWERS]
    visible = own | (unit_subtree_ids(unit_ids=wide) if wide else set())
    setattr(user, key, visible)
    return set(visible)


def can(user: Any, action: Action | str, unit: Unit | int) -> bool:
    """Whether ``user`` may do ``action`` on ``unit``."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    unit_id = unit if isinstance(unit, int) else unit.pk
    action = Action(action)
    if action is Action.VIEW:
        visible = units_visible_to(user)
        return visible is None or unit_id in visible
    roles = _roles(user)
    held = roles.get(unit_id, set()) & _DIRECT_ROLES[action]
    if action is Action.ISSUE and held == {Role.LEADER}:
        return not _has_clerk(unit_id)
    if held:
        return True
    inherited = _INHERITED_ROLES[action]
    if not inherited:
        return False
    holders = {uid for uid, rs in roles.items() if rs & inherited}
    return bool(holders) and bool(holders & unit_ancestor_ids(unit_ids=[unit_id]))


def _has_clerk(unit_id: int) -> bool:
    return Membership.objects.filter(unit_id=unit_id, role=Role.CLERK).exists()


def require(user: Any, action: Action | str, unit: Unit | int) -> None:
    """Raise :class:`PermissionDenied` unless :func:`can` allows it."""
    if not can(user, action, unit):
        raise PermissionDenied(code=f"access.{Action(action).value}_denied")


def units_for(user: Any, action: Action | str) -> set[int] | None:
    """Ids of units where ``user`` may do ``action`` (``None``: all, for a superuser)."""
    if getattr(user, "is_superuser", False):
        return None
    action = Action(action)
    if action is Action.VIEW:
        return units_visible_to(user)
    roles = _roles(user)
    direct = {uid for uid, rs in roles.items() if rs & _DIRECT_ROLES[action]}
    inherited_from = [uid for uid, rs in roles.items() if rs & _INHERITED_ROLES[action]]
    if inherited_from:
        direct |= unit_subtree_ids(unit_ids=inherited_from)
    if action is Action.ISSUE:
        direct = {uid for uid in direct if can(user, action, uid)}
    return direct


def forget(user: Any) -> None:
    """Drop the per-request cache (after a membership change in the same request or test)."""
    for attr in (_CACHE_ATTR, "_loa_visible"):
        if hasattr(user, attr):
            delattr(user, attr)

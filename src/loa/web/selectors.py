"""Reads used by the web layout only."""

from __future__ import annotations

from typing import Any

from loa.organizations.models import Membership, Unit


def my_units(*, user: Any) -> list[Unit]:
    """Units where the user holds a role, for the navigation menu (first = home unit)."""
    ids = list(Membership.objects.filter(user=user).order_by("id").values_list("unit_id", flat=True))
    units = {u.id: u for u in Unit.objects.filter(id__in=ids)}
    seen: list[Unit] = []
    for i in ids:
        if i in units and units[i] not in seen:
            seen.append(units[i])
    return seen

"""Reads used by the web layout only."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from loa.organizations.access import membership_in_force
from loa.organizations.models import Membership, Unit


def my_units(*, user: Any) -> list[Unit]:
    """Units where the user holds a role today, for the navigation menu (first = home unit)."""
    today = timezone.localdate()
    ids = list(
        Membership.objects.filter(membership_in_force(today), user_id=user.pk)
        .order_by("id")
        .values_list("unit_id", flat=True)
    )
    units = {u.id: u for u in Unit.objects.filter(id__in=ids)}
    seen: list[Unit] = []
    for i in ids:
        if i in units and units[i] not in seen:
            seen.append(units[i])
    return seen

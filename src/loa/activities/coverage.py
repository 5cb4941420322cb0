"""Coverage of monthly orientations (định hướng tuyên truyền): for each recipient unit and month,
whether the unit answered with an activity citing the orientation, only acknowledged it, or did
nothing. Lives in ``activities`` because the answer is an Activity's ``orientation`` link.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from loa.activities.models import Activity
from loa.core.errors import NotFound
from loa.organizations.access import Action, can
from loa.organizations.models import Unit
from loa.plans.models import OrientationRecipient


class Coverage(StrEnum):
    ANSWERED = "answered"  # an activity of the unit cites the orientation
    ACKNOWLEDGED = "acknowledged"  # "Đã nhận", no activity yet
    PENDING = "pending"  # sent, neither acknowledged nor answered
    NONE = "none"  # no orientation to this unit that month


COVERAGE_LABELS = {
    Coverage.ANSWERED: "Đã thực hiện",
    Coverage.ACKNOWLEDGED: "Đã nhận",
    Coverage.PENDING: "Chưa phản hồi",
    Coverage.NONE: "",
}


@dataclass(frozen=True)
class CoverageRow:
    unit: Unit
    cells: list[Coverage]

    @property
    def answered(self) -> int:
        return sum(1 for c in self.cells if c is Coverage.ANSWERED)


def orientation_coverage(*, user: Any, unit: Unit, year: int) -> list[CoverageRow]:
    """Units × months (1–12) of ``year`` for the orientations ``unit`` sent; three queries."""
    if not can(user, Action.VIEW, unit):
        raise NotFound("Không tìm thấy đơn vị.", code="units.not_found")
    recipients = list(
        OrientationRecipient.objects.filter(orientation__unit=unit, orientation__month__year=year)
        .select_related("unit")
        .values_list("orientation_id", "orientation__month", "unit_id", "acknowledged_at")
    )
    answered = set(
        Activity.objects.filter(orientation__unit=unit, orientation__month__year=year)
        .values_list("orientation_id", "unit_id")
        .distinct()
    )
    rank = {Coverage.NONE: 0, Coverage.PENDING: 1, Coverage.ACKNOWLEDGED: 2, Coverage.ANSWERED: 3}
    grid: dict[int, list[Coverage]] = {}
    for orientation_id, month, unit_id, acknowledged_at in recipients:
        if (orientation_id, unit_id) in answered:
            state = Coverage.ANSWERED
        elif acknowledged_at is not None:
            state = Coverage.ACKNOWLEDGED
        else:
            state = Coverage.PENDING
        cells = grid.setdefault(unit_id, [Coverage.NONE] * 12)
        if rank[state] > rank[cells[month.month - 1]]:
            cells[month.month - 1] = state
    units = Unit.objects.filter(id__in=grid).order_by("name")
    return [CoverageRow(unit=u, cells=grid[u.id]) for u in units]

"""A report's figures and its "cùng kỳ năm trước" (ADR 0029): the same span one year earlier, read
through lineage (a ward formed on 01/07/2025 compares with the work of the communes it came from)
and with the figures imported from old reports counted where they exceed the records (ADR 0026),
by the rules the dashboard uses (:mod:`loa.activities.stats`).

A report may be dated before its period ends ("tính đến ngày 21/10/2022"): then both spans stop at
that day, and an imported figure counts only when its whole period lies within the span.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Sum

from loa.activities.history import extra_by_channel, historical_extras
from loa.activities.models import Activity, HistoricalFigure
from loa.activities.stats import Scope, Window, _ids_of, _scope, _sources
from loa.core.periods import Period, PeriodKind, WindowMode
from loa.organizations.lineage import LineageSource, predecessors_phrase, split_notes
from loa.organizations.models import Unit

__all__ = ["Comparison", "channel_comparison", "channel_imported", "year_earlier"]


@dataclass(frozen=True)
class Comparison:
    """The figures of the same span one year earlier, per channel code, and whose work they are."""

    year: int
    start: dt.date
    end: dt.date
    values: dict[str, int]
    imported: dict[str, int] = field(default_factory=dict)
    predecessors: str = ""  # "phường Tứ Hạ, phường Hương Văn" when lineage stood in
    splits: list[str] = field(default_factory=list)  # split_notes of those predecessors

    @property
    def label(self) -> str:
        """ "cùng kỳ năm 2024 (số liệu của xã A và xã B trước sắp xếp; số liệu của cả xã X, nay
        thuộc phường A và xã B)" — how the report names the comparison."""
        notes = (
            [f"số liệu của {self.predecessors} trước sắp xếp"] if self.predecessors else []
        ) + self.splits
        return f"cùng kỳ năm {self.year}" + (f" ({'; '.join(notes)})" if notes else "")

    def as_dict(self) -> dict[str, Any]:
        """What a submission freezes, so that an issued report's comparison never changes."""
        return {
            "year": self.year,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "values": self.values,
            "imported": self.imported,
            "predecessors": self.predecessors,
            "splits": self.splits,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Comparison:
        return cls(
            year=int(data["year"]),
            start=dt.date.fromisoformat(data["start"]),
            end=dt.date.fromisoformat(data["end"]),
            values={str(k): int(v) for k, v in data.get("values", {}).items()},
            imported={str(k): int(v) for k, v in data.get("imported", {}).items()},
            predecessors=str(data.get("predecessors", "")),
            splits=[str(s) for s in data.get("splits", [])],
        )


def year_earlier(day: dt.date) -> dt.date:
    """The same day one year earlier (29/02 → 28/02)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def _months_within(period: Period, end: dt.date, mode: WindowMode) -> list[tuple[int, int]]:
    """The months of ``period`` whose whole window ends by ``end``."""
    return [
        (y, m)
        for y, m in period.months()
        if Period(kind=PeriodKind.MONTH, year=y, index=m).window(mode)[1] <= end
    ]


def _imported(ids: set[int], period: Period, end: dt.date, mode: WindowMode) -> dict[str, int]:
    if not HistoricalFigure.objects.filter(year__in={y for y, _ in period.months()}).exists():
        return {}
    months = period.months() if end >= period.window(mode)[1] else _months_within(period, end, mode)
    return extra_by_channel(historical_extras(unit_ids=ids, months=months, mode=mode))


def _counted(user: Any, unit: Unit, window: Window, subtree: bool) -> tuple[set[int], list[LineageSource]]:
    scope: Scope = _scope(user, unit)
    sources = _sources(unit, window, True, scope, subtree)
    return _ids_of(sources, window, subtree, scope), sources


def channel_imported(
    *, user: Any, unit: Unit, period: Period, end: dt.date, subtree: bool, mode: WindowMode
) -> dict[str, int]:
    """channel code → what imported figures add to the report's own span (``period`` up to ``end``)."""
    start = period.window(mode)[0]
    ids, _ = _counted(user, unit, (start, end), subtree)
    return _imported(ids, period, end, mode)


def channel_comparison(
    *, user: Any, unit: Unit, period: Period, end: dt.date, subtree: bool, mode: WindowMode
) -> Comparison:
    """The report's "cùng kỳ năm trước": ``period`` one year earlier up to ``end`` one year earlier,
    through lineage, activities and imported figures. Refused unless ``user`` may see ``unit``."""
    previous = period.previous_year()
    start = previous.window(mode)[0]
    p_end = max(start, year_earlier(end))
    ids, sources = _counted(user, unit, (start, p_end), subtree)
    recorded = dict(
        Activity.objects.filter(unit_id__in=ids, date__gte=start, date__lte=p_end)
        .values("channel__code")
        .annotate(total=Sum("quantity"))
        .values_list("channel__code", "total")
    )
    imported = _imported(ids, previous, p_end, mode)
    values = {c: recorded.get(c, 0) + imported.get(c, 0) for c in set(recorded) | set(imported)}
    return Comparison(
        year=previous.year,
        start=start,
        end=p_end,
        values={c: v for c, v in values.items() if v},
        imported=imported,
        predecessors=predecessors_phrase(sources=sources),
        splits=split_notes(sources=sources),
    )

"""The results of :mod:`loa.activities.stats`: rows, the whole table, plan completion, and the table
as the JSON document that ``loa stats --json`` prints and the API returns."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

from loa.core.periods import Period, WindowMode
from loa.organizations.lineage import LineageSource
from loa.organizations.models import Unit

StatsBy = Literal["channel", "area", "unit", "month"]


@dataclass(frozen=True)
class StatsRow:
    """One line of a statistics table.

    ``key`` is the channel code, area code, unit code or month ("2022-03"); ``target`` is the plan
    target when one applies; ``previous`` is the same line for the same period one year earlier.
    For ``by="unit"``, ``completion`` is the plan completion in % (see :func:`plan_completion`).

    By channel, ``actual`` is a quantity in the channel's own measure (tin, bài; lượt phát…). By
    area, unit and month, ``actual`` is a number of activities (measure "hoạt động"): quantities of
    different channels are never added together.

    ``to_date`` (lũy kế) is set by channel when the period is shorter than the plan year: the
    quantity from the start of the year to the end of the period, the figure the annual ``target``
    is measured against.
    """

    key: str
    name: str
    measure: str
    target: int | None
    actual: int
    previous: int = 0
    completion: int | None = None
    to_date: int | None = None
    ended: dt.date | None = None  # by unit: the last day of a dissolved or merged unit
    # What figures imported from old reports add above the records (ADR 0026, 0029), included in
    # ``actual``/``previous`` (by unit: beside them, since ``actual`` there counts activities).
    imported: int = 0
    previous_imported: int = 0

    @property
    def percent(self) -> int | None:
        """Progress against the annual target in % (not capped): the year to date when the period is
        shorter than a year, else the period's figure; ``None`` when there is no target."""
        if not self.target:
            return None
        done = self.actual if self.to_date is None else self.to_date
        return round(100 * done / self.target)

    def as_dict(self, by: str) -> dict[str, Any]:
        out: dict[str, Any] = {
            by: self.key,
            "name": self.name,
            "measure": self.measure,
            "target": self.target,
            "actual": self.actual,
            "percent": self.percent,
            "previous_year": self.previous,
        }
        if by == "unit":
            out["completion"] = self.completion
            if self.ended is not None:
                out["ended"] = self.ended.isoformat()
        if self.to_date is not None:
            out["to_date"] = self.to_date
        if self.imported or self.previous_imported:
            out["imported"] = self.imported
        return out


@dataclass(frozen=True)
class StatsResult:
    """A statistics table: the rows, the window counted and the year-earlier window."""

    unit: Unit
    period: Period
    window_mode: WindowMode
    start: dt.date
    end: dt.date
    previous_start: dt.date
    previous_end: dt.date
    subtree: bool
    by: str
    rows: list[StatsRow] = field(default_factory=list)
    # The period "cùng kỳ" reads: the year before unless another year was asked for.
    previous_period: Period | None = None
    # With lineage: the units counted for the period and for the year before (the unit itself, and
    # the units it succeeded when it did not yet exist for the whole window).
    sources: list[LineageSource] = field(default_factory=list)
    previous_sources: list[LineageSource] = field(default_factory=list)

    @property
    def compared(self) -> Period:
        return self.previous_period or self.period.previous_year()

    @property
    def compare_label(self) -> str:
        """ "Cùng kỳ năm trước", or "Cùng kỳ năm 2022" when another year was asked for."""
        if self.compared.year == self.period.year - 1:
            return "Cùng kỳ năm trước"
        return f"Cùng kỳ năm {self.compared.year}"

    @property
    def through_lineage(self) -> bool:
        return any(s.kind for s in self.sources)

    @property
    def previous_through_lineage(self) -> bool:
        return any(s.kind for s in self.previous_sources)

    @property
    def total_actual(self) -> int:
        """The rows added up, imported figures included (by unit they sit beside ``actual``)."""
        extra = sum(r.imported for r in self.rows) if self.by == "unit" else 0
        return sum(r.actual for r in self.rows) + extra

    @property
    def total_previous(self) -> int:
        extra = sum(r.previous_imported for r in self.rows) if self.by == "unit" else 0
        return sum(r.previous for r in self.rows) + extra

    @property
    def total_imported(self) -> int:
        """What figures imported from old reports add to the period (0 when there are none)."""
        return sum(r.imported for r in self.rows)


def plan_completion(pairs: list[tuple[int | None, int]]) -> int | None:
    """Plan completion in %: for each channel with a target, actual ÷ target capped at 100 %,
    averaged over those channels. ``None`` when no channel has a target (no plan to measure)."""
    shares = [min(actual / target, 1.0) for target, actual in pairs if target]
    if not shares:
        return None
    return round(100 * sum(shares) / len(shares))


def stats_payload(result: StatsResult) -> dict[str, Any]:
    """The figures as a JSON document: what ``loa stats --json`` prints and the API returns."""
    previous = result.compared
    if result.by == "channel":
        rows = [
            {"channel": r.key, "name": r.name, "measure": r.measure, "target": r.target, "actual": r.actual}
            # lũy kế: a period shorter than the plan year also gives the year to date.
            | ({} if r.to_date is None else {"to_date": r.to_date})
            # The part of ``actual`` read from old reports, where there is one.
            | ({"imported": r.imported} if r.imported or r.previous_imported else {})
            for r in result.rows
        ]
    else:
        rows = [r.as_dict(result.by) for r in result.rows]
    previous_rows = [
        {result.by: r.key, "actual": r.previous}
        | ({"imported": r.previous_imported} if r.imported or r.previous_imported else {})
        for r in result.rows
    ]
    payload: dict[str, Any] = {
        "unit": result.unit.code,
        "period": str(result.period),
        "window": {
            "mode": result.window_mode,
            "from": result.start.isoformat(),
            "to": result.end.isoformat(),
        },
        "subtree": result.subtree,
        "rows": rows,
        "previous_year": {
            "period": str(previous),
            "window": {"from": result.previous_start.isoformat(), "to": result.previous_end.isoformat()},
            "rows": previous_rows,
        },
    }
    if result.by != "channel":
        payload["by"] = result.by
    if result.sources:
        payload["lineage"] = _lineage_payload(result.sources)
        payload["previous_year"]["lineage"] = _lineage_payload(result.previous_sources)
    return payload


def _lineage_payload(sources: list[LineageSource]) -> list[dict[str, Any]]:
    """The units counted: the unit itself (kind null) and the predecessors that stood in for it."""
    return [
        {
            "unit": s.unit.code,
            "name": s.unit.name,
            "kind": s.kind or None,
            "date": s.date.isoformat() if s.date else None,
        }
        for s in sources
    ]

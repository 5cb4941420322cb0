"""Lineage (kế thừa): which units a unit succeeded, and the writes that record it.

A ward formed on 01/07/2025 (phường Hương Trà) has no figures of its own for 2022; reading its 2022
figures "through lineage" counts the units it succeeded (phường Tứ Hạ, Hương Văn, Hương Vân…), and
theirs in turn when they too succeeded others. :func:`lineage_sources` answers "whose work stands
for this unit in this window"; statistics then count those units as they count the unit itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from loa.core.audit import audit_record, snapshot
from loa.core.errors import ValidationError
from loa.organizations.access import Action, require
from loa.organizations.models import SuccessionKind, Unit, UnitSuccession


@dataclass(frozen=True)
class LineageSource:
    """A unit whose work counts for another in a window, and how it is related to it."""

    unit: Unit
    kind: str  # SuccessionKind value; "" for the unit itself
    date: dt.date | None  # the day its successor took over

    @property
    def label(self) -> str:
        """ "Ủy ban nhân dân phường Tứ Hạ (sáp nhập, 01/07/2025)"."""
        if not self.kind:
            return self.unit.name
        return f"{self.unit.name} ({SuccessionKind(self.kind).label.lower()}, {self.date:%d/%m/%Y})"


def sources_phrase(sources: list[LineageSource]) -> str:
    """The units counted, for a sentence: grouped by how and when they were succeeded, so seven
    departments merged on one day read "Phòng A; Phòng B; … (sáp nhập ngày 01/07/2025)" once.
    The unit itself, when it counts too, is "chính đơn vị"."""
    groups: dict[tuple[str, dt.date | None], list[str]] = {}
    for s in sources:
        groups.setdefault((s.kind, s.date), []).append(s.unit.name)
    parts = []
    for (kind, date), names in groups.items():
        if not kind:
            parts.append("chính đơn vị")
            continue
        how = (
            f"{SuccessionKind(kind).label.lower()} ngày {date:%d/%m/%Y}"
            if date
            else SuccessionKind(kind).label.lower()
        )
        parts.append(f"{'; '.join(names)} ({how})")
    return "; ".join(parts)


def _alive_during(unit: Unit, start: dt.date, end: dt.date) -> bool:
    return (unit.valid_from is None or unit.valid_from <= end) and (
        unit.valid_to is None or unit.valid_to >= start
    )


def lineage_sources(*, unit: Unit, start: dt.date, end: dt.date) -> list[LineageSource]:
    """The units whose work counts for ``unit`` over ``start``–``end``: the unit itself when it existed
    during the window, and every predecessor (recursively) that it succeeded after ``start``, i.e.
    one that still worked during the window. A unit existing for the whole window has no sources but
    itself. One query per generation (the 2025 merger: one or two)."""
    sources: list[LineageSource] = []
    if _alive_during(unit, start, end):
        sources.append(LineageSource(unit=unit, kind="", date=None))
    if unit.valid_from is None or unit.valid_from <= start:
        return sources
    seen = {unit.id}
    frontier = [unit.id]
    while frontier:
        rows = list(
            UnitSuccession.objects.filter(successor_id__in=frontier, date__gt=start)
            .select_related("predecessor")
            .order_by("predecessor__name")
        )
        frontier = []
        for row in rows:
            if row.predecessor_id in seen:
                continue
            seen.add(row.predecessor_id)
            if _alive_during(row.predecessor, start, end):
                sources.append(LineageSource(unit=row.predecessor, kind=row.kind, date=row.date))
            # A predecessor that itself began after the window start also stands on its own predecessors.
            if row.predecessor.valid_from is not None and row.predecessor.valid_from > start:
                frontier.append(row.predecessor_id)
    return sources


def successors_of(*, unit: Unit) -> list[UnitSuccession]:
    """Where a dissolved unit's work went (for "đã giải thể/sáp nhập từ …" notes)."""
    return list(UnitSuccession.objects.filter(predecessor=unit).select_related("successor"))


def _plain(name: str) -> str:
    """ "Ủy ban nhân dân xã Hương Bình" → "xã Hương Bình": the place, as a sentence names it."""
    for prefix in ("Ủy ban nhân dân ", "Uỷ ban nhân dân ", "UBND "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def _joined(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " và " + names[-1]


def split_notes(*, sources: list[LineageSource]) -> list[str]:
    """For each predecessor split between several successors, the sentence that says its figures
    are counted whole: "số liệu của cả xã Hương Bình, nay thuộc phường Kim Trà và xã Bình Điền".
    Its activities cannot be apportioned by place (ADR 0029), so each successor shows them all."""
    notes: list[str] = []
    for source in sources:
        if source.kind != SuccessionKind.SPLIT:
            continue
        successors = sorted({_plain(r.successor.name) for r in successors_of(unit=source.unit)})
        note = f"số liệu của cả {_plain(source.unit.name)}, nay thuộc {_joined(successors)}"
        if note not in notes:
            notes.append(note)
    return notes


def predecessors_phrase(*, sources: list[LineageSource]) -> str:
    """ "xã A, xã B" — the predecessors among ``sources`` (empty when the unit stood alone)."""
    return _joined([_plain(s.unit.name) for s in sources if s.kind]) if any(s.kind for s in sources) else ""


def predecessor_ids(*, unit_id: int) -> set[int]:
    """Ids of every unit ``unit_id`` succeeded, directly or through others."""
    seen: set[int] = set()
    frontier = {unit_id}
    while frontier:
        ids = set(
            UnitSuccession.objects.filter(successor_id__in=frontier).values_list("predecessor_id", flat=True)
        )
        frontier = ids - seen
        seen |= frontier
    return seen


def succession_problem(*, predecessor: Unit, successor: Unit, date: dt.date) -> str | None:
    """Why ``predecessor`` → ``successor`` on ``date`` cannot be recorded (Vietnamese), or None."""
    if predecessor.pk == successor.pk:
        return f"{predecessor.name} không thể kế thừa chính nó."
    if predecessor.valid_to is not None and predecessor.valid_to >= date:
        return (
            f"{predecessor.name} hoạt động đến {predecessor.valid_to:%d/%m/%Y}, không thể là tiền thân của "
            f"{successor.name} từ {date:%d/%m/%Y}: đơn vị tiền thân phải kết thúc trước ngày kế thừa."
        )
    if successor.valid_from is not None and successor.valid_from > date:
        return (
            f"{successor.name} chỉ hoạt động từ {successor.valid_from:%d/%m/%Y}, không thể kế thừa "
            f"từ {date:%d/%m/%Y}."
        )
    if successor.pk in predecessor_ids(unit_id=predecessor.pk):
        return (
            f"{successor.name} đã là tiền thân của {predecessor.name}: quan hệ kế thừa không được tạo vòng."
        )
    return None


@transaction.atomic
def succession_create(
    *, actor: Any, predecessor: Unit, successor: Unit, date: dt.date, kind: SuccessionKind | str
) -> UnitSuccession:
    """Record that ``successor`` took over ``predecessor`` on ``date`` (checked and audited)."""
    require(actor, Action.MANAGE, successor)
    kind = SuccessionKind(kind)
    problem = succession_problem(predecessor=predecessor, successor=successor, date=date)
    if problem:
        raise ValidationError(problem, code="units.bad_succession")
    if UnitSuccession.objects.filter(predecessor=predecessor, successor=successor).exists():
        raise ValidationError(
            f"Đã ghi {successor.name} kế thừa {predecessor.name}.", code="units.succession_exists"
        )
    row = UnitSuccession.objects.create(predecessor=predecessor, successor=successor, date=date, kind=kind)
    audit_record(actor=actor, verb="unit.succession", target=row, unit_id=successor.pk, after=snapshot(row))
    return row


@transaction.atomic
def succession_delete(*, actor: Any, succession: UnitSuccession) -> None:
    """Remove a lineage link recorded by mistake (checked and audited)."""
    require(actor, Action.MANAGE, succession.successor)
    before = snapshot(succession)
    audit_record(
        actor=actor,
        verb="unit.succession_delete",
        target=succession,
        unit_id=succession.successor_id,
        before=before,
    )
    succession.delete()

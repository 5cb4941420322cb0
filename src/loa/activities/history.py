"""A unit's figures for past periods, imported from its old reports (issue 14, ADR 0026).

An office that adopts Loa has years of reports whose figures it wants for "cùng kỳ năm trước".
:func:`historical_figures_store` keeps them as :class:`~loa.activities.models.HistoricalFigure`
rows (unit × period × channel, with the report they came from); :func:`historical_extra` is what
statistics add for them.

The rule against double counting: for one unit, one period and one channel, the count is the
larger of the imported figure and the activities recorded in that period's window — never the
sum. So an office that starts recording in the middle of a year it also imported keeps the
report's figure until its own records overtake it. A figure counts in a statistic only when its
whole period lies inside the period asked for (a yearly figure has no months: it counts for the
year, not for a quarter or on the monthly chart).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Sum

from loa.activities.locks import assert_unlocked
from loa.activities.models import Activity, HistoricalFigure
from loa.core import vn
from loa.core.actors import require_actor, user_of
from loa.core.audit import audit_record
from loa.core.errors import ValidationError
from loa.core.periods import Period, WindowMode, parse_period
from loa.organizations.access import Action, require
from loa.organizations.models import Unit
from loa.plans.models import Channel

__all__ = [
    "Extra",
    "FigureRow",
    "extra_by_channel",
    "historical_extra",
    "historical_extras",
    "historical_figures_of",
    "historical_figures_store",
]


@dataclass(frozen=True)
class FigureRow:
    """One figure to store: a channel, its quantity and the report's phrase it was read from."""

    channel: Channel
    quantity: int
    phrase: str = ""


@transaction.atomic
def historical_figures_store(
    *, actor: Any, unit: Unit, period: Period, source_document: Any, rows: Sequence[FigureRow]
) -> list[HistoricalFigure]:
    """Store ``rows`` as ``unit``'s figures for ``period``, imported from ``source_document``.

    Importing the same report again replaces its figures. A channel that already has a figure for
    the unit and period from another report is refused (one figure per unit, period and channel),
    as are a zero or negative quantity and two rows of one channel; nothing is stored then.
    """
    require_actor(actor)
    require(actor, Action.RECORD, unit)
    if not rows:
        raise ValidationError("Không có số liệu nào để lưu.", code="history.empty")
    # A window whose report the unit has sent is locked for imported figures as for activities.
    for year, month in period.months():
        assert_unlocked(unit.pk, dt.date(year, month, 1))
    seen: set[int] = set()
    for row in rows:
        if row.quantity is None or row.quantity < 1:
            raise ValidationError(
                f"Số lượng của «{row.channel.name}» phải từ 1 trở lên.", code="history.quantity"
            )
        if row.channel.pk in seen:
            raise ValidationError(
                f"Hình thức «{row.channel.name}» có hai dòng số liệu: gộp lại thành một.",
                code="history.duplicate_channel",
            )
        seen.add(row.channel.pk)
    taken = (
        HistoricalFigure.objects.filter(unit=unit, period=period.code, channel_id__in=seen)
        .exclude(source_document=source_document)
        .select_related("channel", "source_document")
        .first()
    )
    if taken is not None:
        raise ValidationError(
            f"{unit.name} đã có số liệu «{taken.channel.name}» {period.label_vi} nhập từ văn bản "
            f"{taken.source_document.symbol or taken.source_document.subject}.",
            code="history.already_imported",
        )
    replaced = HistoricalFigure.objects.filter(unit=unit, period=period.code, source_document=source_document)
    before = {f.channel.code: f.quantity for f in replaced.select_related("channel")}
    replaced.delete()
    created = HistoricalFigure.objects.bulk_create(
        [
            HistoricalFigure(
                unit=unit,
                period=period.code,
                year=period.year,
                channel=row.channel,
                quantity=row.quantity,
                phrase=vn.collapse_ws(vn.nfc(row.phrase))[:500],
                source_document=source_document,
                created_by=user_of(actor),
            )
            for row in rows
        ]
    )
    audit_record(
        actor=actor,
        verb="history.import",
        target=source_document,
        unit_id=unit.pk,
        before={"period": period.code, "figures": before} if before else None,
        after={"period": period.code, "figures": {row.channel.code: row.quantity for row in rows}},
    )
    return created


def historical_figures_of(*, unit_ids: Iterable[int], year: int | None = None) -> list[HistoricalFigure]:
    """The imported figures of these units (of one year), for display; the caller scopes the units."""
    qs = HistoricalFigure.objects.filter(unit_id__in=list(unit_ids)).select_related(
        "channel", "source_document", "unit"
    )
    if year is not None:
        qs = qs.filter(year=year)
    return list(qs)


@dataclass(frozen=True)
class Extra:
    """What one imported figure adds above the activities recorded for its unit, channel and period."""

    unit_id: int
    channel: str  # channel code
    period: str  # the figure's period code ("2021", "2021-Q3", "2021-03")
    amount: int

    @property
    def month(self) -> tuple[int, int] | None:
        """(year, month) when the figure is of one month (it then has a place on a monthly chart)."""
        months = parse_period(self.period).months()
        return months[0] if len(months) == 1 else None


def historical_extras(
    *, unit_ids: set[int], months: Iterable[tuple[int, int]], mode: WindowMode
) -> list[Extra]:
    """For each imported figure of ``unit_ids`` whose whole period lies within ``months`` (year,
    month), the part of it above the activities recorded for its unit, channel and period's window
    (see the module's rule); figures fully covered by records are left out."""
    months = set(months)
    if not unit_ids or not months:
        return []
    years = {y for y, _ in months}
    figures = [
        f
        for f in HistoricalFigure.objects.filter(unit_id__in=unit_ids, year__in=years).select_related(
            "channel"
        )
        if set(parse_period(f.period).months()) <= months
    ]
    if not figures:
        return []
    by_window: dict[tuple[Any, Any], list[HistoricalFigure]] = defaultdict(list)
    for f in figures:
        by_window[parse_period(f.period).window(mode)].append(f)
    out: list[Extra] = []
    for (start, end), group in by_window.items():
        recorded = {
            (u, c): total
            for u, c, total in Activity.objects.filter(
                unit_id__in={f.unit_id for f in group},
                channel_id__in={f.channel_id for f in group},
                date__gte=start,
                date__lte=end,
            )
            .values("unit_id", "channel_id")
            .annotate(total=Sum("quantity"))
            .values_list("unit_id", "channel_id", "total")
        }
        for f in group:
            above = f.quantity - (recorded.get((f.unit_id, f.channel_id)) or 0)
            if above > 0:
                out.append(Extra(unit_id=f.unit_id, channel=f.channel.code, period=f.period, amount=above))
    return out


def historical_extra(*, unit_ids: set[int], period: Period, mode: WindowMode) -> dict[str, int]:
    """channel code → what imported figures add to the recorded activities of ``unit_ids`` for
    ``period``: for each figure whose period lies inside ``period``, the part of it above the
    activities recorded for its unit, channel and period (see the module's rule)."""
    return extra_by_channel(historical_extras(unit_ids=unit_ids, months=period.months(), mode=mode))


def extra_by_channel(extras: Iterable[Extra]) -> dict[str, int]:
    """channel code → the extras added up."""
    out: dict[str, int] = defaultdict(int)
    for e in extras:
        out[e.channel] += e.amount
    return dict(out)

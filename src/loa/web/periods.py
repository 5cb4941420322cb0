"""The periods a user picks from a list ("Quý I/2022"), built from :mod:`loa.core.periods`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from loa.core.periods import Period, periods_of_year

__all__ = ["FIRST_YEAR", "period_groups", "period_label", "periods_of_year", "unit_years"]

FIRST_YEAR = 2020


def period_label(period: Period) -> str:
    """The period's name as a menu shows it, capitalised: "Năm 2022", "Tháng 3/2022"."""
    label = period.label_vi
    return label[:1].upper() + label[1:]


def unit_years(unit: Any = None, *, today: dt.date | None = None) -> list[int]:
    """Years worth offering for ``unit``, newest first: its lifetime, clipped to 2020 → this year."""
    today = today or dt.date.today()
    last = today.year
    first = FIRST_YEAR
    if unit is not None:
        if getattr(unit, "valid_to", None):
            last = min(last, unit.valid_to.year)
        if getattr(unit, "valid_from", None):
            first = max(first, unit.valid_from.year)
    return list(range(last, min(first, last) - 1, -1))


def period_groups(years: list[int], current: Period | None = None) -> list[tuple[str, list[tuple[str, str]]]]:
    """(group label, [(code, label)…]) per year, for a ``<select>`` with one ``<optgroup>`` a year.

    A current period outside those years (a 2021–2025 range, an old year typed in a link) is kept
    as a group of its own so the page still shows what it is about.
    """
    groups = [(f"Năm {y}", [(p.code, period_label(p)) for p in periods_of_year(y)]) for y in years]
    if current is not None and not any(current.code == code for _, opts in groups for code, _ in opts):
        groups.insert(0, ("Kỳ đang xem", [(current.code, period_label(current))]))
    return groups

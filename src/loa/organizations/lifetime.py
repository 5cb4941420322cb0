"""A unit's lifetime (``valid_from``–``valid_to``): what may be dated when.

An office that ceased on 30/06/2025 records no activity, plan or report after that day; one that
starts on 01/07/2025 nothing before it. Services call :func:`require_alive_on` and
:func:`require_alive_in_years`; forms call :func:`default_day` for a date inside the lifetime.
"""

from __future__ import annotations

import datetime as dt

from loa.core.errors import ValidationError
from loa.organizations.models import Unit


def default_day(unit: Unit, today: dt.date | None = None) -> dt.date:
    """Today if the unit exists today, else the last day of its life (or its first, if it starts later)."""
    today = today or dt.date.today()
    if unit.valid_to is not None and today > unit.valid_to:
        return unit.valid_to
    if unit.valid_from is not None and today < unit.valid_from:
        return unit.valid_from
    return today


def _bound(unit: Unit, day: dt.date) -> str | None:
    """How the unit's lifetime excludes ``day`` ("chỉ hoạt động đến 30/06/2025"), or None."""
    if unit.valid_to is not None and day > unit.valid_to:
        return f"chỉ hoạt động đến {unit.valid_to:%d/%m/%Y}"
    if unit.valid_from is not None and day < unit.valid_from:
        return f"chỉ hoạt động từ {unit.valid_from:%d/%m/%Y}"
    return None


def lifetime_problem(unit: Unit, day: dt.date, *, doing: str = "ghi nhận hoạt động") -> str | None:
    """The Vietnamese reason ``day`` is outside the unit's life, or None when it is inside.

    "Phòng Văn hóa và Thông tin chỉ hoạt động đến 30/06/2025; không ghi nhận hoạt động ngày 29/11/2026."
    """
    bound = _bound(unit, day)
    if bound is None:
        return None
    return f"{unit.name} {bound}; không {doing} ngày {day:%d/%m/%Y}."


def require_alive_on(
    unit: Unit, day: dt.date, *, doing: str = "ghi nhận hoạt động", field: str = "date"
) -> None:
    """Raise a :class:`ValidationError` (code ``units.out_of_lifetime``) if ``day`` is outside the unit's life."""
    message = lifetime_problem(unit, day, doing=doing)
    if message:
        raise ValidationError(message, code="units.out_of_lifetime", fields={field: message})


def require_alive_in_years(
    unit: Unit, year_from: int, year_to: int, *, doing: str = "lập kế hoạch", field: str = "year_from"
) -> None:
    """Raise unless the years ``year_from``–``year_to`` overlap the unit's life."""
    first, last = dt.date(year_from, 1, 1), dt.date(year_to, 12, 31)
    years = f"năm {year_from}" if year_from == year_to else f"các năm {year_from}–{year_to}"
    bound = None
    if unit.valid_to is not None and first > unit.valid_to:
        bound = _bound(unit, first)
    elif unit.valid_from is not None and last < unit.valid_from:
        bound = _bound(unit, last)
    if bound:
        message = f"{unit.name} {bound}; không {doing} {years}."
        raise ValidationError(message, code="units.out_of_lifetime", fields={field: message})

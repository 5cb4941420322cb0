"""The date a report carries when nobody chose one."""

from __future__ import annotations

import datetime as dt

from loa.core.periods import Period
from loa.organizations.models import Unit


def default_report_date(*, unit: Unit, period: Period, today: dt.date | None = None) -> dt.date:
    """Today for a current period; for a past one its last day (31/12/2022 for "năm 2022"), or the
    unit's last day when it ceased earlier (a report can only be dated while its unit exists)."""
    day = min(today or dt.date.today(), period.window("calendar")[1])
    if unit.valid_to is not None and unit.valid_to < day:
        day = unit.valid_to
    if unit.valid_from is not None and day < unit.valid_from:
        day = unit.valid_from
    return day

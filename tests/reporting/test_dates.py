"""The date a report carries when nobody chose one (issue 8, item 3)."""

import datetime as dt

from loa.core.actors import SYSTEM_CLI
from loa.core.periods import parse_period
from loa.reporting.dates import default_report_date
from loa.reporting.services import report_open

D = dt.date
TODAY = D(2026, 11, 29)


def test_a_past_period_is_dated_its_last_day_a_current_one_today(make_unit):
    unit = make_unit()
    assert default_report_date(unit=unit, period=parse_period("2022"), today=TODAY) == D(2022, 12, 31)
    assert default_report_date(unit=unit, period=parse_period("2022-Q1"), today=TODAY) == D(2022, 3, 31)
    assert default_report_date(unit=unit, period=parse_period("2022-03"), today=TODAY) == D(2022, 3, 31)
    assert default_report_date(unit=unit, period=parse_period("2026"), today=TODAY) == TODAY
    assert default_report_date(unit=unit, period=parse_period("2027"), today=TODAY) == TODAY


def test_a_unit_that_ceased_dates_its_reports_by_its_last_day(make_unit):
    unit = make_unit(valid_to=D(2025, 6, 30))
    assert default_report_date(unit=unit, period=parse_period("2025"), today=TODAY) == D(2025, 6, 30)
    assert default_report_date(unit=unit, period=parse_period("2025-Q1"), today=TODAY) == D(2025, 3, 31)


def test_opening_a_report_without_a_date_uses_the_default(make_unit):
    unit = make_unit(valid_to=D(2025, 6, 30))
    assert report_open(actor=SYSTEM_CLI, unit=unit, period="2022").report_date == D(2022, 12, 31)
    assert report_open(actor=SYSTEM_CLI, unit=unit, period="2025-H2").report_date == D(2025, 6, 30)

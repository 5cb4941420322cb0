"""Live statistics: windows (ND09 15th → 14th vs calendar), grouping by channel, area, unit and
month, plan vs actual, and the same period last year."""

import datetime as dt

import pytest

from loa.activities.services import activity_record
from loa.activities.stats import plan_completion, stats_table
from loa.core.actors import SYSTEM_CLI
from loa.core.periods import parse_period
from loa.plans.services import plan_create, target_set

D = dt.date


@pytest.fixture
def town(make_unit):
    town = make_unit("Thị xã thử")
    return town, make_unit("Phường A", parent=town), make_unit("Phường B", parent=town)


def record(unit, day, channel, qty=1, areas=()):
    return activity_record(
        actor=SYSTEM_CLI,
        unit=unit,
        date=day,
        channel=channel,
        title=f"Hoạt động {day}",
        quantity=qty,
        areas=areas,
    )


def actual(result, key):
    return {r.key: r for r in result.rows}[key].actual


def test_a_quarter_counts_the_14th_but_not_the_15th_under_nd09_and_the_whole_month_by_calendar(
    town, channels
):
    unit = town[0]
    record(unit, D(2021, 12, 14), channels["PORTAL"], 1)
    record(unit, D(2021, 12, 15), channels["PORTAL"], 2)
    record(unit, D(2022, 3, 14), channels["PORTAL"], 4)
    record(unit, D(2022, 3, 15), channels["PORTAL"], 8)
    q1 = parse_period("2022-Q1")
    nd09 = stats_table(user=SYSTEM_CLI, unit=unit, period=q1, window_mode="nd09")
    calendar = stats_table(user=SYSTEM_CLI, unit=unit, period=q1, window_mode="calendar")
    assert (nd09.start, nd09.end) == (D(2021, 12, 15), D(2022, 3, 14))
    assert actual(nd09, "PORTAL") == 2 + 4
    assert actual(calendar, "PORTAL") == 4 + 8
    assert stats_table(user=SYSTEM_CLI, unit=unit, period=q1).window_mode == "nd09", (
        "quarters default to ND09"
    )


def test_a_month_defaults_to_calendar_dates(town, channels):
    unit = town[0]
    record(unit, D(2022, 3, 1), channels["PORTAL"], 1)
    record(unit, D(2022, 3, 31), channels["PORTAL"], 2)
    march = stats_table(user=SYSTEM_CLI, unit=unit, period=parse_period("2022-03"))
    assert march.window_mode == "calendar" and actual(march, "PORTAL") == 3


def test_by_channel_gives_plan_vs_actual_and_last_year(town, channels):
    unit = town[0]
    plan = plan_create(actor=SYSTEM_CLI, unit=unit, title="KH 2022", year_from=2022)
    target_set(actor=SYSTEM_CLI, plan=plan, channel=channels["PORTAL"], quantity=10)
    record(unit, D(2022, 5, 1), channels["PORTAL"], 5)
    record(unit, D(2021, 5, 1), channels["PORTAL"], 3)
    result = stats_table(user=SYSTEM_CLI, unit=unit, period=parse_period("2022"), by="channel")
    row = result.rows[0]
    assert (row.key, row.target, row.actual, row.percent, row.previous) == ("PORTAL", 10, 5, 50, 3)
    assert (result.previous_start, result.previous_end) == (D(2020, 12, 15), D(2021, 12, 14))


def test_by_area_counts_an_activity_in_each_of_its_areas_and_keeps_untagged_ones(town, channels, areas):
    """Areas count activities: 2 tin, bài and 3 lượt phát are not 5 of anything."""
    unit = town[0]
    a1, a2 = list(areas.values())[:2]
    record(unit, D(2022, 5, 1), channels["PORTAL"], 2, areas=[a1, a2])
    record(unit, D(2022, 5, 2), channels["RADIO"], 3)
    record(unit, D(2022, 5, 3), channels["RADIO"], 4)
    record(unit, D(2021, 5, 2), channels["RADIO"], 7, areas=[a1])
    result = stats_table(user=SYSTEM_CLI, unit=unit, period=parse_period("2022"), by="area")
    rows = {r.key: r for r in result.rows}
    assert rows[a1.code].actual == 1 and rows[a2.code].actual == 1
    assert rows["KHAC"].actual == 2 and rows["KHAC"].measure == "hoạt động"
    assert rows[a1.code].previous == 1


def test_by_unit_rolls_each_unit_below_up_with_plan_completion_capped_per_channel(town, channels):
    root, a, b = town
    plan = plan_create(actor=SYSTEM_CLI, unit=a, title="KH A", year_from=2022)
    target_set(actor=SYSTEM_CLI, plan=plan, channel=channels["PORTAL"], quantity=2)
    target_set(actor=SYSTEM_CLI, plan=plan, channel=channels["RADIO"], quantity=10)
    record(a, D(2022, 4, 1), channels["PORTAL"], 6)  # 300 % counts as 100 %
    record(a, D(2022, 4, 1), channels["RADIO"], 5)  # 50 %
    record(b, D(2022, 4, 1), channels["RADIO"], 1)
    record(root, D(2022, 4, 1), channels["LED"], 1)
    result = stats_table(user=SYSTEM_CLI, unit=root, period=parse_period("2022"), subtree=True, by="unit")
    rows = {r.key: r for r in result.rows}
    assert result.rows[0].key == root.code
    assert rows[a.code].completion == 75
    assert rows[a.code].actual == 2, "two activities, never 6 tin, bài + 5 lượt phát = 11"
    assert rows[a.code].target is None and rows[a.code].measure == "hoạt động"
    assert rows[b.code].completion is None, "no plan, no completion"
    assert rows[b.code].actual == 1, "a unit without a plan still shows its work"
    assert rows[root.code].actual == 1
    assert sum(r.actual for r in result.rows) == 4
    assert [
        r.key for r in stats_table(user=SYSTEM_CLI, unit=root, period=parse_period("2022"), by="unit").rows
    ] == [root.code]


def test_plan_completion_rule():
    assert plan_completion([(4, 4), (5, 0)]) == 50
    assert plan_completion([(None, 3)]) is None
    assert plan_completion([(1, 9)]) == 100


@pytest.mark.parametrize("mode", ["nd09", "calendar"])
def test_by_month_counts_activities_and_adds_up_to_the_period_in_either_window(town, channels, mode):
    root, a, _ = town
    days = (D(2021, 12, 20), D(2022, 1, 14), D(2022, 1, 15), D(2022, 6, 30), D(2022, 12, 14), D(2022, 12, 20))
    for day in days:
        record(a, day, channels["PORTAL"], day.day)
    record(a, D(2021, 1, 20), channels["PORTAL"], 9)
    year = parse_period("2022")
    months = stats_table(user=SYSTEM_CLI, unit=root, period=year, window_mode=mode, subtree=True, by="month")
    assert len(months.rows) == 12 and months.rows[0].key == "2022-01"
    assert {r.measure for r in months.rows} == {"hoạt động"}
    assert months.total_actual == sum(1 for d in days if months.start <= d <= months.end)
    jan = months.rows[0]
    if mode == "nd09":
        assert jan.actual == 2 and jan.previous == 0  # 20/12/2021 and 14/01/2022
        assert months.rows[1].previous == 1  # 20/01/2021 falls in February 2021 under ND09
    else:
        assert jan.actual == 2 and jan.previous == 1  # 14/01 and 15/01


def test_months_are_calendar_months_unless_nd09_is_asked_for(town, channels):
    """ "Tháng 3" is 1–31/3 on the chart, in ``loa stats`` and in the activity list alike."""
    unit = town[0]
    record(unit, D(2022, 2, 20), channels["PORTAL"])
    record(unit, D(2022, 3, 1), channels["PORTAL"])
    record(unit, D(2022, 3, 31), channels["RADIO"], 5)
    months = stats_table(user=SYSTEM_CLI, unit=unit, period=parse_period("2022"), by="month")
    assert months.window_mode == "calendar"
    assert {r.key: r.actual for r in months.rows}["2022-03"] == 2
    assert (
        stats_table(user=SYSTEM_CLI, unit=unit, period=parse_period("2022"), by="channel").window_mode
        == "nd09"
    )


def test_a_quarter_measures_the_year_to_date_against_the_annual_target(town, channels):
    """Quý IV: 1 văn bản in the quarter, 11 since the start of the year (lũy kế), 12 planned → 92 %."""
    unit = town[0]
    plan = plan_create(actor=SYSTEM_CLI, unit=unit, title="KH 2022", year_from=2022)
    target_set(actor=SYSTEM_CLI, plan=plan, channel=channels["ORIENTATION"], quantity=12)
    for month in range(1, 12):
        record(unit, D(2022, month, 5), channels["ORIENTATION"])
    record(unit, D(2021, 12, 10), channels["PORTAL"], 3)  # before the ND09 year 2022 opens
    record(unit, D(2022, 2, 1), channels["PORTAL"], 2)  # earlier in the year, not in Q4
    q4 = stats_table(user=SYSTEM_CLI, unit=unit, period=parse_period("2022-Q4"))
    rows = {r.key: r for r in q4.rows}
    assert (rows["ORIENTATION"].actual, rows["ORIENTATION"].to_date) == (2, 11)  # 05/10, 05/11
    assert rows["ORIENTATION"].percent == 92
    assert (rows["PORTAL"].actual, rows["PORTAL"].to_date) == (0, 2)
    year = stats_table(user=SYSTEM_CLI, unit=unit, period=parse_period("2022"))
    assert all(r.to_date is None for r in year.rows)
    by_unit = stats_table(user=SYSTEM_CLI, unit=unit, period=parse_period("2022-Q4"), by="unit")
    assert by_unit.rows[0].completion == 92


def test_the_subtree_switch_decides_whether_units_below_count(town, channels):
    root, a, _ = town
    record(a, D(2022, 4, 1), channels["PORTAL"], 3)
    year = parse_period("2022")
    assert stats_table(user=SYSTEM_CLI, unit=root, period=year, subtree=False).rows == []
    assert actual(stats_table(user=SYSTEM_CLI, unit=root, period=year, subtree=True), "PORTAL") == 3

"""Figures imported from old reports everywhere a past figure is shown (issue 14 item 4, ADR 0029):
by channel, by month, by unit and by area agree on a period with imported figures, and activities
recorded later for the same period are never counted on top of them."""

from __future__ import annotations

import datetime as dt

import pytest

from loa.activities.history import FigureRow, historical_figures_store
from loa.activities.models import Activity
from loa.activities.stats import stats_table
from loa.activities.stats_breakdowns import IMPORTED
from loa.core.actors import SYSTEM_CLI
from loa.core.periods import parse_period
from loa.documents.services import document_create
from loa.organizations.models import Unit
from loa.plans.models import Channel, ContentArea

YEAR = 2020
VIEWS = ("channel", "month", "unit", "area")


def _store(unit: Unit, period: str, figures: dict[str, int], symbol: str) -> None:
    doc = document_create(
        actor=SYSTEM_CLI,
        kind="BC",
        subject=f"Báo cáo công tác tuyên truyền CCHC {period}",
        issuer_unit=unit,
        symbol=symbol,
        issued_date=parse_period(period).window("calendar")[1],
        direction="outgoing",
    )
    historical_figures_store(
        actor=SYSTEM_CLI,
        unit=unit,
        period=parse_period(period),
        source_document=doc,
        rows=[FigureRow(channel=Channel.objects.get(code=c), quantity=q) for c, q in figures.items()],
    )


def _record(unit: Unit, day: dt.date, channel: str, n: int = 1) -> None:
    area = ContentArea.objects.order_by("sort_order").first()
    for i in range(n):
        a = Activity.objects.create(
            unit=unit, date=day, channel=Channel.objects.get(code=channel), title=f"Hoạt động {channel} {i}"
        )
        a.areas.add(area)


def _totals(code: str, period: str, subtree: bool = False) -> dict[str, int]:
    unit = Unit.objects.get(code=code)
    return {
        by: stats_table(
            user=SYSTEM_CLI, unit=unit, period=parse_period(period), by=by, subtree=subtree, lineage=True
        ).total_actual
        for by in VIEWS
    }


@pytest.fixture
def imported(demo_world):
    """Phòng VHTT's 2020: a yearly report, a Q2 report and a March report, plus two activities
    recorded one by one (one quantity each, one content area each)."""
    vhtt = Unit.objects.get(code="huongtra-vhtt")
    _store(vhtt, "2020", {"PORTAL": 12, "RADIO": 48}, "215/BC-VHTT")
    _store(vhtt, "2020-Q2", {"PANEL": 2}, "101/BC-VHTT")
    _store(vhtt, "2020-03", {"MEETING": 3}, "40/BC-VHTT")
    _record(vhtt, dt.date(2020, 5, 10), "PORTAL")
    _record(vhtt, dt.date(2020, 8, 1), "MEETING")
    return vhtt


def test_every_view_agrees_on_a_period_with_imported_figures(imported):
    """12 + 48 + 2 + 3 imported, 1 PORTAL recorded under the 12 and 1 MEETING outside March:
    every view totals 12 + 48 + 2 + 3 + 1 = 66, for the office and for the town above it."""
    assert set(_totals("huongtra-vhtt", "2020").values()) == {66}
    town = _totals("huongtra", "2020", subtree=True)
    assert set(town.values()) == {66}, town
    # "Cùng kỳ" of 2021 is the same 66, whatever the view.
    unit = Unit.objects.get(code="huongtra-vhtt")
    for by in VIEWS:
        result = stats_table(user=SYSTEM_CLI, unit=unit, period=parse_period("2021"), by=by)
        assert result.total_previous == 66, by


def test_the_monthly_chart_places_a_months_figure_and_keeps_the_rest_apart(imported):
    """A March figure goes into March; the yearly and Q2 figures are one row of their own, never
    spread over invented months."""
    rows = stats_table(
        user=SYSTEM_CLI, unit=imported, period=parse_period("2020"), by="month", lineage=True
    ).rows
    by_key = {r.key: r for r in rows}
    assert by_key["2020-03"].actual == 3 and by_key["2020-03"].imported == 3
    assert by_key["2020-05"].actual == 1 and by_key["2020-05"].imported == 0
    assert by_key[IMPORTED].actual == 11 + 48 + 2
    assert "báo cáo cũ" in by_key[IMPORTED].name
    area = stats_table(user=SYSTEM_CLI, unit=imported, period=parse_period("2020"), by="area").rows
    assert [r.actual for r in area if r.key == IMPORTED] == [11 + 48 + 2 + 3]


def test_activities_recorded_later_for_the_period_are_not_counted_twice(imported):
    """Recording 10 more PORTAL items and 3 March meetings leaves every total where it was (the
    larger count, not the sum); a 13th PORTAL item goes past the report and counts."""
    _record(imported, dt.date(2020, 6, 1), "PORTAL", 10)
    _record(imported, dt.date(2020, 3, 5), "MEETING", 3)
    assert set(_totals("huongtra-vhtt", "2020").values()) == {66}
    _record(imported, dt.date(2020, 7, 1), "PORTAL", 2)
    assert set(_totals("huongtra-vhtt", "2020").values()) == {67}
    channel = stats_table(user=SYSTEM_CLI, unit=imported, period=parse_period("2020"))
    portal = next(r for r in channel.rows if r.key == "PORTAL")
    assert (portal.actual, portal.imported) == (13, 0)


def test_the_year_to_date_counts_figures_of_earlier_periods_of_the_year(imported):
    """Q3's lũy kế counts the Q2 report's panels and the March meetings (not the yearly report:
    its whole period is not over by September)."""
    rows = stats_table(user=SYSTEM_CLI, unit=imported, period=parse_period("2020-Q3")).rows
    to_date = {r.key: r.to_date for r in rows}
    assert to_date["PANEL"] == 2 and to_date["MEETING"] == 3 + 1
    assert to_date.get("RADIO", 0) == 0


def test_the_ranking_shows_a_units_imported_figures_beside_its_activities(imported):
    rows = stats_table(
        user=SYSTEM_CLI,
        unit=Unit.objects.get(code="huongtra"),
        period=parse_period("2020"),
        by="unit",
        subtree=True,
    ).rows
    vhtt = next(r for r in rows if r.key == "huongtra-vhtt")
    assert (vhtt.actual, vhtt.imported) == (2, 64)
    assert sum(r.imported for r in rows) == 64

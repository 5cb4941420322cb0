"""Statistics scope themselves: a unit the user may not see is refused with ``PermissionDenied``
(not an empty table, whose zeros would read as "the unit did nothing"); a subtree counts only the
units below that the user may see."""

import datetime as dt

import pytest

from loa.activities.selectors import activity_latest_year, activity_list, activity_similar
from loa.activities.services import activity_record
from loa.activities.stats import BY_CHOICES, counted_unit_ids, stats_table
from loa.core.actors import SYSTEM_CLI
from loa.core.errors import PermissionDenied
from loa.core.periods import parse_period

YEAR = parse_period("2022")


@pytest.fixture
def world(make_unit, make_user, channels):
    town = make_unit("Thị xã thử")
    ward_a = make_unit("Phường A", parent=town)
    ward_b = make_unit("Phường B", parent=town)
    other = make_unit("Huyện khác")
    for unit, qty in ((town, 1), (ward_a, 2), (ward_b, 4), (other, 8)):
        activity_record(
            actor=SYSTEM_CLI,
            unit=unit,
            date=dt.date(2022, 5, 5),
            channel=channels["PORTAL"],
            title=f"Tin của {unit.name}",
            quantity=qty,
        )
    return {
        "town": town,
        "ward_a": ward_a,
        "ward_b": ward_b,
        "other": other,
        "officer_a": make_user(ward_a, "officer"),
        "town_officer": make_user(town, "officer"),
        "coordinator": make_user(town, "coordinator"),
    }


def portal(result):
    return {r.key: r for r in result.rows}.get("PORTAL")


@pytest.mark.parametrize("by", BY_CHOICES)
def test_a_statistic_of_a_unit_the_user_may_not_see_is_refused(world, by):
    with pytest.raises(PermissionDenied):
        stats_table(user=world["officer_a"], unit=world["ward_b"], period=YEAR, by=by)
    with pytest.raises(PermissionDenied):
        stats_table(user=world["officer_a"], unit=world["town"], period=YEAR, subtree=True, by=by)
    with pytest.raises(PermissionDenied):
        counted_unit_ids(
            user=world["officer_a"],
            unit=world["other"],
            start=dt.date(2022, 1, 1),
            end=dt.date(2022, 12, 31),
            subtree=False,
        )


def test_a_member_of_the_town_counts_only_the_town_in_its_subtree_a_coordinator_counts_all(world):
    """A plain member sees their own unit; Nội vụ sees the units below too (access rules)."""
    mine = stats_table(user=world["town_officer"], unit=world["town"], period=YEAR, subtree=True)
    assert portal(mine).actual == 1
    whole = stats_table(user=world["coordinator"], unit=world["town"], period=YEAR, subtree=True)
    assert portal(whole).actual == 1 + 2 + 4
    system = stats_table(user=SYSTEM_CLI, unit=world["town"], period=YEAR, subtree=True)
    assert portal(system).actual == 1 + 2 + 4
    by_unit = stats_table(
        user=world["town_officer"], unit=world["town"], period=YEAR, subtree=True, by="unit"
    )
    assert [r.key for r in by_unit.rows] == [world["town"].code]
    ids = counted_unit_ids(
        user=world["town_officer"],
        unit=world["town"],
        start=dt.date(2022, 1, 1),
        end=dt.date(2022, 12, 31),
        subtree=True,
    )
    assert ids == {world["town"].id}


def test_the_ward_officer_sees_its_own_figures(world):
    assert portal(stats_table(user=world["officer_a"], unit=world["ward_a"], period=YEAR)).actual == 2


def test_lists_and_lookups_of_activities_are_scoped_to_the_user(world):
    officer = world["officer_a"]
    assert {a.unit_id for a in activity_list(user=officer)} == {world["ward_a"].id}
    all_units = {world[k].id for k in ("town", "ward_a", "ward_b", "other")}
    assert activity_latest_year(user=officer, unit_ids=all_units) == 2022
    assert activity_latest_year(user=officer, unit_ids={world["other"].id}) is None
    fields = {"title": "Tin của Huyện khác", "date": dt.date(2022, 5, 5), "evidence_url": ""}
    assert activity_similar(activity_or_fields=fields, exclude_unit=world["ward_a"], user=officer) is None
    assert (
        activity_similar(activity_or_fields=fields, exclude_unit=world["ward_a"], user=SYSTEM_CLI) is not None
    )

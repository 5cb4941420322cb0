"""Statistics through lineage: a ward formed in 2025 reads 2022 through the units it succeeded."""

import io
import json

import pytest
from django.core.management import call_command

from loa.activities.stats import stats_table
from loa.core.actors import SYSTEM_CLI
from loa.core.periods import parse_period
from loa.organizations.models import Unit

PREDECESSORS = {
    "phuong-tu-ha",
    "phuong-huong-van",
    "phuong-huong-van-2",
    "huongtra-vhtt",
    "huongtra-noivu",
    "huongtra-ttvhtt",
    "huongtra-tthcc",
}


def stats(*args) -> dict:
    out = io.StringIO()
    call_command("stats", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def actuals(payload: dict) -> dict[str, int]:
    return {r["channel"]: r["actual"] for r in payload["rows"] if r["actual"]}


@pytest.mark.django_db
def test_ward_2022_figures_are_those_of_the_units_it_succeeded(demo_world):
    """Without lineage phường Hương Trà has nothing in 2022; with it, exactly the sum of its seven
    predecessors' own figures."""
    assert actuals(stats("phuong-huong-tra", "2022")) == {}
    through = stats("phuong-huong-tra", "2022", "--lineage")
    expected: dict[str, int] = {}
    for code in PREDECESSORS:
        for channel, n in actuals(stats(code, "2022")).items():
            expected[channel] = expected.get(channel, 0) + n
    assert expected and actuals(through) == expected
    assert {s["unit"] for s in through["lineage"]} == PREDECESSORS
    assert {s["kind"] for s in through["lineage"]} == {"merge"}
    # The year before is read the same way.
    assert {s["unit"] for s in through["previous_year"]["lineage"]} == PREDECESSORS


@pytest.mark.django_db
def test_lineage_only_where_the_unit_did_not_exist(demo_world):
    """In 2026 the ward exists all year: lineage changes nothing."""
    assert actuals(stats("phuong-huong-tra", "2026", "--lineage")) == actuals(
        stats("phuong-huong-tra", "2026")
    )
    result = stats_table(
        user=SYSTEM_CLI,
        unit=Unit.objects.get(code="phuong-huong-tra"),
        period=parse_period("2026"),
        lineage=True,
    )
    assert not result.through_lineage
    # Its "cùng kỳ" (2025) is partly before 01/07/2025: the predecessors stand in beside the ward.
    assert result.previous_through_lineage
    assert result.previous_sources[0].unit.code == "phuong-huong-tra"


@pytest.mark.django_db
def test_city_2022_counts_the_old_province_units_its_coordinator_may_see(demo_world):
    """Thành phố Huế (from 01/01/2025) reads 2022 through tỉnh Thừa Thiên Huế (renamed): its
    coordinator sees the old province's history (lineage extends what it may read)."""
    assert actuals(stats("ubnd-hue", "2022", "--subtree", "--as", "noivu.hue")) == {}
    city = stats("ubnd-hue", "2022", "--subtree", "--lineage", "--as", "noivu.hue")
    province = stats("ubnd-tth", "2022", "--subtree", "--as", "noivu.hue")
    assert actuals(city) and actuals(city) == actuals(province)
    assert actuals(city) == actuals(stats("ubnd-tth", "2022", "--subtree"))
    assert [(s["unit"], s["kind"]) for s in city["lineage"]] == [("ubnd-tth", "rename")]
    by_unit = stats("ubnd-hue", "2022", "--subtree", "--lineage", "--by", "unit", "--as", "noivu.hue")
    rows = {r["unit"]: r for r in by_unit["rows"]}
    assert rows["huongtra"]["ended"] == "2025-06-30" and rows["huongtra"]["actual"] > 0
    assert "ubnd-tth" not in rows

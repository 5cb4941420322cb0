"""``loa stats --by``: the default shape is unchanged, plus last year; other groupings key their rows."""

import io
import json

from django.core.management import call_command


def run(*args) -> dict:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return json.loads(out.getvalue())


def test_the_default_output_keeps_its_shape_and_adds_last_year(demo_world):
    data = run("stats", "huongtra-vhtt", "2022", "--json")
    assert set(data) == {"unit", "period", "window", "subtree", "rows", "previous_year"}
    assert data["window"] == {"mode": "nd09", "from": "2021-12-15", "to": "2022-12-14"}
    assert all(set(r) == {"channel", "name", "measure", "target", "actual"} for r in data["rows"])
    assert data["previous_year"]["period"] == "2021"
    assert data["previous_year"]["window"] == {"from": "2020-12-15", "to": "2021-12-14"}
    assert [r["channel"] for r in data["previous_year"]["rows"]] == [r["channel"] for r in data["rows"]]
    assert run("stats", "huongtra-vhtt", "2022", "--by", "channel", "--json") == data


def test_window_calendar_moves_the_dates(demo_world):
    data = run("stats", "huongtra-vhtt", "2022", "--window", "calendar", "--json")
    assert data["window"] == {"mode": "calendar", "from": "2022-01-01", "to": "2022-12-31"}
    assert run("stats", "huongtra-vhtt", "2022-03", "--json")["window"]["mode"] == "calendar"


def test_by_month_area_and_unit_key_their_rows(demo_world):
    months = run("stats", "huongtra-vhtt", "2022", "--by", "month", "--json")
    assert months["by"] == "month" and [r["month"] for r in months["rows"]][:2] == ["2022-01", "2022-02"]
    assert months["window"] == {"mode": "calendar", "from": "2022-01-01", "to": "2022-12-31"}
    from loa.activities.models import Activity

    in_year = Activity.objects.filter(unit__code="huongtra-vhtt", date__year=2022).count()
    assert sum(r["actual"] for r in months["rows"]) == in_year, "months count activities"

    areas = run("stats", "huongtra", "2022", "--subtree", "--by", "area", "--json")
    assert all({"area", "name", "actual", "previous_year"} <= set(r) for r in areas["rows"])

    units = run("stats", "huongtra", "2022", "--subtree", "--by", "unit", "--json")
    codes = [r["unit"] for r in units["rows"]]
    assert codes[0] == "huongtra" and "huongtra-vhtt" in codes
    vhtt = next(r for r in units["rows"] if r["unit"] == "huongtra-vhtt")
    assert 0 <= vhtt["completion"] <= 100


def test_text_output_names_last_year(demo_world):
    out = io.StringIO()
    call_command("stats", "huongtra-vhtt", "2022", "--by", "area", stdout=out)
    assert "năm trước" in out.getvalue()

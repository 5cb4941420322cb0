"""``loa audit [--unit CODE] [--limit N] --json``: the latest log entries, scoped like the web page."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from loa.activities.services import activity_record, activity_update


def _run(*args) -> str:
    out = io.StringIO()
    call_command("audit", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def logged(cycle_world, channels):
    w = cycle_world
    activity = activity_record(
        actor=w["vhtt_officer"],
        unit=w["vhtt"],
        date=dt.date(2022, 3, 18),
        channel=channels["PORTAL"],
        title="Tin 1",
    )
    activity_update(actor=w["vhtt_officer"], activity=activity, quantity=7)
    return w


def test_the_json_lists_the_latest_events_with_what_changed(logged):
    rows = json.loads(_run("--unit", "tx-vhtt", "--limit", "1", "--json"))
    [row] = rows
    assert {"at", "actor", "verb", "object", "before", "after"} <= set(row)
    assert row["actor"] == "vhtt-canbo" and row["verb"] == "activity.update"
    assert row["object"]["type"] == "activities.activity" and row["object"]["repr"]
    assert row["before"] == {"quantity": 1} and row["after"] == {"quantity": 7}
    assert dt.datetime.fromisoformat(row["at"]).tzinfo is not None


def test_the_limit_and_the_unit_narrow_the_list(logged):
    assert len(json.loads(_run("--json", "--limit", "3"))) == 3
    assert all(r["unit_id"] == logged["ward"].pk for r in json.loads(_run("--unit", "tx-phuong", "--json")))


def test_as_a_coordinator_only_their_subtree_is_listed(logged):
    rows = json.loads(_run("--as", "noivu-tx", "--json", "--limit", "1000"))
    units = {r["unit_id"] for r in rows}
    assert logged["vhtt"].pk in units and logged["other"].pk not in units and None not in units


def test_as_an_officer_nothing_is_listed(logged):
    assert json.loads(_run("--as", "vhtt-canbo", "--json")) == []


def test_bad_options_are_refused_in_vietnamese(logged):
    with pytest.raises(CommandError, match="Không có đơn vị mã"):
        _run("--unit", "khong-co", "--json")
    with pytest.raises(CommandError, match="--limit phải là số"):
        _run("--limit", "0")


def test_the_text_output_names_the_action_in_vietnamese(logged):
    assert "Sửa hoạt động" in _run("--unit", "tx-vhtt")

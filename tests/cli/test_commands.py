"""The command line: demo (idempotent), stats (JSON shape of ARCHITECTURE/issue 2)."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from loa.organizations.models import Unit


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_demo_is_idempotent_and_prints_the_logins(db):
    first = run("demo")
    count = Unit.objects.count()
    second = run("demo")
    assert "Đã nạp" in first and "đã có sẵn" in second
    assert Unit.objects.count() == count
    assert "canbo.vhtt" in second


def test_demo_reset_rebuilds_the_same_world(db):
    run("demo")
    before = Unit.objects.count()
    run("demo", "--reset")
    assert Unit.objects.count() == before


def test_stats_json_shows_the_founding_figures(db):
    run("demo")
    data = json.loads(run("stats", "huongtra-vhtt", "2022", "--json"))
    assert data["unit"] == "huongtra-vhtt" and data["period"] == "2022"
    rows = {r["channel"]: r for r in data["rows"]}
    assert rows["PORTAL"]["actual"] == 2 and rows["PANEL"]["actual"] == 1
    assert set(rows["PORTAL"]) == {"channel", "name", "measure", "target", "actual"}


def test_stats_rejects_an_unknown_unit_or_period_in_vietnamese(db):
    run("demo")
    with pytest.raises(CommandError, match="Không có đơn vị"):
        run("stats", "khong-co", "2022")
    with pytest.raises(CommandError):
        run("stats", "huongtra-vhtt", "2022-Q7")

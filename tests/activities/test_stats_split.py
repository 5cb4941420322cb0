"""A predecessor split between several successors (ADR 0029): each successor counts its work in
full, says so, and a unit above that adds up its units never counts the same old activity twice."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Sum

from loa.activities.models import Activity
from loa.activities.stats import stats_table
from loa.core.actors import SYSTEM_CLI
from loa.core.periods import parse_period
from loa.organizations.lineage import split_notes
from loa.organizations.models import SuccessionKind, Unit, UnitSuccession
from loa.organizations.selectors import unit_subtree_ids
from loa.plans.models import Channel

SPLIT_NOTE = "số liệu của cả xã Hương Bình, nay thuộc phường Kim Trà và xã Bình Điền"


@pytest.fixture
def split(demo_world):
    """xã Hương Bình went partly to xã Bình Điền and partly to phường Kim Trà on 01/07/2025, and
    published 5 tin, bài in 2022."""
    old = Unit.objects.get(code="xa-huong-binh")
    UnitSuccession.objects.filter(predecessor=old).update(kind=SuccessionKind.SPLIT)
    UnitSuccession.objects.create(
        predecessor=old,
        successor=Unit.objects.get(code="phuong-kim-tra"),
        date=dt.date(2025, 7, 1),
        kind=SuccessionKind.SPLIT,
    )
    Activity.objects.create(
        unit=old,
        date=dt.date(2022, 4, 2),
        channel=Channel.objects.get(code="PORTAL"),
        title="Tin",
        quantity=5,
    )
    return old


def _portal(code: str, *, subtree: bool = False, period: str = "2022") -> int:
    result = stats_table(
        user=SYSTEM_CLI,
        unit=Unit.objects.get(code=code),
        period=parse_period(period),
        subtree=subtree,
        lineage=True,
    )
    return next((r.actual for r in result.rows if r.key == "PORTAL"), 0)


def test_each_successor_counts_the_split_unit_in_full_and_says_so(split):
    whole = _portal("xa-huong-binh")
    assert whole >= 5
    kim_tra = stats_table(
        user=SYSTEM_CLI,
        unit=Unit.objects.get(code="phuong-kim-tra"),
        period=parse_period("2022"),
        lineage=True,
    )
    assert "xa-huong-binh" in {s.unit.code for s in kim_tra.sources}
    assert split_notes(sources=kim_tra.sources) == [SPLIT_NOTE]
    binh_dien = _portal("xa-binh-dien")
    assert binh_dien >= whole and _portal("phuong-kim-tra") >= whole


def test_a_unit_above_the_successors_counts_the_split_unit_once(split):
    """The town of 2022 and the city reading 2022 through lineage count xã Hương Bình's 5 once:
    the sum over the distinct old units, not over the successors."""
    start, end = parse_period("2022").window()
    below = unit_subtree_ids(unit_ids=[Unit.objects.get(code="huongtra").id], start=start, end=end)
    assert split.id in below
    recorded = Activity.objects.filter(
        unit_id__in=below, channel__code="PORTAL", date__gte=start, date__lte=end
    ).aggregate(n=Sum("quantity"))["n"]
    assert _portal("huongtra", subtree=True) == recorded
    assert _portal("ubnd-hue", subtree=True) == _portal("ubnd-tth", subtree=True)
    ranking = stats_table(
        user=SYSTEM_CLI,
        unit=Unit.objects.get(code="ubnd-hue"),
        period=parse_period("2022"),
        by="unit",
        subtree=True,
        lineage=True,
    )
    keys = [r.key for r in ranking.rows]
    assert len(keys) == len(set(keys))


def test_the_dashboard_names_the_split_unit(split, client):
    client.force_login(get_user_model().objects.get(username="quantri"))
    html = client.get("/don-vi/phuong-kim-tra/?ky=2022").content.decode()
    assert SPLIT_NOTE in html

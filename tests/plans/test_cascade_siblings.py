"""Indirect leaks through the plan cascade (issue #11, hole 11): a ward reading the town's plan sees
its own part of the cascade, never its sibling wards' plans, targets or titles."""

from __future__ import annotations

import pytest

from loa.core.actors import SYSTEM_CLI
from loa.plans.cascade import plan_cascade
from loa.plans.models import Channel
from loa.plans.services import plan_create, target_set


@pytest.fixture
def town_plan_and_wards(cycle_world, make_unit):
    w = cycle_world
    channel = Channel.objects.filter(active=True).first()
    town = plan_create(actor=SYSTEM_CLI, unit=w["town"], title="Kế hoạch CCHC thị xã", year_from=2025)
    target_set(actor=SYSTEM_CLI, plan=town, channel=channel, quantity=10)
    ward_plan = plan_create(
        actor=SYSTEM_CLI, unit=w["ward"], title="Kế hoạch của phường", year_from=2025, parents=[town]
    )
    target_set(actor=SYSTEM_CLI, plan=ward_plan, channel=channel, quantity=3)
    sibling_plan = plan_create(
        actor=SYSTEM_CLI,
        unit=w["tp"],
        title="Kế hoạch riêng của Phòng Tư pháp",
        year_from=2025,
        parents=[town],
    )
    target_set(actor=SYSTEM_CLI, plan=sibling_plan, channel=channel, quantity=7)
    return town, channel


def test_the_cascade_of_the_towns_plan_shows_a_ward_only_its_own_part(cycle_world, town_plan_and_wards):
    w = cycle_world
    town, _ = town_plan_and_wards
    ward_view = plan_cascade(user=w["ward_officer"], plan=town)
    [line] = ward_view.lines
    assert line.children_total == 3 and line.children_count == 1
    assert {g.unit for g in ward_view.gaps} <= {w["ward"]}
    coordinator = plan_cascade(user=w["coordinator"], plan=town)
    assert coordinator.lines[0].children_total == 10


def test_the_plan_page_shows_no_sibling_plan_title(client, cycle_world, town_plan_and_wards):
    w = cycle_world
    town, _ = town_plan_and_wards
    client.force_login(w["ward_officer"])
    html = client.get(f"/ke-hoach/{town.pk}/").content.decode()
    assert "Kế hoạch của phường" in html
    assert "Phòng Tư pháp" not in html and "Kế hoạch riêng" not in html

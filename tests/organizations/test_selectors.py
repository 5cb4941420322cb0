"""The hierarchy over time: the units under X on date D, across the 2025 restructuring."""

import datetime as dt

from loa.organizations.selectors import unit_children, unit_parent, unit_subtree_ids


def test_the_town_had_its_offices_and_communes_in_2022_and_none_in_2026(demo_world):
    town = demo_world["huongtra"]
    in_2022 = unit_subtree_ids(unit_ids=[town.id], on=dt.date(2022, 10, 21))
    assert demo_world["huongtra-vhtt"].id in in_2022
    assert demo_world["phuong-tu-ha"].id in in_2022
    assert unit_subtree_ids(unit_ids=[town.id], on=dt.date(2026, 1, 1)) == {town.id}


def test_the_office_sat_under_the_province_in_2022_and_under_hue_in_early_2025(demo_world):
    town = demo_world["huongtra"]
    assert unit_parent(unit=town, on=dt.date(2022, 6, 1)) == demo_world["ubnd-tth"]
    assert unit_parent(unit=town, on=dt.date(2025, 3, 1)) == demo_world["ubnd-hue"]
    assert unit_parent(unit=town, on=dt.date(2025, 8, 1)) is None


def test_hue_has_two_tiers_after_july_2025_and_keeps_the_history_readable(demo_world):
    hue = demo_world["ubnd-hue"]
    now = set(unit_children(unit=hue, on=dt.date(2026, 1, 1)).values_list("code", flat=True))
    assert {"phuong-huong-tra", "phuong-kim-tra", "xa-binh-dien", "hue-snv"} == now
    ever = unit_subtree_ids(unit_ids=[hue.id])
    assert demo_world["huongtra-vhtt"].id in ever  # history: via Hương Trà's link in H1/2025

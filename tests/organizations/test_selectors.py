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


def test_subtrees_of_many_roots_at_once_match_one_query_per_root(demo_world):
    """The ranking of units below a town reads every child's subtree in a fixed number of queries;
    the answer must be the per-root one, across the 2025 restructuring included."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from loa.organizations.models import Unit
    from loa.organizations.selectors import unit_subtrees

    roots = list(Unit.objects.values_list("id", flat=True))
    for start, end in [
        (dt.date(2022, 1, 1), dt.date(2022, 12, 31)),
        (dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
    ]:
        with CaptureQueriesContext(connection) as queries:
            together = unit_subtrees(roots=roots, start=start, end=end)
        assert len(queries) == 2
        assert together == {r: unit_subtree_ids(unit_ids=[r], start=start, end=end) for r in roots}
    assert unit_subtrees(roots=[], start=dt.date(2022, 1, 1), end=dt.date(2022, 12, 31)) == {}


def test_subtrees_of_a_provinces_thousands_of_units_in_one_statement(make_unit):
    """A round of 3,500 units reads their subtrees at once: SQLite caps a compound SELECT at 500
    terms, so the seeds are one IN list (this failed with 600 roots before)."""
    from loa.organizations.models import Unit, UnitKind, UnitLink
    from loa.organizations.selectors import unit_subtrees

    province = make_unit(kind=UnitKind.PROVINCE)
    communes = Unit.objects.bulk_create(
        [Unit(name=f"Xã {i}", code=f"xa-nhieu-{i}", abbr="UBND", kind=UnitKind.COMMUNE) for i in range(600)]
    )
    UnitLink.objects.bulk_create(
        [UnitLink(child=c, parent=province, valid_from=dt.date(2000, 1, 1)) for c in communes]
    )
    roots = [province.id, *(c.id for c in communes)]
    got = unit_subtrees(roots=roots, start=dt.date(2022, 1, 1), end=dt.date(2022, 12, 31))
    assert len(got) == 601 and got[communes[0].id] == {communes[0].id}
    assert got[province.id] == set(roots)

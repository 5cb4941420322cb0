"""Every selector takes the user who reads and scopes itself (ADR 0013): aggregates included.

The walk below fails on a new public function of a selectors module that takes no ``user`` (or
``actor``), unless it is listed here with the reason it reads nothing a unit owns. The tests after
it prove that the aggregates which count a unit's whole subtree — the figures a report shows —
refuse a unit the user may not see.
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil

import pytest

import loa
from loa.activities.content_annex import content_annex_figures
from loa.activities.selectors import DuplicateFinder, activity_duplicate, channel_figures, plan_targets
from loa.activities.services import activity_record
from loa.core.actors import SYSTEM_CLI
from loa.core.errors import PermissionDenied
from loa.organizations.models import UnitKind
from loa.plans.selectors import orientation_scope_ids
from loa.plans.services import plan_create, target_set

# Functions that read no record a unit owns: the hierarchy of units and the catalogue are public
# reference data inside Loa; the rest refine a queryset already scoped or compute from values.
NOT_RECORDS = {
    "loa.activities.selectors.evidence_url_key": "a pure key of a link",
    "loa.activities.selectors.title_match_key": "a pure key of a title",
    "loa.activities.selectors.title_search": "narrows a queryset the caller scoped",
    "loa.activities.stats.year_to_date_start": "a date computed from a period",
    "loa.documents.selectors.subject_search": "narrows a queryset the caller scoped",
    "loa.organizations.selectors.unit_ancestor_ids": "the hierarchy (reference data)",
    "loa.organizations.selectors.unit_children": "the hierarchy (reference data)",
    "loa.organizations.selectors.unit_get": "the hierarchy (reference data)",
    "loa.organizations.selectors.unit_parent": "the hierarchy (reference data)",
    "loa.organizations.selectors.unit_subtree": "the hierarchy (reference data)",
    "loa.organizations.selectors.unit_subtree_ids": "the hierarchy (reference data)",
    "loa.organizations.selectors.unit_subtree_sql": "the hierarchy (reference data)",
    "loa.organizations.selectors.unit_subtrees": "the hierarchy (reference data)",
    "loa.plans.selectors.area_list": "the catalogue (reference data)",
    "loa.plans.selectors.channel_list": "the catalogue (reference data)",
    "loa.reporting.cycle_selectors.days_late": "computed from a submission already read",
}
# Modules of reads that are not named "selectors".
READ_MODULES = {"loa.activities.stats", "loa.activities.content_annex"}


def _read_modules():
    for info in pkgutil.walk_packages(loa.__path__, "loa."):
        name = info.name
        if name.endswith(("selectors", "_selectors")) or name in READ_MODULES:
            yield importlib.import_module(name)


def _public_reads():
    for module in _read_modules():
        for name, obj in inspect.getmembers(module):
            if name.startswith("_") or getattr(obj, "__module__", None) != module.__name__:
                continue
            if inspect.isfunction(obj):
                yield f"{module.__name__}.{name}", inspect.signature(obj).parameters
            elif (
                inspect.isclass(obj) and "__init__" in vars(obj) and not hasattr(obj, "__dataclass_fields__")
            ):
                yield f"{module.__name__}.{name}", inspect.signature(obj.__init__).parameters


READS = list(_public_reads())


def test_the_walk_found_the_reads():
    names = {n for n, _ in READS}
    assert "loa.activities.selectors.channel_figures" in names
    assert "loa.activities.stats.stats_table" in names
    assert "loa.activities.selectors.DuplicateFinder" in names
    assert len(names) > 40


@pytest.mark.parametrize(("name", "params"), READS, ids=[n for n, _ in READS])
def test_every_read_takes_the_user(name, params):
    if name in NOT_RECORDS:
        assert "user" not in params, f"{name} takes the user now: remove it from NOT_RECORDS"
        return
    assert "user" in params or "actor" in params, f"{name} reads records without the user who reads"


def test_the_exceptions_all_exist():
    names = {n for n, _ in READS}
    assert set(NOT_RECORDS) <= names, set(NOT_RECORDS) - names


DAY = dt.date(2022, 5, 2)


@pytest.fixture
def town(make_unit, make_user, channels):
    town = make_unit("UBND thị xã thử", kind=UnitKind.DISTRICT, code="tx-scope")
    office = make_unit("Phòng VH thử", parent=town, code="vh-scope")
    ward = make_unit("UBND phường thử", parent=town, kind=UnitKind.COMMUNE, code="p-scope")
    for unit in (town, office, ward):
        activity_record(
            actor=SYSTEM_CLI, unit=unit, date=DAY, channel=channels["PORTAL"], title=f"Tin {unit.code}"
        )
    return {
        "town": town,
        "office": office,
        "ward": ward,
        "officer": make_user(office, "officer"),
        "ward_officer": make_user(ward, "officer"),
        "coordinator": make_user(town, "coordinator"),
    }


def _figures(user, unit, **kw):
    return {
        f.channel: f.actual
        for f in channel_figures(user=user, unit=unit, start=DAY, end=DAY, year=2022, **kw)
    }


def test_channel_figures_refuse_a_unit_the_user_may_not_see(town):
    assert _figures(town["officer"], town["office"]) == {"PORTAL": 1}
    with pytest.raises(PermissionDenied):
        _figures(town["officer"], town["ward"])
    with pytest.raises(PermissionDenied):
        _figures(town["ward_officer"], town["town"], subtree=True)


def test_a_units_figures_count_its_whole_subtree_for_whoever_may_see_it(town):
    assert _figures(town["coordinator"], town["town"], subtree=True) == {"PORTAL": 3}
    assert _figures(SYSTEM_CLI, town["town"], subtree=True) == {"PORTAL": 3}


def test_content_annex_figures_refuse_a_unit_the_user_may_not_see(town):
    content_annex_figures(user=town["officer"], unit=town["office"], start=DAY, end=DAY)
    with pytest.raises(PermissionDenied):
        content_annex_figures(user=town["officer"], unit=town["town"], start=DAY, end=DAY, subtree=True)


def test_the_duplicate_check_refuses_a_unit_the_user_may_not_see(town, channels):
    same = {"date": DAY, "channel": channels["PORTAL"], "title": "Tin vh-scope"}
    assert activity_duplicate(user=town["officer"], unit=town["office"], **same) is not None
    with pytest.raises(PermissionDenied):
        activity_duplicate(user=town["officer"], unit=town["ward"], **same)
    with pytest.raises(PermissionDenied):
        DuplicateFinder(user=town["ward_officer"], unit=town["office"], dates=[DAY])


def test_the_orientation_scope_is_for_who_may_send_for_the_unit(town):
    assert orientation_scope_ids(user=town["officer"], unit=town["office"]) == {town["ward"].pk}
    with pytest.raises(PermissionDenied):
        orientation_scope_ids(user=town["ward_officer"], unit=town["office"])


def test_plan_targets_of_many_groups_in_two_queries_counting_only_visible_plans(
    town, channels, django_assert_num_queries
):
    portal = channels["PORTAL"]
    for unit, quantity in ((town["office"], 4), (town["ward"], 6)):
        plan = plan_create(actor=SYSTEM_CLI, unit=unit, title=f"Kế hoạch {unit.code}", year_from=2022)
        target_set(actor=SYSTEM_CLI, plan=plan, channel=portal, quantity=quantity)
    groups = {town["office"].pk: {town["office"].pk}, town["ward"].pk: {town["ward"].pk}}
    coordinator = town["coordinator"]
    plan_targets(user=coordinator, groups=groups, year=2022)  # warms the user's access cache
    with django_assert_num_queries(2):
        seen = plan_targets(user=coordinator, groups=groups, year=2022)
    assert seen == {town["office"].pk: {portal.pk: 4}, town["ward"].pk: {portal.pk: 6}}
    # The office's officer sees only the office's plan: the ward's targets are not counted for them.
    mine = plan_targets(user=town["officer"], groups=groups, year=2022)
    assert mine == {town["office"].pk: {portal.pk: 4}, town["ward"].pk: {}}
    # A root's own plan speaks for its group (the cascade is not counted twice).
    whole = plan_targets(
        user=coordinator, groups={town["office"].pk: {town["office"].pk, town["ward"].pk}}, year=2022
    )
    assert whole == {town["office"].pk: {portal.pk: 4}}

"""Units created, moved and closed by an administrator or a Nội vụ coordinator within its subtree."""

from __future__ import annotations

import datetime as dt

import pytest

from loa.core.errors import PermissionDenied, ValidationError
from loa.core.models import AuditEvent
from loa.organizations.access import Action, can
from loa.organizations.models import Membership, UnitKind, UnitLink
from loa.organizations.selectors import unit_children, unit_parent
from loa.organizations.services import unit_close, unit_code_suggest, unit_create, unit_move

D = dt.date


@pytest.fixture
def tree(make_unit):
    province = make_unit("UBND tỉnh", kind=UnitKind.PROVINCE, code="tinh")
    town = make_unit("UBND thị xã", parent=province, kind=UnitKind.DISTRICT, code="thixa")
    other_town = make_unit("UBND huyện khác", parent=province, kind=UnitKind.DISTRICT, code="huyen")
    commune = make_unit("UBND xã Một", parent=town, kind=UnitKind.COMMUNE, code="xa-mot")
    return {"province": province, "town": town, "other_town": other_town, "commune": commune}


def test_a_coordinator_creates_a_unit_below_its_own_and_it_is_audited(tree, make_user):
    noivu = make_user(tree["town"], "coordinator")
    unit = unit_create(
        actor=noivu,
        name="UBND  xã Phong Thái",
        code="xa-phong-thai",
        abbr="UBND",
        kind=UnitKind.COMMUNE,
        parent=tree["town"],
        linked_from=D(2025, 7, 1),
        valid_from=D(2025, 7, 1),
    )
    assert unit.name == "UBND xã Phong Thái"
    assert unit_parent(unit=unit, on=D(2025, 7, 1)) == tree["town"]
    assert can(noivu, Action.ORGANIZE, unit)
    event = AuditEvent.objects.get(verb="unit.create", target_id=str(unit.pk))
    assert event.actor == noivu


def test_an_officer_or_a_coordinator_outside_the_subtree_may_not_create_units(tree, make_user):
    for user in (make_user(tree["town"], "officer"), make_user(tree["other_town"], "coordinator")):
        with pytest.raises(PermissionDenied):
            unit_create(
                actor=user, name="X", code="x-1", abbr="X", kind=UnitKind.COMMUNE, parent=tree["town"]
            )


def test_a_taken_or_malformed_code_is_refused_in_vietnamese(tree, make_user):
    admin = make_user(tree["province"], "admin")
    with pytest.raises(ValidationError, match="đã có"):
        unit_create(
            actor=admin, name="Xã", code="xa-mot", abbr="UBND", kind=UnitKind.COMMUNE, parent=tree["town"]
        )
    with pytest.raises(ValidationError, match="chữ thường không dấu"):
        unit_create(
            actor=admin, name="Xã", code="xã một", abbr="UBND", kind=UnitKind.COMMUNE, parent=tree["town"]
        )
    assert unit_code_suggest(name="UBND xã Đông Phước") == "ubnd-xa-dong-phuoc"


def test_moving_a_unit_is_an_effective_dated_relink_that_keeps_history(tree, make_user):
    admin = make_user(tree["province"], "admin")
    unit_move(actor=admin, unit=tree["commune"], parent=tree["other_town"], on=D(2025, 7, 1))
    assert unit_parent(unit=tree["commune"], on=D(2025, 6, 30)) == tree["town"]
    assert unit_parent(unit=tree["commune"], on=D(2025, 7, 1)) == tree["other_town"]
    assert tree["commune"] not in unit_children(unit=tree["town"], on=D(2025, 7, 1))
    assert AuditEvent.objects.filter(verb="unit.move", target_id=str(tree["commune"].pk)).exists()


def test_a_unit_cannot_move_under_itself_or_its_own_descendant(tree, make_user):
    admin = make_user(tree["province"], "admin")
    links = UnitLink.objects.count()
    with pytest.raises(ValidationError, match="đơn vị cấp dưới của UBND thị xã") as caught:
        unit_move(actor=admin, unit=tree["town"], parent=tree["commune"], on=D(2025, 7, 1))
    assert caught.value.code == "units.move_into_own_subtree"
    with pytest.raises(ValidationError):
        unit_move(actor=admin, unit=tree["town"], parent=tree["town"], on=D(2025, 7, 1))
    assert UnitLink.objects.count() == links


def test_a_coordinator_arranges_the_units_below_but_never_moves_its_own_unit(tree, make_user):
    noivu = make_user(tree["town"], "coordinator")
    with pytest.raises(PermissionDenied):
        unit_move(actor=noivu, unit=tree["town"], parent=tree["other_town"], on=D(2025, 7, 1))
    # Nor may it move a unit below it to a unit outside its subtree.
    with pytest.raises(PermissionDenied):
        unit_move(actor=noivu, unit=tree["commune"], parent=tree["other_town"], on=D(2025, 7, 1))


def test_closing_a_unit_ends_its_links_and_roles_on_that_day(tree, make_user):
    admin = make_user(tree["province"], "admin")
    officer = make_user(tree["commune"], "officer")
    unit_close(actor=admin, unit=tree["commune"], on=D(2025, 6, 30))
    tree["commune"].refresh_from_db()
    assert tree["commune"].valid_to == D(2025, 6, 30)
    assert Membership.objects.get(user=officer).valid_to == D(2025, 6, 30)
    assert tree["commune"] not in unit_children(unit=tree["town"], on=D(2025, 7, 1))
    assert tree["commune"] in unit_children(unit=tree["town"], on=D(2025, 6, 30))


def test_a_unit_with_active_units_below_or_dates_reversed_is_not_closed(tree, make_user, make_unit):
    admin = make_user(tree["province"], "admin")
    with pytest.raises(ValidationError, match="còn 1 đơn vị trực thuộc"):
        unit_close(actor=admin, unit=tree["town"], on=D(2025, 6, 30))
    late = make_unit("Xã mới", parent=tree["town"], code="xa-moi", valid_from=D(2025, 7, 1))
    with pytest.raises(ValidationError, match="bắt đầu hoạt động từ 01/07/2025"):
        unit_close(actor=admin, unit=late, on=D(2025, 6, 1))

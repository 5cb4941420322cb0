"""Lineage: recording who succeeded whom (checked, audited) and whose work stands for a unit."""

import datetime as dt

import pytest

from loa.core.actors import SYSTEM_CLI
from loa.core.errors import PermissionDenied, ValidationError
from loa.core.models import AuditEvent
from loa.organizations.lineage import lineage_sources, succession_create, succession_delete
from loa.organizations.models import UnitKind, UnitSuccession

D = dt.date


@pytest.fixture
def merger(make_unit):
    """Two communes closed on 30/06/2025 and the ward formed from them on 01/07/2025."""
    province = make_unit("Tỉnh thử", kind=UnitKind.PROVINCE)
    a = make_unit("Xã A", parent=province, kind=UnitKind.COMMUNE, valid_to=D(2025, 6, 30))
    b = make_unit("Xã B", parent=province, kind=UnitKind.COMMUNE, valid_to=D(2025, 6, 30))
    ward = make_unit("Phường AB", parent=province, kind=UnitKind.COMMUNE, valid_from=D(2025, 7, 1))
    return province, a, b, ward


def test_succession_is_recorded_and_audited(merger):
    _, a, _, ward = merger
    row = succession_create(actor=SYSTEM_CLI, predecessor=a, successor=ward, date=D(2025, 7, 1), kind="merge")
    assert str(row) == "Xã A → Phường AB (Sáp nhập, 01/07/2025)"
    event = AuditEvent.objects.get(verb="unit.succession")
    assert event.unit_id == ward.pk and event.after["predecessor_id"] == a.pk
    succession_delete(actor=SYSTEM_CLI, succession=row)
    assert not UnitSuccession.objects.exists()
    assert AuditEvent.objects.filter(verb="unit.succession_delete").count() == 1


def test_predecessor_after_its_successor_is_refused(merger):
    _, a, _, ward = merger
    with pytest.raises(ValidationError) as exc:
        succession_create(actor=SYSTEM_CLI, predecessor=a, successor=ward, date=D(2025, 6, 1), kind="merge")
    assert exc.value.code == "units.bad_succession"
    assert (
        "Xã A hoạt động đến 30/06/2025, không thể là tiền thân của Phường AB từ 01/06/2025"
        in exc.value.message
    )
    assert (
        not UnitSuccession.objects.exists() and not AuditEvent.objects.filter(verb="unit.succession").exists()
    )


def test_successor_starting_later_self_cycle_and_duplicate_are_refused(merger, make_unit):
    province, a, _, ward = merger
    early = make_unit("Xã C", parent=province, kind=UnitKind.COMMUNE, valid_to=D(2024, 12, 31))
    with pytest.raises(
        ValidationError, match="Phường AB chỉ hoạt động từ 01/07/2025, không thể kế thừa từ 01/01/2025"
    ):
        succession_create(
            actor=SYSTEM_CLI, predecessor=early, successor=ward, date=D(2025, 1, 1), kind="merge"
        )
    with pytest.raises(ValidationError, match="không thể kế thừa chính nó"):
        succession_create(
            actor=SYSTEM_CLI, predecessor=ward, successor=ward, date=D(2025, 7, 1), kind="rename"
        )
    succession_create(actor=SYSTEM_CLI, predecessor=a, successor=ward, date=D(2025, 7, 1), kind="merge")
    with pytest.raises(ValidationError, match="Đã ghi"):
        succession_create(actor=SYSTEM_CLI, predecessor=a, successor=ward, date=D(2025, 7, 1), kind="merge")
    # A cycle: two open units each "succeeding" the other.
    x = make_unit("Đơn vị X", parent=province)
    y = make_unit("Đơn vị Y", parent=province)
    succession_create(actor=SYSTEM_CLI, predecessor=x, successor=y, date=D(2024, 1, 1), kind="rename")
    with pytest.raises(ValidationError, match="không được tạo vòng"):
        succession_create(actor=SYSTEM_CLI, predecessor=y, successor=x, date=D(2024, 1, 1), kind="rename")


def test_only_who_manages_the_successor_edits_lineage(merger, make_user):
    _, a, _, ward = merger
    officer = make_user(ward, role="officer")
    with pytest.raises(PermissionDenied):
        succession_create(actor=officer, predecessor=a, successor=ward, date=D(2025, 7, 1), kind="merge")


def test_sources_are_the_predecessors_only_where_the_unit_did_not_exist(merger, make_unit):
    _, a, b, ward = merger
    for old in (a, b):
        succession_create(actor=SYSTEM_CLI, predecessor=old, successor=ward, date=D(2025, 7, 1), kind="merge")
    in_2022 = lineage_sources(unit=ward, start=D(2022, 1, 1), end=D(2022, 12, 31))
    assert [(s.unit.name, s.kind) for s in in_2022] == [("Xã A", "merge"), ("Xã B", "merge")]
    assert in_2022[0].label == "Xã A (sáp nhập, 01/07/2025)"
    in_2025 = lineage_sources(unit=ward, start=D(2025, 1, 1), end=D(2025, 12, 31))
    assert [s.unit.name for s in in_2025] == ["Phường AB", "Xã A", "Xã B"]
    in_2026 = lineage_sources(unit=ward, start=D(2026, 1, 1), end=D(2026, 12, 31))
    assert [s.unit.name for s in in_2026] == ["Phường AB"]
    # Two generations: a commune formed in 2020 from an older one.
    older = make_unit("Xã Cũ", valid_to=D(2019, 12, 31))
    a.valid_from = D(2020, 1, 1)
    a.save(update_fields=["valid_from"])
    succession_create(actor=SYSTEM_CLI, predecessor=older, successor=a, date=D(2020, 1, 1), kind="rename")
    in_2019 = lineage_sources(unit=ward, start=D(2019, 1, 1), end=D(2019, 12, 31))
    assert [s.unit.name for s in in_2019] == ["Xã B", "Xã Cũ"]


@pytest.mark.django_db
def test_lineage_extends_reading_not_writing(demo_world):
    """The ward's officer reads the history of the communes it came from; the city's coordinator
    that of the old province. Neither may write there."""
    from django.contrib.auth import get_user_model

    from loa.organizations.access import Action, can
    from loa.organizations.models import Unit

    users = get_user_model().objects
    ward_officer, city = users.get(username="canbo.phuonghuongtra"), users.get(username="noivu.hue")
    tu_ha, tth, kim_tra_old = (
        Unit.objects.get(code=c) for c in ("phuong-tu-ha", "ubnd-tth", "xa-huong-toan")
    )
    assert can(ward_officer, Action.VIEW, tu_ha)
    assert not can(ward_officer, Action.VIEW, kim_tra_old)  # went to phường Kim Trà, not to this ward
    assert not can(ward_officer, Action.RECORD, tu_ha)
    assert can(city, Action.VIEW, tth)
    assert not can(city, Action.MANAGE, tth)


def test_the_sources_are_named_once_per_kind_and_day():
    from loa.organizations.lineage import LineageSource, sources_phrase
    from loa.organizations.models import Unit

    def src(name: str, kind: str, day):
        return LineageSource(unit=Unit(name=name), kind=kind, date=day)

    d = dt.date(2025, 7, 1)
    phrase = sources_phrase(
        [
            src("Phường Mới", "", None),
            src("Xã A", "merge", d),
            src("Xã B", "merge", d),
            src("Xã C", "rename", dt.date(2025, 1, 1)),
        ]
    )
    assert phrase == "chính đơn vị; Xã A; Xã B (sáp nhập ngày 01/07/2025); Xã C (đổi tên ngày 01/01/2025)"

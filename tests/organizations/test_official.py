"""The official list of administrative units: its data file and ``official_import`` (one or two
provinces here; the whole country is measured in bench/bench_official.py)."""

import datetime as dt
from collections import Counter

import pytest

from loa.core.actors import SYSTEM_CLI
from loa.core.errors import PermissionDenied, ValidationError
from loa.core.models import AuditEvent
from loa.organizations.models import Unit, UnitKind, UnitLink, UnitSuccession
from loa.organizations.official import (
    department_templates,
    lineage_rows,
    name_key,
    official_import,
    official_rows,
    short_name,
    unit_name,
)


def test_data_file_has_both_eras_with_the_official_counts():
    """34 provinces and 3,321 communes from 01/07/2025; 63 provinces, 696 districts and 10,035
    communes until 30/06/2025; every code unique within its era and level, every parent known."""
    rows = official_rows()
    counts = Counter((r.era, r.level) for r in rows)
    assert counts == {
        ("2025", "province"): 34,
        ("2025", "commune"): 3321,
        ("legacy", "province"): 63,
        ("legacy", "district"): 696,
        ("legacy", "commune"): 10035,
    }
    keys = Counter((r.era, r.level, r.code) for r in rows)
    assert max(keys.values()) == 1
    codes = {(r.era, r.level, r.code) for r in rows}
    for r in rows:
        if r.level == "commune":
            parent_level = "province" if r.era == "2025" else "district"
            assert (r.era, parent_level, r.parent) in codes
        elif r.level == "district":
            assert (r.era, "province", r.parent) in codes


def test_conversion_table_links_known_codes_and_names_the_huong_tra_merger():
    rows = lineage_rows()
    legacy = {r.code for r in official_rows() if r.era == "legacy" and r.level == "commune"}
    new = {r.code for r in official_rows() if r.era == "2025" and r.level == "commune"}
    communes = [r for r in rows if r[0] == "commune"]
    assert all(old in legacy and to in new for _, old, to, _ in communes)
    assert {old for _, old, to, _ in communes if to == "19996"} == {"19996", "20008", "20011"}
    assert {kind for *_, kind in rows} == {"merge", "split", "rename"}


def test_names():
    assert unit_name("Phường Hương Trà") == "Ủy ban nhân dân phường Hương Trà"
    assert short_name("Thị xã Hương Trà") == "Hương Trà"
    assert short_name("Thành phố Huế") == "Huế"
    assert name_key("Ủy ban nhân dân xã Hương Toàn") == name_key("Xã Hương Toàn") == "xa huong toan"
    # Old and new tone placement are the same name.
    assert name_key("Xã Thuận Hoà") == name_key("Xã Thuận Hòa")


@pytest.mark.django_db
def test_import_one_province_both_eras_is_idempotent():
    first = official_import(actor=SYSTEM_CLI, province="46")
    assert first.as_dict() == {
        "created": 41,
        "matched": 0,
        "provinces": 1,
        "communes": 40,
        "links": 40,
        "successions": 0,
        "departments": 0,
        "era": "2025",
        "dry_run": False,
    }
    again = official_import(actor=SYSTEM_CLI, province="46")
    assert (again.created, again.matched, again.links) == (0, 41, 0)

    legacy = official_import(actor=SYSTEM_CLI, province="46", era="legacy")
    assert (legacy.provinces, legacy.districts, legacy.communes) == (1, 9, 133)
    # The city is one unit in both eras (same code, same name); districts and communes are closed.
    assert legacy.matched >= 1 and legacy.successions > 100
    hue = Unit.objects.get(official_code="46")
    assert hue.valid_to is None
    tu_ha = Unit.objects.get(official_code="19996", valid_to=dt.date(2025, 6, 30))
    huong_tra = Unit.objects.get(official_code="19996", valid_to__isnull=True)
    assert tu_ha.name == "Ủy ban nhân dân phường Tứ Hạ" and huong_tra.valid_from == dt.date(2025, 7, 1)
    assert set(huong_tra.predecessions.values_list("predecessor__name", flat=True)) == {
        "Ủy ban nhân dân phường Tứ Hạ",
        "Ủy ban nhân dân phường Hương Vân",
        "Ủy ban nhân dân phường Hương Văn",
    }
    town = Unit.objects.get(official_code="480")
    assert town.kind == UnitKind.DISTRICT and town.admin_type == "thi_xa"
    assert UnitLink.objects.filter(child=tu_ha, parent=town, valid_to=dt.date(2025, 6, 30)).exists()
    assert UnitLink.objects.filter(child=huong_tra, parent=hue, valid_from=dt.date(2025, 7, 1)).exists()

    before = (Unit.objects.count(), UnitLink.objects.count(), UnitSuccession.objects.count())
    rerun = official_import(actor=SYSTEM_CLI, province="46", era="legacy")
    assert (rerun.created, rerun.successions, rerun.links) == (0, 0, 0)
    assert (Unit.objects.count(), UnitLink.objects.count(), UnitSuccession.objects.count()) == before
    # One audit row per import, with its counts.
    events = AuditEvent.objects.filter(verb="unit.import_official")
    assert events.count() == 4 and events.order_by("id").last().after["created"] == 0


@pytest.mark.django_db
def test_import_matches_the_demo_instead_of_duplicating_it(demo_world):
    before = Unit.objects.count()
    result = official_import(actor=SYSTEM_CLI, province="46", with_departments=True)
    # thành phố Huế, phường Hương Trà, phường Kim Trà, xã Bình Điền: by code.
    assert result.matched == 4
    assert Unit.objects.filter(official_code="19996", valid_to__isnull=True).get().code == "phuong-huong-tra"
    # The template's departments: Sở Nội vụ is the demo's own, matched by name under the city.
    assert result.departments == len([t for t in department_templates() if t.level == "province"]) - 1
    assert Unit.objects.filter(name="Sở Nội vụ thành phố Huế").count() == 1
    legacy = official_import(actor=SYSTEM_CLI, province="46", era="legacy")
    # The town and its nine wards and communes of the official list, matched by code.
    for code in ("huongtra", "phuong-tu-ha", "xa-binh-thanh"):
        assert Unit.objects.get(code=code).official_code
    assert Unit.objects.filter(name="Ủy ban nhân dân thị xã Hương Trà").count() == 1
    assert Unit.objects.filter(name="Ủy ban nhân dân phường Tứ Hạ").count() == 1
    assert Unit.objects.count() == before + result.created + result.departments + legacy.created
    # The demo's own lineage is kept, the conversion table adds none twice.
    assert UnitSuccession.objects.filter(successor__code="phuong-huong-tra").count() == 7


@pytest.mark.django_db
def test_dry_run_writes_nothing():
    result = official_import(actor=SYSTEM_CLI, province="01", dry_run=True)
    assert result.created == 1 + result.communes and result.dry_run
    assert not Unit.objects.exists() and not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_unknown_province_code_is_refused_in_vietnamese():
    with pytest.raises(ValidationError) as exc:
        official_import(actor=SYSTEM_CLI, province="99")
    assert exc.value.code == "units.unknown_official_code"
    assert "Không có tỉnh, thành phố mã “99”" in exc.value.message
    with pytest.raises(ValidationError):
        official_import(actor=SYSTEM_CLI, era="1990")
    assert not Unit.objects.exists()


@pytest.mark.django_db
def test_predecessor_still_open_refuses_the_whole_import(make_unit):
    """Phường Tứ Hạ typed by hand without an end date cannot take the code closed on 30/06/2025 nor
    be succeeded on 01/07/2025: the import stops with the reason and leaves nothing behind."""
    official_import(actor=SYSTEM_CLI, province="46")
    hue = Unit.objects.get(official_code="46")
    town = make_unit("Ủy ban nhân dân thị xã Hương Trà", parent=hue, kind=UnitKind.DISTRICT)
    make_unit("Ủy ban nhân dân phường Tứ Hạ", parent=town, kind=UnitKind.COMMUNE)
    counts = (Unit.objects.count(), UnitLink.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ValidationError) as exc:
        official_import(actor=SYSTEM_CLI, province="46", era="legacy")
    assert "Ủy ban nhân dân phường Tứ Hạ khớp với Phường Tứ Hạ (mã 19996)" in exc.value.message
    assert "chưa có ngày kết thúc hoạt động" in exc.value.message and "chưa ghi gì" in exc.value.message
    assert (Unit.objects.count(), UnitLink.objects.count(), AuditEvent.objects.count()) == counts
    assert not UnitSuccession.objects.exists()
    assert not Unit.objects.filter(official_code="480").exists()


@pytest.mark.django_db
def test_only_a_superuser_or_the_system_imports(make_user, make_unit):
    coordinator = make_user(make_unit(), role="coordinator")
    with pytest.raises(PermissionDenied):
        official_import(actor=coordinator, province="46")
    assert not Unit.objects.filter(official_code__isnull=False).exists()


@pytest.mark.django_db
def test_departments_file_of_the_administrator(tmp_path):
    good = tmp_path / "phong-ban.csv"
    good.write_text(
        "level,name,abbr\nprovince,Sở Nội vụ,SNV\ncommune,Phòng Văn hóa - Xã hội,VHXH\n", encoding="utf-8"
    )
    result = official_import(
        actor=SYSTEM_CLI,
        province="46",
        with_departments=True,
        with_commune_offices=True,
        departments_file=good,
    )
    assert result.departments == 1 + 40
    assert Unit.objects.filter(
        name="Phòng Văn hóa - Xã hội phường Hương Trà", kind=UnitKind.DEPARTMENT
    ).exists()
    bad = tmp_path / "sai.csv"
    bad.write_text("level,name,abbr\ntinh,Sở Nội vụ,\n", encoding="utf-8")
    with pytest.raises(ValidationError) as exc:
        department_templates(bad)
    assert "Dòng 2" in exc.value.message
    with pytest.raises(ValidationError):
        department_templates(tmp_path / "khong-co.csv")

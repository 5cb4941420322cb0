"""``loa units import-official`` and ``loa units lineage``: JSON counts, Vietnamese refusals."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from loa.organizations.models import Unit, UnitSuccession


def units(*args) -> str:
    out = io.StringIO()
    call_command("units", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_import_official_prints_the_counts_and_runs_twice_without_duplicates():
    first = json.loads(units("import-official", "--province", "46", "--json"))
    assert {k: first[k] for k in ("created", "matched", "provinces", "communes")} == {
        "created": 41,
        "matched": 0,
        "provinces": 1,
        "communes": 40,
    }
    second = json.loads(units("import-official", "--province", "46", "--json"))
    assert (second["created"], second["matched"]) == (0, 41)
    text = units("import-official", "--province", "46", "--era", "legacy", "--dry-run")
    assert text.startswith("Sẽ tạo ") and "xã, phường" in text
    assert not Unit.objects.filter(valid_to__isnull=False).exists()


@pytest.mark.django_db
def test_unknown_province_and_refused_user(make_user, make_unit):
    with pytest.raises(CommandError, match="Không có tỉnh, thành phố mã “00”"):
        units("import-official", "--province", "00", "--json")
    make_user(make_unit(), role="coordinator", username="noivu.thu")
    with pytest.raises(CommandError, match="Chỉ quản trị hệ thống"):
        units("import-official", "--province", "46", "--as", "noivu.thu")
    assert not Unit.objects.filter(official_code__isnull=False).exists()


@pytest.mark.django_db
def test_lineage_add_and_remove(demo_world):
    out = units("lineage", "add", "xa-huong-phong", "phuong-kim-tra", "--kind", "merge")
    assert out.startswith(
        "Đã ghi: Ủy ban nhân dân xã Hương Phong → Ủy ban nhân dân phường Kim Trà (Sáp nhập, 01/07/2025)"
    )
    units("lineage", "remove", "xa-huong-phong", "phuong-kim-tra")
    assert not UnitSuccession.objects.filter(predecessor__code="xa-huong-phong").exists()
    with pytest.raises(CommandError, match="Không có đơn vị mã “khong-co”"):
        units("lineage", "add", "khong-co", "phuong-kim-tra")
    with pytest.raises(CommandError, match="không thể là tiền thân"):
        units("lineage", "add", "xa-huong-phong", "phuong-kim-tra", "--date", "2025-06-01")
    with pytest.raises(CommandError, match="Ngày “01/07/2025” không hợp lệ"):
        units("lineage", "add", "xa-huong-phong", "phuong-kim-tra", "--date", "01/07/2025")
    with pytest.raises(CommandError, match="Chưa ghi"):
        units("lineage", "remove", "xa-huong-phong", "phuong-kim-tra")

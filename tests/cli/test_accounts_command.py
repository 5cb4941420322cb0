"""``loa accounts import FILE [--dry-run] --as USER --json`` and ``loa accounts template``."""

from __future__ import annotations

import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from loa.core.models import AuditEvent
from loa.organizations.models import Membership, UnitKind

HEADER = "Tên đăng nhập;Họ và tên;Thư điện tử;Mã đơn vị;Vai trò;Từ ngày;Đến ngày\n"


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.fixture
def world(make_unit, make_user, tmp_path):
    town = make_unit("UBND thị xã", kind=UnitKind.DISTRICT, code="thixa")
    make_unit("UBND xã Một", parent=town, kind=UnitKind.COMMUNE, code="xa-mot")
    make_unit("UBND huyện khác", kind=UnitKind.DISTRICT, code="huyen")
    make_user(town, "coordinator", username="noivu.thixa")
    good = tmp_path / "ds.csv"
    good.write_text(HEADER + "hoa.le;Lê Thị Hoa;hoa@x.vn;xa-mot;Văn thư;01/07/2025;\n", encoding="utf-8")
    bad = tmp_path / "sai.csv"
    bad.write_text(HEADER + "an;Trần An;;huyen;Văn thư;;\n", encoding="utf-8")
    return good, bad


def test_a_dry_run_in_json_then_the_import_as_a_coordinator(world):
    good, _ = world
    checked = json.loads(run("accounts", "import", str(good), "--dry-run", "--as", "noivu.thixa", "--json"))
    assert checked["dry_run"] and not checked["imported"]
    assert (checked["accounts_created"], checked["memberships_created"], checked["errors"]) == (1, 1, [])
    assert checked["plan"][0]["valid_from"] == "2025-07-01"
    assert not get_user_model().objects.filter(username="hoa.le").exists()
    done = json.loads(run("accounts", "import", str(good), "--as", "noivu.thixa", "--json", "--no-invite"))
    assert done["imported"]
    assert Membership.objects.get(user__username="hoa.le").unit.code == "xa-mot"
    assert AuditEvent.objects.filter(verb="account.create", actor__username="noivu.thixa").exists()


def test_a_row_outside_the_importers_subtree_fails_with_its_line_and_imports_nothing(world):
    _, bad = world
    with pytest.raises(CommandError, match="Tệp có 1 lỗi nên không nhập dòng nào"):
        run("accounts", "import", str(bad), "--as", "noivu.thixa")
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("accounts", "import", str(bad), "--as", "noivu.thixa", "--json", stdout=out)
    assert json.loads(out.getvalue())["errors"] == [
        "Dòng 2: đơn vị “huyen” không có hoặc nằm ngoài phạm vi quản lý của bạn."
    ]
    assert not get_user_model().objects.filter(username="an").exists()


def test_the_template_is_written_in_the_format_of_its_name(tmp_path, db):
    assert "Đã ghi mẫu" in run("accounts", "template", "--out", str(tmp_path / "mau.csv"))
    assert (tmp_path / "mau.csv").read_text(encoding="utf-8-sig").startswith("Tên đăng nhập,")
    run("accounts", "template", "--out", str(tmp_path / "mau.xlsx"))
    assert (tmp_path / "mau.xlsx").read_bytes()[:2] == b"PK"

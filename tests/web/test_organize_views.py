"""The onboarding screens: units, accounts and roles on one page; bulk import with a dry run."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from loa.organizations.models import Membership, Role, Unit, UnitKind
from loa.organizations.selectors import unit_parent

HEADER = "Tên đăng nhập,Họ và tên,Thư điện tử,Mã đơn vị,Vai trò,Từ ngày,Đến ngày\n"


@pytest.fixture
def tree(make_unit):
    province = make_unit("UBND tỉnh", kind=UnitKind.PROVINCE, code="tinh")
    town = make_unit("UBND thị xã", parent=province, kind=UnitKind.DISTRICT, code="thixa")
    other = make_unit("UBND huyện khác", parent=province, kind=UnitKind.DISTRICT, code="huyen")
    commune = make_unit("UBND xã Một", parent=town, kind=UnitKind.COMMUNE, code="xa-mot")
    return {"province": province, "town": town, "other": other, "commune": commune}


@pytest.fixture
def noivu(tree, make_user, client):
    user = make_user(tree["town"], "coordinator", first_name="Trần", last_name="Nội Vụ")
    client.force_login(user)
    return user


def test_the_menu_and_the_index_offer_the_units_one_organizes(client, tree, noivu):
    page = client.get("/quan-ly/")
    assert page.status_code == 200
    assert "Quản lý đơn vị, tài khoản" in page.text
    assert "UBND xã Một" in page.text and "UBND huyện khác" not in page.text
    found = client.get("/quan-ly/", {"q": "XA MOT"})
    assert "UBND xã Một" in found.text and 'href="/quan-ly/don-vi/thixa/"' not in found.text


def test_an_officer_is_told_why_there_is_nothing_to_manage(client, tree, make_user):
    client.force_login(make_user(tree["commune"], "officer"))
    assert client.get("/quan-ly/").status_code == 403
    assert client.get("/quan-ly/don-vi/xa-mot/").status_code == 403
    assert "Quản lý đơn vị" not in client.get("/hoat-dong/").text


def test_creating_a_unit_below_from_the_page(client, tree, noivu):
    response = client.post(
        "/quan-ly/don-vi/thixa/them-don-vi/",
        {
            "dv-name": "UBND xã Phong Thái",
            "dv-code": "",
            "dv-abbr": "UBND",
            "dv-kind": "commune",
            "dv-valid_from": "01/07/2025",
        },
    )
    unit = Unit.objects.get(code="ubnd-xa-phong-thai")
    assert response.status_code == 302 and response.url == "/quan-ly/don-vi/ubnd-xa-phong-thai/"
    assert unit.valid_from == dt.date(2025, 7, 1)
    assert unit_parent(unit=unit, on=dt.date(2025, 7, 1)) == tree["town"]


def test_bad_unit_input_comes_back_in_vietnamese_with_nothing_saved(client, tree, noivu):
    units = Unit.objects.count()
    response = client.post(
        "/quan-ly/don-vi/thixa/them-don-vi/",
        {
            "dv-name": "Xã trùng",
            "dv-code": "xa-mot",
            "dv-abbr": "UBND",
            "dv-kind": "commune",
            "dv-valid_from": "32/01/2025",
        },
    )
    assert response.status_code == 400
    assert "không có thật" in response.text
    response = client.post(
        "/quan-ly/don-vi/thixa/them-don-vi/",
        {
            "dv-name": "Xã trùng",
            "dv-code": "xa-mot",
            "dv-abbr": "UBND",
            "dv-kind": "commune",
            "dv-valid_from": "01/01/2025",
        },
    )
    assert response.status_code == 400 and "Mã đơn vị “xa-mot” đã có" in response.text
    assert Unit.objects.count() == units


def test_moving_a_unit_under_its_own_descendant_is_refused_on_the_page(client, tree, make_user):
    client.force_login(make_user(tree["province"], "admin"))
    response = client.post(
        "/quan-ly/don-vi/thixa/chuyen/", {"chuyen-parent": "xa-mot", "chuyen-on": "01/07/2025"}
    )
    assert response.status_code == 400
    assert "Không thể chuyển UBND thị xã về trực thuộc UBND xã Một" in response.text
    ok = client.post("/quan-ly/don-vi/xa-mot/chuyen/", {"chuyen-parent": "huyen", "chuyen-on": "01/07/2025"})
    assert ok.status_code == 302
    assert unit_parent(unit=tree["commune"], on=dt.date(2025, 7, 1)) == tree["other"]
    unknown = client.post(
        "/quan-ly/don-vi/xa-mot/chuyen/", {"chuyen-parent": "khong-co", "chuyen-on": "01/08/2025"}
    )
    assert unknown.status_code == 400 and "Không có đơn vị mã “khong-co”." in unknown.text


def test_a_coordinator_cannot_move_a_unit_out_of_its_subtree(client, tree, noivu):
    response = client.post(
        "/quan-ly/don-vi/xa-mot/chuyen/", {"chuyen-parent": "huyen", "chuyen-on": "01/07/2025"}
    )
    assert response.status_code == 400 and "Bạn không có quyền" in response.text
    assert unit_parent(unit=tree["commune"], on=dt.date(2025, 7, 1)) == tree["town"]


def test_closing_a_unit_from_the_page(client, tree, noivu):
    response = client.post("/quan-ly/don-vi/xa-mot/ket-thuc/", {"kt-on": "30/06/2025"})
    assert response.status_code == 302
    tree["commune"].refresh_from_db()
    assert tree["commune"].valid_to == dt.date(2025, 6, 30)


def test_accounts_and_roles_on_one_page(client, tree, noivu, smtp_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/quan-ly/don-vi/xa-mot/tao-tai-khoan/",
            {
                "tk-full_name": "Lê Thị Hoa",
                "tk-username": "hoa.le",
                "tk-email": "hoa@xamot.gov.vn",
                "tk-role": "officer",
                "tk-valid_from": "01/07/2025",
            },
            follow=True,
        )
    assert "Đã tạo tài khoản hoa.le (Lê Thị Hoa). Đã gửi thư mời" in response.text
    assert "Lê Thị Hoa" in response.text and "chưa đặt mật khẩu" in response.text
    assert [m["To"] for m in smtp_server.messages] == ["hoa@xamot.gov.vn"]
    hoa = get_user_model().objects.get(username="hoa.le")
    membership = Membership.objects.get(user=hoa)

    changed = client.post(
        "/quan-ly/don-vi/xa-mot/doi-vai-tro/",
        {"membership": membership.pk, "role": "clerk", "on": "01/09/2025"},
        follow=True,
    )
    assert "Từ ngày 01/09/2025, hoa.le có vai trò Văn thư." in changed.text
    clerk = Membership.objects.get(user=hoa, role=Role.CLERK)
    revoked = client.post(
        "/quan-ly/don-vi/xa-mot/thu-hoi/", {"membership": clerk.pk, "on": "01/01/2026"}, follow=True
    )
    assert "Đã thu hồi vai trò Văn thư của hoa.le từ ngày 01/01/2026" in revoked.text
    clerk.refresh_from_db()
    assert clerk.valid_to == dt.date(2025, 12, 31)

    with django_capture_on_commit_callbacks(execute=True):
        resent = client.post("/quan-ly/don-vi/xa-mot/gui-thu-moi/", {"user": hoa.pk}, follow=True)
    assert "Đã gửi lại thư mời tới hoa@xamot.gov.vn" in resent.text and len(smtp_server.messages) == 2
    locked = client.post("/quan-ly/don-vi/xa-mot/khoa/", {"user": hoa.pk}, follow=True)
    assert "Đã khoá tài khoản hoa.le" in locked.text
    hoa.refresh_from_db()
    assert not hoa.is_active


def test_duplicate_username_and_reversed_dates_on_the_page(client, tree, noivu, make_user):
    make_user(tree["commune"], username="trung")
    response = client.post(
        "/quan-ly/don-vi/xa-mot/tao-tai-khoan/",
        {
            "tk-full_name": "Người Trùng",
            "tk-username": "TRUNG",
            "tk-role": "officer",
            "tk-valid_from": "01/07/2025",
        },
    )
    assert response.status_code == 400 and "Tên đăng nhập “TRUNG” đã có người dùng." in response.text
    grant = client.post(
        "/quan-ly/don-vi/xa-mot/giao-vai-tro/",
        {
            "pc-username": "trung",
            "pc-role": "clerk",
            "pc-valid_from": "01/07/2025",
            "pc-valid_to": "01/01/2025",
        },
    )
    assert grant.status_code == 400 and "Ngày kết thúc phải sau ngày bắt đầu." in grant.text


def test_a_membership_or_account_outside_ones_scope_is_not_found(client, tree, noivu, make_user):
    stranger = make_user(tree["other"], "officer")
    theirs = Membership.objects.get(user=stranger)
    response = client.post(
        "/quan-ly/don-vi/xa-mot/thu-hoi/", {"membership": theirs.pk, "on": "01/07/2025"}, follow=True
    )
    assert "Không tìm thấy phân công." in response.text
    response = client.post("/quan-ly/don-vi/xa-mot/khoa/", {"user": stranger.pk}, follow=True)
    assert "Không tìm thấy tài khoản." in response.text
    stranger.refresh_from_db()
    assert stranger.is_active and Membership.objects.get(pk=theirs.pk).valid_to is None


def test_the_import_shows_a_dry_run_then_imports_everything(client, tree, noivu):
    template = client.get("/quan-ly/mau-nhap-tai-khoan.xlsx")
    assert template["Content-Disposition"] == 'attachment; filename="mau-nhap-tai-khoan.xlsx"'
    assert load_workbook(io.BytesIO(template.content)).worksheets[0]["A1"].value == "Tên đăng nhập"
    assert (
        client.get("/quan-ly/mau-nhap-tai-khoan.csv").content.decode("utf-8-sig").startswith("Tên đăng nhập,")
    )
    assert client.get("/quan-ly/mau-nhap-tai-khoan.pdf").status_code == 404
    data = (HEADER + "hoa.le,Lê Thị Hoa,,xa-mot,Cán bộ đầu mối,01/07/2025,\n").encode()
    check = client.post(
        "/quan-ly/nhap-tai-khoan/", {"file": SimpleUploadedFile("ds.csv", data), "invite": "on"}
    )
    assert check.status_code == 200
    assert "Kiểm tra xong: chưa nhập gì" in check.text and "Tạo tài khoản" in check.text
    assert not get_user_model().objects.filter(username="hoa.le").exists()
    encoded = check.context["encoded"]
    done = client.post(
        "/quan-ly/nhap-tai-khoan/",
        {"tep_da_kiem_tra": encoded, "ten_tep": "ds.csv", "invite": "on"},
        follow=True,
    )
    assert "Đã nhập: 1 tài khoản mới, 1 phân công mới" in done.text
    assert Membership.objects.get(user__username="hoa.le").unit == tree["commune"]


def test_the_import_refuses_a_row_outside_the_subtree_and_imports_nothing(client, tree, noivu):
    data = (HEADER + "a,Người A,,xa-mot,Văn thư,,\nb,Người B,,huyen,Văn thư,,\n").encode()
    response = client.post("/quan-ly/nhap-tai-khoan/", {"file": SimpleUploadedFile("ds.csv", data)})
    assert response.status_code == 400
    assert "Dòng 3: đơn vị “huyen” không có hoặc nằm ngoài phạm vi quản lý của bạn." in response.text
    assert "tep_da_kiem_tra" not in response.text
    assert not get_user_model().objects.filter(username__in=["a", "b"]).exists()
    wrong_type = client.post("/quan-ly/nhap-tai-khoan/", {"file": SimpleUploadedFile("ds.pdf", b"%PDF")})
    assert wrong_type.status_code == 400 and "Chỉ nhận tệp .csv, .xlsx." in wrong_type.text
    tampered = client.post("/quan-ly/nhap-tai-khoan/", {"tep_da_kiem_tra": "không phải base64"}, follow=True)
    assert "hãy chọn lại tệp" in tampered.text

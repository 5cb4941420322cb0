"""Bulk import of accounts and roles (XLSX/CSV): dry run, Vietnamese row errors, all or nothing."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.contrib.auth import get_user_model
from openpyxl import Workbook, load_workbook

from loa.core.errors import ValidationError
from loa.organizations.account_import import COLUMNS, accounts_import, accounts_template
from loa.organizations.models import Membership, Role, UnitKind

HEADER = "Tên đăng nhập,Họ và tên,Thư điện tử,Mã đơn vị,Vai trò,Từ ngày,Đến ngày\n"


@pytest.fixture
def tree(make_unit):
    province = make_unit("UBND tỉnh", kind=UnitKind.PROVINCE, code="tinh")
    town = make_unit("UBND thị xã", parent=province, kind=UnitKind.DISTRICT, code="thixa")
    other = make_unit("UBND huyện khác", parent=province, kind=UnitKind.DISTRICT, code="huyen")
    commune = make_unit("UBND xã Một", parent=town, kind=UnitKind.COMMUNE, code="xa-mot")
    return {"province": province, "town": town, "other": other, "commune": commune}


def _csv(*rows: str) -> bytes:
    return (HEADER + "\n".join(rows) + "\n").encode("utf-8")


def test_the_xlsx_template_has_the_vietnamese_headers_and_reads_back(tree, make_user):
    data = accounts_template()
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    assert [c.value for c in sheet[1]] == [label for _, label in COLUMNS]
    # The template as it comes holds only its example row: nothing to import, said kindly.
    result = accounts_import(actor=make_user(tree["town"], "coordinator"), data=data, dry_run=True)
    assert result.errors == ["Tệp chỉ có dòng ví dụ của mẫu: hãy điền tài khoản vào các dòng dưới tiêu đề."]
    assert result.skipped_example == 2
    assert accounts_template(fmt="csv").decode("utf-8-sig").startswith("Tên đăng nhập,Họ và tên")


def test_a_dry_run_shows_what_would_be_created_and_writes_nothing(tree, make_user):
    noivu = make_user(tree["town"], "coordinator")
    existing = make_user(tree["town"], "officer", username="an.tran", email="an@thixa.gov.vn")
    data = _csv(
        "hoa.le,Lê Thị Hoa,hoa@xamot.gov.vn,xa-mot,Cán bộ đầu mối,01/07/2025,",
        "hoa.le,Lê Thị Hoa,hoa@xamot.gov.vn,xa-mot,Văn thư,01/07/2025,",
        "an.tran,Trần An,an@thixa.gov.vn,xa-mot,lãnh đạo,,",
        "an.tran,Trần An,an@thixa.gov.vn,thixa,Cán bộ đầu mối,,",
    )
    users = get_user_model().objects.count()
    result = accounts_import(actor=noivu, data=data, dry_run=True)
    assert result.errors == []
    assert [(r.line, r.action) for r in result.rows] == [
        (2, "create"),
        (3, "grant"),
        (4, "grant"),
        (5, "same"),
    ]
    assert get_user_model().objects.count() == users
    summary = result.as_dict()
    assert (summary["accounts_created"], summary["memberships_created"], summary["unchanged"]) == (1, 3, 1)

    done = accounts_import(actor=noivu, data=data, invite=False)
    assert done.imported
    hoa = get_user_model().objects.get(username="hoa.le")
    assert set(Membership.objects.filter(user=hoa).values_list("role", flat=True)) == {
        Role.OFFICER,
        Role.CLERK,
    }
    assert Membership.objects.get(user=existing, unit=tree["commune"]).role == Role.LEADER


def test_any_wrong_row_imports_nothing_and_each_error_names_its_line(tree, make_user):
    noivu = make_user(tree["town"], "coordinator")
    make_user(tree["commune"], username="da.co", email="daco@x.vn")
    data = _csv(
        "moi1,Người Mới Một,moi1@x.vn,xa-mot,Cán bộ đầu mối,,",
        "moi2,Người Mới Hai,moi2@x.vn,huyen,Cán bộ đầu mối,,",
        "moi3,Người Mới Ba,moi3@x.vn,khong-co,Cán bộ đầu mối,,",
        "moi4,Người Mới Bốn,moi4@x.vn,xa-mot,Trưởng thôn,,",
        "moi5,Người Mới Năm,moi5@x.vn,xa-mot,Văn thư,01/07/2025,01/01/2025",
        "da.co,Người Trùng,khac@x.vn,xa-mot,Văn thư,,",
        "moi6,Người Mới Sáu,DACO@x.vn,xa-mot,Văn thư,,",
        "moi7,Người Mới Bảy,moi1@x.vn,xa-mot,Văn thư,,",
        "moi8,Người Mới Tám,moi8@x.vn,xa-mot,Quản trị,,",
        "moi9,,moi9@x.vn,xa-mot,Văn thư,31/02/2025,",
    )
    users = get_user_model().objects.count()
    result = accounts_import(actor=noivu, data=data)
    assert not result.imported
    assert get_user_model().objects.count() == users
    errors = "\n".join(result.errors)
    assert "Dòng 3: đơn vị “huyen” không có hoặc nằm ngoài phạm vi quản lý của bạn." in errors
    assert "Dòng 4: đơn vị “khong-co” không có hoặc nằm ngoài phạm vi quản lý của bạn." in errors
    assert "Dòng 5: vai trò “Trưởng thôn” không có" in errors
    assert "Dòng 6: “Đến ngày” 01/01/2025 trước “Từ ngày” 01/07/2025." in errors
    assert "Dòng 7: tên đăng nhập “da.co” đã có người dùng (thư điện tử khác)." in errors
    assert "Dòng 8: thư điện tử “DACO@x.vn” đã dùng cho tài khoản khác." in errors
    assert "Dòng 9: thư điện tử “moi1@x.vn” trùng với dòng 2." in errors
    assert "Dòng 10: chỉ quản trị viên mới giao được vai trò Quản trị." in errors
    assert "Dòng 11: thiếu “Họ và tên”" in errors and "“Từ ngày” “31/02/2025” không đúng dạng" in errors
    assert not any(e.startswith("Dòng 2:") for e in result.errors)


def test_duplicate_usernames_in_the_file_must_agree_and_not_repeat_a_role(tree, make_user):
    noivu = make_user(tree["town"], "coordinator")
    data = _csv(
        "hoa,Lê Thị Hoa,hoa@x.vn,xa-mot,Văn thư,,",
        "hoa,Lê Thị Hòa,hoa@x.vn,xa-mot,Cán bộ đầu mối,,",
        "binh,Lê Bình,binh@x.vn,xa-mot,Văn thư,,",
        "binh,Lê Bình,binh@x.vn,xa-mot,văn thư,,",
    )
    result = accounts_import(actor=noivu, data=data, dry_run=True)
    assert result.errors == [
        "Dòng 3: tên đăng nhập “hoa” đã có ở dòng 2 với họ tên hoặc thư điện tử khác.",
        "Dòng 5: trùng với dòng 4 (cùng người, đơn vị, vai trò).",
    ]


def test_an_xlsx_file_with_date_cells_imports(tree, make_user):
    book = Workbook()
    sheet = book.active
    sheet.append([label for _, label in COLUMNS])
    sheet.append(["lan", "Phạm Thị Lan", "lan@x.vn", "xa-mot", "Văn thư", dt.datetime(2025, 7, 1), None])
    out = io.BytesIO()
    book.save(out)
    result = accounts_import(actor=make_user(tree["province"], "admin"), data=out.getvalue(), invite=False)
    assert result.imported and result.errors == []
    assert Membership.objects.get(user__username="lan").valid_from == dt.date(2025, 7, 1)


def test_a_file_that_is_not_a_table_or_lacks_columns_is_refused_in_vietnamese(tree, make_user):
    noivu = make_user(tree["town"], "coordinator")
    with pytest.raises(ValidationError, match="thiếu cột “Mã đơn vị”, “Vai trò”"):
        accounts_import(actor=noivu, data="Tên đăng nhập,Họ và tên\nan,An\n".encode())
    with pytest.raises(ValidationError, match="Không đọc được tệp Excel"):
        accounts_import(actor=noivu, data=b"PK\x03\x04 hong", filename="a.xlsx")
    empty = accounts_import(actor=noivu, data=HEADER.encode())
    assert empty.errors == ["Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."]


def test_a_role_overlapping_an_existing_one_in_part_is_refused_and_every_write_is_audited(tree, make_user):
    from loa.core.models import AuditEvent
    from loa.organizations.accounts import membership_grant

    noivu = make_user(tree["town"], "coordinator")
    person = make_user(None, username="binh")
    membership_grant(
        actor=noivu,
        user=person,
        unit=tree["commune"],
        role=Role.CLERK,
        valid_from=dt.date(2025, 1, 1),
        valid_to=dt.date(2025, 6, 30),
    )
    overlapping = _csv("binh,Lê Bình,,xa-mot,Văn thư,01/06/2025,")
    result = accounts_import(actor=noivu, data=overlapping)
    assert result.errors == ["Dòng 2: binh đã có vai trò Văn thư ở UBND xã Một trong một phần thời gian này."]
    after = _csv("binh,Lê Bình,,xa-mot,Văn thư,01/07/2025,", "moi,Người Mới,,thixa,Lãnh đạo đơn vị,,")
    events = AuditEvent.objects.count()
    assert accounts_import(actor=noivu, data=after).imported
    verbs = list(AuditEvent.objects.order_by("id").values_list("verb", "actor_id")[events:])
    assert verbs == [
        ("membership.grant", noivu.pk),
        ("account.create", noivu.pk),
        ("membership.grant", noivu.pk),
    ]


def test_the_example_row_left_in_the_template_is_skipped_and_the_rows_below_it_are_imported(tree, make_user):
    """Officers fill the rows under the example more often than they delete it."""
    book = load_workbook(io.BytesIO(accounts_template()))
    sheet = book.worksheets[0]
    sheet.append(["hoa.le", "Lê Thị Hoa", "hoa@xamot.gov.vn", "xa-mot", "Cán bộ đầu mối", "01/07/2025", None])
    out = io.BytesIO()
    book.save(out)
    result = accounts_import(actor=make_user(tree["town"], "coordinator"), data=out.getvalue(), invite=False)
    assert result.errors == [] and result.imported
    assert result.skipped_example == 2 and [r.line for r in result.rows] == [3]
    assert result.as_dict()["skipped_example_line"] == 2


def test_an_example_row_changed_by_the_user_is_read_like_any_other(tree, make_user):
    data = _csv("nguyenvana,Nguyễn Văn A,nguyenvana@phongthai.gov.vn,xa-mot,Cán bộ đầu mối,01/07/2025,")
    result = accounts_import(actor=make_user(tree["town"], "coordinator"), data=data, dry_run=True)
    assert result.skipped_example is None and result.errors == []
    assert [r.username for r in result.rows] == ["nguyenvana"]

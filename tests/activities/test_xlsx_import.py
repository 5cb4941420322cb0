"""Excel import of activities: the template round trip and every problem reported with row, column, reason."""

import datetime as dt
import io

import openpyxl
import pytest

from loa.activities.importers.xlsx import (
    MAX_ROWS,
    activities_export_csv,
    activities_export_xlsx,
    activities_import,
    activities_import_check,
    activities_template,
)
from loa.activities.models import Activity, Source
from loa.core.errors import PermissionDenied, ValidationError
from loa.core.models import AuditEvent
from loa.plans.models import Channel, ContentArea

HEADERS = [
    "Ngày thực hiện",
    "Hình thức tuyên truyền",
    "Tên hoạt động",
    "Số lượng",
    "Nội dung CCHC",
    "Số người được tiếp cận",
    "Đường dẫn minh chứng",
    "Mô tả",
]


def workbook(rows, headers=HEADERS, merge=None) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Hoạt động"
    ws.append(headers)
    for row in rows:
        ws.append(row)
    if merge:
        ws.merge_cells(merge)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def check(data):
    return activities_import_check(
        data, channels=list(Channel.objects.all()), areas=list(ContentArea.objects.all())
    )


@pytest.fixture
def unit(make_unit):
    return make_unit("Phòng Văn hóa thử", code="vh-thu")


@pytest.fixture
def officer(make_user, unit):
    return make_user(unit, "officer")


def test_the_filled_template_imports_every_row(unit, officer, channels, areas):
    data = activities_template(unit=unit, channels=list(channels.values()), areas=list(areas.values()))
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb.sheetnames[0] == "Hoạt động" and wb["Danh mục"].sheet_state == "hidden"
    ws = wb["Hoạt động"]
    assert [c.value for c in ws[1]] == HEADERS and ws.freeze_panes == "A2"
    assert len(ws.data_validations.dataValidation) == 2
    portal = channels["PORTAL"]
    area_names = [a.short_name for a in list(areas.values())[:2]]
    ws.append(
        [
            dt.date(2022, 10, 21),
            portal.name,
            "Tin bài một cửa",
            2,
            "; ".join(area_names),
            1200,
            "https://a.vn/1",
            "Mô tả",
        ]
    )
    ws.append(["22/10/2022", "portal", "Tin bài thứ hai", None, None, None, None, None])
    out = io.BytesIO()
    wb.save(out)
    result = activities_import(actor=officer, unit=unit, data=out.getvalue())
    assert (result.total, result.created, result.problems) == (2, 2, [])
    first = Activity.objects.get(title="Tin bài một cửa")
    assert first.source == Source.IMPORT and first.quantity == 2 and first.reach == 1200
    assert sorted(a.short_name for a in first.areas.all()) == sorted(area_names)
    assert first.created_by == officer and first.title_key == "tin bai mot cua"
    assert Activity.objects.get(title="Tin bài thứ hai").date == dt.date(2022, 10, 22)
    audit = AuditEvent.objects.get(verb="activities.import")
    assert audit.after["created"] == 2


def test_a_bad_row_is_reported_with_row_column_and_reason(db, channels):
    data = workbook(
        [
            ["21/10/2022", "PORTAL", "Đúng", 1, None, None, None, None],
            ["31/02/2022", "Không có kênh này", "", "1,5", "Lĩnh vực lạ", -3, "khong-phai-url", None],
        ]
    )
    result = check(data)
    assert [r.valid for r in result.rows] == [True, False]
    by_column = {p.column: p for p in result.problems}
    assert {p.row for p in result.problems} == {3}
    assert set(by_column) == {
        "Ngày thực hiện",
        "Hình thức tuyên truyền",
        "Tên hoạt động",
        "Số lượng",
        "Nội dung CCHC",
        "Số người được tiếp cận",
        "Đường dẫn minh chứng",
    }
    assert "Không có hình thức «Không có kênh này»" in by_column["Hình thức tuyên truyền"].reason
    assert str(by_column["Tên hoạt động"]) == "Dòng 3, cột Tên hoạt động: Cần nhập tên hoạt động."


def test_text_dates_thousands_separators_and_names_without_accents_are_read(db, channels, areas):
    area = next(iter(areas.values()))
    data = workbook(
        [
            [
                "21/10/2022",
                "tin, bai tren cong/trang thong tin dien tu",
                "A",
                "1.200",
                f"{area.code}, {area.short_name}",
                "1,200",
                None,
                None,
            ],
            [dt.datetime(2022, 1, 5), "PORTAL", "B", 3.0, None, "12 345", None, None],
        ]
    )
    result = check(data)
    assert result.problems == []
    a, b = result.rows
    assert a.date == dt.date(2022, 10, 21) and a.quantity == 1200 and a.reach == 1200 and a.areas == [area]
    assert a.channel == channels["PORTAL"]
    assert b.date == dt.date(2022, 1, 5) and b.quantity == 3 and b.reach == 12345


def test_merged_cells_are_a_clear_problem(db):
    data = workbook([["21/10/2022", "PORTAL", "A", 1], ["22/10/2022", "PORTAL", "B", 1]], merge="B2:B3")
    result = check(data)
    assert any(p.column == "B2:B3" and "gộp" in p.reason for p in result.problems)
    assert not result.rows[0].valid


def test_columns_are_found_by_header_in_any_order_and_missing_ones_named(db):
    data = workbook(
        [["A", "21/10/2022", "PORTAL"]], headers=["Tên hoạt động", "Ngày thực hiện", "Hình thức tuyên truyền"]
    )
    assert check(data).problems == []
    data = workbook([["21/10/2022", "A", 3]], headers=["Ngày thực hiện", "Tên hoạt động", "Số lượg"])
    reasons = [p.reason for p in check(data).problems]
    assert "Cột «Số lượg» không có trong mẫu của Loa." in reasons
    assert "Thiếu cột «Hình thức tuyên truyền» ở dòng tiêu đề." in reasons


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"Ngay,Hinh thuc\n21/10/2022,PORTAL\n", "không phải bảng tính Excel"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, ".xls"),
        (b"PK\x03\x04 broken zip", "không phải bảng tính Excel"),
    ],
    ids=["csv", "xls", "bad-zip"],
)
def test_a_file_that_is_not_excel_gets_one_clear_error(db, data, words):
    with pytest.raises(ValidationError, match=words.replace(".", r"\.")):
        check(data)


def test_more_rows_than_the_limit_is_refused(db, monkeypatch):
    import loa.activities.importers.xlsx.reading as xlsx

    monkeypatch.setattr(xlsx, "MAX_ROWS", 2)
    with pytest.raises(ValidationError, match="hơn 2 dòng"):
        check(workbook([["21/10/2022", "PORTAL", str(i)] for i in range(3)]))
    assert MAX_ROWS == 50_000


def test_nothing_is_saved_when_one_row_is_bad_unless_only_valid(unit, officer):
    data = workbook(
        [["21/10/2022", "PORTAL", "Tốt"], ["21/10/2022", "PORTAL", ""], ["22/10/2022", "PORTAL", "Tốt 2"]]
    )
    result = activities_import(actor=officer, unit=unit, data=data)
    assert result.created == 0 and [p.row for p in result.problems] == [3]
    assert not Activity.objects.filter(unit=unit).exists()
    dry = activities_import(actor=officer, unit=unit, data=data, only_valid=True, dry_run=True)
    assert dry.created == 0 and not Activity.objects.filter(unit=unit).exists()
    result = activities_import(actor=officer, unit=unit, data=data, only_valid=True)
    assert result.created == 2 and result.skipped == 1
    assert sorted(Activity.objects.filter(unit=unit).values_list("title", flat=True)) == ["Tốt", "Tốt 2"]


def test_importing_needs_the_right_to_record_in_the_unit(unit, make_unit, make_user):
    stranger = make_user(make_unit(), "officer")
    with pytest.raises(PermissionDenied):
        activities_import(actor=stranger, unit=unit, data=workbook([["21/10/2022", "PORTAL", "A"]]))


def test_exports_write_dd_mm_yyyy_and_csv_opens_in_excel(unit, officer):
    activities_import(actor=officer, unit=unit, data=workbook([["21/10/2022", "PORTAL", "Tuyên truyền"]]))
    qs = Activity.objects.filter(unit=unit).select_related("unit", "channel").prefetch_related("areas")
    text = activities_export_csv(qs)
    assert text.startswith("\ufeffĐơn vị,") and "21/10/2022" in text and "Tuyên truyền" in text
    ws = openpyxl.load_workbook(io.BytesIO(activities_export_xlsx(qs))).active
    assert ws["B2"].value.date() == dt.date(2022, 10, 21) and ws["B2"].number_format == "DD/MM/YYYY"


def test_an_area_whose_name_holds_a_comma_is_read_whole(db, areas):
    named = next(a for a in areas.values() if "," in a.short_name)
    other = next(a for a in areas.values() if "," not in a.short_name)
    data = workbook([["21/10/2022", "PORTAL", "A", 1, f"{other.short_name}, {named.short_name}"]])
    result = check(data)
    assert result.problems == [] and result.rows[0].areas == [other, named]

"""The officer imports activities from Excel (a bad row first, then fixed) and confirms a feed item."""

import datetime as dt
import io

import openpyxl
from playwright.sync_api import expect

HEADERS = ["Ngày thực hiện", "Hình thức tuyên truyền", "Tên hoạt động", "Số lượng", "Nội dung CCHC"]
PORTAL = "Tin, bài trên Cổng/Trang thông tin điện tử"


def _xlsx(rows) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Hoạt động"
    ws.append(HEADERS)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _upload(page, data: bytes):
    page.get_by_label("Tệp Excel (.xlsx) đã điền theo mẫu").set_input_files(
        files=[{"name": "hoat-dong-quy-4.xlsx", "mimeType": "application/octet-stream", "buffer": data}]
    )
    page.get_by_role("button", name="Kiểm tra và nhập").click()
    page.wait_for_load_state()


def test_officer_fixes_a_bad_row_and_imports_the_file(login, site, shot):
    from loa.activities.models import Activity

    page = login("canbo.vhtt")
    page.goto(f"{site}/hoat-dong/?don_vi=huongtra-vhtt")
    page.get_by_role("link", name="Nhập từ Excel").click()
    rows = [
        ["05/11/2022", PORTAL, "Tin bài hướng dẫn nộp hồ sơ trực tuyến", 2, "Thủ tục hành chính"],
        ["31/11/2022", "Pa nô lớn", "Pa nô tuyên truyền CCHC tại chợ", "1,5", ""],
    ]
    _upload(page, _xlsx(rows))
    expect(page.get_by_role("heading", name="Tệp có 3 lỗi — chưa lưu hoạt động nào")).to_be_visible()
    expect(page.get_by_role("cell", name="Không có hình thức «Pa nô lớn» trong danh mục.")).to_be_visible()
    shot(page, "nhap-excel-loi")
    before = Activity.objects.count()

    rows[1] = ["30/11/2022", "MEETING", "Hội nghị tuyên truyền CCHC tại chợ", "1", ""]
    page.get_by_role("link", name="chọn lại tệp").click()
    _upload(page, _xlsx(rows))
    expect(page.get_by_role("status")).to_contain_text("Đã nhập 2 hoạt động")
    page.get_by_role("link", name="Xem 2 hoạt động vừa nhập").click()
    expect(page.get_by_role("link", name="Hội nghị tuyên truyền CCHC tại chợ")).to_be_visible()
    assert Activity.objects.count() == before + 2


def test_officer_confirms_a_news_item_from_the_portal_feed(login, site, shot):
    from loa.activities.models import Activity, DraftActivity, Feed, Source
    from loa.organizations.models import Unit

    unit = Unit.objects.get(code="huongtra-vhtt")
    feed = Feed.objects.create(
        unit=unit, url="https://huongtra.thuathienhue.gov.vn/rss", title="Cổng TTĐT thị xã"
    )
    for day, title in (
        (14, "Thị xã tổ chức hội nghị đối thoại về thủ tục hành chính"),
        (16, "Ra mắt mô hình một cửa thân thiện"),
    ):
        DraftActivity.objects.create(
            feed=feed,
            unit=unit,
            date=dt.date(2022, 11, day),
            title=title,
            evidence_url=f"https://huongtra.thuathienhue.gov.vn/tin/{day}",
        )
    page = login("canbo.vhtt")
    page.goto(f"{site}/don-vi/huongtra-vhtt/tin-cho-xac-nhan/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tin chờ xác nhận — Phòng Văn hoá và Thông tin")
    shot(page, "tin-cho-xac-nhan")
    row = page.locator("tr", has_text="hội nghị đối thoại")
    row.get_by_role("button", name="Xác nhận").click()
    expect(row).to_contain_text("Đã xác nhận thành hoạt động.")
    other = page.locator("tr", has_text="một cửa thân thiện")
    other.get_by_role("button", name="Bỏ qua").click()
    expect(other).to_contain_text("Đã bỏ qua tin này.")
    assert Activity.objects.filter(source=Source.FEED, unit=unit).count() == 1


def test_officer_imports_the_same_file_twice_and_the_second_time_rows_are_skipped(login, site):
    from loa.activities.models import Activity

    page = login("canbo.vhtt")
    page.goto(f"{site}/hoat-dong/nhap-excel/?don_vi=huongtra-vhtt")
    data = _xlsx(
        [
            ["07/11/2022", PORTAL, "Tin bài về dịch vụ công trực tuyến", 2, ""],
            ["08/11/2022", "MEETING", "Hội nghị CCHC tại bộ phận một cửa", 1, ""],
        ]
    )
    _upload(page, data)
    expect(page.get_by_role("status")).to_contain_text("Đã nhập 2 hoạt động")
    before = Activity.objects.count()

    page.goto(f"{site}/hoat-dong/nhap-excel/?don_vi=huongtra-vhtt")
    _upload(page, data)
    expect(page.get_by_text("cả 2 dòng đều trùng với hoạt động đã ghi nhận")).to_be_visible()
    expect(page.get_by_role("heading", name="2 dòng trùng — không nhập")).to_be_visible()
    row = page.locator("table.duplicates tr", has_text="07/11/2022")
    expect(row).to_contain_text("Trùng với hoạt động đã ghi nhận ngày 07/11/2022")
    row.get_by_role("link", name="(xem)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tin bài về dịch vụ công trực tuyến")
    assert Activity.objects.count() == before

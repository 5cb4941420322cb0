"""The office's officer, in a real browser: sign in, see the founding year, record, see the figure change."""

import re

from playwright.sync_api import expect


def _actual(page, channel: str) -> int:
    return int(page.locator(f'tr[data-channel="{channel}"] td.actual').inner_text())


def test_officer_records_an_activity_and_the_dashboard_figure_changes(login, site, shot):
    page = login("canbo.vhtt")
    expect(page.get_by_role("heading", level=1)).to_have_text("Phòng Văn hoá và Thông tin")
    expect(page.get_by_role("heading", name=re.compile("năm 2022"))).to_be_visible()
    assert _actual(page, "PORTAL") == 2 and _actual(page, "PANEL") == 1
    shot(page, "bang-dieu-khien")

    page.get_by_role("link", name="+ Ghi nhận hoạt động").click()
    page.get_by_label("Ngày thực hiện").fill("19/10/2022")
    page.get_by_label("Hình thức tuyên truyền").select_option(
        label="Tin, bài trên Cổng/Trang thông tin điện tử (tin, bài)"
    )
    page.get_by_label("Tên hoạt động").fill("Tuyên truyền dịch vụ công trực tuyến trên cổng thông tin thị xã")
    page.get_by_label("Số lượng").fill("3")
    page.get_by_label("Thủ tục hành chính").check()
    page.get_by_label("Đường dẫn minh chứng").fill("https://huongtra.thuathienhue.gov.vn/?tin=moi")
    shot(page, "ghi-nhan-hoat-dong")
    page.get_by_role("button", name="Lưu", exact=True).click()

    expect(page.get_by_role("status")).to_contain_text("Đã ghi nhận")
    assert _actual(page, "PORTAL") == 5


def test_invalid_entry_shows_vietnamese_errors_and_keeps_the_input(login, site, shot):
    page = login("canbo.vhtt")
    page.goto(f"{site}/hoat-dong/them/")
    page.get_by_label("Tên hoạt động").fill("Hoạt động chưa chọn hình thức")
    page.get_by_label("Số lượng").fill("0")
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.get_by_role("alert").first).to_be_visible()
    expect(page.get_by_text("Số lượng phải từ 1 trở lên.")).to_be_visible()
    expect(page.get_by_label("Tên hoạt động")).to_have_value("Hoạt động chưa chọn hình thức")
    shot(page, "loi-nhap-lieu")


def test_main_pages_render_for_the_coordinator(login, site, shot):
    page = login("noivu.huongtra")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ủy ban nhân dân thị xã Hương Trà")
    expect(
        page.get_by_label("Cộng cả đơn vị trực thuộc")
    ).to_be_checked()  # default for a unit with units below
    # the office's cluster, the centre's, and the communes' and wards' banners
    expect(page.locator('tr[data-channel="PANEL"] td.actual')).to_have_text("21")
    shot(page, "bang-dieu-khien-thi-xa")
    for path, name in (("/van-ban/", "so-van-ban"), ("/ke-hoach/", "ke-hoach"), ("/hoat-dong/", "hoat-dong")):
        page.goto(site + path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        shot(page, name)
    page.get_by_role("link", name="Văn bản", exact=True).click()
    page.get_by_role("link", name="4757/KH-UBND").click()
    expect(page.get_by_text("Văn bản trích dẫn văn bản này")).to_be_visible()
    shot(page, "van-ban-chi-tiet")

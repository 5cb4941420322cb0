"""Dashboard charts in a real browser: a bar changes after an activity is recorded in another tab."""

from playwright.sync_api import expect

from loa.core.actors import SYSTEM_CLI


def _bar_label(page, chart: str, key: str):
    return page.locator(f'#{chart} text.bar-label[data-key="{key}"]')


def test_a_chart_bar_updates_after_an_activity_is_recorded_elsewhere(login, site, shot, browser):
    page = login("noivu.huongtra")
    expect(page.locator("#bieu-do-kenh")).to_be_visible()
    expect(_bar_label(page, "bieu-do-kenh", "PORTAL")).to_have_text("46/40 (115%)")
    expect(page.locator("#bieu-do-don-vi")).to_be_visible()
    shot(page, "bang-dieu-khien-bieu-do")

    # The office's officer records three articles in another browser window.
    other = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    tab = other.new_page()
    tab.goto(f"{site}/dang-nhap/")
    tab.get_by_label("Tên đăng nhập").fill("canbo.vhtt")
    tab.get_by_label("Mật khẩu").fill("Loa@2022")
    tab.get_by_role("button", name="Đăng nhập").click()
    tab.goto(f"{site}/hoat-dong/them/")
    tab.get_by_label("Ngày thực hiện").fill("19/10/2022")
    tab.get_by_label("Hình thức tuyên truyền").select_option(
        label="Tin, bài trên Cổng/Trang thông tin điện tử (tin, bài)"
    )
    tab.get_by_label("Tên hoạt động").fill("Tuyên truyền dịch vụ công trực tuyến")
    tab.get_by_label("Số lượng").fill("3")
    tab.get_by_role("button", name="Lưu", exact=True).click()
    expect(tab.get_by_role("status")).to_contain_text("Đã ghi nhận")
    other.close()

    # The dashboard's figures fragment (table and charts) refreshes itself; fire that refresh now
    # instead of waiting 30 s.
    page.evaluate(
        "htmx.ajax('GET', document.getElementById('so-lieu').getAttribute('hx-get'), "
        "{target: '#so-lieu', swap: 'innerHTML'})"
    )
    expect(_bar_label(page, "bieu-do-kenh", "PORTAL")).to_have_text("49/40 (122%)")
    expect(page.locator('tr[data-channel="PORTAL"] td.actual')).to_have_text("49")


def test_orientation_pages_in_the_browser(login, site, shot):
    page = login("canbo.vhtt")
    page.get_by_role("link", name="Định hướng", exact=True).click()
    page.get_by_role("row", name="Phòng Văn hoá và Thông tin").get_by_role(
        "link", name="Định hướng đã gửi"
    ).click()
    page.get_by_role("link", name="+ Gửi định hướng").click()
    page.get_by_label("Tháng").fill("11/2022")
    page.get_by_label("Nội dung định hướng").fill(
        "Tuyên truyền kết quả Chỉ số CCHC năm 2021\nHướng dẫn nộp hồ sơ trực tuyến"
    )
    page.get_by_text("Chọn tất cả").click()
    expect(page.locator('input[name="recipients"]:checked')).not_to_have_count(0)
    page.get_by_role("button", name="Gửi định hướng").click()
    expect(page.get_by_role("status")).to_contain_text("Đã gửi định hướng")
    _answer_some_orientations()
    page.goto(f"{site}/don-vi/huongtra-vhtt/dinh-huong/bao-phu/?nam=2022")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Theo dõi thực hiện định hướng năm 2022")
    centre = page.get_by_role("row", name="Trung tâm Văn hóa, Thông tin và Thể thao")
    expect(centre.locator('td[data-month="9"]')).to_have_text("Đã làm")
    expect(centre.locator('td[data-month="2"]')).to_have_text("Đã nhận")
    shot(page, "dinh-huong")


def _answer_some_orientations():
    """The culture centre acknowledged January–September and answered September with a broadcast."""
    import datetime as dt

    from loa.activities.services import activity_record
    from loa.organizations.models import Unit
    from loa.plans.models import Channel, OrientationRecipient
    from loa.plans.services import orientation_acknowledge

    centre = Unit.objects.get(code="huongtra-ttvhtt")
    rows = OrientationRecipient.objects.filter(unit=centre, orientation__month__lte=dt.date(2022, 9, 1))
    for r in rows.select_related("orientation"):
        orientation_acknowledge(actor=SYSTEM_CLI, orientation=r.orientation, unit=centre)
    september = rows.get(orientation__month=dt.date(2022, 9, 1)).orientation
    activity_record(
        actor=SYSTEM_CLI,
        unit=centre,
        date=dt.date(2022, 9, 12),
        channel=Channel.objects.get(code="RADIO"),
        title="Phát thanh nội dung định hướng tháng 9",
        orientation=september,
    )


def test_a_new_ward_reads_2022_through_the_units_it_succeeded(login, site, shot):
    """Issue 12: phường Hương Trà (from 01/07/2025) opens its 2022 dashboard and sees the work of
    phường Tứ Hạ, Hương Văn… and the town's offices, with a note naming them, the dissolved units
    marked, and the figures not empty."""
    page = login("canbo.phuonghuongtra")
    page.goto(f"{site}/don-vi/phuong-huong-tra/?ky=2022")
    note = page.locator(".lineage-note").first
    expect(note).to_contain_text("chưa thành lập trong toàn bộ kỳ này")
    expect(note).to_contain_text("phường Tứ Hạ")
    expect(note).to_contain_text("(sáp nhập ngày 01/07/2025)")
    expect(page.locator("table.figures td.actual").first).to_be_visible()
    expect(page.locator(".dissolved-unit").first).to_contain_text(
        "đã giải thể/sáp nhập, hoạt động đến 30/06/2025"
    )
    shot(page, "phuong-huong-tra-2022-theo-don-vi-tien-than")

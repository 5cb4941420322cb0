"""The office's officer imports two existing documents, corrects one field and registers them."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

EXAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "examples"


@pytest.fixture
def site(live_server, transactional_db):
    """The demo before Loa issued 297/BC-VHTT: the office imports the paper original instead."""
    from loa.demo import demo_load

    demo_load(issue_report=False)
    return live_server.url


def test_officer_imports_two_files_corrects_a_field_and_finds_the_report_in_the_register(login, site, shot):
    page = login("canbo.vhtt")
    page.goto(f"{site}/van-ban/")
    page.get_by_role("link", name="Nhập văn bản").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nhập văn bản có sẵn")
    page.get_by_label("Tệp văn bản").set_input_files(
        [str(EXAMPLES / "docs" / "000.txt"), str(EXAMPLES / "files" / "029.docx")]
    )
    shot(page, "nhap-van-ban")
    page.get_by_role("button", name="Tải lên và đọc văn bản").click()

    expect(page.locator("#ingest-progress")).to_contain_text("Đã đọc 2/2 tệp")
    report = page.locator("#tep-0")
    expect(report.get_by_label("Số, ký hiệu")).to_have_value("297/BC-VHTT")
    expect(report.locator('mark[data-field~="title"]').first).to_be_visible()
    expect(page.locator("#tep-1").get_by_label("Cơ quan ban hành")).to_have_value("Sở Công Thương")
    report.get_by_label("Trích yếu nội dung").fill(
        "Kết quả công tác tuyên truyền cải cách hành chính năm 2022"
    )
    shot(page, "nhap-van-ban-xem-truoc")
    page.get_by_role("button", name="Vào sổ", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Đã vào sổ văn bản")
    expect(page.get_by_role("status").last).to_contain_text("Mới vào sổ 2 văn bản")
    page.get_by_role("link", name="Xem Sổ văn bản").click()
    row = page.get_by_role("row").filter(has_text="297/BC-VHTT")
    expect(row).to_contain_text("Kết quả công tác tuyên truyền cải cách hành chính năm 2022")


HISTORY = Path(__file__).resolve().parents[1] / "fixtures" / "history"


def test_office_imports_its_2020_and_2021_reports_and_its_dashboard_shows_last_years_figures(
    login, site, shot
):
    """Issue 14: the office imports two old reports with their figures, confirms them, and the
    dashboard of 2022 shows 2021's figures as "cùng kỳ năm trước"."""
    page = login("canbo.vhtt")
    page.goto(f"{site}/nhap-van-ban/")
    page.get_by_label("Tệp văn bản").set_input_files(
        [str(HISTORY / "bc-2020.txt"), str(HISTORY / "bc-2021.txt")]
    )
    page.get_by_label("Nhập cả số liệu của báo cáo cũ làm số liệu các năm trước").check()
    page.get_by_role("button", name="Tải lên và đọc văn bản").click()

    expect(page.locator("#ingest-progress")).to_contain_text("Đã đọc 2/2 tệp")
    old = page.locator("#tep-1")
    expect(old.get_by_text("Số liệu các năm trước từ báo cáo này")).to_be_visible()
    expect(old.get_by_label("Hình thức dòng 1")).to_have_value("PORTAL")
    expect(old.get_by_label("Số lượng dòng 2")).to_have_value("60")
    shot(page, "nhap-so-lieu-bao-cao-cu")
    page.get_by_role("button", name="Vào sổ", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Đã vào sổ văn bản")
    figures = page.locator("table.history-result")
    expect(figures).to_contain_text("Phát thanh, truyền thanh cơ sở")
    expect(figures.get_by_role("row")).to_have_count(9)

    page.goto(f"{site}/don-vi/huongtra-vhtt/?ky=2022&cap_duoi=0")
    radio = page.locator('tr[data-channel="RADIO"]')
    expect(radio.locator("td.previous")).not_to_have_text("0")
    # "Cùng kỳ" marks what came from the old report, and the page says how it is counted.
    expect(radio.locator("td.previous .imported-mark")).to_have_text("*")
    expect(page.locator(".imported-note")).to_contain_text("số liệu nhập từ báo cáo cũ")
    # Last year's yearly figures have no month: kept off the monthly axis (no thirteenth column
    # setting its scale) and said under the chart.
    expect(page.locator('#bieu-do-thang text.bar-label[data-key="Báo cáo cũ"]')).to_have_count(0)
    expect(page.locator(".months-unmonthed")).to_contain_text("không chia được theo tháng")
    expect(page.locator(".months-unmonthed")).to_contain_text("cùng kỳ năm trước")
    shot(page, "cung-ky-so-lieu-nhap-tu-bao-cao-cu")
    page.goto(f"{site}/don-vi/huongtra-vhtt/?ky=2021&cap_duoi=0")
    expect(page.locator('tr[data-channel="PANEL"] td.previous')).not_to_have_text("0")

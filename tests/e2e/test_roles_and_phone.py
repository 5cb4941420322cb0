"""No dead ends and phones, in a real browser.

For each demo role: every menu item, and every same-origin link on the pages the menu leads to, opens
without a 404, 403 or 500 and without Django's English pages. On a 390 px phone: the menu hides
behind "Menu", tables turn into labelled rows, nothing scrolls sideways, and the officer records an
activity from start to finish.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import expect

DEMO_USERS = [
    "canbo.vhtt",
    "lanhdao.vhtt",
    "vanthu.vhtt",
    "noivu.huongtra",
    "canbo.ttvhtt",
    "canbo.phuonghuongtra",
    "noivu.hue",
    "quantri",
]
DOWNLOADS = (".xlsx", ".docx", ".pdf", ".csv", "tai-ve.", "mau-excel", "/xuat/")
ENGLISH = ("Not Found", "Server Error", "Forbidden", "Page not found")
PHONE = {"width": 390, "height": 844}


def _same_origin_links(page, site: str, selector: str) -> list[str]:
    hrefs = page.eval_on_selector_all(selector, "els => els.map(e => e.getAttribute('href'))")
    links = []
    for href in hrefs:
        if not href or href.startswith("#"):
            continue
        url = urljoin(page.url, href)
        if urlsplit(url).netloc == urlsplit(site).netloc and "/quan-tri/" not in url:
            links.append(url)
    return links


def _check(page, url: str, who: str, errors: list[str]) -> None:
    if any(marker in url for marker in DOWNLOADS):
        response = page.request.get(url)
        if response.status >= 400:
            errors.append(f"{who}: {url} → {response.status}")
        return
    response = page.goto(url)
    if response is None or response.status >= 400:
        errors.append(f"{who}: {url} → {response.status if response else 'no response'}")
        return
    body = page.content()
    for word in ENGLISH:
        if word in body:
            errors.append(f"{who}: {url} shows “{word}”")


@pytest.mark.parametrize("username", DEMO_USERS)
def test_every_menu_item_and_page_link_opens_for_each_role(login, site, username):
    page = login(username)
    bad_responses: list[str] = []
    page.on(
        "response",
        lambda r: bad_responses.append(f"{r.status} {r.url}") if r.status >= 400 else None,
    )
    menu = _same_origin_links(page, site, "nav[aria-label='Chức năng chính'] a")
    assert menu
    errors: list[str] = []
    seen: set[str] = set()
    for item in menu:
        if item in seen:
            continue
        seen.add(item)
        _check(page, item, username, errors)
        for link in _same_origin_links(page, site, "main a[href]"):
            if link not in seen:
                seen.add(link)
                _check(page, link, username, errors)
    assert not errors, errors
    assert not bad_responses, bad_responses  # favicon, htmx fragments, static files included


def test_a_missing_page_is_loas_own_page_with_the_menu(login, site, shot):
    page = login("canbo.vhtt")
    response = page.goto(f"{site}/khong-co-trang-nay/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Không tìm thấy trang")
    expect(page.get_by_role("navigation", name="Chức năng chính")).to_be_visible()
    expect(page.get_by_text("Not Found")).to_have_count(0)
    shot(page, "loi-404")


@pytest.fixture
def phone(browser, site):
    context = browser.new_context(viewport=PHONE, locale="vi-VN", device_scale_factor=1)
    page = context.new_page()
    page.goto(f"{site}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("canbo.vhtt")
    page.get_by_label("Mật khẩu").fill("Loa@2022")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()
    yield page
    context.close()


def _no_sideways_scroll(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width} px wide"


def test_on_a_phone_the_officer_records_an_activity_without_scrolling_sideways(phone, site, shot, tmp_path):
    page = phone
    nav = page.get_by_role("navigation", name="Chức năng chính")
    expect(nav).to_be_hidden()
    _no_sideways_scroll(page)
    page.get_by_role("button", name="Menu").click()
    expect(nav).to_be_visible()
    shot(page, "dien-thoai-menu", full_page=False)
    nav.get_by_role("link", name="Hoạt động", exact=True).click()
    _no_sideways_scroll(page)
    first_row = page.locator("table.table tbody tr").first
    expect(first_row.locator("td").first).to_have_attribute("data-label", "Ngày")

    page.get_by_role("link", name="+ Ghi nhận hoạt động").click()
    _no_sideways_scroll(page)
    page.get_by_label("Ngày thực hiện").fill("19/10/2022")
    page.get_by_label("Hình thức tuyên truyền").select_option(
        label="Tin, bài trên Cổng/Trang thông tin điện tử (tin, bài)"
    )
    page.get_by_label("Tên hoạt động").fill("Tuyên truyền dịch vụ công trực tuyến trên điện thoại")
    page.get_by_label("Số lượng").fill("2")
    page.get_by_label("Thủ tục hành chính").check()
    evidence = tmp_path / "anh-minh-chung.png"
    evidence.write_bytes(
        bytes.fromhex(
            "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
            "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
        )
    )
    expect(page.get_by_text("Chọn tệp…")).to_be_visible()
    page.get_by_label("Tệp minh chứng (ảnh, PDF)").set_input_files(str(evidence))
    expect(page.locator(".file-pick .file-name")).to_have_text("anh-minh-chung.png")
    _no_sideways_scroll(page)
    shot(page, "dien-thoai-ghi-nhan")
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Đã ghi nhận")
    _no_sideways_scroll(page)
    figures = page.locator("table.figures tbody tr").first
    expect(figures.locator("td").first).to_have_attribute("data-label", "Đơn vị tính")


@pytest.mark.parametrize(
    "path",
    [
        "/don-vi/huongtra-vhtt/?ky=2022",
        "/hoat-dong/",
        "/ke-hoach/",
        "/van-ban/",
        "/dinh-huong/",
        "/don-vi/huongtra-vhtt/dinh-huong/",
        "/don-vi/huongtra-vhtt/dinh-huong/bao-phu/?nam=2022",
        "/don-vi/huongtra-vhtt/bao-cao/?ky=2022",
        "/nhap-van-ban/",
        "/kiem-tra-the-thuc/",
        "/huong-dan/",
    ],
)
def test_main_pages_fit_a_phone(phone, site, path):
    phone.goto(site + path)
    _no_sideways_scroll(phone)


def test_the_coverage_table_keeps_its_month_labels_on_a_phone(phone, site):
    phone.goto(f"{site}/don-vi/huongtra-vhtt/dinh-huong/bao-phu/?nam=2022")
    cell = phone.locator("table.coverage tbody tr").first.locator('td[data-month="3"]')
    label = cell.get_attribute("data-label")
    assert label and "3" in label

"""The officer drafts the year's report in the browser, rewords a paragraph and downloads the DOCX."""

import io

import pytest
from docx import Document as Docx
from playwright.sync_api import expect


@pytest.fixture
def site(live_server, transactional_db):
    """The demo before Báo cáo 297/BC-VHTT was issued: these tests draft, approve and issue it."""
    from loa.demo import demo_load

    demo_load(issue_report=False)
    return live_server.url


def test_officer_edits_and_downloads_the_report(login, site, shot):
    page = login("canbo.vhtt")
    page.get_by_role("link", name="Tạo báo cáo").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("năm 2022")
    page.get_by_label("Ngày báo cáo").fill("21/10/2022")
    page.get_by_label("Đánh giá chung (ưu điểm, hạn chế, nguyên nhân)").fill(
        "Công tác tuyên truyền CCHC được lãnh đạo quan tâm; số tin, bài trên cổng thông tin còn ít."
    )
    page.get_by_role("button", name="Lưu nội dung").click()
    expect(page.get_by_role("status").first).to_contain_text("Đã lưu")
    expect(page.get_by_label("Xem trước báo cáo")).to_contain_text("số tin, bài trên cổng thông tin còn ít")
    shot(page, "tao-bao-cao")
    with page.expect_download() as info:
        page.get_by_role("link", name="Tải Word (DOCX)").click()
    download = info.value
    assert download.suggested_filename.endswith(".docx")
    doc = Docx(io.BytesIO(open(download.path(), "rb").read()))
    text = "\n".join(
        [p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells]
    )
    assert "Đánh giá chung" in text and "còn ít" in text
    assert "Hương Trà, ngày 21 tháng 10 năm 2022" in text


def _docx_text(path) -> str:
    doc = Docx(io.BytesIO(open(path, "rb").read()))
    return "\n".join(
        [p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells]
    )


def test_officer_drafts_leader_approves_clerk_issues_and_the_download_is_numbered(login, site, page, shot):
    """The year's report goes from draft to a numbered document, each step by its own role."""
    page = login("canbo.vhtt")
    page.goto(f"{site}/don-vi/huongtra-vhtt/bao-cao/?ky=2022")
    page.get_by_label("Ngày báo cáo").fill("21/10/2022")
    page.get_by_role("button", name="Lưu nội dung").click()
    page.get_by_role("button", name="Trình duyệt").click()
    expect(page.locator("span.tag", has_text="Chờ lãnh đạo duyệt")).to_be_visible()

    page.context.clear_cookies()
    page = login("lanhdao.vhtt")
    page.goto(f"{site}/don-vi/huongtra-vhtt/bao-cao/?ky=2022")
    expect(page.get_by_role("button", name="Cấp số và ban hành")).to_have_count(0)
    page.get_by_role("button", name="Duyệt", exact=True).click()
    expect(page.locator("span.tag", has_text="Đã duyệt, chờ cấp số")).to_be_visible()

    page.context.clear_cookies()
    page = login("vanthu.vhtt")
    page.goto(f"{site}/don-vi/huongtra-vhtt/bao-cao/?ky=2022")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Cấp số và ban hành").click()
    expect(page.get_by_role("status").first).to_contain_text("Đã cấp số 297/BC-VHTT")
    expect(page.get_by_role("button", name="Lưu nội dung")).to_have_count(0)
    shot(page, "bao-cao-da-ban-hanh")
    with page.expect_download() as info:
        page.get_by_role("link", name="Tải Word (DOCX)").click()
    download = info.value
    assert "297" in download.suggested_filename and download.suggested_filename.endswith(".docx")
    text = _docx_text(download.path())
    assert "Số: 297/BC-VHTT" in text and "Hương Trà, ngày 21 tháng 10 năm 2022" in text
    # The clerk's outgoing register lists the issued report with its file.
    page.goto(f"{site}/van-ban/")
    page.get_by_role("link", name="Sổ văn bản đi").click()
    row = page.get_by_role("row").filter(has_text="297/BC-VHTT")
    expect(row).to_contain_text("21/10/2022")
    with page.expect_download() as info:
        row.get_by_role("link", name="Tải").click()
    assert "Số: 297/BC-VHTT" in _docx_text(info.value.path())


def test_officer_asks_for_the_draft_pdf_and_gets_it_from_the_waiting_page(login, site):
    """ "Tải PDF" leads to the page of the PDF made by the worker (the test server runs the task right
    after the request commits), which then offers the file."""
    page = login("canbo.vhtt")
    page.get_by_role("link", name="Tạo báo cáo").click()
    page.get_by_role("link", name="Tải PDF").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bản PDF của dự thảo báo cáo")
    expect(page.get_by_role("status").last).to_contain_text("Bản PDF đã sẵn sàng", timeout=30_000)
    with page.expect_download() as info:
        page.get_by_role("link", name="Tải bản PDF").click()
    download = info.value
    assert download.suggested_filename.endswith(".pdf")
    assert open(download.path(), "rb").read(5) == b"%PDF-"

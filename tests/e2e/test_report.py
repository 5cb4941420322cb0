"""The officer drafts the year's report in the browser, rewords a paragraph and downloads the DOCX."""

import io

from docx import Document as Docx
from playwright.sync_api import expect


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

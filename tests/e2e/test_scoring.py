"""A whole CCHC scoring round in the browser (issue 13, item 6): Nội vụ of thị xã Hương Trà opens
the 2022 round for xã Hương Toàn and xã Hương Phong; Loa proposes their scores; xã Hương Toàn's
officer is refused an override without explanation, then overrides with one; its leader submits;
the coordinator appraises one criterion with a reason and finishes, closes the round (ranking and
classes); the town's clerk publishes the numbered result report with its annex."""

import io

import pytest
from docx import Document as Docx
from playwright.sync_api import expect

TITLE = "Chấm điểm chỉ số CCHC năm 2022 (thử trên trình duyệt)"
WARD = "Ủy ban nhân dân xã Hương Toàn"


@pytest.fixture
def people(site):
    from django.contrib.auth import get_user_model

    from loa.core.actors import SYSTEM_CLI
    from loa.organizations.models import Unit
    from loa.organizations.services import membership_grant

    for username, code, role in (
        ("canbo.huongtoan", "xa-huong-toan", "officer"),
        ("lanhdao.huongtoan", "xa-huong-toan", "leader"),
        ("vanthu.huongtra", "huongtra", "clerk"),
    ):
        user = get_user_model().objects.create_user(username=username, password="Loa@2022")
        membership_grant(actor=SYSTEM_CLI, user=user, unit=Unit.objects.get(code=code), role=role)
    return site


def _as(login, page, username):
    page.context.clear_cookies()
    return login(username)


def test_a_scoring_round_from_opening_to_publication(login, page, people, shot):
    # 1. The coordinator opens the round for two communes; Loa proposes their scores.
    page = login("noivu.huongtra")
    page.get_by_role("link", name="Chấm điểm CCHC").click()
    page.get_by_role("link", name="Mở đợt chấm điểm").click()
    page.get_by_label("Năm chấm điểm").fill("2022")
    page.get_by_role("button", name="Chọn").click()
    page.get_by_label("Tên đợt").fill(TITLE)
    page.get_by_label("Ngày mở (dd/mm/yyyy)").fill("01/12/2022")
    page.get_by_label("Hạn nộp tự đánh giá (dd/mm/yyyy)").fill("20/12/2022")
    for box in page.locator("input[name=don_vi_cham]").all():
        if box.get_attribute("value") not in ("xa-huong-toan", "xa-huong-phong"):
            box.uncheck()
    page.get_by_role("button", name="Mở đợt và đề xuất điểm").click()
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(page.get_by_text("Loa đã đề xuất điểm cho 2 đơn vị")).to_be_visible()
    round_url = page.url

    # 2. The commune's officer sees the proposals with their evidence, overrides criterion 5.
    page = _as(login, page, "canbo.huongtoan")
    page.get_by_role("link", name="Chấm điểm CCHC").click()
    page.get_by_role("row").filter(has_text=TITLE).get_by_role("link", name=WARD).click()
    expect(page.get_by_text("Bảng điện tử, màn hình LED (chưa có hoạt động)")).to_be_visible()
    page.get_by_label("Điểm tự chấm 5").fill("1")
    page.get_by_role("button", name="Lưu 5").click()
    expect(page.get_by_text("cần ghi giải trình")).to_be_visible()
    page.get_by_label("Điểm tự chấm 5").fill("1")
    page.get_by_label("Giải trình 5").fill("Mô hình “Một cửa thân thiện” được huyện công nhận năm 2022")
    page.get_by_role("button", name="Lưu 5").click()
    expect(page.get_by_text("Đã lưu điểm tự chấm tiêu chí 5")).to_be_visible()
    shot(page, "cham-diem-tu-danh-gia")

    # 3. Its leader submits.
    page = _as(login, page, "lanhdao.huongtoan")
    page.get_by_role("link", name="Chấm điểm CCHC").click()
    page.get_by_role("row").filter(has_text=TITLE).get_by_role("link", name=WARD).click()
    page.get_by_role("button", name="Nộp bản tự đánh giá").click()
    expect(page.get_by_text("Đã nộp bản tự đánh giá cho tổ thẩm định")).to_be_visible()

    # 4. The coordinator appraises criterion 5 with a reason, finishes, closes the round.
    page = _as(login, page, "noivu.huongtra")
    page.goto(round_url)
    page.get_by_role("link", name=WARD).click()
    page.get_by_label("Điểm thẩm định 5").fill("0,5")
    page.get_by_label("Lý do điều chỉnh 5").fill("Quyết định công nhận của cấp huyện, chưa phải cấp tỉnh")
    page.get_by_role("button", name="Thẩm định 5").click()
    expect(page.get_by_text("Đã lưu điểm thẩm định tiêu chí 5")).to_be_visible()
    page.get_by_role("button", name="Hoàn thành thẩm định").click()
    expect(page.locator(".state")).to_have_text("Đã thẩm định")
    expect(page.get_by_text("Lý do: Quyết định công nhận của cấp huyện")).to_be_visible()
    page.goto(round_url)
    page.get_by_role("button", name="Kết thúc đợt, xếp hạng").click()
    expect(page.get_by_text("các đơn vị đã được xếp hạng, xếp loại")).to_be_visible()
    shot(page, "cham-diem-xep-hang")

    # 5. The town's clerk publishes the result report, numbered from the register.
    page = _as(login, page, "vanthu.huongtra")
    page.get_by_role("link", name="Chấm điểm CCHC").click()
    page.get_by_role("link", name=TITLE).click()
    page.get_by_role("button", name="Ban hành báo cáo kết quả").click()
    expect(page.get_by_text("Đã ban hành báo cáo kết quả số")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="DOCX").click()
    doc = Docx(io.BytesIO(open(download.value.path(), "rb").read()))
    text = "\n".join(
        [p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells]
    )
    assert WARD in text and "Ủy ban nhân dân xã Hương Phong" in text
    with page.expect_download() as annex:
        page.get_by_role("link", name="Phụ lục xếp hạng (XLSX)").click()
    assert annex.value.suggested_filename.endswith(".xlsx")

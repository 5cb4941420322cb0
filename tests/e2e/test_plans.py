"""Plans in a real browser: the officer corrects a target and sees the new percentage."""

from playwright.sync_api import expect


def test_the_officer_edits_a_target_and_sees_it_with_its_percentage(login, site):
    page = login("canbo.vhtt")
    page.goto(f"{site}/ke-hoach/")
    page.get_by_role(
        "link", name="Kế hoạch tuyên truyền CCHC năm 2022 của Phòng Văn hoá và Thông tin"
    ).click()
    expect(page.locator('tr[data-channel="PORTAL"] td.percent')).to_have_text("50%")
    page.get_by_role("link", name="Sửa kế hoạch").click()
    page.get_by_label("Tin, bài trên Cổng/Trang thông tin điện tử (tin, bài)").fill("8")
    page.get_by_role("button", name="Lưu kế hoạch").click()
    expect(page.get_by_role("status")).to_contain_text("Đã lưu kế hoạch")
    expect(page.locator('tr[data-channel="PORTAL"] td.percent')).to_have_text("25%")
    expect(page.get_by_text("Phân cấp chỉ tiêu")).to_have_count(0)

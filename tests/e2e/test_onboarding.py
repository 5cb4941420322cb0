"""Onboarding in a real browser: the administrator creates a commune and an officer's account; the
officer receives the invitation (real SMTP server), sets a password and signs in."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from playwright.sync_api import expect


def test_the_administrator_onboards_a_commune_and_its_officer(page, site, login, smtp_server, shot):
    login("quantri")
    page.get_by_role("link", name="Quản lý đơn vị, tài khoản").click()
    page.get_by_label("Tìm đơn vị").fill("thanh pho hue")
    page.get_by_role("button", name="Tìm").click()
    page.locator("#main").get_by_role("link", name="Ủy ban nhân dân thành phố Huế").click()

    new_unit = page.get_by_role("form", name="Thêm đơn vị trực thuộc")
    new_unit.get_by_label("Tên đơn vị").fill("Ủy ban nhân dân xã Phong Điền")
    new_unit.get_by_label("Mã đơn vị").fill("xa-phong-dien")
    new_unit.get_by_label("Chữ viết tắt").fill("UBND")
    new_unit.get_by_label("Loại đơn vị").select_option("commune")
    new_unit.get_by_label("Hoạt động từ ngày").fill("01/07/2025")
    new_unit.get_by_role("button", name="Thêm đơn vị").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ủy ban nhân dân xã Phong Điền")
    expect(page.get_by_text("Đã thêm Ủy ban nhân dân xã Phong Điền")).to_be_visible()

    account = page.get_by_role("form", name="Tạo tài khoản")
    account.get_by_label("Họ và tên").fill("Nguyễn Thị Phương")
    account.get_by_label("Tên đăng nhập").fill("canbo.phongdien")
    account.get_by_label("Thư điện tử").fill("canbo@phongdien.hue.gov.vn")
    account.get_by_label("Vai trò").select_option("officer")
    account.get_by_label("Từ ngày").fill("01/07/2025")
    account.get_by_role("button", name="Tạo tài khoản và gửi thư mời").click()
    expect(page.get_by_text("Đã gửi thư mời đặt mật khẩu tới canbo@phongdien.hue.gov.vn")).to_be_visible()
    expect(page.get_by_role("cell", name=re.compile("Nguyễn Thị Phương"))).to_be_visible()
    shot(page, "quan-ly-don-vi-tai-khoan")
    page.get_by_role("button", name="Đăng xuất").click()

    # The invitation arrived at the SMTP server; its link leads to the set-password page.
    assert len(smtp_server.messages) == 1
    message = smtp_server.messages[0]
    assert message["To"] == "canbo@phongdien.hue.gov.vn"
    link = re.search(r"https?://\S+/dat-mat-khau/\S+/", message.get_content()).group(0)
    page.goto(site + urlsplit(link).path)
    expect(page.get_by_role("heading", name="Đặt mật khẩu")).to_be_visible()
    page.get_by_label("Mật khẩu mới", exact=True).fill("PhongDien@2025")
    page.get_by_label("Nhập lại mật khẩu mới").fill("PhongDien@2025")
    page.get_by_role("button", name="Đặt mật khẩu").click()
    expect(page.get_by_text("Đã đặt mật khẩu. Mời anh/chị đăng nhập")).to_be_visible()

    login("canbo.phongdien", "PhongDien@2025")
    expect(page.locator(".who")).to_have_text("Nguyễn Thị Phương")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ủy ban nhân dân xã Phong Điền")

"""The dashboard across the 2025 merger: the city's 2022 page shows the old town's figures (it used
to be empty above a list of 2022 activities), says it counts predecessors, and marks dissolved units."""

import re

import pytest
from django.urls import reverse


def figures(html: str) -> dict[str, str]:
    return dict(
        re.findall(r'<tr data-channel="([A-Z_]+)">.*?<td class="num actual">([\d.]+)</td>', html, re.S)
    )


@pytest.fixture
def city(client, demo_world):
    client.login(username="noivu.hue", password="Loa@2022")
    return client


@pytest.mark.django_db
def test_city_2022_dashboard_shows_the_old_town_history(city):
    html = city.get(reverse("web:unit_dashboard", args=["ubnd-hue"]) + "?ky=2022").content.decode()
    shown = figures(html)
    assert shown and "RADIO" in shown and "Chưa có chỉ tiêu hay hoạt động nào trong kỳ này." not in html
    assert (
        "Ủy ban nhân dân thành phố Huế chưa thành lập trong toàn bộ kỳ này: số liệu tính theo "
        "Ủy ban nhân dân tỉnh Thừa Thiên Huế (đổi tên ngày 01/01/2025)." in html
    )
    # The ranking lists the town, marked as dissolved.
    assert "Ủy ban nhân dân thị xã Hương Trà (đã giải thể/sáp nhập từ 01/07/2025)" in html
    # Same figures as the old province's own page, which the city's coordinator may now read.
    old = city.get(reverse("web:unit_dashboard", args=["ubnd-tth"]) + "?ky=2022")
    assert old.status_code == 200 and figures(old.content.decode()) == shown


@pytest.mark.django_db
def test_ward_dashboard_compares_with_its_predecessors(client, demo_world):
    client.login(username="canbo.phuonghuongtra", password="Loa@2022")
    html = client.get(reverse("web:unit_dashboard", args=["phuong-huong-tra"]) + "?ky=2026").content.decode()
    assert "Cùng kỳ năm trước tính theo các đơn vị tiền thân: chính đơn vị; " in html
    # The units merged on one day are named once with their date, not each with it.
    assert "Ủy ban nhân dân phường Tứ Hạ" in html and html.count("(sáp nhập ngày 01/07/2025)") == 1
    old = client.get(reverse("web:unit_dashboard", args=["phuong-huong-tra"]) + "?ky=2022").content.decode()
    assert figures(old), "the ward's 2022 page reads its predecessors"


@pytest.mark.django_db
def test_dissolved_unit_page_names_its_successor(city):
    html = city.get(reverse("web:unit_dashboard", args=["phuong-tu-ha"]) + "?ky=2022").content.decode()
    assert "mã đơn vị hành chính 19996" in html
    assert (
        "Đã giải thể/sáp nhập từ 01/07/2025:" in html
        and "Ủy ban nhân dân phường Hương Trà</a> (sáp nhập)" in html
    )

"""Bad values in the list pages' query strings: a Vietnamese message next to the filters, never a 500;
the activity list and its export share one FilterSet."""

import datetime as dt
import html

import pytest
from django.urls import reverse

from loa.activities.services import activity_record
from loa.core.actors import SYSTEM_CLI


@pytest.fixture
def unit(make_unit):
    return make_unit("Phòng Văn hóa danh sách", code="vh-ds")


@pytest.fixture
def officer(client, make_user, unit):
    client.force_login(make_user(unit, "officer"))
    return client


@pytest.fixture
def clerk(client, make_user, unit):
    client.force_login(make_user(unit, "clerk"))
    return client


def _page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("ky=99999999999999999999", "Kỳ báo cáo «99999999999999999999» không hợp lệ"),
        ("ky=2022-13", "Tháng phải từ 1 đến 12"),
        ("hinh_thuc=KHONG-CO", "Hình thức này không có trong danh mục."),
        ("noi_dung=KHONG-CO", "Nội dung CCHC này không có trong danh mục."),
    ],
)
def test_activity_list_explains_a_bad_filter(officer, unit, channels, query, message):
    activity_record(
        actor=SYSTEM_CLI, unit=unit, date=dt.date(2022, 10, 1), channel=channels["PORTAL"], title="Tin một"
    )
    text = _page(officer, reverse("web:activity_index") + "?" + query)
    assert f'role="alert">{message}' in text
    assert "Tin một" in text  # the bad value is not applied; the rest of the list still shows
    export = officer.get(reverse("web:activity_export") + "?dinh_dang=csv&" + query)
    assert export.status_code == 200 and "Tin một" in export.content.decode()


def test_activity_list_of_a_unit_the_user_may_not_see_is_not_found(officer, make_unit):
    make_unit("Đơn vị khác", code="khac-ds")
    for code in ("khac-ds", "khong-co"):
        assert officer.get(reverse("web:activity_index") + f"?don_vi={code}").status_code == 404
        assert officer.get(reverse("web:activity_export") + f"?don_vi={code}").status_code == 404


def test_the_export_lists_exactly_what_the_list_shows(officer, unit, channels, areas):
    area = next(iter(areas.values()))
    for title, day, with_area in (
        ("Tờ rời tháng mười", dt.date(2022, 10, 1), True),
        ("Tờ rời năm khác", dt.date(2021, 5, 1), True),
        ("Hội nghị tháng mười", dt.date(2022, 10, 2), False),
    ):
        activity_record(
            actor=SYSTEM_CLI,
            unit=unit,
            date=day,
            channel=channels["PORTAL"],
            title=title,
            areas=[area] if with_area else [],
        )
    query = f"don_vi=vh-ds&ky=2022&hinh_thuc=PORTAL&noi_dung={area.code}&q=to+roi"
    listed = _page(officer, reverse("web:activity_index") + "?" + query)
    exported = officer.get(reverse("web:activity_export") + "?dinh_dang=csv&" + query).content.decode()
    for text in (listed, exported):
        assert "Tờ rời tháng mười" in text
        assert "Tờ rời năm khác" not in text and "Hội nghị tháng mười" not in text


@pytest.mark.parametrize("book", ["", "di", "den", "tham-chieu"])
@pytest.mark.parametrize("year", ["abc", "99999999999999999999"])
def test_document_registry_explains_a_bad_year_on_every_tab(clerk, book, year):
    text = _page(clerk, reverse("web:document_index") + f"?so={book}&nam={year}")
    assert 'role="alert">Năm phải là một số có 4 chữ số, ví dụ 2026.' in text
    assert f'name="nam" value="{year}"' in text  # the value typed comes back to be corrected


def test_document_registry_explains_an_unknown_kind(clerk):
    text = _page(clerk, reverse("web:document_index") + "?loai=XYZ")
    assert 'role="alert">Tên loại văn bản này không có trong danh mục.' in text

"""Vietnamese habits on screen: dates typed dd/mm/yyyy, months mm/yyyy, numbers "5.000", periods
picked from a list, one "Họ và tên" field."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django import forms

from loa.core.actors import SYSTEM_CLI
from loa.core.periods import parse_period
from loa.web.forms import VnDateField, VnMonthField
from loa.web.guide import render_markdown
from loa.web.periods import period_groups, unit_years


class _DateForm(forms.Form):
    day = VnDateField(label="Ngày")
    month = VnMonthField(label="Tháng", required=False)


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("21/10/2022", dt.date(2022, 10, 21)),
        ("5/3/2022", dt.date(2022, 3, 5)),
        (" 21-10-2022 ", dt.date(2022, 10, 21)),
        ("21 / 10 / 2022", dt.date(2022, 10, 21)),
        ("2022-10-21", dt.date(2022, 10, 21)),
    ],
)
def test_a_date_is_read_day_first(typed, day):
    form = _DateForm({"day": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == day


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("31/02/2022", "Ngày 31/02/2022 không có thật."),
        ("10/21", "Nhập ngày theo dạng dd/mm/yyyy, ví dụ 21/10/2022."),
        ("ngày mai 21/10/2022", "Nhập ngày theo dạng dd/mm/yyyy, ví dụ 21/10/2022."),
    ],
)
def test_a_date_that_is_not_one_is_refused_in_vietnamese(typed, message):
    form = _DateForm({"day": typed})
    assert not form.is_valid()
    assert form.errors["day"] == [message]


def test_the_date_box_is_a_text_box_showing_day_month_year():
    html = str(_DateForm(initial={"day": dt.date(2022, 10, 21)})["day"])
    assert 'type="text"' in html and 'value="21/10/2022"' in html and 'placeholder="dd/mm/yyyy"' in html
    assert 'type="date"' not in html


@pytest.mark.parametrize(
    ("typed", "first"), [("03/2022", dt.date(2022, 3, 1)), ("2022-11", dt.date(2022, 11, 1))]
)
def test_a_month_is_typed_month_slash_year(typed, first):
    form = _DateForm({"day": "01/01/2022", "month": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["month"] == first


def test_a_bad_month_is_refused_and_the_box_shows_month_slash_year():
    form = _DateForm({"day": "01/01/2022", "month": "13/2022"})
    assert form.errors["month"] == ["Nhập tháng theo dạng mm/yyyy, ví dụ 03/2022."]
    html = str(_DateForm(initial={"month": dt.date(2022, 3, 1)})["month"])
    assert 'value="03/2022"' in html and 'placeholder="mm/yyyy"' in html


def test_the_period_list_names_periods_as_offices_do():
    groups = dict(period_groups([2022]))
    labels = [label for _, label in groups["Năm 2022"]]
    for wanted in ["Năm 2022", "Quý I/2022", "6 tháng đầu năm 2022", "9 tháng năm 2022", "Tháng 3/2022"]:
        assert wanted in labels
    codes = [code for code, _ in groups["Năm 2022"]]
    assert all(parse_period(code).code == code for code in codes)


def test_a_period_outside_the_years_offered_stays_selectable():
    groups = period_groups([2022], parse_period("2021-2025"))
    assert groups[0] == ("Kỳ đang xem", [("2021-2025", "Giai đoạn 2021-2025")])


def test_the_years_offered_follow_the_units_lifetime(make_unit):
    unit = make_unit("Phòng cũ", valid_from=dt.date(2019, 5, 1), valid_to=dt.date(2025, 6, 30))
    assert unit_years(unit, today=dt.date(2026, 11, 29)) == [2025, 2024, 2023, 2022, 2021, 2020]
    assert unit_years(None, today=dt.date(2026, 1, 2))[0] == 2026


def test_the_dashboard_offers_periods_from_a_list(client, demo_world):
    client.login(username="canbo.vhtt", password="Loa@2022")
    html = client.get("/don-vi/huongtra-vhtt/?ky=2022-Q1").content.decode()
    assert '<select id="ky" name="ky">' in html
    assert '<option value="2022-Q1" selected>Quý I/2022</option>' in html
    assert "2022-9M" in html and "9 tháng năm 2022" in html
    # The office ended on 30/06/2025: no later year is offered.
    assert "Năm 2026" not in html


def test_quantities_are_grouped_on_screen(client, demo_world, channels):
    from loa.activities.services import activity_record

    client.login(username="canbo.vhtt", password="Loa@2022")
    activity = activity_record(
        actor=SYSTEM_CLI,
        unit=demo_world["huongtra-vhtt"],
        date=dt.date(2022, 10, 3),
        channel=channels["LEAFLET"] if "LEAFLET" in channels else next(iter(channels.values())),
        title="Phát tờ rơi về dịch vụ công trực tuyến",
        quantity=5000,
        reach=12500,
    )
    listing = client.get("/hoat-dong/?q=to roi").content.decode()
    assert "5.000" in listing and ">5000 " not in listing
    detail = client.get(f"/hoat-dong/{activity.pk}/").content.decode()
    assert "5.000" in detail and "12.500" in detail
    dashboard = client.get("/don-vi/huongtra-vhtt/?ky=2022-10").content.decode()
    channel = activity.channel.code
    assert re.search(rf'data-channel="{channel}".*?<td class="num actual">5\.0\d\d</td>', dashboard, re.S)
    assert re.search(r'class="bar-label" data-key="[A-Z_]+"[^>]*>5\.0\d\d', dashboard)


def test_the_header_shows_the_full_name(client, demo_world):
    client.login(username="canbo.vhtt", password="Loa@2022")
    assert '<span class="who">Lê Thị Hoa</span>' in client.get("/hoat-dong/").content.decode()


def test_the_admin_user_form_has_one_full_name_field(client, demo_world):
    from django.contrib.auth import get_user_model

    from loa.organizations.admin import LoaUserChangeForm

    user = get_user_model().objects.get(username="canbo.vhtt")
    client.login(username="quantri", password="Loa@2022")
    page = client.get(f"/quan-tri/auth/user/{user.pk}/change/").content.decode()
    assert "Họ và tên" in page and 'value="Lê Thị Hoa"' in page
    assert 'name="first_name"' not in page and 'name="last_name"' not in page
    data = {
        "username": user.username,
        "full_name": "  Nguyễn   Thị Thu  Hà ",
        "email": "",
        "is_active": "on",
        "date_joined_0": "01/01/2022",
        "date_joined_1": "08:00:00",
    }
    form = LoaUserChangeForm(data, instance=user)
    form.fields = {
        k: f for k, f in form.fields.items() if k in {"username", "full_name", "email", "is_active"}
    }
    assert form.is_valid(), form.errors
    form.save()
    user.refresh_from_db()
    assert (user.first_name, user.last_name) == ("Nguyễn Thị Thu", "Hà")
    assert user.get_full_name() == "Nguyễn Thị Thu Hà"


def test_the_guide_renderer_escapes_and_keeps_lists():
    html = str(render_markdown("# Tiêu đề\n- **Đậm** <b>x</b>\n  tiếp\n1. `a<b`\n\nĐoạn [Loa](/huong-dan/)."))
    assert "<h1>Tiêu đề</h1>" in html
    assert "<ul><li><strong>Đậm</strong> &lt;b&gt;x&lt;/b&gt; tiếp</li></ul>" in html
    assert "<ol><li><code>a&lt;b</code></li></ol>" in html
    assert '<p>Đoạn <a href="/huong-dan/">Loa</a>.</p>' in html


def test_a_browser_that_prefers_english_still_gets_vietnamese(client, make_user, make_unit):
    """Offices often run an English Windows/Chrome: Loa must not switch Django's own messages (form
    errors, admin) to English because of the browser's Accept-Language (ADR 0009)."""
    unit = make_unit()
    client.force_login(make_user(unit, "officer"))
    response = client.post("/hoat-dong/them/", {"unit": unit.pk}, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    html = response.content.decode()
    assert '<html lang="vi"' in html
    assert "Trường này là bắt buộc." in html
    assert "This field is required" not in html
    missing = client.get("/khong-co-trang-nay/", HTTP_ACCEPT_LANGUAGE="en")
    assert missing.status_code == 404 and "Không tìm thấy" in missing.content.decode()

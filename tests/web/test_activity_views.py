"""The hand-entry form: a duplicate is flagged before saving, dates stay inside the unit's lifetime."""

import datetime as dt

import pytest
from django.urls import reverse

from loa.activities.models import Activity
from loa.activities.services import activity_record
from loa.core.actors import SYSTEM_CLI

DAY = dt.date(2022, 10, 21)


@pytest.fixture
def unit(make_unit):
    return make_unit("Phòng Văn hóa form", code="vh-form")


@pytest.fixture
def officer_client(client, make_user, unit):
    client.force_login(make_user(unit, "officer"))
    return client


def post(client, unit, channel, **extra):
    data = {
        "unit": unit.pk,
        "date": "2022-10-21",
        "channel": channel.pk,
        "title": "Tin bài về một cửa",
        "quantity": 1,
        "evidence_url": "https://vh.vn/tin/1",
        **extra,
    }
    return client.post(reverse("web:activity_create"), data)


def test_a_hand_entered_duplicate_is_flagged_with_a_link_and_saved_only_once_confirmed(
    officer_client, unit, channels
):
    first = activity_record(
        actor=SYSTEM_CLI,
        unit=unit,
        date=DAY,
        channel=channels["PORTAL"],
        title="Tin bài về một cửa",
        evidence_url="https://vh.vn/tin/1",
    )
    response = post(officer_client, unit, channels["PORTAL"], title="Một tiêu đề khác")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Có thể trùng" in body and reverse("web:activity_detail", args=[first.pk]) in body
    assert "Vẫn lưu, đây không phải bản trùng" in body
    assert Activity.objects.count() == 1
    response = post(
        officer_client, unit, channels["PORTAL"], title="Một tiêu đề khác", confirm_duplicate="on"
    )
    assert response.status_code == 302
    assert Activity.objects.count() == 2


def test_the_detail_page_of_a_kept_duplicate_says_it_may_be_one(officer_client, unit, channels):
    kwargs = {
        "actor": SYSTEM_CLI,
        "unit": unit,
        "date": DAY,
        "channel": channels["PORTAL"],
        "title": "Tin bài",
    }
    first = activity_record(**kwargs)
    second = activity_record(**kwargs, allow_duplicate=True)
    body = officer_client.get(reverse("web:activity_detail", args=[second.pk])).content.decode()
    assert "Có thể trùng" in body and reverse("web:activity_detail", args=[first.pk]) in body


def test_an_edit_into_a_duplicate_asks_for_confirmation(officer_client, unit, channels):
    activity_record(actor=SYSTEM_CLI, unit=unit, date=DAY, channel=channels["PORTAL"], title="Tin bài")
    other = activity_record(actor=SYSTEM_CLI, unit=unit, date=DAY, channel=channels["PORTAL"], title="Khác")
    data = {
        "unit": unit.pk,
        "date": "2022-10-21",
        "channel": channels["PORTAL"].pk,
        "title": "Tin bài",
        "quantity": 1,
    }
    response = officer_client.post(reverse("web:activity_edit", args=[other.pk]), data)
    assert response.status_code == 200 and "Vẫn lưu, đây không phải bản trùng" in response.content.decode()
    assert Activity.objects.get(pk=other.pk).title == "Khác"
    response = officer_client.post(
        reverse("web:activity_edit", args=[other.pk]), {**data, "confirm_duplicate": "on"}
    )
    assert response.status_code == 302 and Activity.objects.get(pk=other.pk).title == "Tin bài"


@pytest.fixture
def ceased_client(client, make_user, make_unit):
    unit = make_unit("Phòng Văn hóa và Thông tin", code="vhtt-cu", valid_to=dt.date(2025, 6, 30))
    client.force_login(make_user(unit, "officer"))
    return client, unit


def test_the_form_of_a_ceased_unit_defaults_to_its_last_day(ceased_client):
    client, _unit = ceased_client
    response = client.get(reverse("web:activity_create") + "?don_vi=vhtt-cu")
    assert response.context["form"]["date"].value() == dt.date(2025, 6, 30)


def test_a_date_after_the_unit_ceased_is_refused_beside_the_date_field(ceased_client, channels):
    client, unit = ceased_client
    today = dt.date.today()
    response = post(client, unit, channels["PORTAL"], date=today.isoformat())
    assert response.status_code == 200
    assert response.context["form"].errors["date"] == [
        f"Phòng Văn hóa và Thông tin chỉ hoạt động đến 30/06/2025; không ghi nhận hoạt động ngày {today:%d/%m/%Y}."
    ]
    assert not Activity.objects.exists()


def test_save_and_continue_keeps_the_date_just_entered(officer_client, unit, channels):
    response = post(officer_client, unit, channels["PORTAL"], them_tiep="1")
    assert response.status_code == 302 and "ngay=2022-10-21" in response["Location"]
    form = officer_client.get(response["Location"]).context["form"]
    assert form["date"].value() == DAY and form["unit"].value() == unit.pk

"""Duplicate and look-alike warnings (form, import, detail page) never show another unit's title,
date or name to a user who may not see that unit."""

import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse

from loa.activities.models import Activity
from loa.activities.services import activity_record
from loa.core.actors import SYSTEM_CLI

SECRET = "Hội nghị riêng của phường bên cạnh"
LINK = "https://phuong.gov.vn/tin/7"


@pytest.fixture
def town(make_unit):
    return make_unit("Thị xã thử", code="tx-thu")


@pytest.fixture
def unit(make_unit, town):
    return make_unit("Phòng Văn hóa thử", code="vh-thu", parent=town)


@pytest.fixture
def neighbour(make_unit, town, channels):
    """A sibling unit with an activity the office's officer may not see."""
    other = make_unit("Phường bên cạnh", code="phuong-ben", parent=town)
    activity_record(
        actor=SYSTEM_CLI,
        unit=other,
        date=dt.date(2022, 10, 21),
        channel=channels["PORTAL"],
        title=SECRET,
        evidence_url=LINK,
    )
    return other


def _post_form(client, unit, channels):
    return client.post(
        reverse("web:activity_create"),
        {
            "unit": unit.pk,
            "date": "2022-10-21",
            "channel": channels["PORTAL"].pk,
            "title": SECRET,
            "quantity": 1,
            "evidence_url": LINK,
        },
        follow=True,
    )


def _leaks(body: str) -> bool:
    return "Phường bên cạnh" in body or "phuong-ben" in body


def test_recording_the_same_activity_as_an_unseen_unit_saves_and_names_nothing(
    client, make_user, unit, neighbour, channels
):
    client.force_login(make_user(unit, "officer"))
    response = _post_form(client, unit, channels)
    body = response.content.decode()
    assert response.redirect_chain and "Có thể trùng" not in body and "Lưu ý:" not in body
    assert not _leaks(body)
    assert Activity.objects.filter(unit=unit, title=SECRET).count() == 1


def test_a_user_who_sees_both_units_is_told_of_the_look_alike(client, make_user, unit, neighbour, channels):
    """The control: the same entry by a user who also belongs to the other unit names it."""
    from loa.organizations.accounts import membership_grant

    user = make_user(unit, "officer")
    membership_grant(actor=SYSTEM_CLI, user=user, unit=neighbour, role="clerk")
    client.force_login(user)
    body = _post_form(client, unit, channels).content.decode()
    assert "Lưu ý: Phường bên cạnh đã ghi nhận hoạt động giống vậy" in body and "21/10/2022" in body


def test_the_detail_page_of_an_activity_names_no_unseen_look_alike(
    client, make_user, unit, neighbour, channels
):
    client.force_login(make_user(unit, "officer"))
    mine = activity_record(
        actor=SYSTEM_CLI, unit=unit, date=dt.date(2022, 10, 21), channel=channels["PORTAL"], title=SECRET
    )
    body = client.get(reverse("web:activity_detail", args=[mine.pk])).content.decode()
    assert "Có thể trùng" not in body and not _leaks(body)


def test_an_imported_row_like_an_unseen_units_activity_is_imported_and_names_nothing(
    client, make_user, unit, neighbour, channels, django_capture_on_commit_callbacks
):
    client.force_login(make_user(unit, "officer"))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(
        ["Ngày thực hiện", "Hình thức tuyên truyền", "Tên hoạt động", "Số lượng", "Đường dẫn minh chứng"]
    )
    ws.append(["21/10/2022", "PORTAL", SECRET, 1, LINK])
    data = io.BytesIO()
    wb.save(data)
    data.seek(0)
    data.name = "hoat-dong.xlsx"
    with django_capture_on_commit_callbacks(execute=True):  # the worker's part runs before the page opens
        response = client.post(reverse("web:activity_import"), {"unit": "vh-thu", "file": data})
    response = client.get(response.url)
    body = response.content.decode()
    assert "Đã nhập 1 hoạt động" in body and "trùng" not in body and not _leaks(body)
    assert Activity.objects.filter(unit=unit, title=SECRET).count() == 1

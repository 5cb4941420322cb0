"""The inbox (/thong-bao/): one's own notices, the unread badge in the header, marking read."""

import datetime as dt

import pytest
from django.urls import reverse

from loa.reporting.models import Notice


@pytest.fixture
def people(make_unit, make_user):
    unit = make_unit("Phòng Văn hóa và Thông tin", code="vh-hopthu")
    officer, leader = make_user(unit, "officer"), make_user(unit, "leader")
    for day, text in (
        (dt.date(2022, 12, 12), "Còn 3 ngày đến hạn gửi báo cáo năm 2022"),
        (dt.date(2022, 12, 16), "Đã quá hạn gửi báo cáo năm 2022 (hạn 15/12/2022)"),
    ):
        Notice.objects.create(user=officer, kind=f"k{day.day}", text=text, url="/don-vi/vh-hopthu/", day=day)
    Notice.objects.create(
        user=leader, kind="accepted", text="Báo cáo của lãnh đạo", day=dt.date(2022, 12, 20)
    )
    return {"officer": officer, "leader": leader}


def _badge(html: str) -> str | None:
    marker = 'class="badge"'
    if marker not in html:
        return None
    return html.split(marker, 1)[1].split(">", 1)[1].split("<", 1)[0]


def test_the_inbox_lists_ones_own_notices_newest_first_with_dates_day_first(client, people):
    client.force_login(people["officer"])
    response = client.get(reverse("web:notice_inbox"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Thông báo</h1>" in html
    assert html.index("Đã quá hạn gửi báo cáo") < html.index("Còn 3 ngày đến hạn")
    assert "16/12/2022" in html and "12/12/2022" in html
    assert "Báo cáo của lãnh đạo" not in html
    assert "Đánh dấu đã đọc tất cả" in html
    assert _badge(html) == "2"


def test_the_badge_is_on_every_page_and_opening_a_notice_reads_it(client, people):
    officer = people["officer"]
    client.force_login(officer)
    assert _badge(client.get(reverse("web:format_check")).content.decode()) == "2"
    notice = Notice.objects.filter(user=officer).earliest("day")
    response = client.get(reverse("web:notice_open", args=[notice.pk]))
    assert response.status_code == 302 and response.url == "/don-vi/vh-hopthu/"
    notice.refresh_from_db()
    assert notice.read_at is not None
    assert _badge(client.get(reverse("web:format_check")).content.decode()) == "1"


def test_another_persons_notice_is_not_found(client, people):
    client.force_login(people["officer"])
    theirs = Notice.objects.get(user=people["leader"])
    assert client.get(reverse("web:notice_open", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_all_read_is_a_post_with_csrf(client, people):
    from django.test import Client

    officer = people["officer"]
    client.force_login(officer)
    url = reverse("web:notice_read_all")
    assert client.get(url).status_code == 405
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(officer)
    assert strict.post(url).status_code == 403  # no CSRF token: refused, nothing marked
    assert Notice.objects.filter(user=officer, read_at__isnull=True).count() == 2
    response = client.post(url, follow=True)
    html = response.content.decode()
    assert "Đã đánh dấu đã đọc 2 thông báo." in html
    assert _badge(html) is None and "Đánh dấu đã đọc tất cả" not in html
    assert Notice.objects.filter(user=people["leader"], read_at__isnull=True).count() == 1


def test_an_empty_inbox_says_so(client, make_user):
    client.force_login(make_user())
    html = client.get(reverse("web:notice_inbox")).content.decode()
    assert "Chưa có thông báo nào." in html and _badge(html) is None

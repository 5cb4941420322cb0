"""Web pages for Excel import/export and feed drafts: what an officer sees and may do."""

import datetime as dt
import io

import openpyxl
import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from loa.activities.models import Activity, DraftActivity, DraftStatus, Feed, ImportJob
from loa.core.actors import SYSTEM_CLI
from loa.core.models import AuditEvent


def workbook(rows) -> io.BytesIO:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Ngày thực hiện", "Hình thức tuyên truyền", "Tên hoạt động", "Số lượng"])
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    out.name = "hoat-dong.xlsx"
    return out


@pytest.fixture
def unit(make_unit):
    return make_unit("Phòng Văn hóa web", code="vh-web")


@pytest.fixture
def officer_client(client, make_user, unit, django_capture_on_commit_callbacks):
    """The officer's browser; a POST runs the tasks it queues (the worker's part) before answering,
    and ``upload`` posts a file and opens the import job's page it leads to."""
    client.force_login(make_user(unit, "officer"))
    post = client.post

    def post_and_work(*args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return post(*args, **kwargs)

    def upload(data, follow_job=True, **fields):
        response = post_and_work(reverse("web:activity_import"), {"unit": "vh-web", "file": data, **fields})
        if follow_job and response.status_code == 302:
            return client.get(response.url)
        return response

    client.post = post_and_work
    client.upload = upload
    return client


def test_the_template_downloads_as_xlsx(officer_client, unit):
    response = officer_client.get(reverse("web:activity_template") + "?don_vi=vh-web")
    assert response.status_code == 200 and "mau-hoat-dong-vh-web.xlsx" in response["Content-Disposition"]
    assert openpyxl.load_workbook(io.BytesIO(response.content)).sheetnames[0] == "Hoạt động"


def test_an_upload_with_a_bad_row_shows_every_problem_and_saves_nothing(officer_client, unit, channels):
    data = workbook([["21/10/2022", "PORTAL", "Tốt", 1], ["21/10/2022", "Kênh lạ", "Xấu", "x"]])
    response = officer_client.post(reverse("web:activity_import"), {"unit": "vh-web", "file": data})
    assert response.status_code == 302  # to the import's own page
    job = ImportJob.objects.get()
    assert response.url == reverse("web:activity_import_job", args=[job.code])
    response = officer_client.get(response.url)
    body = response.content.decode()
    assert response.status_code == 200 and "chưa lưu hoạt động nào" in body
    assert "Không có hình thức «Kênh lạ» trong danh mục." in body and "Nhập các dòng hợp lệ (1 dòng)" in body
    assert not Activity.objects.exists()
    kept = job.file.name  # in Django storage, shared by every app server and the worker
    assert kept == f"imports/hoat-dong/{job.code}.xlsx" and default_storage.exists(kept)
    url = reverse("web:activity_import_job", args=[job.code])
    response = officer_client.post(url, {"nhap_hop_le": "1"})
    assert response.status_code == 302
    assert list(Activity.objects.values_list("title", flat=True)) == ["Tốt"]
    assert not default_storage.exists(kept)  # used once
    assert "Đã nhập 1 hoạt động" in officer_client.get(url).content.decode()
    again = officer_client.post(url, {"nhap_hop_le": "1"})
    assert again.status_code == 409 and Activity.objects.count() == 1


def test_a_clean_upload_is_imported_at_once(officer_client, unit, channels):
    response = officer_client.upload(workbook([["21/10/2022", "PORTAL", "A", "1.200"]]))
    assert "Đã nhập 1 hoạt động vào Phòng Văn hóa web." in response.content.decode()
    assert Activity.objects.get().quantity == 1200
    job = ImportJob.objects.get()
    assert (job.status, job.created_count, job.rows_checked, job.rows_total) == ("finished", 1, 1, 1)
    assert not job.file  # nothing more to do with it: removed


def test_a_non_excel_upload_gets_a_vietnamese_error(officer_client, unit):
    fake = io.BytesIO(b"Ngay,Ten\n")
    fake.name = "hoat-dong.xlsx"
    body = officer_client.upload(fake).content.decode()
    assert "không phải bảng tính Excel" in body and "Chạy lại" in body


def test_export_follows_the_list_filters(officer_client, unit, channels):
    from loa.activities.services import activity_record

    for title, day in (("Tháng mười", dt.date(2022, 10, 1)), ("Năm khác", dt.date(2021, 5, 1))):
        activity_record(actor=SYSTEM_CLI, unit=unit, date=day, channel=channels["PORTAL"], title=title)
    response = officer_client.get(reverse("web:activity_export") + "?ky=2022&dinh_dang=csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff") and "Tháng mười" in text and "Năm khác" not in text
    response = officer_client.get(reverse("web:activity_export") + "?q=nam+khac")
    ws = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in ws["D"]][1:] == ["Năm khác"]


def test_drafts_are_confirmed_and_discarded_with_htmx_and_audited(officer_client, unit, channels):
    feed = Feed.objects.create(unit=unit, url="https://vh.vn/rss")
    one, two = (
        DraftActivity.objects.create(
            feed=feed,
            unit=unit,
            date=dt.date(2022, 10, d),
            title=f"Tin {d}",
            evidence_url=f"https://vh.vn/{d}",
        )
        for d in (1, 2)
    )
    page = officer_client.get(reverse("web:unit_drafts", args=["vh-web"]))
    assert "Tin 1" in page.content.decode() and "Xác nhận" in page.content.decode()
    response = officer_client.post(reverse("web:draft_confirm", args=[one.pk]), HTTP_HX_REQUEST="true")
    assert "Đã xác nhận" in response.content.decode()
    officer_client.post(reverse("web:draft_discard", args=[two.pk]), HTTP_HX_REQUEST="true")
    assert Activity.objects.get().evidence_url == "https://vh.vn/1"
    assert DraftActivity.objects.get(pk=two.pk).status == DraftStatus.DISCARDED
    assert {"draft.confirm", "draft.discard"} <= set(AuditEvent.objects.values_list("verb", flat=True))


def test_a_feed_address_is_registered(officer_client, unit):
    response = officer_client.post(
        reverse("web:unit_feeds", args=["vh-web"]), {"url": "https://vh.vn/rss", "title": "Cổng"}
    )
    assert response.status_code == 302 and Feed.objects.get().unit == unit


def test_another_units_officer_cannot_reach_the_drafts(client, make_user, make_unit, unit):
    feed = Feed.objects.create(unit=unit, url="https://vh.vn/rss")
    draft = DraftActivity.objects.create(
        feed=feed, unit=unit, date=dt.date(2022, 1, 1), title="T", evidence_url="https://vh.vn/x"
    )
    client.force_login(make_user(make_unit(), "officer"))
    assert client.get(reverse("web:unit_drafts", args=["vh-web"])).status_code == 404
    assert client.post(reverse("web:draft_confirm", args=[draft.pk])).status_code == 404
    assert client.get(reverse("web:activity_template") + "?don_vi=vh-web").status_code == 404


def test_the_detail_page_warns_of_a_similar_activity_in_another_unit(
    client, make_user, unit, make_unit, channels
):
    from loa.activities.services import activity_record
    from loa.organizations.accounts import membership_grant

    other = make_unit("Phường bên cạnh")
    user = make_user(unit, "officer")
    membership_grant(actor=SYSTEM_CLI, user=user, unit=other, role="officer")
    client.force_login(user)
    activity_record(
        actor=SYSTEM_CLI,
        unit=other,
        date=dt.date(2022, 10, 1),
        channel=channels["PORTAL"],
        title="Hội nghị CCHC quý III",
    )
    mine = activity_record(
        actor=SYSTEM_CLI,
        unit=unit,
        date=dt.date(2022, 10, 5),
        channel=channels["PORTAL"],
        title="Hội nghị CCHC quý III.",
    )
    body = client.get(reverse("web:activity_detail", args=[mine.pk])).content.decode()
    assert "Có thể trùng" in body and "Phường bên cạnh" in body


def test_the_similar_warning_never_names_a_unit_the_user_may_not_see(
    officer_client, unit, make_unit, channels
):
    from loa.activities.services import activity_record

    other = make_unit("Phường bên cạnh")
    activity_record(
        actor=SYSTEM_CLI,
        unit=other,
        date=dt.date(2022, 10, 1),
        channel=channels["PORTAL"],
        title="Bí mật của phường",
    )
    mine = activity_record(
        actor=SYSTEM_CLI,
        unit=unit,
        date=dt.date(2022, 10, 5),
        channel=channels["PORTAL"],
        title="Bí mật của phường",
    )
    body = officer_client.get(reverse("web:activity_detail", args=[mine.pk])).content.decode()
    assert "Phường bên cạnh" not in body and "Có thể trùng" not in body
    response = officer_client.post(
        reverse("web:activity_create"),
        {
            "unit": unit.pk,
            "date": "2022-10-06",
            "channel": channels["PORTAL"].pk,
            "title": "Bí mật của phường",
            "quantity": 1,
        },
        follow=True,
    )
    assert not any("Phường bên cạnh" in str(m) for m in response.context["messages"])


def test_recording_an_activity_like_another_units_shows_a_warning_not_an_error(
    client, make_user, unit, make_unit, channels
):
    from loa.activities.services import activity_record
    from loa.organizations.accounts import membership_grant

    other = make_unit("Phường bên cạnh")
    user = make_user(unit, "officer")
    membership_grant(actor=SYSTEM_CLI, user=user, unit=other, role="officer")
    client.force_login(user)
    officer_client = client
    activity_record(
        actor=SYSTEM_CLI,
        unit=other,
        date=dt.date(2022, 10, 1),
        channel=channels["PORTAL"],
        title="Tọa đàm CCHC",
        evidence_url="https://x.vn/1",
    )
    response = officer_client.post(
        reverse("web:activity_create"),
        {
            "unit": unit.pk,
            "date": "2022-10-02",
            "channel": channels["PORTAL"].pk,
            "title": "Bài khác",
            "quantity": 1,
            "evidence_url": "https://x.vn/1",
        },
        follow=True,
    )
    texts = [str(m) for m in response.context["messages"]]
    assert any(t.startswith("Đã ghi nhận") for t in texts)
    assert any("Phường bên cạnh" in t and "không tính trùng" in t for t in texts)
    assert Activity.objects.filter(unit=unit).count() == 1


def test_uploading_the_same_file_twice_lists_the_rows_skipped_as_duplicates(officer_client, unit, channels):
    rows = [["21/10/2022", "PORTAL", "Tin bài một", 2], ["22/10/2022", "RADIO", "Phát thanh hai", 2]]
    first_time = officer_client.upload(workbook(rows))
    assert "Đã nhập 2 hoạt động" in first_time.content.decode()
    first = Activity.objects.get(title="Tin bài một")
    response = officer_client.upload(workbook(rows))
    body = response.content.decode()
    assert response.status_code == 200 and "Đã nhập" not in body
    assert "cả 2 dòng đều trùng" in body and "2 dòng trùng — không nhập" in body
    assert "Trùng với hoạt động đã ghi nhận ngày 21/10/2022" in body
    assert reverse("web:activity_detail", args=[first.pk]) in body
    assert Activity.objects.filter(unit=unit).count() == 2


def test_a_file_with_new_and_repeated_rows_imports_the_new_ones_and_lists_the_others(
    officer_client, unit, channels
):
    officer_client.upload(workbook([["21/10/2022", "PORTAL", "Tin bài một", 1]]))
    rows = [["21/10/2022", "PORTAL", "TIN BÀI MỘT", 1], ["23/10/2022", "PORTAL", "Tin mới", 1]]
    response = officer_client.upload(workbook(rows))
    body = response.content.decode()
    assert "Đã nhập 1 hoạt động" in body and "<td>2</td>" in body and "1 dòng trùng — không nhập" in body
    assert "Xem 1 hoạt động vừa nhập" in body
    assert Activity.objects.filter(unit=unit).count() == 2


def test_the_keep_duplicates_box_imports_repeated_rows_on_purpose(officer_client, unit, channels):
    rows = [["21/10/2022", "PORTAL", "Tin bài một", 1]]
    officer_client.upload(workbook(rows))
    response = officer_client.upload(workbook(rows), keep_duplicates="on")
    assert "Đã nhập 1 hoạt động" in response.content.decode()
    assert Activity.objects.filter(unit=unit).count() == 2


def test_importing_only_the_valid_rows_still_skips_the_duplicates(officer_client, unit, channels):
    officer_client.upload(workbook([["21/10/2022", "PORTAL", "Tin bài một", 1]]))
    rows = [
        ["21/10/2022", "PORTAL", "Tin bài một", 1],
        ["22/10/2022", "PORTAL", "Mới", 1],
        ["x", "PORTAL", "Lỗi", 1],
    ]
    response = officer_client.upload(workbook(rows))
    assert "Nhập các dòng hợp lệ (1 dòng)" in response.content.decode()
    officer_client.post(response.request["PATH_INFO"], {"nhap_hop_le": "1"})
    assert sorted(Activity.objects.values_list("title", flat=True)) == ["Mới", "Tin bài một"]


def test_confirming_a_feed_item_already_recorded_says_why_instead_of_not_found(
    officer_client, unit, channels
):
    from loa.activities.feeds import feed_channel
    from loa.activities.services import activity_record

    feed = Feed.objects.create(unit=unit, url="https://vh.example.vn/rss")
    draft = DraftActivity.objects.create(
        feed=feed,
        unit=unit,
        date=dt.date(2022, 10, 21),
        title="Tin đã nhập tay",
        evidence_url="https://vh.vn/1",
    )
    activity_record(
        actor=SYSTEM_CLI,
        unit=unit,
        date=draft.date,
        channel=feed_channel(feed),
        title="Tin đã nhập tay",
    )
    response = officer_client.post(reverse("web:draft_confirm", args=[draft.pk]), follow=True)
    assert response.status_code == 200
    assert any("Trùng với hoạt động đã ghi nhận" in str(m) for m in response.context["messages"])
    assert DraftActivity.objects.get(pk=draft.pk).status == DraftStatus.PENDING

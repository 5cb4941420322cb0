"""Requests in the browser: the coordinator opens one and decides per unit; the unit sees what is
due on its dashboard and sends its issued report from there."""

import datetime as dt

from django.urls import reverse

from loa.reporting.cycle import request_open, submission_submit
from loa.reporting.models import LockException, ReportRequest, Submission
from loa.reporting.services import report_approve, report_issue, report_open, report_submit


def _issue(w, key):
    report = report_open(
        actor=w[f"{key}_officer"], unit=w[key], period="2022", report_date=dt.date(2022, 12, 1)
    )
    report = report_submit(actor=w[f"{key}_officer"], report=report)
    report = report_approve(actor=w[f"{key}_leader"], report=report)
    return report_issue(actor=w[f"{key}_clerk"], report=report, subject="Công tác tuyên truyền CCHC")


def _request(w, deadline=dt.date(2099, 12, 15)):
    return request_open(actor=w["coordinator"], coordinator_unit=w["town"], period="2022", deadline=deadline)


def test_the_coordinator_opens_a_request_from_the_form(client, cycle_world):
    w = cycle_world
    client.force_login(w["coordinator"])
    assert "Yêu cầu báo cáo" in client.get(reverse("web:home"), follow=True).content.decode()
    page = client.get(reverse("web:request_open"), {"don_vi": "tx-thu", "ky": "2022"}).content.decode()
    for name in ("Phòng Văn hóa thử", "Phòng Tư pháp thử", "Phường thử"):
        assert name in page
    assert "Trung tâm thử" not in page
    form = {"don_vi": "tx-thu", "ky": "2022", "han": "15/12/2022", "don_vi_bao_cao": ["tx-vhtt", "tx-phuong"]}
    bad = client.post(reverse("web:request_open"), {**form, "han": "15-13-2022x"})
    assert bad.status_code == 400 and "dd/mm/yyyy" in bad.content.decode()
    early = client.post(reverse("web:request_open"), {**form, "han": "01/06/2021"})
    assert early.status_code == 400 and "trước ngày bắt đầu kỳ báo cáo" in early.content.decode()
    assert not ReportRequest.objects.exists()
    response = client.post(reverse("web:request_open"), form)
    request = ReportRequest.objects.get()
    assert response.url == reverse("web:request_detail", args=[request.pk])
    assert request.deadline == dt.date(2022, 12, 15)
    assert set(request.submissions.values_list("unit__code", flat=True)) == {"tx-vhtt", "tx-phuong"}
    listing = client.get(reverse("web:request_index")).content.decode()
    assert request.title in listing and "0 / 2" in listing


def test_returning_accepting_and_granting_an_exception_from_the_request_page(client, cycle_world):
    w = cycle_world
    request = _request(w, deadline=dt.date(2022, 12, 15))
    _issue(w, "vhtt")
    _issue(w, "tp")
    for key, day in (("vhtt", dt.date(2022, 12, 14)), ("tp", dt.date(2022, 12, 17))):
        sub = Submission.objects.get(request=request, unit=w[key])
        submission_submit(actor=w[f"{key}_clerk"], submission=sub, on=day)
    client.force_login(w["coordinator"])
    url = reverse("web:request_detail", args=[request.pk])
    page = client.get(url).content.decode()
    # The request's page leads to its completeness page (no other page links there).
    completeness = reverse("web:request_completeness", args=[request.pk])
    assert f'<a class="button" href="{completeness}">Tình hình gửi báo cáo</a>' in page
    assert "01/BC-VHTT" in page and "17/12/2022" in page and "Tiếp nhận" in page and "Trả lại" in page
    decide = reverse("web:request_decide", args=[request.pk])
    client.post(decide, {"don_vi": "tx-tp", "buoc": "return", "ly_do": ""})
    assert Submission.objects.get(unit=w["tp"]).state == "submitted"
    client.post(decide, {"don_vi": "tx-tp", "buoc": "return", "ly_do": "Thiếu phụ lục"})
    client.post(decide, {"don_vi": "tx-vhtt", "buoc": "accept"})
    states = dict(request.submissions.values_list("unit__code", "state"))
    assert states == {"tx-vhtt": "accepted", "tx-tp": "returned", "tx-phuong": "expected"}
    page = client.get(url).content.decode()
    assert "Lý do: Thiếu phụ lục" in page
    client.post(
        reverse("web:request_lock_exception", args=[request.pk]),
        {"don_vi": "tx-vhtt", "ly_do": "Bổ sung hoạt động", "den_ngay": "31/12/2099"},
    )
    exception = LockException.objects.get()
    assert exception.until == dt.date(2099, 12, 31) and exception.granted_by == w["coordinator"]
    assert "Được sửa số liệu đến 31/12/2099" in client.get(url).content.decode()


def test_a_unit_sees_what_is_due_and_sends_its_report_from_the_dashboard(client, cycle_world):
    w = cycle_world
    request = _request(w)
    dashboard = reverse("web:unit_dashboard", args=["tx-vhtt"])
    client.force_login(w["vhtt_clerk"])
    page = client.get(dashboard).content.decode()
    assert "Báo cáo phải gửi" in page and "còn " in page and "chưa ban hành báo cáo" in page
    assert "Gửi báo cáo</button>" not in page
    _issue(w, "vhtt")
    page = client.get(dashboard).content.decode()
    assert "Gửi báo cáo</button>" in page
    sub = Submission.objects.get(request=request, unit=w["vhtt"])
    response = client.post(reverse("web:submission_send"), {"gui": sub.pk})
    assert response.status_code == 302
    sub.refresh_from_db()
    assert sub.state == "submitted" and sub.report.document.symbol == "01/BC-VHTT"
    assert "Báo cáo phải gửi" not in client.get(dashboard).content.decode()
    # Sending twice is refused with a message, nothing changes.
    response = client.post(reverse("web:submission_send"), {"gui": sub.pk}, follow=True)
    assert "đã gửi báo cáo" in response.content.decode()


def test_a_clerk_of_another_unit_cannot_send_and_an_officer_has_no_button(client, cycle_world):
    w = cycle_world
    request = _request(w)
    _issue(w, "vhtt")
    sub = Submission.objects.get(request=request, unit=w["vhtt"])
    client.force_login(w["tp_clerk"])
    client.post(reverse("web:submission_send"), {"gui": sub.pk})
    assert Submission.objects.get(pk=sub.pk).state == "expected"
    client.force_login(w["vhtt_officer"])
    assert client.post(reverse("web:submission_send"), {"gui": sub.pk}).status_code == 403
    page = client.get(reverse("web:unit_dashboard", args=["tx-vhtt"])).content.decode()
    assert "Báo cáo phải gửi" in page and "Gửi báo cáo</button>" not in page
    client.force_login(w["vhtt_leader"])
    assert client.get(reverse("web:request_index")).status_code == 403


def test_the_period_is_chosen_from_the_period_list_not_typed(client, cycle_world):
    client.force_login(cycle_world["coordinator"])
    page = client.get(reverse("web:request_open"), {"don_vi": "tx-thu", "ky": "2022-Q3"}).content.decode()
    assert '<select id="yc-ky" name="ky">' in page
    assert '<option value="2022-Q3" selected>' in page and 'value="2022"' in page
    assert 'placeholder="2022, 2022-Q1' not in page

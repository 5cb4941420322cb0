"""The history panel on each record's page, and the audit log page for administrators and
coordinators (their subtree only), with its filters and pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from loa.activities.services import activity_record, activity_update
from loa.core.models import AuditEvent

D = dt.date


def _login(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def story(cycle_world, channels):
    w = cycle_world
    w["activity"] = activity_record(
        actor=w["vhtt_officer"],
        unit=w["vhtt"],
        date=D(2022, 3, 18),
        channel=channels["PORTAL"],
        title="Tin 1",
    )
    activity_update(actor=w["vhtt_officer"], activity=w["activity"], quantity=999)
    w["ward_activity"] = activity_record(
        actor=w["ward_officer"],
        unit=w["ward"],
        date=D(2022, 3, 18),
        channel=channels["PORTAL"],
        title="Tin phường",
    )
    return w


def test_an_activity_page_shows_who_changed_what_and_when(client, story):
    page = _login(client, story["vhtt_leader"]).get(
        reverse("web:activity_detail", args=[story["activity"].pk])
    )
    html = page.content.decode()
    assert "Lịch sử thay đổi" in html
    assert "Sửa hoạt động" in html and "Ghi nhận hoạt động" in html
    assert "<del>1</del> → <ins>999</ins>" in html and "vhtt-canbo" in html
    # a record named by its name, not its id
    assert f"Hình thức</span>: {story['activity'].channel.name}" in html
    at = AuditEvent.objects.filter(verb="activity.update").get().at
    from django.utils import timezone

    assert timezone.localtime(at).strftime("%d/%m/%Y %H:%M") in html


def test_the_history_panel_is_on_every_kind_of_record_page(client, story, channels):
    from loa.documents.models import Direction
    from loa.documents.services import document_create
    from loa.plans.services import plan_create
    from loa.reporting.cycle import request_open
    from loa.reporting.services import report_open

    w = story
    plan = plan_create(actor=w["vhtt_officer"], unit=w["vhtt"], title="Kế hoạch 2022", year_from=2022)
    doc = document_create(
        actor=w["vhtt_clerk"],
        kind="CV",
        subject="Về CCHC",
        issuer_unit=w["vhtt"],
        direction=Direction.OUTGOING,
    )
    report_open(actor=w["vhtt_officer"], unit=w["vhtt"], period="2022")
    asked = request_open(
        actor=w["coordinator"],
        coordinator_unit=w["town"],
        period="2022",
        deadline=D(2022, 12, 15),
        units=[w["vhtt"]],
    )
    pages = {
        reverse("web:plan_detail", args=[plan.pk]): (w["vhtt_officer"], "Tạo kế hoạch"),
        reverse("web:document_detail", args=[doc.pk]): (w["vhtt_clerk"], "Thêm văn bản"),
        reverse("web:report_workspace", args=["tx-vhtt"]) + "?ky=2022": (w["vhtt_officer"], "Tạo báo cáo"),
        reverse("web:request_detail", args=[asked.pk]): (w["coordinator"], "Mở yêu cầu báo cáo"),
        reverse("web:unit_dashboard", args=["tx-vhtt"]): (w["vhtt_officer"], "Tạo đơn vị"),
    }
    for url, (user, verb) in pages.items():
        html = _login(client, user).get(url).content.decode()
        assert "Lịch sử thay đổi" in html and verb in html, url


def test_the_log_is_in_the_menu_of_coordinators_and_administrators_only(client, story, make_user):
    home = reverse("web:activity_index")
    assert "Nhật ký" not in _login(client, story["vhtt_officer"]).get(home).content.decode()
    assert reverse("web:audit_log") in _login(client, story["coordinator"]).get(home).content.decode()
    admin = make_user(story["town"], "admin")
    assert reverse("web:audit_log") in _login(client, admin).get(home).content.decode()


def test_an_officer_may_not_open_the_log(client, story):
    reply = _login(client, story["vhtt_officer"]).get(reverse("web:audit_log"))
    assert reply.status_code == 403 and "nhật ký thao tác" in reply.content.decode()


def test_a_coordinator_reads_the_log_of_their_subtree_only(client, story, make_unit):
    outside = make_unit("Phòng ngoài thị xã", parent=story["other"], code="ngoai")
    page = _login(client, story["coordinator"]).get(reverse("web:audit_log")).content.decode()
    assert "Tin phường" in page and "Tin 1" in page
    assert "Phòng ngoài thị xã" not in page  # its creation is another district's event
    assert AuditEvent.objects.filter(verb="unit.create", unit_id=outside.pk).exists()
    # a superuser reads every event
    root = get_user_model().objects.create_superuser("goc", "goc@example.vn", "matkhau-thu-123")
    page = _login(client, root).get(reverse("web:audit_log")).content.decode()
    assert "Phòng ngoài thị xã" in page


def test_the_log_filters_by_unit_action_person_and_day(client, story):
    c = _login(client, story["coordinator"])
    url = reverse("web:audit_log")
    page = c.get(url, {"don_vi": "tx-phuong"}).content.decode()
    assert "Tin phường" in page and "Tin 1" not in page
    page = c.get(url, {"thao_tac": "activity.update"}).content.decode()
    assert "Tin 1" in page and "Tin phường" not in page
    page = c.get(url, {"nguoi": "ward-canbo"}).content.decode()
    assert "Tin phường" in page and "Tin 1" not in page
    page = c.get(url, {"tu_ngay": "01/01/2099"}).content.decode()
    assert "Không có thao tác nào phù hợp." in page
    from django.utils import timezone

    today = timezone.localdate().strftime("%d/%m/%Y")
    page = c.get(url, {"tu_ngay": today, "den_ngay": today, "thao_tac": "activity.record"}).content.decode()
    assert "Tin 1" in page and "Tin phường" in page


def test_bad_filter_values_get_a_vietnamese_message_not_an_error(client, story):
    c = _login(client, story["coordinator"])
    for params, message in [
        ({"tu_ngay": "32/13/2022"}, "Ngày phải có dạng dd/mm/yyyy"),
        ({"don_vi": "huyen-khac"}, "bạn không được xem nhật ký của đơn vị"),
        ({"thao_tac": "xoa-het"}, "Thao tác này không có trong danh mục."),
        ({"trang": "99999999999999999999"}, ""),
    ]:
        reply = c.get(reverse("web:audit_log"), params)
        assert reply.status_code == 200 and message in reply.content.decode(), params


def test_the_log_is_paged(client, story):
    AuditEvent.objects.bulk_create(
        AuditEvent(
            actor_name="x",
            verb="activity.record",
            target_type="t",
            target_id=str(i),
            unit_id=story["vhtt"].pk,
        )
        for i in range(60)
    )
    c = _login(client, story["coordinator"])
    first = c.get(reverse("web:audit_log")).content.decode()
    assert "Trang 1/" in first and "Trang sau" in first
    second = c.get(reverse("web:audit_log"), {"trang": "2"}).content.decode()
    assert "Trang 2/" in second and "Tin 1" in second

"""Plans in the web: one per unit and year, edited and deleted by whoever may record, kept while an
issued report relies on them."""

import datetime as dt

import pytest
from django.urls import reverse

from loa.plans.models import Plan, Task
from loa.reporting.models import Report, ReportStatus


# The demo before Báo cáo 297/BC-VHTT was issued: the tests below issue reports themselves.
@pytest.fixture
def officer(client, demo_world_unissued):
    assert client.login(username="canbo.vhtt", password="Loa@2022")
    return client


@pytest.fixture
def plan(demo_world_unissued):
    return Plan.objects.get(document__symbol="07/KH-VHTT")


def issue_report(unit, period="2022"):
    return Report.objects.create(
        unit=unit, period=period, report_date=dt.date(2022, 10, 21), status=ReportStatus.ISSUED
    )


def test_a_second_plan_for_the_same_year_is_refused_beside_the_year(officer, plan):
    before = Plan.objects.count()
    response = officer.post(
        reverse("web:plan_create"),
        {"unit": plan.unit_id, "title": "Kế hoạch thứ hai 2022", "year_from": 2022, "target_PORTAL": 3},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Đơn vị đã có kế hoạch năm 2022" in html and plan.title in html
    assert Plan.objects.count() == before


def test_the_officer_edits_the_plan_and_its_targets(officer, plan):
    page = officer.get(reverse("web:plan_detail", args=[plan.pk])).content.decode()
    assert reverse("web:plan_edit", args=[plan.pk]) in page and "Xoá kế hoạch" in page
    form = officer.get(reverse("web:plan_edit", args=[plan.pk])).content.decode()
    assert 'name="target_PORTAL"' in form and 'value="4"' in form
    targets = {t.channel.code: t.quantity for t in plan.targets.all()}
    data = {
        "title": "Kế hoạch năm 2022 (điều chỉnh)",
        "year_from": 2022,
        "document": plan.document_id,
        "parents": [p.pk for p in plan.parents.all()],
        **{f"target_{code}": qty for code, qty in targets.items() if code != "MEETING"},
        "target_PORTAL": 6,
        "target_LED": 3,
    }
    response = officer.post(reverse("web:plan_edit", args=[plan.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    plan.refresh_from_db()
    assert plan.title == "Kế hoạch năm 2022 (điều chỉnh)" and plan.unit.code == "huongtra-vhtt"
    got = {t.channel.code: t.quantity for t in plan.targets.all()}
    assert got == {**{k: v for k, v in targets.items() if k != "MEETING"}, "PORTAL": 6, "LED": 3}


def test_the_officer_deletes_a_plan_no_report_relies_on(officer, demo_world_unissued):
    plan = Plan.objects.get(unit__code="huongtra-vhtt", year_from=2022)
    response = officer.post(reverse("web:plan_remove", args=[plan.pk]))
    assert response.status_code == 302 and response.url == reverse("web:plan_index")
    assert not Plan.objects.filter(pk=plan.pk).exists()


def test_an_issued_report_keeps_the_plan(officer, plan):
    issue_report(plan.unit, "2022-Q3")
    page = officer.get(reverse("web:plan_detail", args=[plan.pk])).content.decode()
    assert "Xoá kế hoạch" not in page and "không xoá được" in page
    response = officer.post(reverse("web:plan_remove", args=[plan.pk]), follow=True)
    assert "Không thể xoá kế hoạch" in response.content.decode()
    assert Plan.objects.filter(pk=plan.pk).exists()


def test_in_the_demo_the_issued_297_keeps_the_offices_plan(client, demo_world):
    assert client.login(username="canbo.vhtt", password="Loa@2022")
    plan = Plan.objects.get(document__symbol="07/KH-VHTT")
    response = client.post(reverse("web:plan_remove", args=[plan.pk]), follow=True)
    assert "Không thể xoá kế hoạch" in response.content.decode()
    assert Plan.objects.filter(pk=plan.pk).exists()


def test_tasks_are_edited_and_deleted_on_the_plan_page(officer, plan):
    task = Task.objects.create(plan=plan, title="Đăng tin", owner_unit=plan.unit)
    page = officer.get(reverse("web:plan_detail", args=[plan.pk])).content.decode()
    assert (
        reverse("web:task_edit", args=[task.pk]) in page
        and reverse("web:task_remove", args=[task.pk]) in page
    )
    response = officer.post(
        reverse("web:task_edit", args=[task.pk]),
        {"title": "Đăng 4 tin", "owner_unit": plan.unit_id, "deadline": "30/06/2022", "output": "4 tin"},
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.title, task.deadline) == ("Đăng 4 tin", dt.date(2022, 6, 30))
    issue_report(plan.unit)
    response = officer.post(reverse("web:task_remove", args=[task.pk]), follow=True)
    assert "Không thể xoá nhiệm vụ" in response.content.decode() and Task.objects.filter(pk=task.pk).exists()
    Report.objects.all().delete()
    officer.post(reverse("web:task_remove", args=[task.pk]))
    assert not Task.objects.filter(pk=task.pk).exists()


def test_an_officer_of_another_unit_cannot_edit_or_delete(client, plan):
    assert client.login(username="canbo.ttvhtt", password="Loa@2022")
    assert client.get(reverse("web:plan_edit", args=[plan.pk])).status_code == 404
    assert client.post(reverse("web:plan_remove", args=[plan.pk])).status_code == 404
    assert Plan.objects.filter(pk=plan.pk).exists()


def test_the_plan_page_has_a_query_budget(officer, plan, django_assert_max_num_queries):
    for n in range(5):
        Task.objects.create(plan=plan, title=f"Nhiệm vụ {n}", owner_unit=plan.unit)
    # The page, the menu, and the history panel: its events, then one query per kind of record they
    # name (plan, unit, channel, document), however many events.
    with django_assert_max_num_queries(37):
        assert officer.get(reverse("web:plan_detail", args=[plan.pk])).status_code == 200

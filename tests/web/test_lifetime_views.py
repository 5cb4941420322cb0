"""Pages of a unit that has ceased (Phòng VHTT, to 30/06/2025): dates stay inside its lifetime."""

import datetime as dt

import pytest
from django.urls import reverse

from loa.activities.models import Activity
from loa.plans.models import Plan
from loa.reporting.models import Report

CEASED = dt.date(2025, 6, 30)


@pytest.fixture
def officer(client, demo_world):
    assert demo_world["huongtra-vhtt"].valid_to == CEASED
    assert client.login(username="canbo.vhtt", password="Loa@2022")
    return client


def test_the_activity_form_of_the_ceased_office_defaults_to_its_last_day(officer):
    response = officer.get(reverse("web:activity_create") + "?don_vi=huongtra-vhtt")
    assert response.context["form"]["date"].value() == CEASED


def test_an_activity_dated_today_for_the_ceased_office_is_refused(officer, demo_world, channels):
    before = Activity.objects.count()
    today = dt.date.today()
    response = officer.post(
        reverse("web:activity_create"),
        {
            "unit": demo_world["huongtra-vhtt"].pk,
            "date": today.isoformat(),
            "channel": channels["PORTAL"].pk,
            "title": "Tin bài sau giải thể",
            "quantity": 1,
        },
    )
    assert response.status_code == 200
    assert (
        f"chỉ hoạt động đến 30/06/2025; không ghi nhận hoạt động ngày {today:%d/%m/%Y}."
        in (response.context["form"].errors["date"][0])
    )
    assert Activity.objects.count() == before


def test_a_plan_for_a_year_after_the_office_ceased_is_refused_beside_the_year(officer, demo_world):
    response = officer.post(
        reverse("web:plan_create"),
        {"unit": demo_world["huongtra-vhtt"].pk, "title": "Kế hoạch năm 2026", "year_from": 2026},
    )
    assert response.status_code == 200
    assert "không lập kế hoạch năm 2026" in response.context["form"].errors["year_from"][0]
    assert not Plan.objects.filter(title="Kế hoạch năm 2026").exists()


def test_the_report_page_offers_a_day_inside_the_lifetime_and_refuses_one_outside(officer):
    url = reverse("web:report_workspace", args=["huongtra-vhtt"]) + "?ky=2025"
    assert officer.get(url).context["report_date"] == CEASED
    response = officer.post(url, {"ky": "2025", "report_date": "01/07/2025"}, follow=True)
    assert any("không lập báo cáo ngày 01/07/2025" in str(m) for m in response.context["messages"])
    assert not Report.objects.filter(unit__code="huongtra-vhtt", period="2025").exists()

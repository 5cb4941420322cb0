"""Pages as the office's officer sees them: the founding year, forms with Vietnamese errors."""

import datetime as dt

import pytest
from django.urls import reverse

from loa.activities.models import Activity


@pytest.fixture
def officer(client, demo_world):
    assert client.login(username="canbo.vhtt", password="Loa@2022")
    return client


def test_home_opens_the_offices_dashboard_on_the_founding_year(officer):
    response = officer.get(reverse("web:home"), follow=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Phòng Văn hoá và Thông tin" in html and "năm 2022" in html
    assert "15/12/2021" in html  # the ND09 window, dd/mm/yyyy on screen


def test_recording_an_activity_shows_it_on_the_dashboard(officer, channels):
    url = reverse("web:activity_create")
    response = officer.post(
        url,
        {
            "unit": Activity.objects.filter(unit__code="huongtra-vhtt").first().unit_id,
            "date": "2022-10-20",
            "channel": channels["PORTAL"].pk,
            "title": "Tin mới về CCHC",
            "quantity": 1,
        },
    )
    assert response.status_code == 302
    page = officer.get(response.url).content.decode()
    assert 'data-channel="PORTAL"' in page
    assert Activity.objects.filter(title="Tin mới về CCHC", created_by__username="canbo.vhtt").exists()


def test_an_invalid_activity_shows_vietnamese_errors_beside_the_fields(officer, channels):
    response = officer.post(
        reverse("web:activity_create"),
        {
            "unit": Activity.objects.filter(unit__code="huongtra-vhtt").first().unit_id,
            "date": (dt.date.today() + dt.timedelta(days=3)).isoformat(),
            "channel": "",
            "title": "",
            "quantity": "0",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ngày thực hiện không thể ở tương lai." in html
    assert "Trường này là bắt buộc." in html or "bắt buộc" in html


def test_an_evidence_file_of_the_wrong_type_is_refused(officer, channels):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = officer.post(
        reverse("web:activity_create"),
        {
            "unit": Activity.objects.filter(unit__code="huongtra-vhtt").first().unit_id,
            "date": "2022-10-20",
            "channel": channels["PORTAL"].pk,
            "title": "Có tệp lạ",
            "quantity": 1,
            "evidence_file": SimpleUploadedFile("virus.exe", b"MZ\x00\x00"),
        },
    )
    assert "Chỉ nhận tệp" in response.content.decode()
    assert not Activity.objects.filter(title="Có tệp lạ").exists()


def test_documents_show_citations_both_ways(officer):
    from loa.documents.models import Document

    town_plan = Document.objects.get(symbol="4757/KH-UBND")
    html = officer.get(reverse("web:document_detail", args=[town_plan.pk])).content.decode()
    assert "405/KH-UBND" in html  # cites the province plan
    assert "07/KH-VHTT" in html  # cited by the office's plan


def test_a_duplicate_document_is_refused_with_a_clear_message(officer):
    response = officer.post(
        reverse("web:document_create"),
        {
            "kind": "KH",
            "symbol": "4757 /KH-UBND",
            "issued_date": "2021-12-27",
            "issuer_unit": "",
            "issuer_text": "x",
            "subject": "Trùng",
            "direction": "external",
        },
    )
    assert response.status_code == 302  # different issuer text: a different document
    from loa.documents.models import Document

    office_plan = Document.objects.get(symbol="07/KH-VHTT")
    response = officer.post(
        reverse("web:document_create"),
        {
            "kind": "KH",
            "symbol": "07/KH-VHTT",
            "issued_date": "2022-01-13",
            "issuer_unit": office_plan.issuer_unit_id,
            "subject": "Trùng",
            "direction": "outgoing",
        },
    )
    # The office's own numbered document: only its clerk enters numbers (issue #11, ADR 0020).
    assert "Chỉ văn thư ghi số vào sổ văn bản đi" in response.content.decode()
    response = officer.post(
        reverse("web:document_create"),
        {
            "kind": "KH",
            "symbol": "4757 /KH-UBND",
            "issued_date": "2021-12-27",
            "issuer_unit": "",
            "issuer_text": "x",
            "subject": "Trùng lần hai",
            "direction": "external",
        },
    )
    assert "đã có trong hệ thống" in response.content.decode()


def test_a_bad_symbol_is_reported_beside_the_symbol_field(officer):
    response = officer.post(
        reverse("web:document_create"),
        {
            "kind": "KH",
            "symbol": "///",
            "issuer_text": "X",
            "subject": "Y",
            "direction": "external",
        },
    )
    assert response.status_code == 200
    assert 'class="field has-error"' in response.content.decode()


def test_the_plan_page_shows_targets_against_actual(officer):
    from loa.plans.models import Plan

    plan = Plan.objects.get(document__symbol="07/KH-VHTT")
    html = officer.get(reverse("web:plan_detail", args=[plan.pk])).content.decode()
    assert "4757/KH-UBND" not in html or "Thực hiện kế hoạch" in html
    assert "Tin, bài trên Cổng/Trang thông tin điện tử" in html


def test_creating_a_plan_with_targets(officer, channels):
    response = officer.post(
        reverse("web:plan_create"),
        {
            "unit": Activity.objects.filter(unit__code="huongtra-vhtt").first().unit_id,
            "title": "Kế hoạch 2023",
            "year_from": 2023,
            "target_PORTAL": 6,
            "target_PANEL": "",
        },
    )
    assert response.status_code == 302
    from loa.plans.models import Plan

    plan = Plan.objects.get(title="Kế hoạch 2023")
    assert {t.channel.code: t.quantity for t in plan.targets.all()} == {"PORTAL": 6}


def test_lists_have_a_query_budget(officer, django_assert_max_num_queries):
    # A fixed number whatever the rows: the page's own queries plus the menu's questions (what the
    # user may register, coordinate, whether a unit of theirs is scored, unread notices).
    with django_assert_max_num_queries(15):
        assert officer.get(reverse("web:activity_index")).status_code == 200
    with django_assert_max_num_queries(15):
        assert officer.get(reverse("web:document_index")).status_code == 200


def test_an_activity_can_cite_the_orientation_it_answers(officer, channels):
    from loa.plans.models import Orientation

    orientation = Orientation.objects.filter(unit__code="huongtra-vhtt").order_by("month").first()
    form_html = officer.get(reverse("web:activity_create")).content.decode()
    assert "Thực hiện định hướng tuyên truyền" in form_html
    response = officer.post(
        reverse("web:activity_create"),
        {
            "unit": orientation.unit_id,
            "date": "2022-01-20",
            "channel": channels["MEETING"].pk,
            "title": "Họp triển khai định hướng tháng 01",
            "quantity": 1,
            "orientation": orientation.pk,
        },
    )
    assert response.status_code == 302
    assert Activity.objects.get(title="Họp triển khai định hướng tháng 01").orientation == orientation

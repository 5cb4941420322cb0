"""The clerk's registers in the browser: sổ đi and sổ đến, số đến and ngày đến, the issuer list,
numbers that collide answered with a message, and files downloaded through an authorised view."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from loa.activities.models import Activity
from loa.core.actors import SYSTEM_CLI
from loa.documents.models import Citation, Document, Receipt


def _as(username: str) -> Client:
    client = Client()
    assert client.login(username=username, password="Loa@2022")
    return client


@pytest.fixture
def clerk(demo_world):
    return _as("vanthu.vhtt")


def _form(**fields):
    data = {
        "kind": "CV",
        "symbol": "",
        "issued_date": "",
        "issuer_unit": "",
        "issuer_text": "",
        "subject": "V/v tuyên truyền CCHC",
        "direction": "external",
        "received_by": "",
        "received_date": "",
        "received_number": "",
    }
    data.update(fields)
    return data


def test_the_issuer_list_offers_the_units_in_loa_to_the_clerk(clerk, demo_world):
    html = clerk.get(reverse("web:document_create")).content.decode()
    assert "— Cơ quan ngoài Loa —" in html
    assert f'value="{demo_world["huongtra-vhtt"].pk}"' in html  # the clerk's own Phòng
    assert f'value="{demo_world["huongtra"].pk}"' in html  # the town above it


def test_the_clerk_enters_an_incoming_document_and_gets_so_den(clerk, demo_world):
    office = demo_world["huongtra-vhtt"]
    response = clerk.post(
        reverse("web:document_create"),
        _form(
            symbol="125/SNV-CCHC",
            issued_date="2022-03-01",
            issuer_text="Sở Nội vụ tỉnh Thừa Thiên Huế",
            direction="incoming",
            received_by=office.pk,
            received_date="2022-03-03",
            file=SimpleUploadedFile("cong-van.pdf", b"%PDF-1.4 thu"),
        ),
    )
    assert response.status_code == 302, response.content.decode()
    receipt = Receipt.objects.get(document__symbol="125/SNV-CCHC")
    assert (receipt.number, receipt.received_date) == (1, dt.date(2022, 3, 3))
    html = clerk.get(reverse("web:document_index") + "?so=den").content.decode()
    assert "Sổ văn bản đến" in html and "125/SNV-CCHC" in html and "03/03/2022" in html
    detail = clerk.get(reverse("web:document_detail", args=[receipt.document.pk])).content.decode()
    assert "Số đến 01, ngày đến 03/03/2022" in detail
    assert reverse("web:document_file", args=[receipt.document.pk]) in detail
    download = clerk.get(reverse("web:document_file", args=[receipt.document.pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 thu"
    assert 'filename="cong-van-125-snv-cchc-2022-03-01.pdf"' in download["Content-Disposition"]
    assert "documents/" not in detail  # no storage path shown as text


def test_an_incoming_document_without_a_receiving_unit_is_refused_beside_the_field(clerk):
    response = clerk.post(
        reverse("web:document_create"), _form(issuer_text="Sở Nội vụ", direction="incoming")
    )
    assert "Văn bản đến cần chọn đơn vị nhận" in response.content.decode()
    assert not Document.objects.filter(issuer_text="Sở Nội vụ").exists()


def test_the_clerk_receives_a_document_already_in_loa(clerk, demo_world):
    plan = Document.objects.get(symbol="4757/KH-UBND")
    assert "Vào sổ văn bản đến" in clerk.get(reverse("web:document_detail", args=[plan.pk])).content.decode()
    url = reverse("web:document_receive", args=[plan.pk])
    early = clerk.post(url, {"unit": demo_world["huongtra-vhtt"].pk, "received_date": "20/12/2021"})
    assert "trước ngày ban hành" in early.content.decode()
    response = clerk.post(url, {"unit": demo_world["huongtra-vhtt"].pk, "received_date": "04/01/2022"})
    assert response.status_code == 302
    assert Receipt.objects.get(document=plan).number == 1


def test_the_outgoing_register_lists_numbered_documents_by_number(clerk):
    html = clerk.get(reverse("web:document_index") + "?so=di").content.decode()
    assert "Sổ văn bản đi" in html and "07/KH-VHTT" in html
    assert "4757/KH-UBND" not in html  # the town's plan is not in the office's outgoing register


def test_an_entered_number_already_used_is_answered_with_a_message_not_a_500(clerk, demo_world):
    office = demo_world["huongtra-vhtt"]
    assert Document.objects.get(number="297").symbol == "297/BC-VHTT"  # issued by the demo's clerk
    again = clerk.post(
        reverse("web:document_create"),
        _form(
            kind="CV",
            symbol="297/BC-VHTT",
            issued_date="2022-10-22",
            issuer_unit=office.pk,
            subject="Khác",
            direction="outgoing",
        ),
    )
    assert again.status_code == 200
    assert "Số 297 đã dùng trong sổ văn bản đi năm 2022" in again.content.decode()
    assert Document.objects.filter(number="297").count() == 1


def test_the_citation_form_preselects_nothing_and_says_what_is_missing(demo_world):
    officer = _as("canbo.vhtt")
    plan = Document.objects.get(symbol="07/KH-VHTT")
    html = officer.get(reverse("web:document_detail", args=[plan.pk])).content.decode()
    assert '<option value="" selected>— Chọn quan hệ —</option>' in html
    assert '<option value="" selected>— Chọn văn bản —</option>' in html
    before = Citation.objects.count()
    response = officer.post(reverse("web:document_detail", args=[plan.pk]), {"relation": "", "target": ""})
    assert "Chọn quan hệ trích dẫn" in response.content.decode()
    assert Citation.objects.count() == before


def test_evidence_downloads_through_an_authorised_view_with_a_readable_name(demo_world, channels):
    officer = _as("canbo.vhtt")
    unit = demo_world["huongtra-vhtt"]
    officer.post(
        reverse("web:activity_create"),
        {
            "unit": unit.pk,
            "date": "2022-10-20",
            "channel": channels["MEETING"].pk,
            "title": "Hội nghị tuyên truyền CCHC",
            "quantity": 1,
            "evidence_file": SimpleUploadedFile("hoi-nghi.pdf", b"%PDF-1.4 anh hoi nghi"),
        },
    )
    activity = Activity.objects.get(title="Hội nghị tuyên truyền CCHC")
    url = reverse("web:activity_evidence", args=[activity.pk])
    assert url in officer.get(reverse("web:activity_detail", args=[activity.pk])).content.decode()
    response = officer.get(url)
    assert b"".join(response.streaming_content) == b"%PDF-1.4 anh hoi nghi"
    assert (
        'filename="minh-chung-2022-10-20-hoi-nghi-tuyen-truyen-cchc.pdf"' in response["Content-Disposition"]
    )
    # Another office of the town may not (phường Hương Trà's officer may: it succeeded the office).
    assert _as("canbo.ttvhtt").get(url).status_code == 404
    assert Client().get(url).status_code == 302  # to the login page


def test_media_is_not_served_publicly(demo_world):
    assert Client().get("/media/evidence/2022/pano.pdf").status_code == 404


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_register_pages_cost_the_same_queries_for_3_or_30_rows(clerk, demo_world):
    from loa.documents.services import document_receive

    office = demo_world["huongtra-vhtt"]

    def add(start, count):
        for i in range(start, start + count):
            doc = Document.objects.create(kind="CV", subject=f"CV {i}", issuer_text="Sở", issuer_key=f"so{i}")
            document_receive(actor=SYSTEM_CLI, document=doc, unit=office, received_date=dt.date(2022, 2, 1))
            Document.objects.create(
                kind="CV",
                subject=f"Đi {i}",
                issuer_unit=office,
                issuer_key=f"u{i}",
                symbol=f"{i}/VHTT",
                number=str(i),
                issued_date=dt.date(2022, 2, 1),
                register=office.registers.get_or_create(year=2022, direction="outgoing")[0],
                register_number=i,
            )

    add(1, 3)
    few = [_queries(clerk, reverse("web:document_index") + f"?so={b}") for b in ("di", "den")]
    add(100, 27)
    many = [_queries(clerk, reverse("web:document_index") + f"?so={b}") for b in ("di", "den")]
    assert many == few


def test_the_reference_tab_lists_documents_known_from_outside(clerk):
    html = clerk.get(reverse("web:document_index") + "?so=tham-chieu").content.decode()
    assert "Văn bản tham chiếu" in html and "405/KH-UBND" in html
    assert "07/KH-VHTT" not in html  # the office's own plan is in its outgoing register


def test_an_officer_typing_a_number_into_the_outgoing_register_is_told_only_the_clerk_numbers(demo_world):
    office = demo_world["huongtra-vhtt"]
    officer = _as("canbo.vhtt")
    before = Document.objects.count()
    response = officer.post(
        reverse("web:document_create"),
        _form(
            kind="CV",
            symbol="300/CV-VHTT",
            issued_date="2022-11-02",
            issuer_unit=office.pk,
            subject="Công văn do cán bộ tự ghi số",
            direction="outgoing",
        ),
    )
    assert response.status_code == 200
    assert "Chỉ văn thư ghi số vào sổ văn bản đi" in response.content.decode()
    assert Document.objects.count() == before

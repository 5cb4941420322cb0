"""The report's road to an issued document in the browser: the officer drafts and submits, the
leader approves or returns, the clerk (văn thư) numbers and issues; downloads then give the issued file."""

import datetime as dt
import io

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document as Docx

from loa.core.actors import SYSTEM_CLI
from loa.documents.models import Citation, CitationRelation, Document
from loa.documents.services import document_create
from loa.reporting.models import Report, ReportStatus


def _url(name, *args, ky="2022"):
    return reverse(name, args=["huongtra-vhtt", *args]) + f"?ky={ky}"


def _docx_text(data: bytes) -> str:
    doc = Docx(io.BytesIO(data))
    return "\n".join(
        [p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells]
    )


def _as(username: str) -> Client:
    client = Client()
    assert client.login(username=username, password="Loa@2022")
    return client


def _messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"]) if response.context else ""


@pytest.fixture
def people(demo_world_unissued):
    return {
        "officer": _as("canbo.vhtt"),
        "leader": _as("lanhdao.vhtt"),
        "clerk": _as("vanthu.vhtt"),
    }


def _draft_submit_approve(people, date="21/10/2022", ky="2022"):
    people["officer"].post(_url("web:report_workspace", ky=ky), {"ky": ky, "report_date": date})
    people["officer"].post(_url("web:report_submit", ky=ky), {"ky": ky})
    people["leader"].post(_url("web:report_approve", ky=ky), {"ky": ky})


def _issue(people, ky="2022"):
    return people["clerk"].post(_url("web:report_issue", ky=ky), {"ky": ky}, follow=True)


def test_the_clerk_numbers_and_issues_the_approved_report_as_297(people):
    _draft_submit_approve(people)
    html = people["clerk"].get(_url("web:report_workspace")).content.decode()
    assert "Cấp số và ban hành" in html
    assert "Bạn chỉ được xem báo cáo của đơn vị này." not in html
    response = _issue(people)
    report = Report.objects.get(unit__code="huongtra-vhtt", period="2022", status=ReportStatus.ISSUED)
    assert report.document.symbol == "297/BC-VHTT"
    assert "Đã cấp số 297/BC-VHTT" in _messages(response)
    assert "Số: 297/BC-VHTT" in _docx_text(report.document.file.read())


def test_the_officer_and_leader_cannot_issue_where_the_unit_has_a_clerk(people):
    _draft_submit_approve(people)
    assert people["officer"].post(_url("web:report_issue"), {"ky": "2022"}).status_code == 404
    assert people["leader"].post(_url("web:report_issue"), {"ky": "2022"}).status_code == 404
    assert "Cấp số và ban hành" not in people["leader"].get(_url("web:report_workspace")).content.decode()
    assert not Report.objects.filter(unit__code="huongtra-vhtt", status=ReportStatus.ISSUED).exists()


def test_a_report_not_yet_approved_cannot_be_issued(people):
    people["officer"].post(_url("web:report_workspace"), {"ky": "2022", "report_date": "21/10/2022"})
    people["officer"].post(_url("web:report_submit"), {"ky": "2022"})
    assert "Cấp số và ban hành" not in people["clerk"].get(_url("web:report_workspace")).content.decode()
    response = _issue(people)
    assert "chưa được lãnh đạo duyệt" in _messages(response)
    assert not Document.objects.filter(kind="BC", register__isnull=False).exists()


def test_the_leader_returns_the_report_with_a_reason_and_the_officer_sees_it(people):
    people["officer"].post(_url("web:report_workspace"), {"ky": "2022", "report_date": "21/10/2022"})
    people["officer"].post(_url("web:report_submit"), {"ky": "2022"})
    response = people["leader"].post(_url("web:report_return"), {"ky": "2022", "reason": ""}, follow=True)
    assert "Cần ghi lý do trả lại" in _messages(response)
    assert Report.objects.get(unit__code="huongtra-vhtt").status == ReportStatus.SUBMITTED
    people["leader"].post(_url("web:report_return"), {"ky": "2022", "reason": "Bổ sung số liệu pano."})
    assert Report.objects.get(unit__code="huongtra-vhtt").status == ReportStatus.RETURNED
    html = people["officer"].get(_url("web:report_workspace")).content.decode()
    assert "Bổ sung số liệu pano." in html and "Lưu nội dung" in html and "Trình duyệt" in html


def test_after_issue_the_workspace_is_read_only_and_downloads_give_the_issued_file(people):
    _draft_submit_approve(people)
    _issue(people)
    html = people["officer"].get(_url("web:report_workspace")).content.decode()
    assert "Lưu nội dung" not in html and "Cấp số và ban hành" not in html
    assert "Ban hành văn bản thay thế" in html and "297/BC-VHTT" in html
    response = people["officer"].get(_url("web:report_download", "docx"))
    data = b"".join(response.streaming_content)
    text = _docx_text(data)
    assert "Số: 297/BC-VHTT" in text and "ngày 21 tháng 10 năm 2022" in text
    assert "297" in response["Content-Disposition"] and ".docx" in response["Content-Disposition"]
    # The PDF is the worker's: the download leads to the issued document's PDF, waiting for it.
    pdf = people["officer"].get(_url("web:report_download", "pdf"), follow=True)
    document = Report.objects.get(unit__code="huongtra-vhtt", status="issued").document
    assert pdf.redirect_chain == [(reverse("web:document_pdf", args=[document.pk]), 302)]
    assert "Đang tạo bản PDF…" in pdf.content.decode()


def test_saving_after_issue_opens_no_second_report(people):
    _draft_submit_approve(people)
    _issue(people)
    response = people["leader"].post(
        _url("web:report_workspace"), {"ky": "2022", "report_date": "29/11/2022"}, follow=True
    )
    assert "đã ban hành" in _messages(response)
    assert Report.objects.filter(unit__code="huongtra-vhtt").count() == 1
    assert _issue(people).status_code == 200
    assert Document.objects.filter(kind="BC", issuer_unit__code="huongtra-vhtt").count() == 1


def test_a_replacement_cites_the_report_it_replaces_and_takes_the_next_number(people):
    _draft_submit_approve(people)
    _issue(people)
    old = Report.objects.get(status=ReportStatus.ISSUED)
    people["officer"].post(_url("web:report_replace"), {"ky": "2022"})
    _draft_submit_approve(people, date="25/10/2022")
    _issue(people)
    old.refresh_from_db()
    new = Report.objects.get(status=ReportStatus.ISSUED)
    assert old.status == ReportStatus.REPLACED and new.replaces == old
    assert new.document.symbol == "298/BC-VHTT"
    assert Citation.objects.filter(
        source=new.document, target=old.document, relation=CitationRelation.REPLACES
    ).exists()
    html = people["officer"].get(_url("web:report_workspace")).content.decode()
    assert "Đã bị thay thế" in html and "298/BC-VHTT" in html


def test_an_imported_297_makes_the_next_report_298_with_a_message_not_an_error(people, demo_world_unissued):
    document_create(
        actor=SYSTEM_CLI,
        kind="BC",
        subject="Công tác tuyên truyền cải cách hành chính năm 2022",
        symbol="297/BC-VHTT",
        issued_date=dt.date(2022, 10, 21),
        issuer_unit=demo_world_unissued["huongtra-vhtt"],
        direction="outgoing",
    )
    _draft_submit_approve(people, date="22/10/2022")
    response = _issue(people)
    assert response.status_code == 200
    assert Report.objects.get(status=ReportStatus.ISSUED).document.symbol == "298/BC-VHTT"


def test_an_issue_dated_before_the_last_numbered_document_is_refused_with_a_message(people):
    _draft_submit_approve(people, date="15/12/2022")
    _issue(people)
    _draft_submit_approve(people, date="20/06/2022", ky="2022-H1")
    response = _issue(people, ky="2022-H1")
    assert "297/BC-VHTT ngày 15/12/2022" in _messages(response)
    assert "từ 15/12/2022 trở đi" in _messages(response)
    assert "trả lại báo cáo để cán bộ sửa ngày báo cáo" in _messages(response)
    assert Report.objects.get(period="2022-H1").status == ReportStatus.APPROVED
    assert not Document.objects.filter(symbol="298/BC-VHTT").exists()


def test_the_issued_report_records_the_plans_its_text_cites(people):
    _draft_submit_approve(people)
    _issue(people)
    doc = Report.objects.get(status=ReportStatus.ISSUED).document
    cited = set(Citation.objects.filter(source=doc).values_list("target__symbol", flat=True))
    assert {"4757/KH-UBND", "07/KH-VHTT", "405/KH-UBND", "170/KH-UBND", "2243/QĐ-UBND"} <= cited, cited
    assert (
        Citation.objects.get(source=doc, target__symbol="4757/KH-UBND").relation
        == CitationRelation.IMPLEMENTS
    )


def test_after_importing_the_real_297_the_clerk_issues_298(people):
    from pathlib import Path

    from loa.ingest import ingest_file
    from loa.ingest.services import ingest_commit

    founding = Path(__file__).resolve().parents[1] / "fixtures" / "examples" / "docs" / "000.txt"
    [imported] = ingest_commit(actor=SYSTEM_CLI, extractions=[ingest_file(founding)]).created
    assert imported.register_number == 297
    _draft_submit_approve(people, date="25/10/2022")
    response = _issue(people)
    assert response.status_code == 200 and "Đã cấp số 298/BC-VHTT" in _messages(response)


def test_the_clerk_is_told_when_nothing_awaits_a_number(people):
    html = people["clerk"].get(_url("web:report_workspace")).content.decode()
    assert "Chưa có báo cáo nào của kỳ này được trình và duyệt để cấp số." in html
    assert "Bạn chỉ được xem báo cáo của đơn vị này." not in html

"""The issued report's PDF: made by the worker after the issue commits; a download that comes first
gets it made on the spot; when LibreOffice is missing the clerk is told why and keeps the DOCX."""

import pytest
from django.test import Client
from django.urls import reverse

from loa.core.actors import SYSTEM_WORKER
from loa.core.models import AuditEvent
from loa.documents.models import Document
from loa.reporting.models import Report, ReportStatus


def _url(name, *args, ky="2022"):
    return reverse(name, args=["huongtra-vhtt", *args]) + f"?ky={ky}"


def _as(username: str) -> Client:
    client = Client()
    assert client.login(username=username, password="Loa@2022")
    return client


def _messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"]) if response.context else ""


@pytest.fixture
def people(demo_world_unissued):
    people = {"officer": _as("canbo.vhtt"), "leader": _as("lanhdao.vhtt"), "clerk": _as("vanthu.vhtt")}
    people["officer"].post(_url("web:report_workspace"), {"ky": "2022", "report_date": "21/10/2022"})
    people["officer"].post(_url("web:report_submit"), {"ky": "2022"})
    people["leader"].post(_url("web:report_approve"), {"ky": "2022"})
    return people


def _issue(people, capture, *, execute):
    with capture(execute=execute) as callbacks:
        response = people["clerk"].post(_url("web:report_issue"), {"ky": "2022"}, follow=True)
    document = Report.objects.get(unit__code="huongtra-vhtt", status=ReportStatus.ISSUED).document
    return response, document, callbacks


def test_issuing_queues_the_pdf_after_commit_and_the_worker_keeps_it(
    people, django_capture_on_commit_callbacks
):
    response, document, callbacks = _issue(people, django_capture_on_commit_callbacks, execute=False)
    assert "Đã cấp số 297/BC-VHTT" in _messages(response) and "PDF được tạo sau ít giây" in _messages(
        response
    )
    assert document.file and not document.pdf  # the request did not wait for LibreOffice
    assert len(callbacks) == 1
    callbacks[0]()  # the transaction committed: the task runs (immediate backend in tests)
    document.refresh_from_db()
    with document.pdf.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"
    assert AuditEvent.objects.get(verb="document.pdf").actor_name == SYSTEM_WORKER.name


def test_a_download_before_the_worker_gets_the_pdf_made_on_the_spot(
    people, django_capture_on_commit_callbacks
):
    _, document, _ = _issue(people, django_capture_on_commit_callbacks, execute=False)
    html = people["officer"].get(_url("web:report_workspace")).content.decode()
    pdf_url = reverse("web:document_pdf", args=[document.pk])
    assert pdf_url in html  # offered at once, not only when the worker has finished
    response = people["clerk"].get(pdf_url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert response["Content-Disposition"].endswith('.pdf"')
    assert AuditEvent.objects.get(verb="document.pdf").actor_name == "vanthu.vhtt"
    # The worker, coming later, finds the PDF kept and makes no second one.
    from loa.docgen.tasks import render_document_pdf

    assert render_document_pdf.call(document.pk) is False


def test_without_libreoffice_the_download_explains_and_the_docx_stays(
    people, django_capture_on_commit_callbacks, monkeypatch
):
    _, document, _ = _issue(people, django_capture_on_commit_callbacks, execute=False)
    monkeypatch.setenv("LOA_SOFFICE", "/khong/co/soffice")
    response = people["clerk"].get(reverse("web:document_pdf", args=[document.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("web:document_detail", args=[document.pk])
    text = _messages(response)
    assert "Không tìm thấy LibreOffice" in text and "vẫn tải được" in text
    docx = people["clerk"].get(reverse("web:document_file", args=[document.pk]))
    assert docx.status_code == 200
    document.refresh_from_db()
    assert not document.pdf


def test_a_document_without_a_docx_has_no_pdf_to_make(people):
    document = Document.objects.filter(issuer_unit__code="huongtra-vhtt", file="", pdf="").first()
    assert document is not None and not document.pdf_available
    assert people["clerk"].get(reverse("web:document_detail", args=[document.pk])).status_code == 200
    assert people["clerk"].get(reverse("web:document_pdf", args=[document.pk])).status_code == 404

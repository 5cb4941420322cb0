"""The issued report's PDF: made by the worker after the issue commits, never in a request; a
download that comes first waits on a page for it; when LibreOffice fails the page says why, keeps
the DOCX and offers "Thử lại"."""

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


def _refuse_libreoffice(monkeypatch):
    """LibreOffice must not run in the request: any call fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError("LibreOffice was called inside the web request")

    monkeypatch.setattr("loa.docgen.render_pdf.docx_to_pdf", refuse)
    monkeypatch.setattr("loa.reporting.producing.docx_to_pdf", refuse)


def test_a_download_before_the_worker_waits_for_it_and_then_gets_the_pdf(
    people, django_capture_on_commit_callbacks, monkeypatch
):
    """No conversion in the request: the page says the PDF is being made and asks again; the task it
    queued (once) makes the file, and the same address then offers and streams it."""
    _, document, _ = _issue(people, django_capture_on_commit_callbacks, execute=False)
    html = people["officer"].get(_url("web:report_workspace")).content.decode()
    pdf_url = reverse("web:document_pdf", args=[document.pk])
    assert pdf_url in html  # offered at once, not only when the worker has finished
    Document.objects.filter(pk=document.pk).update(pdf_queued_at=None)  # as if the issue's task was lost
    with monkeypatch.context() as patched:
        _refuse_libreoffice(patched)
        with django_capture_on_commit_callbacks(execute=False) as queued:
            response = people["clerk"].get(pdf_url)
            again = people["clerk"].get(pdf_url)
            poll = people["clerk"].get(pdf_url + "?phan=tien-do", headers={"HX-Request": "true"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert "Đang tạo bản PDF…" in page and 'hx-trigger="every 1s"' in page
    assert again.status_code == 200 and 'hx-trigger="every 1s"' in poll.content.decode()
    assert len(queued) == 1  # asked twice, queued once
    assert not AuditEvent.objects.filter(verb="document.pdf").exists()
    queued[0]()  # the worker's turn (immediate backend)
    document.refresh_from_db()
    assert document.pdf and not document.pdf_error and document.pdf_queued_at is None
    assert AuditEvent.objects.get(verb="document.pdf").actor_name == SYSTEM_WORKER.name
    ready = people["clerk"].get(pdf_url + "?phan=tien-do", headers={"HX-Request": "true"}).content.decode()
    assert "Bản PDF đã sẵn sàng" in ready and "every 1s" not in ready and f'href="{pdf_url}"' in ready
    response = people["clerk"].get(pdf_url)
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert response["Content-Disposition"].endswith('.pdf"')
    from loa.docgen.tasks import render_document_pdf

    assert render_document_pdf.call(document.pk) is False  # kept: not made twice


def test_the_issued_report_pdf_download_leads_to_the_same_wait(people, django_capture_on_commit_callbacks):
    _, document, _ = _issue(people, django_capture_on_commit_callbacks, execute=False)
    response = people["officer"].get(_url("web:report_download", "pdf"))
    assert response.status_code == 302 and response["Location"] == reverse(
        "web:document_pdf", args=[document.pk]
    )


def test_a_failed_conversion_shows_its_reason_the_docx_and_a_retry(
    people, django_capture_on_commit_callbacks, monkeypatch
):
    _, document, callbacks = _issue(people, django_capture_on_commit_callbacks, execute=False)
    monkeypatch.setenv("LOA_SOFFICE", "/khong/co/soffice")
    callbacks[0]()  # the worker tries, LibreOffice is missing
    document.refresh_from_db()
    assert not document.pdf and "Không tìm thấy LibreOffice" in document.pdf_error
    assert AuditEvent.objects.get(verb="document.pdf_failed").actor_name == SYSTEM_WORKER.name
    pdf_url = reverse("web:document_pdf", args=[document.pk])
    poll = people["clerk"].get(pdf_url + "?phan=tien-do", headers={"HX-Request": "true"})
    assert poll["HX-Refresh"] == "true"
    html = people["clerk"].get(pdf_url).content.decode()
    assert "Không tìm thấy LibreOffice" in html and "Thử lại" in html
    assert reverse("web:document_file", args=[document.pk]) in html
    assert "every 1s" not in html  # nothing to wait for
    assert people["clerk"].get(reverse("web:document_file", args=[document.pk])).status_code == 200
    monkeypatch.delenv("LOA_SOFFICE")
    with django_capture_on_commit_callbacks(execute=True):
        response = people["clerk"].post(pdf_url)
    assert response.status_code == 302 and response["Location"] == pdf_url
    assert AuditEvent.objects.get(verb="document.pdf_retry").actor_name == "vanthu.vhtt"
    document.refresh_from_db()
    assert document.pdf and not document.pdf_error
    assert b"".join(people["clerk"].get(pdf_url).streaming_content).startswith(b"%PDF-")


def test_a_document_without_a_docx_has_no_pdf_to_make(people):
    document = Document.objects.filter(issuer_unit__code="huongtra-vhtt", file="", pdf="").first()
    assert document is not None and not document.pdf_available
    assert people["clerk"].get(reverse("web:document_detail", args=[document.pk])).status_code == 200
    assert people["clerk"].get(reverse("web:document_pdf", args=[document.pk])).status_code == 404

"""The PDF of a report draft: "Tải PDF" never runs LibreOffice in the request; the worker renders the
draft as the person who asked, the waiting page then offers it, the same content is served again at
once, a failure says why with the DOCX and "Thử lại", and nobody else sees the job (ADR 0031)."""

import pytest
from django.test import Client
from django.urls import reverse

from loa.core.actors import SYSTEM_WORKER
from loa.core.models import AuditEvent
from loa.reporting.models import DraftPdf, DraftPdfStatus


def _url(name, *args, ky="2022"):
    return reverse(name, args=["huongtra-vhtt", *args]) + f"?ky={ky}"


def _as(username: str) -> Client:
    client = Client()
    assert client.login(username=username, password="Loa@2022")
    return client


def _poll(client: Client, url: str):
    return client.get(url + "?phan=tien-do", headers={"HX-Request": "true"})


@pytest.fixture
def officer(demo_world_unissued):
    return _as("canbo.vhtt")


def _ask(client: Client, capture) -> tuple[DraftPdf, list]:
    with capture(execute=False) as queued:
        response = client.get(_url("web:report_download", "pdf"))
    job = DraftPdf.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("web:report_pdf_job", args=["huongtra-vhtt", job.code])
    return job, queued


def _ask_without_office(client, capture, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("LibreOffice was called inside the web request")

    with monkeypatch.context() as patched:
        patched.setattr("loa.reporting.producing.docx_to_pdf", refuse)
        patched.setattr("loa.docgen.render_pdf.docx_to_pdf", refuse)
        return _ask(client, capture)


def test_the_draft_pdf_waits_for_the_worker_then_is_offered_and_served(
    officer, django_capture_on_commit_callbacks, monkeypatch
):
    job, queued = _ask_without_office(officer, django_capture_on_commit_callbacks, monkeypatch)
    assert job.status == DraftPdfStatus.QUEUED and not job.file and len(queued) == 1
    assert AuditEvent.objects.get(verb="reporting.draft_pdf.create").actor_name == "canbo.vhtt"
    page_url = reverse("web:report_pdf_job", args=["huongtra-vhtt", job.code])
    html = officer.get(page_url).content.decode()
    assert "Đang tạo bản PDF…" in html and 'hx-trigger="every 1s"' in html
    assert "every 1s" in _poll(officer, page_url).content.decode()
    # Asking again while it is being made shows the same job, queued once.
    again, queued_again = _ask_without_office(officer, django_capture_on_commit_callbacks, monkeypatch)
    assert again.pk == job.pk and not queued_again
    queued[0]()  # the worker's turn (immediate backend): real LibreOffice
    job.refresh_from_db()
    assert job.status == DraftPdfStatus.FINISHED and job.file and not job.error
    ready = _poll(officer, page_url).content.decode()
    assert "Bản PDF đã sẵn sàng" in ready and "every 1s" not in ready and f"{page_url}?tai=1" in ready
    response = officer.get(page_url + "?tai=1")
    assert response["Content-Disposition"].endswith('bao-cao-tuyen-truyen-cchc-huongtra-vhtt-2022.pdf"')
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    # The same draft asked again: the kept file at once, no new job, no LibreOffice.
    with monkeypatch.context() as patched:
        patched.setattr("loa.reporting.producing.docx_to_pdf", lambda *a, **k: pytest.fail("converted"))
        response = officer.get(_url("web:report_download", "pdf"))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF-")
    assert DraftPdf.objects.count() == 1


def test_a_changed_draft_gets_a_new_pdf_and_the_old_one_goes_with_its_file(
    officer, django_capture_on_commit_callbacks, monkeypatch
):
    job, queued = _ask_without_office(officer, django_capture_on_commit_callbacks, monkeypatch)
    queued[0]()
    job.refresh_from_db()
    storage, name = job.file.storage, job.file.name
    assert storage.exists(name)
    officer.post(_url("web:report_workspace"), {"ky": "2022", "report_date": "21/10/2022"})
    with django_capture_on_commit_callbacks(execute=True):
        response = officer.get(_url("web:report_download", "pdf"))
    newer = DraftPdf.objects.get()
    assert newer.pk != job.pk and response.status_code == 302
    assert not storage.exists(name)  # the older PDF's file went with its row


def test_only_the_person_who_asked_sees_the_job(officer, django_capture_on_commit_callbacks, monkeypatch):
    job, _ = _ask_without_office(officer, django_capture_on_commit_callbacks, monkeypatch)
    page_url = reverse("web:report_pdf_job", args=["huongtra-vhtt", job.code])
    leader = _as("lanhdao.vhtt")  # same unit, may read its report: still not their job
    assert leader.get(page_url).status_code == 404
    assert leader.get(page_url + "?tai=1").status_code == 404
    assert leader.post(page_url).status_code == 404
    other_unit = reverse("web:report_pdf_job", args=["huongtra-ttvhtt", job.code])
    assert _as("canbo.ttvhtt").get(other_unit).status_code == 404
    assert officer.get(reverse("web:report_pdf_job", args=["huongtra-vhtt", "khong-co"])).status_code == 404


def test_a_failed_conversion_shows_why_with_the_docx_and_a_retry(
    officer, django_capture_on_commit_callbacks, monkeypatch
):
    job, queued = _ask_without_office(officer, django_capture_on_commit_callbacks, monkeypatch)
    monkeypatch.setenv("LOA_SOFFICE", "/khong/co/soffice")
    queued[0]()
    job.refresh_from_db()
    assert job.status == DraftPdfStatus.FAILED and "Không tìm thấy LibreOffice" in job.error
    page_url = reverse("web:report_pdf_job", args=["huongtra-vhtt", job.code])
    assert _poll(officer, page_url)["HX-Refresh"] == "true"
    html = officer.get(page_url).content.decode()
    assert "Không tìm thấy LibreOffice" in html and "Thử lại" in html and "every 1s" not in html
    assert _url("web:report_download", "docx") in html
    monkeypatch.delenv("LOA_SOFFICE")
    with django_capture_on_commit_callbacks(execute=True):
        response = officer.post(page_url)
    assert response.status_code == 302 and response["Location"] == page_url
    retried = AuditEvent.objects.get(verb="reporting.draft_pdf.retry")
    assert retried.actor_name == "canbo.vhtt"
    job.refresh_from_db()
    assert job.status == DraftPdfStatus.FINISHED and job.file
    assert officer.post(page_url).status_code == 302  # nothing to retry now: a message, no error page
    assert AuditEvent.objects.filter(verb="reporting.draft_pdf.retry").count() == 1


def test_the_worker_renders_as_the_asker_not_as_itself(
    officer, django_capture_on_commit_callbacks, monkeypatch
):
    _, queued = _ask_without_office(officer, django_capture_on_commit_callbacks, monkeypatch)
    seen = []
    from loa.reporting import draft_pdf

    real = draft_pdf.report_draft

    def spy(**kwargs):
        seen.append(kwargs["user"])
        return real(**kwargs)

    monkeypatch.setattr(draft_pdf, "report_draft", spy)
    queued[0]()
    assert [u.username for u in seen] == ["canbo.vhtt"] and SYSTEM_WORKER not in seen


def test_the_waiting_page_tells_the_time_of_the_figures_in_vietnam_time(
    officer, django_capture_on_commit_callbacks, monkeypatch
):
    import datetime as dt

    job, _ = _ask_without_office(officer, django_capture_on_commit_callbacks, monkeypatch)
    DraftPdf.objects.filter(pk=job.pk).update(created_at=dt.datetime(2026, 11, 30, 1, 45, tzinfo=dt.UTC))
    html = officer.get(reverse("web:report_pdf_job", args=["huongtra-vhtt", job.code])).content.decode()
    assert "theo số liệu lúc 08:45 30/11/2026" in html

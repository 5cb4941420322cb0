"""``loa worker``: runs the tasks queued in the database (PDF of issued documents, feed pulls), as
the worker system actor, and refuses when the queue is not kept in the database."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.test import override_settings
from docx import Document as Docx

from loa.core.actors import SYSTEM_CLI, SYSTEM_WORKER
from loa.core.models import AuditEvent
from loa.docgen.tasks import render_document_pdf
from loa.documents.models import Direction
from loa.documents.services import document_create

# The worker loop closes connections it finds inside a transaction (as between two requests): these
# tests commit for real instead of running inside the usual test transaction.
pytestmark = pytest.mark.django_db(transaction=True)

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def _docx(text: str) -> bytes:
    doc = Docx()
    doc.add_paragraph(text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@pytest.fixture
def document(make_unit):
    unit = make_unit("Phòng Văn hóa thử", code="vh-worker")
    doc = document_create(
        actor=SYSTEM_CLI,
        kind="CV",
        subject="Về tuyên truyền CCHC",
        issuer_unit=unit,
        direction=Direction.OUTGOING,
    )
    doc.file.save("cong-van.docx", ContentFile(_docx("Công văn về tuyên truyền cải cách hành chính")))
    return doc


@override_settings(TASKS=DB_TASKS)
def test_the_worker_renders_a_queued_pdf_once_as_the_worker_actor(document):
    from django_tasks_db.models import DBTaskResult

    render_document_pdf.enqueue(document.pk)
    assert not DBTaskResult.objects.filter(status="SUCCESSFUL").exists()
    out = io.StringIO()
    call_command("worker", "--once", "--no-feeds", stdout=out)
    row = DBTaskResult.objects.get(task_path="loa.docgen.tasks.render_document_pdf")
    assert row.status == "SUCCESSFUL" and row.return_value is True
    document.refresh_from_db()
    with document.pdf.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"
    audit = AuditEvent.objects.get(verb="document.pdf")
    assert audit.actor_name == SYSTEM_WORKER.name and audit.actor is None
    # A second request for the same PDF finds it kept and renders nothing.
    render_document_pdf.enqueue(document.pk)
    call_command("worker", "--once", "--no-feeds", stdout=io.StringIO())
    assert AuditEvent.objects.filter(verb="document.pdf").count() == 1


@override_settings(TASKS=DB_TASKS, LOA_FEEDS_EVERY=60)
def test_the_worker_starts_the_feed_schedule_and_leaves_the_next_pull_waiting():
    from django_tasks_db.models import DBTaskResult

    out = io.StringIO()
    call_command("worker", "--once", stdout=out)
    assert "Đã xếp lịch lấy tin RSS" in out.getvalue()
    pulls = DBTaskResult.objects.filter(task_path="loa.activities.tasks.pull_due_feeds")
    assert sorted(pulls.values_list("status", flat=True)) == ["READY", "SUCCESSFUL"]
    # Started again before the next pull is due: nothing new is queued and nothing runs.
    call_command("worker", "--once", stdout=io.StringIO())
    assert pulls.count() == 2


def test_the_worker_refuses_a_queue_not_kept_in_the_database():
    with pytest.raises(CommandError, match="không lưu trong CSDL"):
        call_command("worker", "--once")

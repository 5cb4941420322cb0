"""Import batches are database rows with their files in Django storage: any app server or the worker
can serve them, and no manifest is written on disk."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from loa.core.errors import DomainError, NotFound
from loa.documents.models import Document
from loa.ingest.batches import batch_commit, batch_create, batch_discard, batch_get, batch_read_file
from loa.ingest.models import BatchStatus, ImportBatch, ImportFile

EXAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "examples"
FOUNDING = EXAMPLES / "docs" / "000.txt"


def _uploads():
    return [
        SimpleUploadedFile("Báo cáo 297.txt", FOUNDING.read_bytes()),
        SimpleUploadedFile("../../ghi-de.exe", b"MZ"),
    ]


@pytest.fixture
def officer(demo_world_unissued):
    from django.contrib.auth import get_user_model

    Document.objects.filter(symbol="297/BC-VHTT").delete()
    return get_user_model().objects.get(username="canbo.vhtt")


def test_a_batch_is_rows_and_stored_files_without_a_manifest_on_disk(
    officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        batch = batch_create(owner=officer, uploads=_uploads())
    files = list(ImportFile.objects.filter(batch=batch).order_by("position"))
    assert [f.name for f in files] == ["Báo cáo 297.txt", "ghi-de.exe"]  # the name is data only
    assert [f.file.name for f in files] == [f"imports/{batch.code}/0.txt", f"imports/{batch.code}/1.bin"]
    assert files[0].file.storage.exists(files[0].file.name)
    assert batch.owner == officer and batch.status == BatchStatus.OPEN and batch.read_count() == 0
    assert not list(Path(settings.MEDIA_ROOT).rglob("*.json"))


def test_the_worker_reads_the_files_after_commit_and_the_preview_finds_them_read(
    officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        batch = batch_create(owner=officer, uploads=_uploads())
    assert len(callbacks) == 1  # one task for the batch, queued once the rows are committed
    assert batch.read_count() == 2
    read = ImportFile.objects.get(batch=batch, position=0).read
    assert read["record"]["symbol"] == "297/BC-VHTT" and read["spans"]["title"]
    assert "error" in ImportFile.objects.get(batch=batch, position=1).read
    fresh = batch_get(user=officer, batch_id=batch.code)
    assert batch_read_file(batch=fresh, index=0) == read


def test_a_batch_is_its_owners_only_and_bad_ids_are_not_found(officer, make_user):
    batch = batch_create(owner=officer, uploads=_uploads())
    assert batch_get(user=officer, batch_id=batch.code).pk == batch.pk
    for user, code in ((make_user(), batch.code), (officer, "khong-phai-ma"), (officer, "0" * 32)):
        with pytest.raises(NotFound):
            batch_get(user=user, batch_id=code)


def test_commit_keeps_the_result_on_the_row_and_a_batch_commits_once(officer):
    batch = batch_create(owner=officer, uploads=_uploads())
    read = batch_read_file(batch=batch, index=0)
    result = batch_commit(actor=officer, batch=batch, records={0: read["record"]})
    row = ImportBatch.objects.get(pk=batch.pk)
    assert row.status == BatchStatus.COMMITTED and row.result == result.as_dict()
    document = Document.objects.get(symbol="297/BC-VHTT")
    assert document.file.read().startswith(FOUNDING.read_bytes()[:50])
    with pytest.raises(DomainError, match="đã được vào sổ"):
        batch_commit(
            actor=officer, batch=batch_get(user=officer, batch_id=batch.code), records={0: read["record"]}
        )


def test_discarding_a_batch_removes_its_rows_and_its_files_after_commit(
    officer, django_capture_on_commit_callbacks
):
    batch = batch_create(owner=officer, uploads=_uploads())
    stored = [f.file.name for f in batch.files.all()]
    storage = ImportFile._meta.get_field("file").storage
    with django_capture_on_commit_callbacks(execute=True):
        batch_discard(batch=batch)
    assert not ImportBatch.objects.filter(pk=batch.pk).exists()
    assert not any(storage.exists(name) for name in stored)


def test_committing_a_file_not_read_yet_is_refused_without_reading_it(officer, settings):
    """The worker reads; a commit (from a request) never does: an unread file is refused."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    from django.core.files.uploadedfile import SimpleUploadedFile

    from loa.core.errors import DomainError

    batch = batch_create(owner=officer, uploads=[SimpleUploadedFile("kh.txt", "Kế hoạch".encode())])
    with pytest.raises(DomainError) as caught:
        batch_commit(actor=officer, batch=batch, records={0: {"kind": "KH"}})
    assert caught.value.code == "ingest.not_read" and "chưa đọc xong" in caught.value.message
    assert batch.files.get().read is None

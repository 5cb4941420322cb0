"""The Excel import as a background job: the worker checks and saves, the page follows its progress;
a failed or stopped job loses nothing and runs again; the job is its uploader's and its unit's."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from loa.activities.import_jobs import (
    STOPPED_MESSAGE,
    import_job_create,
    import_job_get,
    import_job_retry,
    import_job_run,
    import_job_stalled,
)
from loa.activities.importers.xlsx import activities_import
from loa.activities.models import Activity, ImportJob, ImportJobStatus
from loa.core.errors import Conflict, NotFound

HEADERS = ["Ngày thực hiện", "Hình thức tuyên truyền", "Tên hoạt động", "Số lượng"]


def _xlsx(rows: list[list[object]]) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Hoạt động"
    ws.append(HEADERS)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _rows(n: int) -> list[list[object]]:
    return [["21/10/2022", "PORTAL", f"Tin bài {i}", 1] for i in range(n)]


@pytest.fixture
def unit(make_unit):
    return make_unit("Phòng Văn hóa nền", code="vh-nen")


@pytest.fixture
def officer(make_user, unit):
    return make_user(unit, "officer")


def test_the_check_reports_its_progress_row_by_row_to_the_caller(unit, officer, channels):
    seen: list[tuple[int, int]] = []
    result = activities_import(
        actor=officer, unit=unit, data=_xlsx(_rows(1000)), progress=lambda d, t: seen.append((d, t))
    )
    assert result.created == 1000
    assert (200, 1000) in seen and (800, 1000) in seen, seen  # from inside the budgeted child
    assert seen[-1] == (1000, 1000)


def test_the_worker_runs_the_job_writes_progress_and_removes_the_file_once_saved(
    unit, officer, channels, django_capture_on_commit_callbacks, settings
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    job = import_job_create(actor=officer, unit=unit, data=_xlsx(_rows(600)), name="C:\\tep\\hoat-dong.xlsx")
    assert job.name == "hoat-dong.xlsx" and job.status == ImportJobStatus.QUEUED
    kept = job.file.name
    assert default_storage.exists(kept) and not Activity.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        done = import_job_run(job_id=str(job.pk))
    assert done is not None
    assert (done.status, done.created_count, done.rows_checked, done.rows_total) == (
        "finished",
        600,
        600,
        600,
    )
    assert Activity.objects.count() == 600
    assert not default_storage.exists(kept) and not done.file
    assert import_job_run(job_id=str(job.pk)) is None  # a second run of the task does nothing


def test_a_queued_job_is_run_by_loa_worker(transactional_db, make_unit, make_user):
    from loa.plans.models import Channel

    # A transactional test may start from tables another one emptied: the catalogue row the file
    # names is put back (the data migration's rows are gone after such a flush on PostgreSQL).
    Channel.objects.get_or_create(
        code="PORTAL", defaults={"name": "Cổng thông tin điện tử", "measure": "tin, bài"}
    )
    unit = make_unit("Phòng Văn hóa nền", code="vh-nen")
    officer = make_user(unit, "officer")
    tasks = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    with override_settings(TASKS=tasks):
        job = import_job_create(actor=officer, unit=unit, data=_xlsx(_rows(3)), name="a.xlsx")
        call_command("worker", "--once", "--no-feeds", stdout=io.StringIO())
    job.refresh_from_db()
    assert (job.status, job.created_count) == ("finished", 3), job.result


def test_the_job_is_seen_by_its_uploader_and_those_recording_for_its_unit_only(
    unit, officer, make_user, make_unit, channels, settings
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    job = import_job_create(actor=officer, unit=unit, data=_xlsx(_rows(1)))
    colleague = make_user(unit, "officer")
    leader_elsewhere = make_user(make_unit("Phòng khác"), "officer")
    clerk = make_user(unit, "clerk")  # sees the unit, does not record activities
    assert import_job_get(user=officer, job_id=job.code) == job
    assert import_job_get(user=colleague, job_id=job.code) == job
    for stranger in (leader_elsewhere, clerk):
        with pytest.raises(NotFound):
            import_job_get(user=stranger, job_id=job.code)
    with pytest.raises(NotFound):
        import_job_get(user=officer, job_id="khong-phai-ma")


def test_a_job_left_running_by_a_killed_worker_is_shown_stopped_and_runs_again(
    client, unit, officer, channels, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    job = import_job_create(actor=officer, unit=unit, data=_xlsx(_rows(2)), name="a.xlsx")
    # The worker claimed it, checked a row, and was killed: nothing saved, the row says "running".
    long_ago = timezone.now() - dt.timedelta(seconds=settings.LOA_IMPORT_SECONDS + 61)
    ImportJob.objects.filter(pk=job.pk).update(status="running", rows_checked=1, updated_at=long_ago)
    job.refresh_from_db()
    assert import_job_stalled(job)
    client.force_login(officer)
    url = reverse("web:activity_import_job", args=[job.code])
    body = client.get(url).content.decode()
    assert STOPPED_MESSAGE in body and "Chạy lại" in body
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"chay_lai": "1"}).status_code == 302
    job.refresh_from_db()
    assert (job.status, job.created_count, job.attempts) == ("finished", 2, 1)
    with pytest.raises(Conflict):  # a finished job does not run again
        import_job_retry(actor=officer, job=job)


def test_a_running_job_shows_its_progress_and_reloads_the_page_when_done(client, unit, officer, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    job = import_job_create(actor=officer, unit=unit, data=_xlsx(_rows(2)), name="a.xlsx")
    ImportJob.objects.filter(pk=job.pk).update(status="running", rows_checked=400, rows_total=1000)
    client.force_login(officer)
    url = reverse("web:activity_import_job", args=[job.code])
    body = client.get(url).content.decode()
    assert "đã kiểm tra 400/1000 dòng" in body and 'hx-trigger="every 1s"' in body
    fragment = client.get(url + "?phan=tien-do", HTTP_HX_REQUEST="true")
    assert (
        "đã kiểm tra 400/1000 dòng" in fragment.content.decode() and "<html" not in fragment.content.decode()
    )
    ImportJob.objects.filter(pk=job.pk).update(status="finished", result={"total": 0, "created": 0})
    done = client.get(url + "?phan=tien-do", HTTP_HX_REQUEST="true")
    assert done["HX-Refresh"] == "true"


def test_deleting_a_job_deletes_its_file(unit, officer, settings, django_capture_on_commit_callbacks):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    job = import_job_create(actor=officer, unit=unit, data=_xlsx(_rows(1)))
    kept = job.file.name
    with django_capture_on_commit_callbacks(execute=True):
        job.delete()
    assert not default_storage.exists(kept)

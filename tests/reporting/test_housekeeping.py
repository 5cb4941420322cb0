"""The worker's daily housekeeping: draft PDFs older than two days and Excel imports finished more
than thirty days ago go with their files; recent ones and work in progress stay; only the system
may sweep."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from loa.activities.import_jobs import import_jobs_sweep
from loa.activities.models import ImportJob
from loa.core.actors import SYSTEM_WORKER
from loa.core.errors import PermissionDenied
from loa.organizations.models import Unit
from loa.reporting.draft_pdf import draft_pdf_sweep
from loa.reporting.models import DraftPdf


def _age(model, pk, days: int) -> None:
    model.objects.filter(pk=pk).update(created_at=timezone.now() - dt.timedelta(days=days))


@pytest.fixture
def who(demo_world_unissued):
    return get_user_model().objects.get(username="canbo.vhtt"), Unit.objects.get(code="huongtra-vhtt")


def test_old_draft_pdfs_go_with_their_files_and_the_rest_stay(who, django_capture_on_commit_callbacks):
    owner, unit = who
    made = {}
    for name, status, days in (("old", "finished", 3), ("new", "finished", 0), ("busy", "running", 3)):
        job = DraftPdf.objects.create(owner=owner, unit=unit, period=f"2022-Q{len(made) + 1}", status=status)
        job.file.save(f"{name}.pdf", ContentFile(b"%PDF-1.4"), save=True)
        _age(DraftPdf, job.pk, days)
        made[name] = job
    storage, old_name = made["old"].file.storage, made["old"].file.name
    with django_capture_on_commit_callbacks(execute=True):
        assert draft_pdf_sweep(actor=SYSTEM_WORKER) == 1
    assert set(DraftPdf.objects.values_list("pk", flat=True)) == {made["new"].pk, made["busy"].pk}
    assert not storage.exists(old_name) and storage.exists(made["new"].file.name)
    with pytest.raises(PermissionDenied):
        draft_pdf_sweep(actor=owner)


def test_finished_imports_go_after_thirty_days(who, django_capture_on_commit_callbacks):
    owner, unit = who
    old = ImportJob.objects.create(owner=owner, unit=unit, status="failed")
    old.file.save("hoat-dong.xlsx", ContentFile(b"PK"), save=True)
    recent = ImportJob.objects.create(owner=owner, unit=unit, status="finished")
    waiting = ImportJob.objects.create(owner=owner, unit=unit, status="queued")
    _age(ImportJob, old.pk, 31)
    _age(ImportJob, waiting.pk, 31)
    name, storage = old.file.name, old.file.storage
    with django_capture_on_commit_callbacks(execute=True):
        assert import_jobs_sweep(actor=SYSTEM_WORKER) == 1
    assert set(ImportJob.objects.values_list("pk", flat=True)) == {recent.pk, waiting.pk}
    assert not storage.exists(name)
    with pytest.raises(PermissionDenied):
        import_jobs_sweep(actor=owner)

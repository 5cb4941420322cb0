"""Stored files follow their rows: deleted with the row, deleted when the write rolls back, and the
ones no hook saw (a killed process) found by the orphan sweep."""

from __future__ import annotations

import datetime as dt
import os
import time

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import transaction

from loa.activities.models import Activity
from loa.activities.services import activity_delete, activity_record
from loa.core.errors import ValidationError
from loa.core.files import files_atomic, orphans
from loa.ingest.batches import batch_create, batch_discard
from loa.ingest.models import ImportBatch
from loa.reporting.models import Report
from loa.reporting.services import report_approve, report_issue, report_open, report_submit


class Boom(Exception):
    pass


def _media_files() -> set[str]:
    found = set()
    for root, _, files in os.walk(default_storage.location):
        for name in files:
            found.add(os.path.relpath(os.path.join(root, name), default_storage.location))
    return found


@pytest.fixture
def team(make_unit, make_user):
    office = make_unit("Phòng Văn hóa và Thông tin", abbr="VHTT")
    return {
        "unit": office,
        "officer": make_user(office, "officer"),
        "leader": make_user(office, "leader"),
        "clerk": make_user(office, "clerk"),
    }


def test_an_import_batch_rolled_back_leaves_no_file(team):
    before = _media_files()
    with pytest.raises(Boom), files_atomic():
        batch_create(
            owner=team["officer"],
            uploads=[
                SimpleUploadedFile("a.txt", b"Van ban mot"),
                SimpleUploadedFile("b.txt", b"Van ban hai"),
            ],
        )
        assert len(_media_files() - before) == 2  # written, inside the transaction
        raise Boom
    assert not ImportBatch.objects.exists()
    assert _media_files() == before


def test_a_batch_whose_second_file_fails_to_store_leaves_no_file(team):
    class Broken(SimpleUploadedFile):
        def chunks(self, chunk_size=None):
            raise OSError("đĩa đầy")

    before = _media_files()
    with pytest.raises(OSError):
        batch_create(
            owner=team["officer"], uploads=[SimpleUploadedFile("a.txt", b"Van ban"), Broken("b.txt", b"x")]
        )
    assert _media_files() == before


def test_a_discarded_batch_takes_its_files_with_it(team, django_capture_on_commit_callbacks):
    batch = batch_create(owner=team["officer"], uploads=[SimpleUploadedFile("a.txt", b"Van ban")])
    stored = batch.files.get().file.name
    assert default_storage.exists(stored)
    with django_capture_on_commit_callbacks(execute=True):
        batch_discard(batch=batch)
    assert not default_storage.exists(stored)


def test_an_issued_docx_stored_before_a_rollback_is_removed(team):
    report = report_open(
        actor=team["officer"], unit=team["unit"], period="2022", report_date=dt.date(2022, 10, 21)
    )
    report = report_approve(actor=team["leader"], report=report_submit(actor=team["officer"], report=report))
    before = _media_files()
    with pytest.raises(Boom), files_atomic():  # as the issuing page does: issue, then queue the PDF
        issued = report_issue(
            actor=team["clerk"],
            report=report,
            subject="Báo cáo",
            render=lambda number: b"PK docx " + number.encode(),
        )
        assert issued.document.file and default_storage.exists(issued.document.file.name)
        raise Boom
    assert Report.objects.get(pk=report.pk).document is None
    assert _media_files() == before


def test_evidence_of_a_deleted_activity_is_removed_once_the_delete_commits(
    team, channels, django_capture_on_commit_callbacks
):
    activity = activity_record(
        actor=team["officer"],
        unit=team["unit"],
        date=dt.date(2022, 10, 21),
        channel=channels["PORTAL"],
        title="Pano tuyên truyền",
        evidence_file=SimpleUploadedFile("pano.pdf", b"%PDF-1.4 anh pano"),
    )
    stored = activity.evidence_file.name
    assert default_storage.exists(stored)
    with django_capture_on_commit_callbacks(execute=True):
        activity_delete(actor=team["officer"], activity=activity)
    assert not default_storage.exists(stored)


def test_evidence_of_a_refused_activity_is_not_kept(team, channels):
    before = _media_files()
    with pytest.raises(ValidationError):
        activity_record(
            actor=team["officer"],
            unit=team["unit"],
            date=dt.date(2022, 10, 21),
            channel=channels["PORTAL"],
            title="",  # refused after the file is attached
            evidence_file=SimpleUploadedFile("pano.pdf", b"%PDF-1.4 anh pano"),
        )
    assert not Activity.objects.exists()
    assert _media_files() == before


def test_a_delete_rolled_back_keeps_the_evidence(team, channels):
    activity = activity_record(
        actor=team["officer"],
        unit=team["unit"],
        date=dt.date(2022, 10, 21),
        channel=channels["PORTAL"],
        title="Pano",
        evidence_file=SimpleUploadedFile("pano.pdf", b"%PDF-1.4 anh pano"),
    )
    with pytest.raises(Boom), transaction.atomic():
        activity_delete(actor=team["officer"], activity=activity)
        raise Boom
    assert default_storage.exists(activity.evidence_file.name)


def test_files_of_a_killed_write_are_found_by_the_sweep_and_removed(team):
    kept = batch_create(owner=team["officer"], uploads=[SimpleUploadedFile("a.txt", b"Van ban")]).files.get()
    # What a process killed between writing a file and committing its row leaves behind:
    orphan = default_storage.save("imports/0123/0.txt", SimpleUploadedFile("0.txt", b"mo coi"))
    waiting = default_storage.save("imports/hoat-dong/abc.xlsx", SimpleUploadedFile("abc.xlsx", b"PK"))
    assert orphan not in orphans()  # too young: it may belong to a transaction still open
    old = time.time() - 2 * 3600
    for name in (orphan, waiting, kept.file.name):
        os.utime(default_storage.path(name), (old, old))
    assert orphans() == [orphan]  # the Excel import's waiting file lives a day
    call_command("files", "orphans")  # lists only
    assert default_storage.exists(orphan)
    with pytest.raises(CommandError):
        call_command("files", "orphans", "--delete", "--as", team["officer"].username)
    assert default_storage.exists(orphan)
    call_command("files", "orphans", "--delete")
    assert not default_storage.exists(orphan) and default_storage.exists(kept.file.name)
    assert default_storage.exists(waiting)


def test_evidence_replaced_by_an_edit_is_removed_once_the_edit_commits(
    team, channels, django_capture_on_commit_callbacks
):
    from loa.activities.services import activity_update

    activity = activity_record(
        actor=team["officer"],
        unit=team["unit"],
        date=dt.date(2022, 10, 21),
        channel=channels["PORTAL"],
        title="Pano",
        evidence_file=SimpleUploadedFile("pano.pdf", b"%PDF-1.4 anh pano"),
    )
    old = activity.evidence_file.name
    with django_capture_on_commit_callbacks(execute=True):
        activity = activity_update(
            actor=team["officer"],
            activity=activity,
            evidence_file=SimpleUploadedFile("pano-moi.pdf", b"%PDF-1.4 anh moi"),
        )
    assert not default_storage.exists(old)
    assert default_storage.exists(activity.evidence_file.name)

"""``loa backup`` while officers keep saving: the archive is one consistent snapshot, and restoring it
gives a database where every activity has its content-area links and its audit row, and no audit
row lacks its activity (no half transaction). Stored files written or removed during the backup do
not break the restore.

Everything runs in separate processes on a database of its own (a SQLite file; a PostgreSQL
database created for the test), as in production: writer processes record activities through
``activity_record`` (the activity, its area links and its audit row in one transaction), a file
writer adds and removes stored files, and ``loa backup`` runs meanwhile; ``loa restore`` then fills
a fresh database, checked by a last process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

_SCRIPT = r"""
import datetime as dt, json, os, sys, time
import django
django.setup()
from django.core.management import call_command

mode, stop = sys.argv[1], sys.argv[2]
if mode == "seed":
    call_command("migrate", verbosity=0)
    from loa.core.actors import SYSTEM_CLI
    from loa.organizations.models import UnitKind
    from loa.organizations.services import unit_create
    unit_create(actor=SYSTEM_CLI, name="Phòng thử sao lưu", code="sao-luu", abbr="SL",
                kind=UnitKind.DEPARTMENT, parent=None, linked_from=dt.date(2000, 1, 1), linked_to=None)
elif mode == "write":
    from loa.activities.services import activity_record
    from loa.core.actors import SYSTEM_CLI
    from loa.organizations.models import Unit
    from loa.plans.models import Channel, ContentArea
    who = sys.argv[3]
    unit = Unit.objects.get(code="sao-luu")
    channels = list(Channel.objects.filter(active=True).order_by("pk"))
    areas = list(ContentArea.objects.order_by("pk")[:3])
    n = 0
    while not os.path.exists(stop):
        k = 1 + n % 3  # the title says how many area links the activity has
        activity_record(actor=SYSTEM_CLI, unit=unit, date=dt.date(2022, 1, 1) + dt.timedelta(days=n % 300),
                        channel=channels[n % len(channels)], title=f"Hoạt động {who}-{n} có {k} nội dung",
                        areas=areas[:k], allow_duplicate=True)
        n += 1
        time.sleep(0.01)  # officers saving, not a bulk load hammering the lock
    print(n)
elif mode == "files":
    from pathlib import Path
    from django.conf import settings
    root = Path(settings.MEDIA_ROOT) / "minh-chung"
    root.mkdir(parents=True, exist_ok=True)
    n = 0
    while not os.path.exists(stop):
        with open(root / f"anh-{n}.jpg", "wb") as fh:  # written in pieces, as an upload is
            for _ in range(8):
                fh.write(os.urandom(32 * 1024))
                fh.flush()
        if n >= 3:
            (root / f"anh-{n - 3}.jpg").unlink()
        n += 1
        time.sleep(0.005)
    print(n)
elif mode == "write-during-dump":
    # An officer's save from another connection while the backup reads its first table: it must
    # not wait for the dump (a province's dump takes minutes; SQLite gives up after its timeout).
    import sqlite3
    from pathlib import Path
    from django.conf import settings
    from loa.core import backup
    real_rows, outcome = backup._rows, {}
    def rows(table):
        if not outcome:
            other = sqlite3.connect(settings.DATABASES["default"]["NAME"], timeout=1)
            try:
                other.execute("BEGIN IMMEDIATE")
                other.execute("INSERT INTO django_migrations (app, name, applied) VALUES ('x', 'y', '2026-01-01')")
                other.execute("COMMIT")
                outcome["saved"] = True
            except sqlite3.OperationalError as exc:
                outcome["saved"] = str(exc)
        return real_rows(table)
    backup._rows = rows
    backup.backup_write(Path(stop))
    print(json.dumps(outcome))
elif mode == "check":
    import re
    from loa.activities.models import Activity
    from loa.core.models import AuditEvent
    activities = {a.pk: a for a in Activity.objects.prefetch_related("areas")}
    recorded = set(AuditEvent.objects.filter(verb="activity.record").values_list("target_id", flat=True))
    bad = []
    for pk, a in activities.items():
        k = int(re.search(r"có (\d) nội dung", a.title).group(1))
        if len(a.areas.all()) != k:
            bad.append(f"activity {pk}: {len(a.areas.all())} links, {k} expected")
        if str(pk) not in recorded:
            bad.append(f"activity {pk}: no audit row")
    bad += [f"audit row for missing activity {t}" for t in recorded - {str(pk) for pk in activities}]
    print(json.dumps({"activities": len(activities), "bad": bad[:20]}))
"""


def _env(database_url: str, media: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "loa.config.settings",
        "LOA_DATABASE_URL": database_url,
        "LOA_MEDIA_ROOT": str(media),
        "LOA_SECRET_KEY": "loa-backup-concurrency-test-key-0123456789abcdef",
        "LOA_HTTPS": "0",
    }


def _run(env: dict[str, str], *args: str, timeout: int = 300) -> str:
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def _backup_while_writing(tmp_path: Path, source_url: str, target_url: str) -> None:
    media, stop, archive = tmp_path / "media", tmp_path / "stop", tmp_path / "loa.tar.gz"
    media.mkdir()
    env = _env(source_url, media)
    python = sys.executable
    loa = str(Path(python).with_name("loa"))
    _run(env, python, "-c", _SCRIPT, "seed", str(stop))
    procs = [
        subprocess.Popen(
            [python, "-c", _SCRIPT, "write", str(stop), str(i)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(3)
    ]
    procs.append(
        subprocess.Popen(
            [python, "-c", _SCRIPT, "files", str(stop)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    )
    try:
        time.sleep(3)  # the writers are under way
        for _ in range(2):  # back up twice while they write: the second over more data
            _run(env, loa, "backup", str(archive))
            time.sleep(1)
    finally:
        stop.touch()
        outputs = [p.communicate(timeout=120) for p in procs]
    for p, (_out, err) in zip(procs, outputs, strict=True):
        assert p.returncode == 0, f"a writer failed during the backup: {err[-2000:]}"
    written = [int(out.strip()) for out, _ in outputs[:3]]
    assert min(written) > 0, written

    restored_media = tmp_path / "restored-media"
    restored_media.mkdir()
    target = _env(target_url, restored_media)
    _run(target, loa, "migrate", "--noinput", "-v", "0")
    _run(target, loa, "restore", str(archive))
    result = json.loads(_run(target, python, "-c", _SCRIPT, "check", str(stop)).strip().splitlines()[-1])
    assert result["bad"] == [], result
    assert 0 < result["activities"] <= sum(written)
    assert any(restored_media.rglob("anh-*.jpg"))  # the stored files came back, their digests matching


def test_a_backup_taken_while_officers_save_is_consistent_on_sqlite(tmp_path):
    _backup_while_writing(
        tmp_path, f"sqlite:///{tmp_path / 'nguon.sqlite3'}", f"sqlite:///{tmp_path / 'dich.sqlite3'}"
    )


def test_a_save_during_a_sqlite_backup_does_not_wait_for_the_dump(tmp_path):
    media, archive = tmp_path / "media", tmp_path / "loa.tar.gz"
    media.mkdir()
    env = _env(f"sqlite:///{tmp_path / 'nguon.sqlite3'}", media)
    _run(env, sys.executable, "-c", _SCRIPT, "seed", str(archive))
    out = _run(env, sys.executable, "-c", _SCRIPT, "write-during-dump", str(archive))
    assert json.loads(out.strip().splitlines()[-1]) == {"saved": True}


def test_a_file_removed_while_the_backup_copies_files_is_skipped(db, settings, tmp_path, monkeypatch):
    """An evidence file deleted (its activity's deletion committing) between the listing of the
    stored files and its copy: the backup goes on without it."""
    from loa.core.backup import backup_write

    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "minh-chung").mkdir(parents=True)
    (settings.MEDIA_ROOT / "minh-chung" / "giu.jpg").write_bytes(b"giu")
    (settings.MEDIA_ROOT / "minh-chung" / "xoa.jpg").write_bytes(b"xoa")
    real_is_file = Path.is_file

    def is_file_then_removed(self: Path) -> bool:
        answer = real_is_file(self)
        if answer and self.name == "xoa.jpg":
            self.unlink()  # removed right after the backup saw it
        return answer

    monkeypatch.setattr(Path, "is_file", is_file_then_removed)
    summary = backup_write(tmp_path / "loa.tar.gz")
    assert summary.files == 1


@pytest.fixture
def postgres_databases():
    """Two fresh PostgreSQL databases (source, target) beside the test database; dropped after."""
    import psycopg

    base = os.environ.get("LOA_DATABASE_URL", "")
    if not base.startswith("postgres"):
        pytest.fail(
            "Kiểm thử này cần PostgreSQL: chạy với LOA_DATABASE_URL=postgres://… (make test làm việc này)."
        )
    server = base.rsplit("/", 1)[0]
    names = [f"loa_sao_luu_{uuid.uuid4().hex[:8]}_{side}" for side in ("nguon", "dich")]
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        for name in names:
            conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield [f"{server}/{name}" for name in names]
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
            for name in names:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.postgres
def test_a_backup_taken_while_officers_save_is_consistent_on_postgresql(tmp_path, postgres_databases):
    source, target = postgres_databases
    _backup_while_writing(tmp_path, source, target)

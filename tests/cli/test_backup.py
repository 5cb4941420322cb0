"""``loa backup`` and ``loa restore``: a round trip gives back every table's rows and every stored
file, on SQLite and on PostgreSQL alike (this file runs in both passes of ``make test``)."""

from __future__ import annotations

import io
import json
import tarfile

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from loa.activities.models import Activity
from loa.core.backup import media_files, table_rows


def _run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def _wipe() -> None:
    """Empty every table but the migration history (a fresh, migrated, empty database)."""
    q = connection.ops.quote_name
    tables = [t for t in connection.introspection.table_names() if t != "django_migrations"]
    tables = [t for t in tables if not t.startswith("sqlite_")]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"TRUNCATE {', '.join(q(t) for t in tables)}")
        else:
            for t in tables:
                cursor.execute(f"DELETE FROM {q(t)}")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "minh-chung" / "2022").mkdir(parents=True)
    (settings.MEDIA_ROOT / "minh-chung" / "2022" / "anh-pano.jpg").write_bytes(
        b"\xff\xd8\xff" + bytes(range(256))
    )
    (settings.MEDIA_ROOT / "van-ban").mkdir()
    (settings.MEDIA_ROOT / "van-ban" / "297-BC-VHTT.docx").write_bytes(b"PK\x03\x04 noi dung")
    return settings.MEDIA_ROOT


def test_a_backup_restored_over_changed_data_gives_back_every_row_and_file(demo_world, media, tmp_path):
    rows, files = table_rows(), media_files()
    assert rows["activities_activity"] and rows["core_auditevent"] and len(files) == 2
    out = tmp_path / "loa.tar.gz"
    said = _run("backup", str(out))
    assert "Đã sao lưu" in said and out.exists()

    # The data moves on: rows removed and added, files removed and added.
    Activity.objects.filter(pk__in=list(Activity.objects.values_list("pk", flat=True)[:5])).delete()
    get_user_model().objects.create_user("nguoi-moi", password="matkhau-thu-123")
    (media / "van-ban" / "297-BC-VHTT.docx").unlink()
    (media / "moi.txt").write_text("mới")
    assert table_rows() != rows

    with pytest.raises(CommandError, match=r"đã có dữ liệu.*--force"):
        _run("restore", str(out))
    said = _run("restore", str(out), "--force")
    assert "Đã phục hồi" in said
    assert table_rows() == rows
    assert media_files() == files


def test_a_backup_restores_into_an_empty_database_without_force(demo_world, media, tmp_path):
    rows, files = table_rows(), media_files()
    out = tmp_path / "loa.tar.gz"
    _run("backup", str(out))
    _wipe()
    for child in list(media.rglob("*"))[::-1]:
        child.unlink() if child.is_file() else child.rmdir()
    _run("restore", str(out))
    assert table_rows() == rows and media_files() == files
    # New records after a restore get new ids (the sequences follow the restored rows).
    user = get_user_model().objects.create_user("sau-phuc-hoi", password="matkhau-thu-123")
    assert user.pk > max(r[0] for r in rows["auth_user"])


def test_the_archive_lists_its_tables_migrations_and_files(db, media, tmp_path):
    out = tmp_path / "loa.tar.gz"
    _run("backup", str(out))
    with tarfile.open(out) as tar:
        names = tar.getnames()
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["format"] == "loa-backup/1" and manifest["database"] == connection.vendor
    assert ["core", "0001_initial"] in manifest["migrations"]
    assert "db/core_auditevent.jsonl" in names and "files/van-ban/297-BC-VHTT.docx" in names
    assert set(manifest["files"]) == {"minh-chung/2022/anh-pano.jpg", "van-ban/297-BC-VHTT.docx"}


def test_a_file_that_is_not_a_backup_is_refused_in_vietnamese(db, media, tmp_path):
    bad = tmp_path / "khong-phai.tar.gz"
    bad.write_bytes(b"khong phai tep nen")
    with pytest.raises(CommandError, match="không phải bản sao lưu"):
        _run("restore", str(bad))
    with pytest.raises(CommandError, match="Không tìm thấy tệp sao lưu"):
        _run("restore", str(tmp_path / "khong-co.tar.gz"))


def test_a_tampered_backup_is_refused_and_nothing_is_changed(demo_world, media, tmp_path):
    out = tmp_path / "loa.tar.gz"
    _run("backup", str(out))
    tampered = tmp_path / "sua.tar.gz"
    with tarfile.open(out) as src, tarfile.open(tampered, "w:gz") as dst:
        for member in src:
            data = src.extractfile(member).read()
            if member.name.endswith("anh-pano.jpg"):
                data = b"anh khac"
                member.size = len(data)
            dst.addfile(member, io.BytesIO(data))
    rows = table_rows()
    with pytest.raises(CommandError, match="bị hỏng"):
        _run("restore", str(tampered), "--force")
    assert table_rows() == rows


def test_an_archive_with_a_path_outside_the_files_is_refused(db, media, tmp_path):
    evil = tmp_path / "evil.tar.gz"
    with tarfile.open(evil, "w:gz") as tar:
        info = tarfile.TarInfo("../../etc/loa")
        info.size = 1
        tar.addfile(info, io.BytesIO(b"x"))
    with pytest.raises(CommandError, match="không hợp lệ"):
        _run("restore", str(evil), "--force")

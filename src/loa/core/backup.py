"""Backup and restore (sao lưu, phục hồi): the whole database and the stored files in one archive.

The archive (``.tar.gz``) holds ``manifest.json`` (format, date, database kind, applied
migrations, row counts, each file's SHA-256), ``db/<table>.jsonl`` (a header line with the column
names, then one JSON array per row) and ``files/…`` (the contents of ``MEDIA_ROOT``).

Consistency: every table is read inside one snapshot — on PostgreSQL a ``REPEATABLE READ, READ
ONLY`` transaction, on SQLite a ``DEFERRED`` read transaction (WAL): writers are not blocked and no
half-committed write is seen (tested with writers running, ``tests/cli/test_backup_concurrent.py``).
Files are copied after the rows, so every file a row names is there (a file written meanwhile is
merely extra); each file is read once, hashed and archived from the same bytes.

The format is the same for both databases (values typed in the JSON where JSON has no type), so a
SQLite backup restores into PostgreSQL and back. Restoring needs the same Loa version (the same
migrations) and an empty database unless forced (ADR 0022).
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import decimal
import hashlib
import io
import json
import shutil
import tarfile
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from loa.core.errors import Conflict, ValidationError

FORMAT = "loa-backup/1"

# Tables that say whether a database already holds an agency's data (migrations only fill the
# catalogues, content types and permissions).
CONTENT_TABLES = ["auth_user", "organizations_unit", "core_auditevent"]


@dataclass
class BackupSummary:
    tables: int = 0
    rows: int = 0
    files: int = 0
    size: int = 0
    counts: dict[str, int] = field(default_factory=dict)


def _encode(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dt.datetime):
        return {"$dt": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$d": value.isoformat()}
    if isinstance(value, dt.time):
        return {"$t": value.isoformat()}
    if isinstance(value, dt.timedelta):
        return {"$td": value.total_seconds()}
    if isinstance(value, decimal.Decimal):
        return {"$dec": str(value)}
    if isinstance(value, uuid.UUID):
        return {"$uuid": str(value)}
    if isinstance(value, bytes | memoryview | bytearray):
        return {"$b64": base64.b64encode(bytes(value)).decode()}
    if isinstance(value, dict | list):
        return {"$json": value}
    raise TypeError(f"Không sao lưu được giá trị kiểu {type(value).__name__}.")


def _decode(value: Any) -> Any:
    if not isinstance(value, dict):
        return value
    (tag, raw), *_ = value.items()
    sqlite = connection.vendor == "sqlite"
    if tag == "$dt":
        moment = dt.datetime.fromisoformat(raw)
        if sqlite:  # stored as Django stores it: UTC, without offset
            if moment.tzinfo is not None:
                moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
            return str(moment)
        return moment
    if tag == "$d":
        return raw if sqlite else dt.date.fromisoformat(raw)
    if tag == "$t":
        return raw if sqlite else dt.time.fromisoformat(raw)
    if tag == "$td":
        return int(raw * 1_000_000) if sqlite else dt.timedelta(seconds=raw)
    if tag == "$dec":
        return raw if sqlite else decimal.Decimal(raw)
    if tag == "$uuid":
        return uuid.UUID(raw) if connection.vendor == "postgresql" else uuid.UUID(raw).hex
    if tag == "$b64":
        return base64.b64decode(raw)
    if tag == "$json":
        if connection.vendor == "postgresql":
            from psycopg.types.json import Jsonb

            return Jsonb(raw)
        return json.dumps(raw, ensure_ascii=False)
    raise ValidationError("Tệp sao lưu có giá trị không đọc được.", code="backup.bad_value")


def _tables() -> list[str]:
    return sorted(t for t in connection.introspection.table_names() if not t.startswith("sqlite_"))


def _columns(table: str) -> list[str]:
    with connection.cursor() as cursor:
        return [c.name for c in connection.introspection.get_table_description(cursor, table)]


def _rows(table: str) -> Iterator[list[Any]]:
    q = connection.ops.quote_name
    columns = _columns(table)
    order = "id" if "id" in columns else columns[0]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(q(c) for c in columns)} FROM {q(table)} ORDER BY {q(order)}")
        while batch := cursor.fetchmany(2000):
            for row in batch:
                yield [_encode(v) for v in row]


def table_rows() -> dict[str, list[list[Any]]]:
    """Every table's rows, encoded as in a backup (to compare two databases)."""
    return {t: list(_rows(t)) for t in _tables()}


def media_files(root: Path | None = None) -> dict[str, bytes]:
    """Every stored file under ``MEDIA_ROOT``, by its path inside it."""
    root = Path(root or settings.MEDIA_ROOT)
    if not root.exists():
        return {}
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _applied_migrations() -> list[list[str]]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        return [list(r) for r in cursor.fetchall()]


def _add(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    info.mode = 0o600
    tar.addfile(info, io.BytesIO(data))


def _add_file(tar: tarfile.TarFile, name: str, handle: Any) -> None:
    info = tarfile.TarInfo(name)
    info.size = handle.tell()
    info.mtime = int(timezone.now().timestamp())
    info.mode = 0o600
    handle.seek(0)
    tar.addfile(info, handle)


@contextlib.contextmanager
def _snapshot() -> Iterator[None]:
    """One consistent view of every table for the whole dump, without holding writers off.

    PostgreSQL: a ``REPEATABLE READ, READ ONLY`` transaction (one snapshot; writers go on). SQLite:
    a ``DEFERRED`` read transaction, begun by hand because Loa's own transactions are ``IMMEDIATE``
    (which would take the write lock and make every officer's save wait for the dump, then fail
    after the 5 s busy timeout); in WAL mode its first read fixes the snapshot and writers go on.
    Inside a caller's transaction, that transaction is the snapshot.
    """
    if connection.in_atomic_block:
        yield
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        # Django probes JSON support once, inside its own (IMMEDIATE) transaction: probed inside the
        # snapshot it would take the write lock and wrongly answer "no JSON". Probe it before.
        _ = connection.features.can_introspect_json_field
        with connection.cursor() as cursor:
            cursor.execute("BEGIN DEFERRED")
            try:
                cursor.execute("SELECT count(*) FROM django_migrations")  # the snapshot starts here
                yield
            finally:
                cursor.execute("ROLLBACK")
    else:
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield


def _add_media_file(tar: tarfile.TarFile, name: str, path: Path) -> str | None:
    """Copy one stored file into the archive; its SHA-256, or ``None`` when it vanished meanwhile.

    The bytes are read once into a spool and both hashed and archived from there, so a file being
    written or replaced while the backup runs is archived as it was read, with a matching digest.
    """
    digest = hashlib.sha256()
    with tempfile.TemporaryFile() as spool:
        try:
            with path.open("rb") as handle:
                while chunk := handle.read(1 << 20):
                    digest.update(chunk)
                    spool.write(chunk)
        except (FileNotFoundError, IsADirectoryError):
            return None  # deleted since the listing: its row is gone too, or will be
        _add_file(tar, f"files/{name}", spool)
    return digest.hexdigest()


def backup_write(out: Path) -> BackupSummary:
    """Write the database and the stored files to ``out`` (a ``.tar.gz``); what it holds."""
    summary = BackupSummary()
    out = Path(out)
    partial = out.with_name(out.name + ".dang-ghi")
    with tarfile.open(partial, "w:gz") as tar:
        with _snapshot():
            migrations = _applied_migrations()
            for table in _tables():
                # A table's rows go through a temporary file, not memory (a province has millions).
                with tempfile.TemporaryFile() as spool:
                    spool.write(json.dumps(_columns(table), ensure_ascii=False).encode() + b"\n")
                    n = 0
                    for row in _rows(table):
                        spool.write(json.dumps(row, ensure_ascii=False).encode() + b"\n")
                        n += 1
                    _add_file(tar, f"db/{table}.jsonl", spool)
                summary.counts[table] = n
                summary.rows += n
        # Files after the rows: every file a row of the snapshot names was written before it
        # (files are written before their row commits), so it is here; a file written later is
        # merely extra; one deleted meanwhile belonged to a row deleted after the snapshot.
        files = {}
        root = Path(settings.MEDIA_ROOT)
        for path in sorted(root.rglob("*")) if root.exists() else []:
            if path.is_file() and not path.is_symlink():
                name = path.relative_to(root).as_posix()
                digest = _add_media_file(tar, name, path)
                if digest is not None:
                    files[name] = digest
        manifest = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "database": connection.vendor,
            "migrations": migrations,
            "tables": summary.counts,
            "files": files,
        }
        _add(tar, "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1).encode())
    partial.replace(out)
    summary.tables, summary.files, summary.size = len(summary.counts), len(files), out.stat().st_size
    return summary


def _safe_member(name: str) -> bool:
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and name == path.as_posix()


def _read_archive(path: Path) -> tuple[dict[str, Any], dict[str, bytes], dict[str, bytes]]:
    try:
        tar = tarfile.open(path, "r:gz")
    except (OSError, tarfile.TarError):
        raise ValidationError(
            "Tệp không phải bản sao lưu của Loa (.tar.gz).", code="backup.not_archive"
        ) from None
    tables, files, manifest = {}, {}, None
    with tar:
        for member in tar:
            if not member.isfile() or not _safe_member(member.name):
                raise ValidationError("Bản sao lưu có mục không hợp lệ.", code="backup.bad_member")
            handle = tar.extractfile(member)
            data = handle.read() if handle else b""
            if member.name == "manifest.json":
                manifest = json.loads(data)
            elif member.name.startswith("db/") and member.name.endswith(".jsonl"):
                tables[member.name[3:-6]] = data
            elif member.name.startswith("files/"):
                files[member.name[6:]] = data
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ValidationError("Tệp không phải bản sao lưu của Loa (thiếu mô tả).", code="backup.not_archive")
    for name, digest in manifest.get("files", {}).items():
        if name not in files or hashlib.sha256(files[name]).hexdigest() != digest:
            raise ValidationError(f"Bản sao lưu bị hỏng: tệp “{name}” không khớp.", code="backup.corrupt")
    return manifest, tables, files


def database_is_empty() -> bool:
    """Whether the database holds no agency data (users, units, audit log)."""
    q = connection.ops.quote_name
    existing = set(_tables())
    with connection.cursor() as cursor:
        for table in CONTENT_TABLES:
            if table in existing:
                cursor.execute(f"SELECT 1 FROM {q(table)} LIMIT 1")
                if cursor.fetchone():
                    return False
    return True


def backup_restore(path: Path, *, force: bool = False) -> BackupSummary:
    """Put the archive's rows and files back: the database is migrated, emptied and filled in one
    transaction; ``MEDIA_ROOT`` is replaced by the archive's files. Refused (``Conflict``) on a
    database that holds data unless ``force``."""
    manifest, tables, files = _read_archive(Path(path))
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        call_command("migrate", verbosity=0, interactive=False)
    if not force and not database_is_empty():
        raise Conflict(
            "Cơ sở dữ liệu đã có dữ liệu; phục hồi sẽ xoá toàn bộ. Dùng --force nếu chắc chắn.",
            code="backup.not_empty",
        )
    if sorted(manifest.get("migrations", [])) != _applied_migrations():
        raise Conflict(
            "Bản sao lưu được tạo bởi một phiên bản Loa khác (khác các bước cập nhật CSDL); "
            "hãy phục hồi bằng đúng phiên bản đã sao lưu.",
            code="backup.version",
        )
    existing = _tables()
    if sorted(tables) != existing:
        raise Conflict("Bản sao lưu không có đủ các bảng của phiên bản Loa này.", code="backup.version")
    summary = BackupSummary()
    q = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Checks still pending in this transaction run first (TRUNCATE refuses to run past them);
            # the rows are then put back with every foreign key checked at commit.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"TRUNCATE {', '.join(q(t) for t in existing)}")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        else:
            for table in existing:
                cursor.execute(f"DELETE FROM {q(table)}")
        for table in existing:
            lines = tables[table].decode().splitlines()
            columns = json.loads(lines[0])
            if sorted(columns) != sorted(_columns(table)):
                raise Conflict(f"Bảng {table} của bản sao lưu khác cấu trúc hiện tại.", code="backup.version")
            rows = [tuple(_decode(v) for v in json.loads(line)) for line in lines[1:]]
            if rows:
                names = ", ".join(q(c) for c in columns)
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(f"INSERT INTO {q(table)} ({names}) VALUES ({marks})", rows)
            summary.counts[table] = len(rows)
            summary.rows += len(rows)
        if connection.vendor == "postgresql":
            for table in existing:
                if "id" not in _columns(table):
                    continue
                cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [q(table)])
                (sequence,) = cursor.fetchone()
                if sequence:
                    cursor.execute(
                        f"SELECT setval(%s, COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM {q(table)}",
                        [sequence],
                    )
    _restore_files(files)
    summary.tables, summary.files = len(existing), len(files)
    return summary


def _restore_files(files: dict[str, bytes]) -> None:
    root = Path(settings.MEDIA_ROOT)
    if root.exists():
        for child in root.iterdir():
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()
    for name, data in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)

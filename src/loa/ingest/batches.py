"""Import batches (lô nhập văn bản): uploaded files kept for preview until they are committed.

A batch is a folder ``MEDIA_ROOT/imports/<uuid>/`` holding ``batch.json`` (owner, file names,
result once committed), the files as ``<n><ext>`` and, once read, ``<n>.json`` with the parser's
record, text, spans and warnings (or the Vietnamese error). The user's file name is only ever
data, never part of a path. A batch belongs to the user who uploaded it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files import File

from loa.core.errors import DomainError, NotFound
from loa.ingest.parse import Extraction
from loa.ingest.pipeline import ingest_file
from loa.ingest.services import CommitResult, ingest_commit

__all__ = [
    "ALLOWED_EXTENSIONS",
    "MAX_FILES",
    "Batch",
    "batch_commit",
    "batch_create",
    "batch_get",
    "batch_read_file",
]

ALLOWED_EXTENSIONS = (".txt", ".md", ".docx", ".doc", ".pdf")
MAX_FILES = 50
_ID = re.compile(r"[0-9a-f]{32}")


def _root() -> Path:
    return Path(settings.MEDIA_ROOT) / "imports"


@dataclass
class Batch:
    """One user's uploaded files awaiting review."""

    id: str
    path: Path
    manifest: dict[str, Any]

    @property
    def names(self) -> list[str]:
        return [f["name"] for f in self.manifest["files"]]

    @property
    def result(self) -> dict[str, Any] | None:
        return self.manifest.get("result")

    def read_count(self) -> int:
        return sum(1 for i in range(len(self.names)) if (self.path / f"{i}.json").exists())

    def _save(self) -> None:
        tmp = self.path / "batch.json.tmp"
        tmp.write_text(json.dumps(self.manifest, ensure_ascii=False), encoding="utf-8")
        tmp.replace(self.path / "batch.json")


def batch_create(*, owner: Any, uploads: list[Any]) -> Batch:
    """Store uploaded files (already checked for type, size and count) as a new batch."""
    batch_id = uuid.uuid4().hex
    path = _root() / batch_id
    path.mkdir(parents=True)
    files = []
    for i, upload in enumerate(uploads):
        name = Path(upload.name or "").name
        ext = Path(name).suffix.lower()
        stored = f"{i}{ext if ext in ALLOWED_EXTENSIONS else '.bin'}"
        with open(path / stored, "wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        files.append({"name": name, "stored": stored})
    batch = Batch(
        batch_id,
        path,
        {"owner": owner.pk, "created": dt.datetime.now(dt.UTC).isoformat(), "files": files},
    )
    batch._save()
    return batch


def batch_get(*, user: Any, batch_id: str) -> Batch:
    """The user's own batch, or ``NotFound`` (also for another user's batch)."""
    missing = NotFound("Không tìm thấy lô văn bản này.", code="ingest.batch_not_found")
    if not _ID.fullmatch(batch_id or ""):
        raise missing
    path = _root() / batch_id
    try:
        manifest = json.loads((path / "batch.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise missing from None
    if manifest.get("owner") != getattr(user, "pk", None):
        raise missing
    return Batch(batch_id, path, manifest)


def batch_read_file(*, batch: Batch, index: int) -> dict[str, Any]:
    """Read and parse one file of the batch (once; later calls return the stored result).

    Returns ``{"name", "record", "text", "spans", "warnings"}`` or ``{"name", "error": {code, message}}``.
    """
    if not 0 <= index < len(batch.names):
        raise NotFound("Không có tệp này trong lô.", code="ingest.file_not_found")
    cached = batch.path / f"{index}.json"
    if cached.exists():
        return json.loads(cached.read_text(encoding="utf-8"))
    entry = batch.manifest["files"][index]
    out: dict[str, Any] = {"name": entry["name"]}
    try:
        extraction = ingest_file(batch.path / entry["stored"], max_bytes=settings.LOA_MAX_UPLOAD_BYTES)
    except DomainError as exc:
        out["error"] = {"code": exc.code, "message": exc.message}
    except Exception:  # a hostile file must give an error in its row, never a 500
        out["error"] = {"code": "ingest.internal", "message": "Tệp bị hỏng hoặc không đọc được."}
    else:
        out.update(
            record=extraction.record,
            text=extraction.text,
            spans={k: list(v) for k, v in extraction.spans.items()},
            warnings=extraction.warnings,
            source_format=extraction.source_format,
        )
    cached.write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")
    return out


def batch_commit(
    *, actor: Any, batch: Batch, records: dict[int, dict[str, Any]], issuer_unit: Any = None
) -> CommitResult:
    """Register the chosen files of a batch with their (corrected) records, all or nothing.

    ``records`` maps a file's position to its record; files not in it are left out.
    """
    if batch.result is not None:
        raise DomainError("Lô văn bản này đã được vào sổ.", code="ingest.batch_committed")
    extractions: list[Extraction] = []
    entries = []
    for index in sorted(records):
        read = batch_read_file(batch=batch, index=index)
        if "error" in read:
            continue
        extractions.append(
            Extraction(
                text=read["text"],
                record=records[index],
                document=None,
                spans={k: tuple(v) for k, v in read["spans"].items()},
                warnings=read["warnings"],
                filename=read["name"],
            )
        )
        entries.append(batch.manifest["files"][index])
    if not extractions:
        raise DomainError("Chưa chọn văn bản nào để vào sổ.", code="ingest.nothing_selected")
    with contextlib.ExitStack() as stack:
        files = [
            File(stack.enter_context(open(batch.path / e["stored"], "rb")), name=e["name"] or e["stored"])
            for e in entries
        ]
        result = ingest_commit(actor=actor, extractions=extractions, issuer_unit=issuer_unit, files=files)
    batch.manifest["result"] = result.as_dict()
    batch._save()
    return result


def batch_discard(*, batch: Batch) -> None:
    """Delete a batch's folder (after commit or when the user gives up)."""
    shutil.rmtree(batch.path, ignore_errors=True)

"""Import batches (lô nhập văn bản): uploaded files kept for preview until they are committed.

A batch is an :class:`~loa.ingest.models.ImportBatch` row owned by the user who uploaded it; its
files are :class:`~loa.ingest.models.ImportFile` rows with the bytes in Django storage. Once read,
a file keeps the parser's record, text, spans and warnings (or the Vietnamese error) as JSON; once
committed, the batch keeps the result. Any app server (or the worker) can serve any batch.
"""

from __future__ import annotations

import contextlib
import uuid
from typing import Any

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils import timezone

from loa.core.errors import DomainError, NotFound
from loa.core.files import files_atomic
from loa.ingest.history import report_figures_store
from loa.ingest.models import ALLOWED_EXTENSIONS, BatchStatus, ImportBatch, ImportFile
from loa.ingest.parse import Extraction
from loa.ingest.pipeline import ingest_bytes
from loa.ingest.registered import registered_document
from loa.ingest.services import CommitResult, ingest_commit

__all__ = [
    "ALLOWED_EXTENSIONS",
    "MAX_FILES",
    "ImportBatch",
    "batch_commit",
    "batch_create",
    "batch_discard",
    "batch_file_read",
    "batch_get",
    "batch_read_all",
    "batch_read_file",
]

MAX_FILES = 50


@files_atomic
def batch_create(*, owner: Any, uploads: list[Any], with_figures: bool = False) -> ImportBatch:
    """Store uploaded files (already checked for type, size and count) as a new batch.

    Once the batch is committed to the database, the worker is asked to read its files, so that a
    user who comes back later finds them read; the preview reads any file not read yet itself.
    """
    batch = ImportBatch.objects.create(owner=owner, with_figures=with_figures)
    for i, upload in enumerate(uploads):
        name = (upload.name or "").replace("\\", "/").rsplit("/", 1)[-1]
        entry = ImportFile(batch=batch, position=i, name=name[:255])
        entry.file.save(name or f"{i}.bin", upload, save=False)
        entry.save()
    from loa.ingest.tasks import read_import_batch

    batch_id = str(batch.pk)
    transaction.on_commit(lambda: read_import_batch.enqueue(batch_id))
    return batch


def batch_get(*, user: Any, batch_id: str) -> ImportBatch:
    """The user's own batch, or ``NotFound`` (also for another user's batch)."""
    missing = NotFound("Không tìm thấy lô văn bản này.", code="ingest.batch_not_found")
    try:
        key = uuid.UUID(hex=batch_id or "")
    except ValueError:
        raise missing from None
    owner = getattr(user, "pk", None)
    batch = ImportBatch.objects.filter(pk=key, owner_id=owner).first() if owner is not None else None
    if batch is None:
        raise missing
    return batch


def _read(entry: ImportFile) -> dict[str, Any]:
    out: dict[str, Any] = {"name": entry.name}
    try:
        with entry.file.open("rb") as handle:
            data = handle.read(settings.LOA_MAX_UPLOAD_BYTES + 1)
        extraction = ingest_bytes(data, filename=entry.name, max_bytes=settings.LOA_MAX_UPLOAD_BYTES)
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
    return out


def batch_file_read(*, batch: ImportBatch, index: int) -> dict[str, Any] | None:
    """What reading one file of the batch gave, or ``None`` while the worker has not read it yet.

    Never reads: the web shows progress with this while the worker reads within its budget.
    """
    files = batch.ordered_files()
    if not 0 <= index < len(files):
        raise NotFound("Không có tệp này trong lô.", code="ingest.file_not_found")
    entry = files[index]
    if entry.read is None:
        entry.refresh_from_db(fields=["read"])
    return dict(entry.read) if entry.read is not None else None


def batch_read_file(*, batch: ImportBatch, index: int) -> dict[str, Any]:
    """Read and parse one file of the batch (once; later calls return the stored result).

    Returns ``{"name", "record", "text", "spans", "warnings"}`` or ``{"name", "error": {code, message}}``.
    """
    files = batch.ordered_files()
    if not 0 <= index < len(files):
        raise NotFound("Không có tệp này trong lô.", code="ingest.file_not_found")
    entry = files[index]
    if entry.read is None:
        entry.refresh_from_db(fields=["read"])  # the worker may have read it meanwhile
    if entry.read is not None:
        return dict(entry.read)
    out = _read(entry)
    entry.read, entry.read_at = out, timezone.now()
    ImportFile.objects.filter(pk=entry.pk, read__isnull=True).update(read=out, read_at=entry.read_at)
    return out


def batch_read_all(*, batch: ImportBatch) -> int:
    """Read every file of the batch not read yet; the number of files read now."""
    done = 0
    for index, entry in enumerate(batch.ordered_files()):
        if entry.read is None:
            batch_read_file(batch=batch, index=index)
            done += 1
    return done


def batch_commit(
    *,
    actor: Any,
    batch: ImportBatch,
    records: dict[int, dict[str, Any]],
    issuer_unit: Any = None,
    figures: dict[int, list[Any]] | None = None,
) -> CommitResult:
    """Register the chosen files of a batch with their (corrected) records, all or nothing.

    ``records`` maps a file's position to its record; files not in it are left out. ``figures``
    maps the position of a report to the confirmed figures (see
    :func:`loa.ingest.history.report_figures_store`) to store as its unit's figures for its period,
    in the same transaction.
    """
    with transaction.atomic():
        locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if locked.status == BatchStatus.COMMITTED:
            raise DomainError("Lô văn bản này đã được vào sổ.", code="ingest.batch_committed")
        extractions: list[Extraction] = []
        entries: list[ImportFile] = []
        for index in sorted(records):
            # Never read here (a request may be committing): a file the worker has not read yet is
            # refused, and the page asks to wait (ADR 0021).
            read = batch_file_read(batch=batch, index=index)
            if read is None:
                raise DomainError(
                    f"Tệp «{batch.ordered_files()[index].name}» chưa đọc xong; hãy chờ rồi vào sổ lại.",
                    code="ingest.not_read",
                )
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
            entries.append(batch.ordered_files()[index])
        if not extractions:
            raise DomainError("Chưa chọn văn bản nào để vào sổ.", code="ingest.nothing_selected")
        with contextlib.ExitStack() as stack:
            files = [
                File(stack.enter_context(e.file.open("rb")), name=e.name or f"{e.position}.bin")
                for e in entries
            ]
            result = ingest_commit(actor=actor, extractions=extractions, issuer_unit=issuer_unit, files=files)
        stored = []
        for index, choices in sorted((figures or {}).items()):
            if index not in records:
                continue
            name = batch.ordered_files()[index].name
            try:
                document = registered_document(record=records[index], user=actor, issuer_unit=issuer_unit)
                saved = report_figures_store(
                    actor=actor, record=records[index], document=document, unit=issuer_unit, choices=choices
                )
            except DomainError as exc:
                exc.message = f"{name}: {exc.message}"
                exc.args = (exc.message,)
                raise
            stored += [
                {
                    "file": name,
                    "unit": f.unit.name,
                    "period": f.period,
                    "channel": f.channel.name,
                    "measure": f.channel.measure,
                    "quantity": f.quantity,
                }
                for f in saved
            ]
        locked.result = {**result.as_dict(), "figures": stored} if stored else result.as_dict()
        locked.status = BatchStatus.COMMITTED
        locked.save(update_fields=["result", "status", "updated_at"])
    batch.result, batch.status = locked.result, locked.status
    return result


def batch_discard(*, batch: ImportBatch) -> None:
    """Delete a batch: its files from storage once the rows are gone (after commit)."""
    stored = [f.file.name for f in batch.files.all() if f.file]
    storage = ImportFile._meta.get_field("file").storage  # type: ignore[attr-defined]
    with transaction.atomic():
        batch.delete()
        transaction.on_commit(lambda: [storage.delete(name) for name in stored])

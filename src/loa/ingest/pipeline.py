"""File → record: :func:`ingest_file` reads a file and parses its text, within a budget.

Reading runs in a child process (:func:`loa.core.budget.run_with_budget`) limited to
``LOA_READ_SECONDS`` of wall-clock time and ``LOA_READ_MEMORY_MB`` of memory per file (ADR 0021):
a file that needs more is refused with ``ingest.too_complex`` and a Vietnamese message, and
everything the reading started (LibreOffice, pdftoppm, Tesseract) is stopped with it. A small
plain text file and a small DOCX (ADR 0030) are read in the process: their work is bounded by their
size, and the fork would cost more than reading them.
"""

from __future__ import annotations

import io
import os
import zipfile
from dataclasses import replace
from pathlib import Path

from loa.core.budget import BudgetExceeded, budget_preload, run_with_budget
from loa.core.errors import ValidationError
from loa.ingest.parse import Extraction, parse_text
from loa.ingest.readers import DEFAULT_MAX_BYTES, read_file

__all__ = ["READ_MEMORY_MB", "READ_SECONDS", "ingest_bytes", "ingest_file", "read_budget"]

# Each file's child starts from a fork server that has already imported the readers (ADR 0028).
budget_preload(__name__)

READ_SECONDS = 180.0
READ_MEMORY_MB = 1024


def read_budget() -> tuple[float, int]:
    """Seconds and megabytes one file may take: the settings ``LOA_READ_SECONDS``/``LOA_READ_MEMORY_MB``."""
    from django.conf import settings

    if not settings.configured:  # a script using the readers without Django
        return READ_SECONDS, READ_MEMORY_MB
    seconds = float(getattr(settings, "LOA_READ_SECONDS", READ_SECONDS))
    memory = int(getattr(settings, "LOA_READ_MEMORY_MB", READ_MEMORY_MB))
    return seconds, memory


# Plain text this small is read and parsed in a few milliseconds, linearly: forking for it would
# cost more than the work (bench/bench_ingest.py); every other file goes to the budgeted child.
_SMALL_TEXT_BYTES = 256 * 1024
_TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text", ""})


def _small_text(head: bytes, size: int, name: str) -> bool:
    if size > _SMALL_TEXT_BYTES or Path(name).suffix.lower() not in _TEXT_SUFFIXES:
        return False
    return not head.startswith((b"PK", b"%PDF", b"\xd0\xcf\x11\xe0", b"{\\rtf"))


# A DOCX this small whose zip directory declares this little XML is read in linear time within a
# few milliseconds — less than the fork — and its XML cannot grow past what it declares (zipfile
# stops at the declared size): ADR 0030. Any other DOCX, and every PDF, DOC, ODT, goes to the child.
_SMALL_DOCX_BYTES = 512 * 1024
_SMALL_DOCX_XML_BYTES = 1024 * 1024
_SMALL_DOCX_MEMBERS = 100


def _small_docx(data: bytes, name: str) -> bool:
    """True for a DOCX package of at most 512 KB, 100 parts and 1 MB of declared XML."""
    if len(data) > _SMALL_DOCX_BYTES or not data.startswith(b"PK\x03\x04"):
        return False
    if Path(name).suffix.lower() not in {".docx", ".docm", ".dotx"}:
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return False  # the reader reports it, within the budget
    if len(infos) > _SMALL_DOCX_MEMBERS:
        return False
    xml = sum(i.file_size for i in infos if i.filename.endswith((".xml", ".rels")))
    return xml <= _SMALL_DOCX_XML_BYTES


def ingest_file(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Extraction:
    """Read and parse one file; raises the reader's ``ValidationError``/``ExternalToolError``."""
    name = Path(path).name
    try:
        size = os.path.getsize(path)
        with open(path, "rb") as fh:
            head = fh.read(8)
    except OSError:
        size, head = _SMALL_TEXT_BYTES + 1, b""  # let the reader report it
    if _small_text(head, size, name):
        return _read_and_parse(path, None, max_bytes)
    if head.startswith(b"PK") and size <= _SMALL_DOCX_BYTES:
        try:
            data = Path(path).read_bytes()
        except OSError:
            data = b""
        if _small_docx(data, name):
            return _read_and_parse(data, name, max_bytes)
    return _budgeted(_read_and_parse, path, None, max_bytes, name=name)


def ingest_bytes(data: bytes, *, filename: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Extraction:
    """Read and parse an uploaded file given by its bytes and name."""
    if _small_text(data[:8], len(data), filename) or _small_docx(data, filename):
        return _read_and_parse(data, filename, max_bytes)
    return _budgeted(_read_and_parse, data, filename, max_bytes, name=filename)


def _budgeted(func, *args, name: str) -> Extraction:  # type: ignore[no-untyped-def]
    seconds, memory = read_budget()
    try:
        result: Extraction = run_with_budget(func, *args, seconds=seconds, memory_mb=memory, what=name)
    except BudgetExceeded as exc:
        raise ValidationError(exc.message, code="ingest.too_complex", file=name, **exc.context) from None
    return result


def _read_and_parse(
    source: str | os.PathLike[str] | bytes, filename: str | None, max_bytes: int
) -> Extraction:
    return _parse(read_file(source, filename=filename, max_bytes=max_bytes))


def _parse(result: object) -> Extraction:
    from loa.ingest.readers import ReadResult

    assert isinstance(result, ReadResult)
    extraction = parse_text(result.text, hard_wrapped=result.hard_wrapped)
    warnings = dict(extraction.warnings)
    if result.warnings:
        warnings["file"] = " ".join(result.warnings)
    return replace(
        extraction, warnings=warnings, source_format=result.source_format, filename=result.filename
    )

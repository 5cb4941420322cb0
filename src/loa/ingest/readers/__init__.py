"""Read an administrative document file (TXT/MD, DOCX, DOC, PDF) into plain text in reading order.

Pure apart from two external programs behind one function each: LibreOffice for Word 97 files
(run by :func:`loa.core.office.convert`, shared with ``docgen``) and Tesseract for scanned PDFs.
Every failure is a :class:`~loa.core.errors.ValidationError` (or an
:class:`~loa.core.errors.ExternalToolError` for a missing program) with a stable code and a
Vietnamese message; no raw exception leaves :func:`read_file`.

Tables are flattened one row per line, cells joined with ``" | "`` as in the two-column headers
of texts copied from the web ("ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"); a cell
holding several paragraphs spreads over several lines, its columns kept apart by ``" | "``, so the
left column (issuing body, number, "V/v") and the right one (motto, place and date) stay in order.

The readers live one format a module: :mod:`.text`, :mod:`.docx`, :mod:`.office` (DOC/RTF/ODT via
LibreOffice), :mod:`.pdf` and :mod:`.ocr`; :mod:`.guards` chooses the reader and refuses unsafe
packages; :mod:`.common` holds the result types and the messages.
"""

from __future__ import annotations

import os
from pathlib import Path

from loa.core.errors import ExternalToolError, ValidationError
from loa.ingest.readers.common import DEFAULT_MAX_BYTES, ReadBlock, ReadResult, _Ctx, _fail, _mb
from loa.ingest.readers.docx import _read_docx
from loa.ingest.readers.guards import _sniff
from loa.ingest.readers.office import _read_office, convert_with_libreoffice
from loa.ingest.readers.pdf import _read_pdf
from loa.ingest.readers.text import _read_text

__all__ = [
    "DEFAULT_MAX_BYTES",
    "ReadBlock",
    "ReadResult",
    "convert_with_libreoffice",
    "read_file",
]


def read_file(
    source: str | os.PathLike[str] | bytes,
    *,
    filename: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> ReadResult:
    """Read a document file given by path, or by its bytes and ``filename``, into a :class:`ReadResult`.

    Raises :class:`ValidationError` (codes ``ingest.not_found``, ``ingest.empty``,
    ``ingest.too_large``, ``ingest.unsupported``, ``ingest.corrupt``, ``ingest.unsafe``,
    ``ingest.encrypted``, ``ingest.scanned_no_ocr``, ``ingest.binary``) or
    :class:`ExternalToolError` (``ingest.tool_missing``, ``ingest.tool_failed``).
    """
    if isinstance(source, bytes | bytearray):
        data = bytes(source)
        name = filename or "tệp tải lên"
    else:
        path = Path(source)
        name = filename or path.name
        ctx = _Ctx(name)
        try:
            size = path.stat().st_size
        except OSError:
            raise _fail("not_found", ctx) from None
        if size > max_bytes:
            raise _fail("too_large", ctx, size=_mb(size), limit=_mb(max_bytes))
        try:
            data = path.read_bytes()
        except OSError:
            raise _fail("not_found", ctx) from None
    ctx = _Ctx(name)
    if len(data) > max_bytes:
        raise _fail("too_large", ctx, size=_mb(len(data)), limit=_mb(max_bytes))
    if not data.strip():
        raise _fail("empty", ctx)
    kind = _sniff(data, name, ctx)
    try:
        if kind == "text":
            return _read_text(data, ctx)
        if kind == "docx":
            return _read_docx(data, ctx)
        if kind == "office":
            return _read_office(data, ctx)
        return _read_pdf(data, ctx)
    except (ValidationError, ExternalToolError):
        raise
    except Exception as exc:
        raise _fail("corrupt", ctx, fmt=kind.upper()) from exc

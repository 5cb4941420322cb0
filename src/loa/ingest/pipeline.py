"""File → record: :func:`ingest_file` reads a file and parses its text."""

from __future__ import annotations

import os
from dataclasses import replace

from loa.ingest.parse import Extraction, parse_text
from loa.ingest.readers import DEFAULT_MAX_BYTES, read_file

__all__ = ["ingest_bytes", "ingest_file"]


def ingest_file(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Extraction:
    """Read and parse one file; raises the reader's ``ValidationError``/``ExternalToolError``."""
    result = read_file(path, max_bytes=max_bytes)
    return _parse(result)


def ingest_bytes(data: bytes, *, filename: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Extraction:
    """Read and parse an uploaded file given by its bytes and name."""
    return _parse(read_file(data, filename=filename, max_bytes=max_bytes))


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

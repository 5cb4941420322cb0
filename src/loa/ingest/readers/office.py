"""Word 97, RTF, ODT and Word's HTML export: converted to DOCX by LibreOffice headless, then read."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Final

from loa.core import office
from loa.core.errors import ExternalToolError
from loa.ingest.readers.common import _MSG, OFFICE_SUFFIXES, ReadResult, _Ctx, _fail
from loa.ingest.readers.docx import _read_docx

CONVERT_TIMEOUT_S: Final = 120


def convert_with_libreoffice(
    data: bytes, suffix: str, target: str, *, name: str, infilter: str | None = None
) -> bytes:
    """Convert a file with LibreOffice headless (:func:`loa.core.office.convert`) and return the result."""
    with tempfile.TemporaryDirectory(prefix="loa-ingest-") as tmp:
        source = Path(tmp) / f"input{suffix}"
        source.write_bytes(data)
        try:
            (produced,) = office.convert(
                source, to=target, outdir=Path(tmp) / "out", timeout=CONVERT_TIMEOUT_S, infilter=infilter
            )
        except office.OfficeMissing:
            raise ExternalToolError(
                _MSG["tool_missing"].format(tool="LibreOffice (gói libreoffice-writer-nogui)", name=name),
                code="ingest.tool_missing",
            ) from None
        except office.OfficeTimeout:
            raise ExternalToolError(
                _MSG["tool_failed"].format(tool="LibreOffice", name=name), code="ingest.tool_failed"
            ) from None
        except (office.OfficeFailed, office.OfficeNoOutput):
            # LibreOffice refuses a file it cannot load: the file, not the tool, is at fault.
            raise _fail("corrupt", _Ctx(name), fmt=suffix[1:].upper() or "Word") from None
        return produced.read_bytes()


def _read_office(data: bytes, ctx: _Ctx) -> ReadResult:
    suffix = Path(ctx.name).suffix.lower()
    if data.lstrip()[:1] == b"<" or data.startswith((b"MIME-Version", b"\xef\xbb\xbf<")):
        suffix = ".htm" if not data.startswith(b"MIME") else ".mht"
    elif data.startswith(b"{\\rtf"):
        suffix = ".rtf"
    elif data.startswith(b"\xd0\xcf\x11\xe0"):
        suffix = ".doc"
    elif suffix not in OFFICE_SUFFIXES:
        suffix = ".odt"
    if suffix in {".htm", ".mht"}:
        # Word's HTML export opens in Writer/Web unless told to use the Writer HTML filter.
        converted = convert_with_libreoffice(
            data, suffix, "docx:MS Word 2007 XML", name=ctx.name, infilter="HTML (StarWriter)"
        )
    else:
        converted = convert_with_libreoffice(data, suffix, "docx", name=ctx.name)
    result = _read_docx(converted, ctx, source_format=suffix[1:])
    return result

"""Word 97, RTF, ODT and Word's HTML export: converted to DOCX by LibreOffice headless, then read."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Final

from loa.core.errors import ExternalToolError
from loa.ingest.readers.common import _MSG, OFFICE_SUFFIXES, ReadResult, _Ctx, _fail
from loa.ingest.readers.docx import _read_docx

CONVERT_TIMEOUT_S: Final = 120


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_with_libreoffice(
    data: bytes, suffix: str, target: str, *, name: str, infilter: str | None = None
) -> bytes:
    """Convert a file with LibreOffice headless (own profile per call, timeout) and return the result."""
    binary = _soffice()
    ctx = _Ctx(name)
    if not binary:
        raise ExternalToolError(
            _MSG["tool_missing"].format(tool="LibreOffice (gói libreoffice-writer-nogui)", name=name),
            code="ingest.tool_missing",
        )
    with tempfile.TemporaryDirectory(prefix="loa-ingest-") as tmp:
        tmp_path = Path(tmp)
        source = tmp_path / f"input{suffix}"
        source.write_bytes(data)
        out_dir = tmp_path / "out"
        out_dir.mkdir()
        profile = (tmp_path / "profile").as_uri()
        cmd = [
            binary,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            *([f"--infilter={infilter}"] if infilter else []),
            "--convert-to",
            target,
            "--outdir",
            str(out_dir),
            str(source),
        ]
        try:
            subprocess.run(cmd, capture_output=True, timeout=CONVERT_TIMEOUT_S, check=False)
        except subprocess.TimeoutExpired:
            raise ExternalToolError(
                _MSG["tool_failed"].format(tool="LibreOffice", name=name), code="ingest.tool_failed"
            ) from None
        produced = sorted(out_dir.iterdir())
        # soffice exits 0 even when it could not load the input: the output file is the proof.
        if not produced or produced[0].stat().st_size == 0:
            raise _fail("corrupt", ctx, fmt=suffix[1:].upper() or "Word")
        return produced[0].read_bytes()


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

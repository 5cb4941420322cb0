"""LibreOffice headless, run one way for the whole product: :func:`convert`.

``docgen`` turns DOCX into PDF with it and ``ingest`` turns Word 97, RTF, ODT and Word's HTML export
into DOCX. Every run gets its own throw-away user profile (two runs sharing a profile fail, so runs
need no lock), its own process session (a timeout stops ``soffice.bin`` and any helper it started),
and a timeout. LibreOffice exits 0 even when it could not load the input, so the output file is the
proof: :func:`convert` checks that each expected file exists and is not empty.

LibreOffice is found through ``LOA_SOFFICE`` (a path), then ``soffice``/``libreoffice`` on PATH.
Every failure is an :class:`OfficeError` (an :class:`~loa.core.errors.ExternalToolError`) with a
stable code and a Vietnamese message; callers may re-raise it under their own code.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from loa.core.errors import ExternalToolError

__all__ = [
    "DEFAULT_TIMEOUT",
    "INSTALL_HINT",
    "OfficeError",
    "OfficeFailed",
    "OfficeMissing",
    "OfficeNoOutput",
    "OfficeTimeout",
    "convert",
    "find_soffice",
]

DEFAULT_TIMEOUT = 60.0
INSTALL_HINT = "Cài gói libreoffice-writer-nogui (apt-get install libreoffice-writer-nogui)."


class OfficeError(ExternalToolError):
    """LibreOffice could not do a conversion."""

    code = "office.failed"
    default_message = "LibreOffice không chuyển đổi được tệp."


class OfficeMissing(OfficeError):
    """LibreOffice is not installed, or ``LOA_SOFFICE`` names no program."""

    code = "office.missing"


class OfficeTimeout(OfficeError):
    """LibreOffice did not finish in time and was stopped."""

    code = "office.timeout"


class OfficeFailed(OfficeError):
    """LibreOffice exited with an error."""

    code = "office.failed"


class OfficeNoOutput(OfficeError):
    """LibreOffice exited cleanly but wrote no (or an empty) output file: it could not load the input."""

    code = "office.no_output"


def find_soffice() -> str:
    """Path of the LibreOffice program: ``LOA_SOFFICE`` if set, else ``soffice`` on PATH."""
    configured = os.environ.get("LOA_SOFFICE")
    if configured:
        path = Path(configured)
        if not path.is_file() or not os.access(path, os.X_OK):
            raise OfficeMissing(
                f"Không tìm thấy LibreOffice tại “{configured}” (biến LOA_SOFFICE). {INSTALL_HINT}"
            )
        return str(path)
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise OfficeMissing(f"Không tìm thấy LibreOffice (soffice). {INSTALL_HINT}")


def convert(
    sources: Path | Sequence[Path],
    *,
    to: str = "pdf",
    outdir: Path,
    timeout: float = DEFAULT_TIMEOUT,
    infilter: str | None = None,
) -> list[Path]:
    """Convert ``sources`` with one LibreOffice process into ``outdir``; return the outputs in order.

    ``to`` is LibreOffice's ``--convert-to`` value (``"pdf"``, ``"pdf:writer_pdf_Export"``,
    ``"docx"``, ``"docx:MS Word 2007 XML"``); each output is ``outdir/<stem>.<extension>``.
    ``infilter`` forces the input filter (Word's HTML export needs ``"HTML (StarWriter)"``).
    """
    inputs = [Path(sources)] if isinstance(sources, str | Path) else [Path(p) for p in sources]
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    _run(inputs, to=to, outdir=outdir, timeout=timeout, infilter=infilter)
    extension = to.split(":", 1)[0]
    outputs = [outdir / f"{p.stem}.{extension}" for p in inputs]
    for source, output in zip(inputs, outputs, strict=True):
        if not output.is_file() or output.stat().st_size == 0:
            raise OfficeNoOutput(
                f"LibreOffice không tạo được tệp {extension.upper()} từ “{source.name}” "
                "(tệp hỏng hoặc không đọc được).",
                source=source.name,
            )
    return outputs


def _run(inputs: list[Path], *, to: str, outdir: Path, timeout: float, infilter: str | None) -> None:
    soffice = find_soffice()
    with tempfile.TemporaryDirectory(prefix="loa-lo-profile-") as profile:
        cmd = [
            soffice,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--invisible",
            "--nologo",
            "--nodefault",
            "--nofirststartwizard",
            "--nolockcheck",
            "--norestore",
            *([f"--infilter={infilter}"] if infilter else []),
            "--convert-to",
            to,
            "--outdir",
            str(outdir),
            *(str(p) for p in inputs),
        ]
        try:
            # A session of its own, so a timeout can stop soffice.bin and any helper it started.
            proc = subprocess.Popen(
                cmd,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        except OSError as exc:
            raise OfficeMissing(
                f"Không chạy được LibreOffice ({soffice}): {exc.strerror}. {INSTALL_HINT}"
            ) from None
        try:
            _, stderr = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_group(proc)
            raise OfficeTimeout(
                f"LibreOffice không chuyển đổi xong sau {timeout:g} giây; đã dừng tiến trình."
            ) from None
        if proc.returncode != 0:
            lines = stderr.decode("utf-8", "replace").strip().splitlines()
            detail = lines[-1] if lines else f"mã thoát {proc.returncode}"
            raise OfficeFailed(f"LibreOffice báo lỗi khi chuyển đổi: {detail}")


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        proc.kill()
    proc.communicate()

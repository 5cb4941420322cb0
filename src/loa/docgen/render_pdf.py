"""DOCX → PDF through LibreOffice headless, behind two functions.

:func:`docx_to_pdf` converts one file (a path or the DOCX bytes); :func:`docx_to_pdf_batch`
converts many in one LibreOffice start-up per worker, which amortises the ~1 s start. Every call
gets its own throw-away user profile (two conversions sharing a profile fail), runs under a
timeout, and its output is verified: the PDF exists, is not empty, and pypdf can count its pages
(LibreOffice exits 0 even when it could not load the input).

LibreOffice itself is run by :func:`loa.core.office.convert`, shared with ``ingest``. Every failure
raises :class:`~loa.core.errors.ExternalToolError` with a Vietnamese message and a ``docgen.*`` code.
"""

from __future__ import annotations

import io
import shutil
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pypdf import PdfReader

from loa.core import office
from loa.core.errors import ExternalToolError, ValidationError

__all__ = ["DEFAULT_TIMEOUT", "docx_to_pdf", "docx_to_pdf_batch", "find_soffice", "pdf_page_count"]

DEFAULT_TIMEOUT = office.DEFAULT_TIMEOUT
# docgen's codes for the runner's failures: released codes never change.
_CODES = {
    office.OfficeMissing.code: "docgen.soffice_missing",
    office.OfficeTimeout.code: "docgen.soffice_timeout",
    office.OfficeFailed.code: "docgen.soffice_failed",
    office.OfficeNoOutput.code: "docgen.pdf_missing",
}


def find_soffice() -> str:
    """Path of the LibreOffice program: ``LOA_SOFFICE`` if set, else ``soffice`` on PATH."""
    try:
        return office.find_soffice()
    except office.OfficeError as exc:
        raise _as_docgen(exc) from None


def _as_docgen(exc: office.OfficeError) -> ExternalToolError:
    return ExternalToolError(exc.message, code=_CODES.get(exc.code, "docgen.soffice_failed"))


def pdf_page_count(pdf: bytes | str | Path) -> int:
    """Number of pages of a PDF; raises ExternalToolError when the file is not a readable PDF."""
    try:
        data = pdf if isinstance(pdf, bytes) else Path(pdf).read_bytes()
        return len(PdfReader(io.BytesIO(data)).pages)
    except Exception as exc:
        raise ExternalToolError(
            f"LibreOffice tạo ra tệp PDF không đọc được ({type(exc).__name__}).", code="docgen.pdf_invalid"
        ) from None


def _run_soffice(inputs: Sequence[Path], outdir: Path, timeout: float) -> None:
    """One LibreOffice process converting ``inputs`` into ``outdir``; the outputs are checked later."""
    try:
        office.convert(inputs, to="pdf:writer_pdf_Export", outdir=outdir, timeout=timeout)
    except office.OfficeNoOutput:
        pass  # _verified names the file that failed, in the input order
    except office.OfficeError as exc:
        raise _as_docgen(exc) from None


def _verified(pdf: Path, source: Path) -> Path:
    if not pdf.is_file() or pdf.stat().st_size == 0:
        raise ExternalToolError(
            f"LibreOffice không tạo được tệp PDF từ “{source.name}” (tệp DOCX hỏng hoặc không đọc được).",
            code="docgen.pdf_missing",
        )
    if pdf_page_count(pdf) < 1:
        raise ExternalToolError(f"Tệp PDF từ “{source.name}” không có trang nào.", code="docgen.pdf_invalid")
    return pdf


def docx_to_pdf(
    source: str | Path | bytes,
    *,
    out_path: str | Path | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> bytes | Path:
    """Convert one DOCX to PDF.

    ``source`` is a path or the DOCX bytes. With ``out_path`` the PDF is written there and its
    path returned; without it the PDF bytes are returned.
    """
    with tempfile.TemporaryDirectory(prefix="loa-pdf-") as tmp:
        work = Path(tmp)
        if isinstance(source, bytes | bytearray):
            docx_path = work / "van-ban.docx"
            docx_path.write_bytes(bytes(source))
        else:
            docx_path = Path(source)
            if not docx_path.is_file():
                raise ValidationError(f"Không tìm thấy tệp “{docx_path}”.", code="docgen.docx_missing")
        outdir = work / "out"
        outdir.mkdir()
        _run_soffice([docx_path], outdir, timeout)
        pdf = _verified(outdir / f"{docx_path.stem}.pdf", docx_path)
        if out_path is None:
            return pdf.read_bytes()
        target = Path(out_path)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(pdf), target)
        return target


def docx_to_pdf_batch(
    paths: Sequence[str | Path],
    outdir: str | Path,
    *,
    workers: int = 2,
    timeout: float | None = None,
) -> list[Path]:
    """Convert many DOCX files into ``outdir`` (``<stem>.pdf`` each); return the PDFs in input order.

    The files are split among ``workers`` LibreOffice processes, each converting its share in one
    start-up with its own profile. ``timeout`` applies per process; by default 60 s plus 2 s a file.
    """
    sources = [Path(p) for p in paths]
    if not sources:
        return []
    stems = [p.stem for p in sources]
    if len(set(stems)) != len(stems):
        raise ValidationError(
            "Hai tệp trùng tên (khác thư mục) sẽ ghi đè PDF của nhau: hãy đổi tên trước khi xuất.",
            code="docgen.duplicate_names",
        )
    for p in sources:
        if not p.is_file():
            raise ValidationError(f"Không tìm thấy tệp “{p}”.", code="docgen.docx_missing")
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    for stem in stems:
        # A PDF left from an earlier run must not pass for this run's output.
        (out / f"{stem}.pdf").unlink(missing_ok=True)
    workers = max(1, min(workers, len(sources)))
    chunks = [sources[i::workers] for i in range(workers)]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [
            pool.submit(
                _run_soffice, chunk, out, timeout if timeout is not None else DEFAULT_TIMEOUT + 2 * len(chunk)
            )
            for chunk in chunks
        ]
        for future in futures:
            future.result()
    return [_verified(out / f"{p.stem}.pdf", p) for p in sources]

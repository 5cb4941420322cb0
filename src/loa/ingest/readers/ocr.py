"""A scanned PDF: pages rendered by poppler's pdftoppm, text recognised by Tesseract (``vie``)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Final

from loa.ingest.parse.text import quick_nfc as nfc
from loa.ingest.readers.common import _Ctx, _fail

OCR_TIMEOUT_S: Final = 300


def _ocr_pdf(data: bytes, ctx: _Ctx) -> str:
    """Text of a scanned PDF through Tesseract (``vie``), pages rendered by poppler's pdftoppm."""
    tesseract = shutil.which("tesseract")
    pdftoppm = shutil.which("pdftoppm")
    if not tesseract or not pdftoppm:
        raise _fail("scanned_no_ocr", ctx)
    with tempfile.TemporaryDirectory(prefix="loa-ocr-") as tmp:
        tmp_path = Path(tmp)
        (tmp_path / "in.pdf").write_bytes(data)
        try:
            subprocess.run(
                [pdftoppm, "-r", "300", "-gray", "-png", str(tmp_path / "in.pdf"), str(tmp_path / "page")],
                capture_output=True,
                timeout=OCR_TIMEOUT_S,
                check=True,
            )
            pages: list[str] = []
            for image in sorted(tmp_path.glob("page*.png")):
                done = subprocess.run(
                    [tesseract, str(image), "stdout", "-l", "vie", "--psm", "4"],
                    capture_output=True,
                    timeout=OCR_TIMEOUT_S,
                    check=True,
                )
                pages.append(done.stdout.decode("utf-8", errors="replace"))
        except (subprocess.SubprocessError, OSError) as exc:
            raise _fail("ocr_failed", ctx) from exc
    text = nfc("\n".join(pages))
    if sum(1 for c in text if c.isalnum()) < 20:
        raise _fail("ocr_failed", ctx)
    return text

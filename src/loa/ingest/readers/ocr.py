"""A scanned PDF: pages rendered by poppler's pdftoppm, text recognised by Tesseract (``vie``).

OCR has a budget per file: at most :data:`MAX_OCR_PAGES` pages (checked before any page is
rendered) and :data:`OCR_TOTAL_S` seconds for all of them together; each page is rendered and read
on its own, so the budget is checked between pages and each program call gets only what is left.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Final

from loa.ingest.parse.text import quick_nfc as nfc
from loa.ingest.readers.common import _Ctx, _fail

MAX_OCR_PAGES: Final = 30
"""An administrative document is rarely over 10 pages; a scan of 200 pages would take ~10 minutes."""
OCR_TOTAL_S: Final = 120
OCR_DPI: Final = 300


def _ocr_pdf(data: bytes, ctx: _Ctx, *, pages: int) -> str:
    """Text of a scanned PDF of ``pages`` pages through Tesseract (``vie``), rendered by pdftoppm."""
    tesseract = shutil.which("tesseract")
    pdftoppm = shutil.which("pdftoppm")
    if not tesseract or not pdftoppm:
        raise _fail("scanned_no_ocr", ctx)
    if pages > MAX_OCR_PAGES:
        raise _fail("ocr_too_many_pages", ctx, pages=pages, limit=MAX_OCR_PAGES)
    deadline = time.monotonic() + OCR_TOTAL_S
    texts: list[str] = []
    with tempfile.TemporaryDirectory(prefix="loa-ocr-") as tmp:
        tmp_path = Path(tmp)
        source = tmp_path / "in.pdf"
        source.write_bytes(data)
        for number in range(1, pages + 1):
            image = tmp_path / f"page-{number}"
            try:
                subprocess.run(
                    [
                        pdftoppm,
                        "-r",
                        str(OCR_DPI),
                        "-gray",
                        "-png",
                        "-singlefile",
                        "-f",
                        str(number),
                        "-l",
                        str(number),
                        str(source),
                        str(image),
                    ],
                    capture_output=True,
                    timeout=_left(deadline, ctx),
                    check=True,
                )
                done = subprocess.run(
                    [tesseract, f"{image}.png", "stdout", "-l", "vie", "--psm", "4"],
                    capture_output=True,
                    timeout=_left(deadline, ctx),
                    check=True,
                )
            except subprocess.TimeoutExpired:
                raise _fail("ocr_too_slow", ctx, seconds=OCR_TOTAL_S) from None
            except (subprocess.SubprocessError, OSError) as exc:
                raise _fail("ocr_failed", ctx) from exc
            Path(f"{image}.png").unlink(missing_ok=True)
            texts.append(done.stdout.decode("utf-8", errors="replace"))
    text = nfc("\n".join(texts))
    if sum(1 for c in text if c.isalnum()) < 20:
        raise _fail("ocr_failed", ctx)
    return text


def _left(deadline: float, ctx: _Ctx) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise _fail("ocr_too_slow", ctx, seconds=OCR_TOTAL_S)
    return left

"""PDF with a text layer (pdfplumber): words regrouped into lines and columns; a scan goes to OCR."""

from __future__ import annotations

import io
import itertools
import re
from typing import Any

from loa.core.errors import ValidationError
from loa.ingest.legacy import detect_and_convert
from loa.ingest.parse.text import quick_nfc as nfc
from loa.ingest.readers.common import ReadBlock, ReadResult, _Ctx, _fail
from loa.ingest.readers.ocr import _ocr_pdf


def _annotation_words(page: Any) -> list[dict[str, Any]]:
    """Words drawn by widget annotations (signature stamps carry the number and the day in
    signed PDFs: "Số: 1629/…", "ngày 27 tháng 3"), placed where the reader sees them."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LTChar
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdftypes import resolve1

    words: list[dict[str, Any]] = []
    annots = resolve1(getattr(page.page_obj, "annots", None)) or []
    for ref in annots:
        annot = resolve1(ref)
        if not isinstance(annot, dict):
            continue
        appearance = resolve1(annot.get("AP"))
        if not isinstance(appearance, dict):
            continue
        stream = resolve1(appearance.get("N"))
        if stream is None or not hasattr(stream, "attrs"):
            continue
        try:
            rect = [float(x) for x in resolve1(annot["Rect"])]
            bbox = [float(x) for x in resolve1(stream.attrs.get("BBox", [0, 0, 1, 1]))]
            sx = (rect[2] - rect[0]) / ((bbox[2] - bbox[0]) or 1)
            sy = (rect[3] - rect[1]) / ((bbox[3] - bbox[1]) or 1)
            ctm = (sx, 0, 0, sy, rect[0] - bbox[0] * sx, rect[1] - bbox[1] * sy)
            manager = PDFResourceManager()
            device = PDFPageAggregator(manager, laparams=None)
            interpreter = PDFPageInterpreter(manager, device)
            device.begin_page(page.page_obj, ctm)
            interpreter.render_contents(resolve1(stream.attrs.get("Resources")) or {}, [stream], ctm=ctm)
            device.end_page(page.page_obj)
            layout = device.get_result()
        except Exception:
            continue
        chars: list[Any] = []

        def walk(obj: Any, out: list[Any] = chars) -> None:
            if isinstance(obj, LTChar):
                out.append(obj)
            elif hasattr(obj, "__iter__"):
                for child in obj:
                    walk(child)

        walk(layout)
        chars.sort(key=lambda c: (round(c.y0), c.x0))
        current: dict[str, Any] | None = None
        for ch in chars:
            text = ch.get_text()
            top = page.height - ch.y1
            if text.isspace():
                current = None
                continue
            if current and abs(current["top"] - top) < 2 and ch.x0 - current["x1"] < ch.size * 0.3:
                current["text"] += text
                current["x1"] = ch.x1
            else:
                current = {"text": text, "x0": ch.x0, "x1": ch.x1, "top": top, "bottom": page.height - ch.y0}
                current["size"] = ch.size
                words.append(current)
    return words


def _blank_field(left: str, right: str) -> bool:
    """A wide gap that is a blank field of a draft ("Số:      /SCT-CN", "ngày      tháng 6")."""
    return left.rstrip().lower().endswith(("số:", "ngày", "tháng", "năm", "/")) or right.startswith(
        ("/", "tháng", "năm")
    )


_NATIONAL_HEADINGS = re.compile(r"\s(CỘNG HÒA XÃ HỘI CHỦ NGHĨA|Độc lập\s*[-–]\s*Tự do)", re.IGNORECASE)


def _split_at_national_heading(text: str) -> str:
    """A short issuer line can sit so close to the Quốc hiệu that no gap marks the two columns:
    the Quốc hiệu and the motto always open the right column, so split before them."""
    if "|" in text:
        return text
    match = _NATIONAL_HEADINGS.search(text)
    return f"{text[: match.start()]} | {text[match.start() + 1 :]}" if match else text


def _page_lines(page: Any) -> list[str]:
    words = page.extract_words(x_tolerance=2, y_tolerance=2, keep_blank_chars=False, extra_attrs=["size"])
    words = [dict(w) for w in words]
    words.extend(_annotation_words(page))
    if not words:
        return []
    words.sort(key=lambda w: (w["top"], w["x0"]))
    rows: list[list[dict[str, Any]]] = []
    for word in words:
        size = float(word.get("size") or 12)
        # A word belongs to a row when it overlaps it vertically by most of its height.
        for row in reversed(rows[-3:]):
            top = min(w["top"] for w in row)
            bottom = max(w["bottom"] for w in row)
            overlap = min(bottom, word["bottom"]) - max(top, word["top"])
            if overlap > 0.5 * min(size, bottom - top):
                row.append(word)
                break
        else:
            rows.append([word])
    width = float(page.width)
    height = float(page.height)
    lines: list[str] = []
    previous_bottom: float | None = None
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        sizes = sorted(float(w.get("size") or 12) for w in row)
        size = sizes[len(sizes) // 2]
        top_of_row = min(w["top"] for w in row)
        # A gap of most of a line (a rule under the subject, space before a section) ends a block,
        # as the empty paragraph does in a DOCX; ordinary paragraph spacing (6 pt) does not.
        if previous_bottom is not None and top_of_row - previous_bottom > 0.9 * size and lines and lines[-1]:
            lines.append("")
        previous_bottom = max(w["bottom"] for w in row)
        segments: list[list[str]] = [[row[0]["text"]]]
        for prev, word in itertools.pairwise(row):
            if word["x0"] - prev["x1"] > max(18.0, 1.8 * size) and not _blank_field(
                prev["text"], word["text"]
            ):
                segments.append([])
            segments[-1].append(word["text"])
        text = _split_at_national_heading(" | ".join(" ".join(s) for s in segments))
        top = min(w["top"] for w in row)
        if text.strip().isdigit() and (top < 0.1 * height or top > 0.88 * height):
            continue  # page number
        if len(segments) == 1 and row[0]["x0"] > 0.55 * width:
            text = "| " + text
        lines.append(text)
    return lines


def _read_pdf(data: bytes, ctx: _Ctx) -> ReadResult:
    import pdfplumber
    import pypdf

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise _fail("encrypted", ctx)
        page_count = len(reader.pages)
    except ValidationError:
        raise
    except Exception as exc:
        raise _fail("corrupt", ctx, fmt="PDF") from exc
    if page_count == 0:
        raise _fail("empty", ctx)
    lines: list[str] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for index, page in enumerate(pdf.pages):
                if index:
                    lines.append("")
                lines.extend(_page_lines(page))
    except Exception as exc:
        if "password" in str(exc).lower() or type(exc).__name__ == "PDFPasswordIncorrect":
            raise _fail("encrypted", ctx) from exc
        raise _fail("corrupt", ctx, fmt="PDF") from exc
    text = nfc("\n".join(lines))
    source_format = "pdf"
    if sum(1 for c in text if c.isalnum()) < 20:
        text = _ocr_pdf(data, ctx, pages=page_count)
        source_format = "pdf-ocr"
        ctx.warnings.append("Văn bản được nhận dạng từ bản quét (OCR); hãy kiểm tra kỹ các trường.")
    text, legacy = detect_and_convert(text)
    if legacy:
        ctx.warnings.append(
            "PDF dùng phông chữ bảng mã cũ (" + legacy.upper() + ") đã được chuyển sang Unicode."
        )
    return ReadResult(
        text=text,
        source_format=source_format,
        blocks=tuple(ReadBlock("paragraph", line) for line in text.split("\n")),
        warnings=tuple(ctx.warnings),
        hard_wrapped=True,
        encoding=legacy,
        filename=ctx.name,
    )

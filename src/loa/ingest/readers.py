"""Read an administrative document file (TXT/MD, DOCX, DOC, PDF) into plain text in reading order.

Pure apart from two external programs behind one function each: LibreOffice for Word 97 files
and Tesseract for scanned PDFs. Every failure is a :class:`~loa.core.errors.ValidationError` (or an
:class:`~loa.core.errors.ExternalToolError` for a missing program) with a stable code and a
Vietnamese message; no raw exception leaves :func:`read_file`.

Tables are flattened one row per line, cells joined with ``" | "`` as in the two-column headers
of texts copied from the web ("ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"); a cell
holding several paragraphs spreads over several lines, its columns kept apart by ``" | "``, so the
left column (issuing body, number, "V/v") and the right one (motto, place and date) stay in order.
"""

from __future__ import annotations

import io
import itertools
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from loa.core.errors import ExternalToolError, ValidationError
from loa.ingest.legacy import detect_and_convert, vietnamese_score
from loa.ingest.parse.text import quick_nfc as nfc

__all__ = [
    "DEFAULT_MAX_BYTES",
    "ReadBlock",
    "ReadResult",
    "read_file",
]

DEFAULT_MAX_BYTES: Final = 20 * 1024 * 1024
"""Largest file accepted (20 MB): an administrative document is rarely over 5 MB."""

# Zip bomb guard for DOCX: total unpacked size and the compression ratio of any large member.
MAX_UNZIPPED_BYTES: Final = 200 * 1024 * 1024
MAX_RATIO: Final = 100
MAX_MEMBERS: Final = 2000

CONVERT_TIMEOUT_S: Final = 120
OCR_TIMEOUT_S: Final = 300

TEXT_SUFFIXES: Final = frozenset({".txt", ".md", ".markdown", ".text"})
OFFICE_SUFFIXES: Final = frozenset({".doc", ".rtf", ".odt"})
_CONTROL_RE: Final = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffd]")
SUPPORTED_HINT: Final = "TXT, MD, DOCX, DOC, PDF"

_MSG = {
    "not_found": "Không tìm thấy tệp «{name}».",
    "empty": "Tệp «{name}» rỗng, không có nội dung để đọc.",
    "too_large": "Tệp «{name}» quá lớn ({size} MB); giới hạn là {limit} MB.",
    "unsupported": "Không đọc được tệp «{name}»: định dạng không được hỗ trợ (hỗ trợ "
    + SUPPORTED_HINT
    + ").",
    "corrupt": "Tệp «{name}» bị hỏng hoặc không đúng định dạng {fmt}.",
    "unsafe": "Tệp «{name}» có cấu trúc không an toàn ({why}) nên không được mở.",
    "encrypted": "Tệp PDF «{name}» được đặt mật khẩu; hãy gỡ mật khẩu rồi tải lên lại.",
    "scanned_no_ocr": (
        "Tệp PDF «{name}» là bản quét (không có lớp văn bản) và máy chủ chưa cài Tesseract để nhận dạng "
        "chữ; hãy tải lên bản DOCX hoặc PDF có văn bản."
    ),
    "ocr_failed": "Không nhận dạng được chữ trong bản quét «{name}».",
    "binary": "Tệp «{name}» không phải văn bản thuần (có dữ liệu nhị phân).",
    "tool_missing": "Máy chủ chưa cài {tool} nên không đọc được tệp «{name}».",
    "tool_failed": "{tool} không chuyển đổi được tệp «{name}».",
}


@dataclass(frozen=True)
class ReadBlock:
    """One block in reading order: a paragraph, or one flattened table row (``cells`` kept)."""

    kind: str  # "paragraph" | "row"
    text: str
    cells: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReadResult:
    """What a file says, as text in reading order.

    ``text`` is NFC; ``lines`` splits it; ``blocks`` keeps paragraphs and table rows apart.
    ``hard_wrapped`` is true when a paragraph may run over several lines (plain text, PDF) and
    false when each line is one paragraph (DOCX). ``warnings`` are Vietnamese, for the user.
    """

    text: str
    source_format: str
    blocks: tuple[ReadBlock, ...] = ()
    warnings: tuple[str, ...] = ()
    hard_wrapped: bool = True
    encoding: str | None = None
    filename: str = ""

    @property
    def lines(self) -> tuple[str, ...]:
        """Lines of :attr:`text` in reading order."""
        return tuple(self.text.split("\n"))


@dataclass
class _Ctx:
    name: str
    warnings: list[str] = field(default_factory=list)


def _fail(key: str, ctx: _Ctx, **kw: Any) -> ValidationError:
    return ValidationError(_MSG[key].format(name=ctx.name, **kw), code=f"ingest.{key}", file=ctx.name)


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


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".rstrip("0").rstrip(".")


def _sniff(data: bytes, name: str, ctx: _Ctx) -> str:
    """The reader for these bytes: magic numbers first, the file name second."""
    suffix = Path(name).suffix.lower()
    head = data[:8]
    if head.startswith(b"%PDF-") or (b"%PDF-" in data[:1024] and suffix == ".pdf"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        if suffix in {".odt"}:
            return "office"
        return "docx"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "office"
    if head.startswith(b"{\\rtf"):
        return "office"
    if head.startswith((b"MZ", b"\x7fELF", b"\xca\xfe\xba\xbe", b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        raise _fail("unsupported", ctx)
    if suffix in {".docx"}:
        raise _fail("corrupt", ctx, fmt="DOCX")
    if suffix in {".pdf"}:
        raise _fail("corrupt", ctx, fmt="PDF")
    if suffix in OFFICE_SUFFIXES:
        # Many ".doc" files on agency sites are Word's HTML or MHT export: LibreOffice opens them.
        if (
            head.lstrip().startswith((b"<", b"MIME-Version", b"\xef\xbb\xbf<"))
            or b"<html" in data[:2048].lower()
        ):
            return "office"
        raise _fail("corrupt", ctx, fmt=suffix[1:].upper())
    if suffix in TEXT_SUFFIXES or suffix == "":
        return "text"
    raise _fail("unsupported", ctx)


# --------------------------------------------------------------------------------------- text


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return data.decode("utf-32", errors="replace"), "utf-32"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    sample = data[:4000]
    if len(sample) >= 4:
        even_nul = sample[0::2].count(0) / max(1, len(sample[0::2]))
        odd_nul = sample[1::2].count(0) / max(1, len(sample[1::2]))
        if odd_nul > 0.3 and even_nul < 0.05:
            return data.decode("utf-16-le", errors="replace"), "utf-16-le"
        if even_nul > 0.3 and odd_nul < 0.05:
            return data.decode("utf-16-be", errors="replace"), "utf-16-be"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # A single-byte file: Windows-1258 (Vietnamese, combining tones) or a legacy font encoding
    # stored byte for byte (read as Latin-1, then converted from TCVN3/VNI).
    as_1258 = nfc(data.decode("cp1258", errors="replace"))
    as_latin = data.decode("latin-1")
    converted, legacy = detect_and_convert(as_latin)
    if legacy and vietnamese_score(converted[:20000]) > vietnamese_score(as_1258[:20000]):
        return converted, legacy
    return as_1258, "cp1258"


def _read_text(data: bytes, ctx: _Ctx) -> ReadResult:
    text, encoding = _decode(data)
    controls = len(_CONTROL_RE.findall(text, 0, 20000))
    if controls > max(8, len(text[:20000]) // 50):
        raise _fail("binary", ctx)
    text = nfc(text)
    if encoding not in {"tcvn3", "vni"}:
        text, legacy = detect_and_convert(text)
        if legacy:
            encoding = f"{encoding}+{legacy}"
    if "tcvn3" in encoding or "vni" in encoding:
        ctx.warnings.append(
            "Văn bản gõ bằng bảng mã cũ ("
            + encoding.split("+")[-1].upper()
            + ") đã được chuyển sang Unicode."
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    blocks = tuple(ReadBlock("paragraph", line) for line in text.split("\n"))
    return ReadResult(
        text=text,
        source_format="text",
        blocks=blocks,
        warnings=tuple(ctx.warnings),
        hard_wrapped=True,
        encoding=encoding,
        filename=ctx.name,
    )


# --------------------------------------------------------------------------------------- DOCX


def _check_zip(data: bytes, ctx: _Ctx) -> None:
    """Refuse zip bombs and XML with DTDs/entities before python-docx sees the package."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise _fail("corrupt", ctx, fmt="DOCX") from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise _fail("unsafe", ctx, why="quá nhiều thành phần nén")
        total = 0
        for info in infos:
            total += info.file_size
            if total > MAX_UNZIPPED_BYTES:
                raise _fail("unsafe", ctx, why="dung lượng giải nén quá lớn")
            if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(1, info.compress_size):
                raise _fail("unsafe", ctx, why="tỉ lệ nén bất thường")
        names = {info.filename for info in infos}
        if "word/document.xml" not in names:
            raise _fail("corrupt", ctx, fmt="DOCX")
        for info in infos:
            if not info.filename.endswith((".xml", ".rels")):
                continue
            with archive.open(info) as member:
                head = member.read(4096)
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                raise _fail("unsafe", ctx, why="XML có khai báo DTD/thực thể")


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_SKIP_TAGS = frozenset({f"{_W}del", f"{_W}txbxContent", f"{_MC}Fallback", f"{_W}instrText", f"{_W}delText"})


def _paragraph_text(p: Any) -> str:
    """Text of a ``w:p`` as Word shows it: runs, tabs, line breaks, no-break hyphens."""
    parts: list[str] = []
    stack = [iter(p)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP_TAGS:
            continue
        if tag == f"{_W}t":
            parts.append(child.text or "")
        elif tag == f"{_W}tab":
            parts.append("\t")
        elif tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
        elif tag == f"{_W}noBreakHyphen":
            parts.append("-")
        elif tag == f"{_W}pPr" or tag == f"{_W}rPr":
            continue
        else:
            stack.append(iter(child))
    return "".join(parts)


def _container_lines(container: Any) -> list[str]:
    """Non-empty lines of a cell (paragraphs, nested tables flattened)."""
    lines: list[str] = []
    for block in _container_blocks(container):
        if block.text.strip():
            lines.append(block.text.rstrip())
    return lines


def _container_blocks(container: Any) -> Iterator[ReadBlock]:
    """Blocks of a body or a cell in document order (``w:sdt`` content controls opened)."""
    for child in container:
        tag = child.tag
        if tag == f"{_W}p":
            for part in _paragraph_text(child).split("\n"):
                yield ReadBlock("paragraph", part.rstrip())
        elif tag == f"{_W}tbl":
            yield from _table_blocks(child)
        elif tag in (f"{_W}sdt", f"{_W}customXml"):
            content = child.find(f"{_W}sdtContent")
            yield from _container_blocks(content if content is not None else child)
        elif tag == f"{_MC}AlternateContent":
            choice = child.find(f"{_MC}Choice")
            if choice is not None:
                yield from _container_blocks(choice)


def _table_blocks(table: Any) -> Iterator[ReadBlock]:
    """A table flattened row by row: "cell | cell"; multi-paragraph cells spread over lines."""
    grid: list[dict[int, list[str]]] = []
    for row in table.iter(f"{_W}tr"):
        if row.getparent() is not table:
            continue  # rows of a nested table are read with their cell
        cells: dict[int, list[str]] = {}
        col = 0
        for cell in row.findall(f"{_W}tc"):
            props = cell.find(f"{_W}tcPr")
            span = 1
            if props is not None:
                grid_span = props.find(f"{_W}gridSpan")
                if grid_span is not None:
                    span = int(grid_span.get(f"{_W}val", "1") or 1)
            cells[col] = _container_lines(cell)
            col += max(1, span)
        grid.append(cells)
    columns = sorted({c for row in grid for c, lines in row.items() if lines})
    for row_cells in grid:
        kept = [row_cells.get(c, []) for c in columns]
        if not any(kept):
            continue
        depth = max(len(c) for c in kept)
        for i in range(depth):
            parts = [c[i].strip() if i < len(c) else "" for c in kept]
            yield ReadBlock("row", " | ".join(parts).strip(), tuple(parts))


def _document_xml(data: bytes, ctx: _Ctx) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("word/document.xml")


def _read_docx(data: bytes, ctx: _Ctx, source_format: str = "docx") -> ReadResult:
    _check_zip(data, ctx)
    from lxml import etree

    # _check_zip has refused DTDs and entities; the parser resolves none and fetches nothing.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)
    try:
        root = etree.fromstring(_document_xml(data, ctx), parser=parser)
    except (etree.XMLSyntaxError, KeyError, ValueError) as exc:
        raise _fail("corrupt", ctx, fmt="DOCX") from exc
    body = root.find(f"{_W}body")
    if body is None:
        raise _fail("corrupt", ctx, fmt="DOCX")
    blocks = list(_container_blocks(body))
    text = nfc("\n".join(b.text for b in blocks))
    text, legacy = detect_and_convert(text)
    if legacy:
        ctx.warnings.append(
            "Văn bản dùng phông chữ bảng mã cũ (" + legacy.upper() + ") đã được chuyển sang Unicode."
        )
    lines = text.split("\n")
    if len(lines) == len(blocks):
        blocks = [ReadBlock(b.kind, line, b.cells) for b, line in zip(blocks, lines, strict=True)]
    return ReadResult(
        text=text,
        source_format=source_format,
        blocks=tuple(blocks),
        warnings=tuple(ctx.warnings),
        hard_wrapped=False,
        encoding=legacy,
        filename=ctx.name,
    )


# ----------------------------------------------------------------------- DOC/RTF via LibreOffice


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


# ---------------------------------------------------------------------------------------- PDF


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
        text = _ocr_pdf(data, ctx)
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

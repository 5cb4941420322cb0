"""DOCX: paragraphs and tables of ``word/document.xml`` in reading order (lxml, no entities)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any

from loa.ingest.legacy import detect_and_convert
from loa.ingest.parse.text import quick_nfc as nfc
from loa.ingest.readers.common import ReadBlock, ReadResult, _Ctx, _fail
from loa.ingest.readers.guards import _check_zip

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

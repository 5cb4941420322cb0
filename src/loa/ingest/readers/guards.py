"""Checks before any parser sees the bytes: which reader fits (magic numbers, then the name) and
zip bombs or XML entities in a DOCX package."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import IO, Final

from loa.ingest.readers.common import OFFICE_SUFFIXES, TEXT_SUFFIXES, _Ctx, _fail

# Zip bomb guard for DOCX: total unpacked size and the compression ratio of any large member.
MAX_UNZIPPED_BYTES: Final = 200 * 1024 * 1024
MAX_RATIO: Final = 100
MAX_MEMBERS: Final = 2000
# What makes parsing slow is the XML, not the zip: a 2.75 MB package can unpack to 190 MB of tiny
# elements that lxml turns into ~820 MB of objects. A long administrative document has ~2 MB of XML
# and well under 100,000 elements; these limits leave room for ten times that.
MAX_XML_BYTES: Final = 24 * 1024 * 1024
MAX_XML_ELEMENTS: Final = 1_000_000
_COUNT_CHUNK: Final = 1024 * 1024


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
            if info.file_size > MAX_XML_BYTES:
                raise _fail("unsafe", ctx, why=f"phần XML «{info.filename}» quá lớn")
            with archive.open(info) as member:
                head = member.read(4096)
                if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                    raise _fail("unsafe", ctx, why="XML có khai báo DTD/thực thể")
                _count_elements(member, head, info.filename, ctx)


def _count_elements(member: IO[bytes], head: bytes, name: str, ctx: _Ctx) -> None:
    """Refuse an XML part with more start tags than :data:`MAX_XML_ELEMENTS`, streaming (the
    declared size may lie; the bytes read are capped at :data:`MAX_XML_BYTES` too)."""
    # Every element opens with "<" followed by a name; "</", "<?" and "<!" are not new elements.
    opened = head.count(b"<") - head.count(b"</") - head.count(b"<?") - head.count(b"<!")
    size = len(head)
    while chunk := member.read(_COUNT_CHUNK):
        size += len(chunk)
        opened += chunk.count(b"<") - chunk.count(b"</") - chunk.count(b"<?") - chunk.count(b"<!")
        if size > MAX_XML_BYTES:
            raise _fail("unsafe", ctx, why=f"phần XML «{name}» quá lớn")
        if opened > MAX_XML_ELEMENTS:
            raise _fail("unsafe", ctx, why=f"phần XML «{name}» có quá nhiều thành phần")
    if opened > MAX_XML_ELEMENTS:
        raise _fail("unsafe", ctx, why=f"phần XML «{name}» có quá nhiều thành phần")

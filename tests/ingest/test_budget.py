"""Heavy files are refused within a budget, in Vietnamese, instead of holding a worker for minutes.

Each test builds the hostile file the security probe used (scaled to run in seconds) and checks
that it is refused quickly with a stable code: today's code read each of them for minutes.
"""

from __future__ import annotations

import io
import json
import os
import random
import string
import subprocess
import sys
import time
import zipfile

import pytest
from django.test import override_settings

from loa.core.errors import ValidationError
from loa.ingest import read_file
from loa.ingest.pipeline import ingest_bytes
from loa.ingest.readers import guards, ocr

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _docx_with_paragraphs(count: int) -> bytes:
    """A valid DOCX whose body is ``count`` short paragraphs of random letters (compresses ~4:1)."""
    rng = random.Random(11)
    letters = string.ascii_letters
    body = "".join(
        f"<w:p><w:r><w:t>{''.join(rng.choices(letters, k=6))}</w:t></w:r></w:p>" for _ in range(count)
    )
    xml = f'<?xml version="1.0" encoding="UTF-8"?><w:document {_W}><w:body>{body}</w:body></w:document>'
    import docx

    blank = io.BytesIO()
    docx.Document().save(blank)
    template = zipfile.ZipFile(blank)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in template.infolist():
            data = xml.encode() if info.filename == "word/document.xml" else template.read(info)
            archive.writestr(info.filename, data)
    return out.getvalue()


def _scanned_pages(pages: int) -> bytes:
    """A scanned PDF of ``pages`` pages, each a small image with a black bar (no text layer)."""
    from PIL import Image, ImageDraw

    images = []
    for i in range(pages):
        image = Image.new("1", (600, 800), 1)
        ImageDraw.Draw(image).rectangle((100, 100 + i % 50, 500, 140 + i % 50), fill=0)
        images.append(image)
    buf = io.BytesIO()
    images[0].save(buf, format="PDF", save_all=True, append_images=images[1:])
    return buf.getvalue()


def test_docx_with_too_many_xml_elements_is_refused_before_parsing():
    data = _docx_with_paragraphs(360_000)  # ~1.08 million elements, ~15 MB of XML
    assert len(data) < 5 * 1024 * 1024
    started = time.monotonic()
    with pytest.raises(ValidationError) as caught:
        read_file(data, filename="nang.docx")
    assert time.monotonic() - started < 10
    assert caught.value.code == "ingest.unsafe"
    assert "quá nhiều thành phần" in caught.value.message


def test_docx_with_an_oversized_xml_part_is_refused(monkeypatch):
    monkeypatch.setattr(guards, "MAX_XML_BYTES", 1024 * 1024)
    with pytest.raises(ValidationError) as caught:
        read_file(_docx_with_paragraphs(40_000), filename="dai.docx")
    assert caught.value.code == "ingest.unsafe"
    assert "quá lớn" in caught.value.message


_MEMORY_PROBE = """
import json, sys
import django
django.setup()
from loa.core.errors import ValidationError
from loa.ingest.pipeline import ingest_bytes
data = open(sys.argv[1], "rb").read()
try:
    ingest_bytes(data, filename="nang.docx")
    print(json.dumps({"code": None}))
except ValidationError as exc:
    print(json.dumps({"code": exc.code, "reason": exc.context.get("reason"), "message": exc.message}))
"""


def test_a_docx_that_needs_more_memory_than_the_budget_is_stopped(tmp_path):
    """Run in a fresh interpreter, as a worker starts: the limit counts new address space, and a
    test process that has freed hundreds of megabytes could parse inside memory it already holds."""
    path = tmp_path / "nang.docx"
    path.write_bytes(_docx_with_paragraphs(200_000))  # within the guard's limits, ~300 MB to parse
    env = {**os.environ, "LOA_READ_MEMORY_MB": "60", "DJANGO_SETTINGS_MODULE": "loa.config.settings"}
    done = subprocess.run(
        [sys.executable, "-c", _MEMORY_PROBE, str(path)], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert (result["code"], result["reason"]) == ("ingest.too_complex", "memory")
    assert "Tệp «nang.docx» quá lớn hoặc quá phức tạp để đọc" in result["message"]


def test_reading_that_runs_past_the_time_budget_is_stopped():
    data = _docx_with_paragraphs(200_000)
    started = time.monotonic()
    with override_settings(LOA_READ_SECONDS=0.3), pytest.raises(ValidationError) as caught:
        ingest_bytes(data, filename="cham.docx")
    assert time.monotonic() - started < 5
    assert caught.value.code == "ingest.too_complex"
    assert caught.value.context["reason"] == "time"


def test_a_small_scan_of_200_pages_is_refused_at_once():
    data = _scanned_pages(200)
    assert len(data) < 200 * 1024
    started = time.monotonic()
    with pytest.raises(ValidationError) as caught:
        ingest_bytes(data, filename="quet.pdf")
    assert time.monotonic() - started < 20
    assert caught.value.code == "ingest.ocr_too_many_pages"
    assert "200 trang" in caught.value.message


def test_ocr_stops_at_its_total_time_budget(monkeypatch):
    monkeypatch.setattr(ocr, "OCR_TOTAL_S", 1)
    started = time.monotonic()
    with pytest.raises(ValidationError) as caught:
        read_file(_scanned_pages(6), filename="quet.pdf")
    assert time.monotonic() - started < 10
    assert caught.value.code == "ingest.ocr_too_slow"
    assert "quá lớn hoặc quá phức tạp để đọc" in caught.value.message


# ADR 0030: a small DOCX is read in the process; anything larger, or lying about its size, is not.


def _with_declared_size(data: bytes, member: str, size: int) -> bytes:
    """The package with ``member``'s uncompressed size in the zip directory replaced by ``size``."""
    out = bytearray(data)
    name = member.encode()
    pos = out.find(b"PK\x01\x02")
    while pos >= 0:
        name_len = int.from_bytes(out[pos + 28 : pos + 30], "little")
        if bytes(out[pos + 46 : pos + 46 + name_len]) == name:
            out[pos + 24 : pos + 28] = size.to_bytes(4, "little")
            return bytes(out)
        pos = out.find(b"PK\x01\x02", pos + 4)
    raise AssertionError(member)


def test_a_small_docx_is_read_in_the_process_and_a_large_one_in_the_budgeted_child():
    from loa.ingest.pipeline import _small_docx

    from .conftest import EXAMPLES

    real = (EXAMPLES / "files" / "029.docx").read_bytes()
    assert _small_docx(real, "029.docx")
    assert not _small_docx(real, "029.zip")  # not a name the DOCX reader is for
    many = _docx_with_paragraphs(40_000)  # ~1.3 MB of XML in a ~400 KB package
    assert len(many) <= 512 * 1024
    assert not _small_docx(many, "nhieu.docx")
    assert not _small_docx(b"PK\x03\x04 not a zip", "hong.docx")


def test_a_docx_whose_directory_understates_its_xml_reads_no_further_than_declared():
    """The in-process read is bounded by the declared sizes: zipfile stops there and the CRC fails."""
    from loa.ingest.pipeline import _small_docx

    data = _with_declared_size(_docx_with_paragraphs(40_000), "word/document.xml", 4096)
    assert _small_docx(data, "gian.docx")
    with pytest.raises(ValidationError) as exc:  # read in full, the XML would parse
        ingest_bytes(data, filename="gian.docx")
    assert exc.value.code == "ingest.corrupt"

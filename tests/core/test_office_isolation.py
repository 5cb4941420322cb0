"""LibreOffice runs isolated: no network (a document's external links are not fetched), killed whole
at its timeout with no ``soffice.bin`` left, and its temporary profile removed. Real LibreOffice."""

from __future__ import annotations

import http.server
import os
import shutil
import threading
import time
from pathlib import Path

import pytest

from loa.core import office


def _require_soffice() -> None:
    if shutil.which("soffice") is None and shutil.which("libreoffice") is None:
        pytest.fail("LibreOffice is required: apt-get install libreoffice-writer-nogui", pytrace=False)


@pytest.fixture
def loopback_server():
    """An HTTP server on 127.0.0.1 that records every path requested from it."""
    seen: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", seen
    server.shutdown()
    server.server_close()


def _soffice_processes(marker: str) -> list[int]:
    """Running processes whose command line mentions ``marker`` (a profile or file path)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
        if marker in cmdline and state != "Z":
            found.append(int(entry.name))
    return found


@pytest.fixture(params=["unshare", "profile"])
def isolation(request, monkeypatch):
    """Both ways of keeping LibreOffice off the network: namespaces (CI, as root) and the fallback."""
    if request.param == "profile":
        monkeypatch.setenv("LOA_OFFICE_ISOLATION", "profile")
    office.network_isolation.cache_clear()
    yield office.network_isolation()
    office.network_isolation.cache_clear()


def test_a_word_html_doc_linking_an_outside_image_fetches_nothing(tmp_path, loopback_server, isolation):
    _require_soffice()
    base, seen = loopback_server
    doc = tmp_path / "cong-van.doc"
    doc.write_text(
        "<html><body><p>Công văn số 12/UBND-VP</p>"
        f'<img src="{base}/anh.png"><p><a href="{base}/lien-ket">xem</a></p>'
        f'<link rel="stylesheet" href="{base}/kieu.css"></body></html>',
        encoding="utf-8",
    )
    (out,) = office.convert(
        doc, to="docx:MS Word 2007 XML", outdir=tmp_path / "out", infilter="HTML (StarWriter)"
    )
    assert out.stat().st_size > 0
    (pdf,) = office.convert(doc, to="pdf", outdir=tmp_path / "pdf", infilter="HTML (StarWriter)")
    assert pdf.read_bytes().startswith(b"%PDF")
    time.sleep(0.5)
    assert seen == [], f"LibreOffice fetched {seen}"


def test_a_docx_linking_an_outside_image_fetches_nothing(tmp_path, loopback_server, isolation):
    _require_soffice()
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    base, seen = loopback_server
    document = docx.Document()
    paragraph = document.add_paragraph("Báo cáo có ảnh liên kết ngoài.")
    rid = document.part.relate_to(f"{base}/anh-ngoai.png", RT.IMAGE, is_external=True)
    run = paragraph.add_run()
    run._r.append(_linked_picture(rid))
    path = tmp_path / "bao-cao.docx"
    document.save(path)
    (pdf,) = office.convert(path, to="pdf", outdir=tmp_path / "out")
    assert pdf.read_bytes().startswith(b"%PDF")
    time.sleep(0.5)
    assert seen == [], f"LibreOffice fetched {seen}"


def _linked_picture(rid: str):
    from docx.oxml import parse_xml

    return parse_xml(
        '<w:drawing xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<wp:inline><wp:extent cx="914400" cy="914400"/><wp:docPr id="1" name="anh"/>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        '<pic:pic><pic:nvPicPr><pic:cNvPr id="1" name="anh"/><pic:cNvPicPr/></pic:nvPicPr>'
        f'<pic:blipFill><a:blip r:link="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
        '<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="914400"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
        "</a:graphicData></a:graphic></wp:inline></w:drawing>"
    )


def test_at_its_timeout_libreoffice_is_stopped_whole_and_its_profile_removed(tmp_path, monkeypatch):
    _require_soffice()
    profiles = tmp_path / "tmp"
    profiles.mkdir()
    monkeypatch.setenv("TMPDIR", str(profiles))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(profiles))
    source = tmp_path / "dai.txt"
    source.write_text("Dòng văn bản dài.\n" * 200_000, encoding="utf-8")
    with pytest.raises(office.OfficeTimeout):
        office.convert(source, to="pdf", outdir=tmp_path / "out", timeout=2)
    time.sleep(0.5)
    assert _soffice_processes(str(profiles)) == [], "soffice.bin kept running after the timeout"
    assert list(profiles.iterdir()) == [], "the temporary profile was left behind"


def test_as_root_with_unshare_the_namespaces_are_used():
    # CI runs as root with unshare: the network namespace must be used there, not the fallback.
    assert os.geteuid() == 0 and shutil.which("unshare"), "CI runs as root with util-linux's unshare"
    office.network_isolation.cache_clear()
    assert office.network_isolation() == "unshare"

"""Reading files: encodings, DOCX tables, Word 97 through LibreOffice, PDFs (signed, scanned), and
every kind of hostile or broken file ending in a ValidationError with a stable code."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from loa.core.errors import DomainError, ExternalToolError, ValidationError
from loa.ingest import read_file

from .conftest import (
    EXAMPLES,
    INVALID,
    REPORT_SPEC,
    billion_laughs_docx,
    build_nd30_docx,
    encode_tcvn3,
    encode_vni,
    encrypted_pdf,
    load_json,
    require_soffice,
    scanned_pdf,
    zip_bomb_docx,
)

SAMPLE = "Căn cứ Kế hoạch số 4757/KH-UBND ngày 27/12/2021 của Ủy ban nhân dân thị xã Hương Trà.\nĐộc lập - Tự do - Hạnh phúc"


@pytest.mark.parametrize(
    "data",
    [
        SAMPLE.encode("utf-8"),
        b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"),
        SAMPLE.encode("utf-16"),
        SAMPLE.encode("utf-16-le"),
        SAMPLE.replace("\n", "\r\n").encode("utf-8"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16le-no-bom", "crlf"],
)
def test_unicode_text_files_read_the_same(data: bytes) -> None:
    """UTF-8 with or without BOM, UTF-16 with or without BOM and CRLF all give the same text."""
    assert read_file(data, filename="a.txt").text == SAMPLE


def test_windows_1258_is_decoded_and_composed() -> None:
    """Windows-1258 stores tones as combining marks; the text comes back composed (NFC)."""
    result = read_file(_to_cp1258(SAMPLE), filename="cp1258.txt")
    assert result.text == SAMPLE
    assert result.encoding == "cp1258"


_TONES = "\u0300\u0301\u0303\u0309\u0323"


def _to_cp1258(text: str) -> bytes:
    """Encode as Windows-1258 does: precomposed letters where it has them, else letter + tone mark."""
    import unicodedata

    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", ch)
        letter = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
        out += letter.encode("cp1258") + "".join(c for c in decomposed if c in _TONES).encode("cp1258")
    return bytes(out)


def test_tcvn3_file_is_converted() -> None:
    """A file typed with .VnTime (TCVN3) bytes reads as Unicode, capitals restored."""
    source = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nKế hoạch tuyên truyền cải cách hành chính năm 2024"
    result = read_file(encode_tcvn3(source), filename="tcvn3.txt")
    assert result.text == source
    assert "tcvn3" in (result.encoding or "")
    assert result.warnings


def test_vni_file_is_converted() -> None:
    """A file typed with VNI-Times bytes reads as Unicode."""
    source = "Cộng hòa xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc\nBáo cáo kết quả thực hiện nhiệm vụ năm 2024 của Ủy ban"
    result = read_file(encode_vni(source), filename="vni.txt")
    assert result.text == source
    assert "vni" in (result.encoding or "")


def test_tcvn3_text_pasted_into_a_utf8_file_is_converted() -> None:
    """Legacy glyphs saved as Unicode characters ("Céng hßa") are converted too."""
    # TCVN3 has no capital "Ủ" of its own (it came from the ".VnTimeH" font): keep to letters it has.
    source = "Kế hoạch tuyên truyền cải cách hành chính năm 2024 của Ban chỉ đạo tỉnh"
    pasted = encode_tcvn3(source).decode("latin-1").encode("utf-8")
    assert read_file(pasted, filename="a.txt").text == source


def test_docx_reads_tables_in_body_order(report_docx: Path) -> None:
    """Header and signature tables are flattened row by row, "cell | cell", in body order."""
    result = read_file(report_docx)
    lines = [line for line in result.lines if line.strip()]
    assert lines[0] == "UBND THỊ XÃ HƯƠNG TRÀ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert lines[1] == "PHÒNG VĂN HÓA VÀ THÔNG TIN | Độc lập - Tự do - Hạnh phúc"
    assert lines[2] == "Số: 297/BC-VHTT | Hương Trà, ngày 21 tháng 10 năm 2022"
    assert lines[3] == "BÁO CÁO"
    assert "Nơi nhận: | TRƯỞNG PHÒNG" in lines
    assert result.source_format == "docx"
    assert result.hard_wrapped is False


def test_word97_doc_is_converted_through_libreoffice() -> None:
    """The Word 97 original reads through LibreOffice into the same header as its text."""
    require_soffice()
    result = read_file(EXAMPLES / "files" / "040.doc")
    assert result.source_format == "doc"
    assert "Số:09/2010/QĐ-UBND | Cần Thơ, ngày 21 tháng  01  năm 2010" in result.text
    assert "Trần Tuấn Anh" in result.text


def test_signed_pdf_reads_number_and_day_from_signature_stamps() -> None:
    """In a signed PDF the number and the day are drawn by signature widgets; they are read."""
    result = read_file(EXAMPLES / "files" / "036.pdf")
    first = [line for line in result.lines if line][:3]  # blank lines mark block gaps
    assert first[0] == "UBND TỈNH LÀO CAI | CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert first[2] == "Số: 1629 /SCT-CN | Lào Cai, ngày 27 tháng 3 năm 2026"


def test_pdf_from_docx_keeps_columns(report_pdf: Path) -> None:
    """A PDF rendered by LibreOffice keeps the two header columns apart."""
    result = read_file(report_pdf)
    assert "Số: 297/BC-VHTT | Hương Trà, ngày 21 tháng 10 năm 2022" in result.lines


@pytest.mark.parametrize(
    "path", sorted(p for p in INVALID.iterdir() if p.suffix != ".json"), ids=lambda p: p.name
)
def test_invalid_fixture_gives_its_error_code(path: Path) -> None:
    """Each committed invalid file fails with the code in its .json, never a raw exception."""
    expected = load_json(path.with_name(path.name + ".json"))["error"]["code"]
    with pytest.raises(ValidationError) as info:
        read_file(path)
    assert info.value.code == expected
    assert info.value.message and path.name in info.value.message


def test_zip_bomb_is_refused() -> None:
    with pytest.raises(ValidationError) as info:
        read_file(zip_bomb_docx(), filename="bom.docx")
    assert info.value.code == "ingest.unsafe"


def test_entity_expansion_in_docx_is_refused() -> None:
    """A DTD with nested entities (billion laughs) inside document.xml is never parsed."""
    with pytest.raises(ValidationError) as info:
        read_file(billion_laughs_docx(build_nd30_docx(REPORT_SPEC)), filename="lol.docx")
    assert info.value.code == "ingest.unsafe"


def test_encrypted_pdf_is_refused(report_pdf: Path) -> None:
    with pytest.raises(ValidationError) as info:
        read_file(encrypted_pdf(report_pdf.read_bytes()), filename="khoa.pdf")
    assert info.value.code == "ingest.encrypted"
    assert "mật khẩu" in info.value.message


def test_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    """A 25 MB file is refused before it is read."""
    big = tmp_path / "lon.txt"
    with big.open("wb") as f:
        f.truncate(25 * 1024 * 1024)
    with pytest.raises(ValidationError) as info:
        read_file(big)
    assert info.value.code == "ingest.too_large"
    with pytest.raises(ValidationError):
        read_file(b"x" * 2000, filename="a.txt", max_bytes=1000)


def test_scanned_pdf_without_tesseract_says_what_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    real_which = shutil.which
    monkeypatch.setattr(shutil, "which", lambda name: None if name == "tesseract" else real_which(name))
    with pytest.raises(ValidationError) as info:
        read_file(scanned_pdf(), filename="quet.pdf")
    assert info.value.code == "ingest.scanned_no_ocr"
    assert "Tesseract" in info.value.message


def test_missing_file_and_unknown_suffix() -> None:
    with pytest.raises(ValidationError) as info:
        read_file("/khong/co/tep.docx")
    assert info.value.code == "ingest.not_found"
    with pytest.raises(ValidationError) as info:
        read_file(b"hello", filename="bang.xlsx")
    assert info.value.code == "ingest.unsupported"


def test_doc_without_libreoffice_is_an_external_tool_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(ExternalToolError) as info:
        read_file(EXAMPLES / "files" / "040.doc")
    assert info.value.code == "ingest.tool_missing"
    assert "LibreOffice" in info.value.message


def test_garbage_with_a_doc_signature_is_corrupt() -> None:
    require_soffice()
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
    with pytest.raises(DomainError) as info:
        read_file(data, filename="hong.doc")
    assert info.value.code == "ingest.corrupt"


def test_read_result_lines_follow_text() -> None:
    result = read_file(io.BytesIO(SAMPLE.encode()).getvalue(), filename="a.md")
    assert result.lines == tuple(SAMPLE.split("\n"))


def require_tesseract() -> None:
    if not shutil.which("tesseract") or not shutil.which("pdftoppm"):
        pytest.fail(
            "Tesseract is required for this test: install it with "
            "`apt-get install -y tesseract-ocr tesseract-ocr-vie poppler-utils`."
        )


def test_scanned_pdf_is_read_by_ocr(report_pdf: Path, tmp_path: Path) -> None:
    """A scan (pages as images, no text layer) is read through Tesseract ``vie``."""
    import subprocess

    from PIL import Image

    require_tesseract()
    subprocess.run(
        ["pdftoppm", "-r", "200", "-gray", "-png", str(report_pdf), str(tmp_path / "p")], check=True
    )
    pages = [Image.open(p).convert("RGB") for p in sorted(tmp_path.glob("p*.png"))]
    scan = tmp_path / "scan.pdf"
    pages[0].save(scan, save_all=True, append_images=pages[1:], resolution=200)
    result = read_file(scan)
    assert result.source_format == "pdf-ocr"
    assert result.warnings
    from loa.ingest import parse_text

    record = parse_text(result.text).record
    assert record["symbol"] == "297/BC-VHTT"
    assert record["doc_type"] == "Báo cáo"
    assert record["date"] == "2022-10-21"


def test_word_html_saved_as_doc_is_read_through_libreoffice() -> None:
    """Agency sites often serve Word's HTML export named ".doc": it is read like a document."""
    require_soffice()
    html = (
        '<html><head><meta charset="utf-8"></head><body><table><tr>'
        "<td><p>UBND TỈNH AN GIANG</p><p>SỞ NỘI VỤ</p><p>Số: 12/BC-SNV</p></td>"
        "<td><p>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p><p>An Giang, ngày 05 tháng 3 năm 2024</p></td>"
        "</tr></table><p>BÁO CÁO</p><p>Kết quả cải cách hành chính năm 2023</p><p>Nội dung báo cáo./.</p>"
        "</body></html>"
    )
    from loa.ingest import ingest_bytes

    extraction = ingest_bytes(html.encode("utf-8"), filename="bao-cao.doc")
    record = extraction.record
    assert extraction.source_format == "htm"
    assert (record["symbol"], record["issuer"], record["parent_issuer"]) == (
        "12/BC-SNV",
        "Sở Nội vụ",
        "UBND tỉnh An Giang",
    )
    assert (record["date"], record["title"]) == ("2024-03-05", "Kết quả cải cách hành chính năm 2023")

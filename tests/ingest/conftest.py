"""Builders for ingest tests: DOCX in the ND30 two-column layout, PDFs through LibreOffice, legacy
encodings, and the hostile files of ``fixtures/invalid`` that are too big or too odd to commit."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures"
VALID = FIXTURES / "valid"
INVALID = FIXTURES / "invalid"
EXAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "examples"


def require_soffice() -> str:
    """Path of LibreOffice; fails (never skips) with what to install when it is missing."""
    binary = shutil.which("soffice") or shutil.which("libreoffice")
    if not binary:
        pytest.fail(
            "LibreOffice is required for this test: install it with "
            "`apt-get install -y libreoffice-writer-nogui fonts-liberation2`."
        )
    return binary


def docx_to_pdf(docx_path: Path, out_dir: Path) -> Path:
    """Render a DOCX to PDF with LibreOffice headless (own profile), failing loudly if it cannot."""
    require_soffice()
    from loa.docgen.render_pdf import docx_to_pdf as convert

    return Path(convert(docx_path, out_path=out_dir / f"{docx_path.stem}.pdf", timeout=180))


def _no_borders(table: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def build_nd30_docx(spec: dict[str, Any]) -> bytes:
    """A DOCX laid out like an ND30 document: a borderless two-column header table, kind and
    subject, body paragraphs, and a two-column "Nơi nhận" / signature table.

    ``spec`` keys: parent, issuer, number_line, date_line, motto (bool), kind, title (list of
    lines), vv (list, công văn subject under "Số"), addressees (list), body (list of lines),
    recipients (list of "- …;" lines), signature (list of title lines), name.
    """
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    d = docx.Document()
    style = d.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    header = d.add_table(rows=2, cols=2)
    _no_borders(header)
    header.autofit = False
    for row in header.rows:
        row.cells[0].width = Mm(72)
        row.cells[1].width = Mm(98)
    left0 = header.cell(0, 0)
    left0.text = spec.get("parent") or ""
    if spec.get("parent"):
        left0.add_paragraph(spec["issuer"])
    else:
        left0.text = spec["issuer"]
    for p in left0.paragraphs:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    right0 = header.cell(0, 1)
    right0.text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    right0.add_paragraph("Độc lập - Tự do - Hạnh phúc")
    left1 = header.cell(1, 0)
    left1.text = spec["number_line"]
    for line in spec.get("vv") or []:
        left1.add_paragraph(line)
    header.cell(1, 1).text = spec["date_line"]
    d.add_paragraph("")
    if spec.get("kind"):
        p = d.add_paragraph(spec["kind"])
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for line in spec.get("title") or []:
        d.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.CENTER
    for i, who in enumerate(spec.get("addressees") or []):
        d.add_paragraph(("Kính gửi: " if i == 0 else "") + who)
    for line in spec.get("body") or []:
        d.add_paragraph(line)
    sig = d.add_table(rows=1, cols=2)
    _no_borders(sig)
    left = sig.cell(0, 0)
    left.text = "Nơi nhận:"
    for line in spec.get("recipients") or []:
        left.add_paragraph(line)
    right = sig.cell(0, 1)
    lines = list(spec.get("signature") or [])
    right.text = lines[0] if lines else ""
    for line in lines[1:]:
        right.add_paragraph(line)
    for _ in range(3):
        right.add_paragraph("")
    right.add_paragraph(spec.get("name") or "")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


REPORT_SPEC: dict[str, Any] = {
    "parent": "UBND THỊ XÃ HƯƠNG TRÀ",
    "issuer": "PHÒNG VĂN HÓA VÀ THÔNG TIN",
    "number_line": "Số: 297/BC-VHTT",
    "date_line": "Hương Trà, ngày 21 tháng 10 năm 2022",
    "kind": "BÁO CÁO",
    "title": ["Công tác tuyên truyền cải cách hành chính năm 2022"],
    "body": [
        "Thực hiện Kế hoạch số 4757/KH-UBND ngày 27/12/2021 của UBND thị xã Hương Trà về việc tuyên truyền "
        "cải cách hành chính năm 2022, Phòng Văn hóa và Thông tin báo cáo như sau:",
        "1. Công tác chỉ đạo điều hành:",
        "- Ban hành Kế hoạch số 07/KH-VHTT ngày 13/01/2022 về việc tuyên truyền CCHC năm 2022.",
        "2. Kết quả:",
        "+ Đăng 12 tin, bài trên cổng thông tin điện tử của thị xã.",
        "+ Làm mới 01 cụm pano tuyên truyền.",
        "Trên đây là kết quả công tác tuyên truyền CCHC năm 2022./.",
    ],
    "recipients": ["- Phòng Nội vụ thị xã;", "- Lưu: VT, VHTT."],
    "signature": ["TRƯỞNG PHÒNG"],
    "name": "Nguyễn Văn Duật",
}
REPORT_RECORD: dict[str, Any] = {
    "doc_type": "Báo cáo",
    "type_abbr": "BC",
    "number": "297",
    "symbol": "297/BC-VHTT",
    "issuer": "Phòng Văn hóa và Thông tin",
    "parent_issuer": "UBND thị xã Hương Trà",
    "place": "Hương Trà",
    "date": "2022-10-21",
    "title": "Công tác tuyên truyền cải cách hành chính năm 2022",
    "period": {"kind": "year", "year": 2022},
    "addressees": None,
    "recipients": ["Phòng Nội vụ thị xã", "Lưu: VT, VHTT"],
    "signer_title": "TRƯỞNG PHÒNG",
    "signer_name": "Nguyễn Văn Duật",
    "text_complete": True,
}
REPORT_CITED = {"4757/KH-UBND", "07/KH-VHTT"}
REPORT_STATS = {(12.0, "tin, bài"), (1.0, "cụm pano")}

LETTER_SPEC: dict[str, Any] = {
    "parent": "UBND TỈNH LÀO CAI",
    "issuer": "SỞ CÔNG THƯƠNG",
    "number_line": "Số:        /SCT-CN",
    "vv": ["V/v kiểm tra công tác nghiệm thu", "kho chứa vật liệu nổ công nghiệp"],
    "date_line": "Lào Cai, ngày      tháng 6 năm 2026",
    "addressees": ["Công ty cổ phần Khoáng sản Lào Cai"],
    "body": [
        "Sở Công Thương nhận được Văn bản số 11/KS ngày 29/5/2026 của Công ty cổ phần Khoáng sản Lào Cai.",
        "Căn cứ Nghị định số 181/2024/NĐ-CP ngày 31/12/2024 của Chính phủ, Sở Công Thương có ý kiến như sau./.",
    ],
    "recipients": ["- Như trên;", "- Ban Giám đốc Sở;", "- Lưu: VT, CN."],
    "signature": ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"],
    "name": "Hoàng Văn Thuân",
}
LETTER_RECORD: dict[str, Any] = {
    "doc_type": "Công văn",
    "type_abbr": None,
    "number": None,
    "symbol": None,
    "issuer": "Sở Công Thương",
    "parent_issuer": "UBND tỉnh Lào Cai",
    "place": "Lào Cai",
    "date": None,
    "title": "V/v kiểm tra công tác nghiệm thu kho chứa vật liệu nổ công nghiệp",
    "addressees": ["Công ty cổ phần Khoáng sản Lào Cai"],
    "recipients": ["Như trên", "Ban Giám đốc Sở", "Lưu: VT, CN"],
    "signer_title": "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC",
    "signer_name": "Hoàng Văn Thuân",
    "text_complete": True,
}
LETTER_CITED = {"11/KS", "181/2024/NĐ-CP"}


@pytest.fixture(scope="session")
def report_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("docx") / "bao-cao.docx"
    path.write_bytes(build_nd30_docx(REPORT_SPEC))
    return path


@pytest.fixture(scope="session")
def letter_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("docx") / "cong-van.docx"
    path.write_bytes(build_nd30_docx(LETTER_SPEC))
    return path


@pytest.fixture(scope="session")
def report_pdf(tmp_path_factory: pytest.TempPathFactory, report_docx: Path) -> Path:
    return docx_to_pdf(report_docx, tmp_path_factory.mktemp("pdf"))


@pytest.fixture(scope="session")
def letter_pdf(tmp_path_factory: pytest.TempPathFactory, letter_docx: Path) -> Path:
    return docx_to_pdf(letter_docx, tmp_path_factory.mktemp("pdf"))


# ------------------------------------------------------------------------- legacy encodings


def encode_tcvn3(text: str) -> bytes:
    """Text as a TCVN3 (ABC) file would hold it; capitals with marks use the lower-case codes
    (the ".VnTimeH" font draws them as capitals)."""
    from loa.ingest.legacy import _TCVN3

    inverse = {v: k for k, v in _TCVN3.items()}
    out = bytearray()
    for ch in text:
        code = inverse.get(ch) or inverse.get(ch.lower())
        if code is not None:
            out.append(ord(code))
        elif ord(ch) < 128:
            out.append(ord(ch))
        else:
            out.extend(_ascii_fallback(ch).encode("ascii"))
    return bytes(out)


def encode_vni(text: str) -> bytes:
    """Text as a VNI file would hold it: base letter + mark byte."""
    import unicodedata

    from loa.ingest.legacy import _VNI_MARKS, _VNI_SINGLE

    marks = {v: k for k, v in _VNI_MARKS.items()}
    singles = {v: k for k, v in _VNI_SINGLE.items()}
    out: list[str] = []
    for ch in text:
        if ch in singles:
            out.append(singles[ch])
            continue
        decomposed = unicodedata.normalize("NFD", ch)
        base, rest = decomposed[0], decomposed[1:]
        if ord(ch) < 128 or not rest:
            out.append(ch if ord(ch) < 256 else _ascii_fallback(ch))
            continue
        letter_mark = next((m for m in rest if m in "\u0302\u0306\u031b"), "")
        tone = next((m for m in rest if m not in "\u0302\u0306\u031b"), "")
        if letter_mark == "\u031b":  # ơ, ư with a tone
            horn = singles["ơ" if base.lower() == "o" else "ư"]
            horn = horn.upper() if base.isupper() else horn
            mark = marks.get(("", tone), "")
            out.append(horn + (mark.upper() if base.isupper() else mark))
            continue
        if base.lower() == "i" and tone:
            single = unicodedata.normalize("NFC", base + tone)
            out.append(singles.get(single, base))
            continue
        if base.lower() == "y" and tone == "\u0323":
            out.append(singles["ỵ"] if base.islower() else singles["Ỵ"])
            continue
        mark = marks.get((letter_mark, tone), "")
        out.append(base + (mark.upper() if base.isupper() else mark))
    return "".join(out).encode("latin-1")


def _ascii_fallback(ch: str) -> str:
    return {
        "–": "-",
        "—": "-",
        "‑": "-",
        "\u00a0": " ",
        "“": '"',
        "”": '"',
        "‘": "'",
        "’": "'",
        "…": "...",
    }.get(ch, "?")


# -------------------------------------------------------------------------- hostile files


def zip_bomb_docx() -> bytes:
    """A DOCX-shaped zip whose document part inflates 1000-fold (50 MB of zeros)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"\0" * (50 * 1024 * 1024))
    return buf.getvalue()


def billion_laughs_docx(base: bytes) -> bytes:
    """``base`` with an entity-expansion DTD ("billion laughs") put into word/document.xml."""
    src = zipfile.ZipFile(io.BytesIO(base))
    buf = io.BytesIO()
    lol = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(
            f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'
            for i in range(1, 10)
        )
        + "]>"
    )
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                body = data.decode("utf-8").split("?>", 1)[1]
                body = body.replace("<w:body>", "<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>", 1)
                data = (lol + body).encode("utf-8")
            out.writestr(item, data)
    return buf.getvalue()


def encrypted_pdf(base_pdf: bytes) -> bytes:
    """``base_pdf`` encrypted with a user password (pypdf)."""
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(base_pdf))
    writer = pypdf.PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    writer.encrypt(user_password="mat-khau", owner_password="chu-so-huu", algorithm="AES-128")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def scanned_pdf() -> bytes:
    """A one-page PDF holding only an image (a "scan" without a text layer)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (600, 800), "white")
    ImageDraw.Draw(image).rectangle((100, 100, 500, 140), fill="black")
    buf = io.BytesIO()
    image.save(buf, format="PDF")
    return buf.getvalue()


def load_json(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))

"""PDF through the real LibreOffice: page count, margins, sizes and rules measured in millimetres.

These tests need ``soffice``; without it they fail (the ``soffice`` fixture says what to install).
The failure paths use small stand-in scripts through ``LOA_SOFFICE``.
"""

from __future__ import annotations

import io
import stat
import time
from pathlib import Path

import pdfplumber
import pytest

from loa.core.errors import ExternalToolError, ValidationError
from loa.docgen.render_pdf import docx_to_pdf, docx_to_pdf_batch, find_soffice, pdf_page_count
from loa.nd30 import layout as nd30

PT_PER_MM = 72 / 25.4
A4_PT = (210 * PT_PER_MM, 297 * PT_PER_MM)


def mm(points: float) -> float:
    return points / PT_PER_MM


@pytest.fixture(scope="module")
def founding_pdf(soffice, rendered) -> bytes:
    return docx_to_pdf(rendered["bao-cao"])


def pages_of(pdf_bytes: bytes) -> list[dict]:
    """Words (with font and size), characters, rules and page size of every page."""
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        return [
            {
                "words": p.extract_words(extra_attrs=["fontname", "size"], keep_blank_chars=False),
                "chars": p.chars,
                "lines": p.lines,
                "size": (p.width, p.height),
            }
            for p in pdf.pages
        ]


@pytest.fixture(scope="module")
def pages(founding_pdf):
    return pages_of(founding_pdf)


def _word(page, text: str, nth: int = 0):
    found = [w for w in page["words"] if w["text"] == text]
    assert len(found) > nth, f"{text!r} not on the page"
    return found[nth]


def _line_of(page, word) -> list[dict]:
    """Words on the same printed line as ``word`` and, in the header, in the same column."""
    split = (nd30.MARGIN_LEFT_MM + nd30.HEADER_LEFT_MM) * PT_PER_MM

    def column(w) -> bool:
        return w["x0"] < split

    return [w for w in page["words"] if abs(w["top"] - word["top"]) < 1.5 and column(w) == column(word)]


def _extent(words) -> tuple[float, float]:
    return min(w["x0"] for w in words), max(w["x1"] for w in words)


def _rule_below(page, x_centre: float, y: float):
    """The horizontal rule closest below ``y`` whose centre is near ``x_centre``."""
    rules = [
        ln
        for ln in page["lines"]
        if abs(ln["top"] - ln["bottom"]) < 1
        and ln["top"] > y
        and abs((ln["x0"] + ln["x1"]) / 2 - x_centre) < 6
    ]
    assert rules, "no rule under the text"
    return min(rules, key=lambda ln: ln["top"])


def test_founding_report_prints_on_one_or_two_a4_pages(founding_pdf, pages):
    assert pdf_page_count(founding_pdf) in (1, 2)
    for page in pages:
        assert page["size"] == pytest.approx(A4_PT, abs=1)


def test_text_sits_inside_the_nd30_margins(pages):
    first = pages[0]
    body = [c for c in first["chars"] if round(c["size"]) == 14 and c["text"].strip()]
    assert mm(min(c["x0"] for c in body)) == pytest.approx(nd30.MARGIN_LEFT_MM, abs=2)
    assert mm(max(c["x1"] for c in body)) == pytest.approx(210 - nd30.MARGIN_RIGHT_MM, abs=2)
    everything = [c for p in pages for c in p["chars"] if c["text"].strip()]
    assert mm(min(c["x0"] for c in everything)) >= nd30.MARGIN_LEFT_MM - 1
    assert mm(max(c["x1"] for c in everything)) <= 210 - nd30.MARGIN_RIGHT_MM + 1
    top_of_page_one = min(c["top"] for c in first["chars"])
    assert mm(top_of_page_one) == pytest.approx(nd30.MARGIN_TOP_MM, abs=2)
    for page in pages:
        assert mm(max(c["bottom"] for c in page["chars"])) <= 297 - nd30.MARGIN_BOTTOM_MM + 1


HEADER_STYLES = [
    ("UBND", 0, 13, "regular"),
    ("PHÒNG", 0, 13, "bold"),
    ("CỘNG", 0, 12, "bold"),
    ("Độc", 0, 13, "bold"),
    ("Số:", 0, 13, "regular"),
    ("Hương", 0, 13, "italic"),
    ("BÁO", 0, 14, "bold"),
    ("Thực", 0, 14, "regular"),
]


@pytest.mark.parametrize(("text", "nth", "size", "style"), HEADER_STYLES)
def test_header_and_title_sizes_and_styles(pages, text, nth, size, style):
    word = _word(pages[0], text, nth)
    assert word["size"] == pytest.approx(size, abs=0.2)
    font = word["fontname"]
    assert "LiberationSerif" in font or "TimesNewRoman" in font.replace(" ", "")
    assert ("Bold" in font) == (style == "bold")
    assert ("Italic" in font) == (style == "italic")


def test_issuer_motto_and_subject_rules_have_the_decree_lengths(pages):
    page = pages[0]
    issuer = _line_of(page, _word(page, "PHÒNG"))
    x0, x1 = _extent(issuer)
    rule = _rule_below(page, (x0 + x1) / 2, issuer[0]["bottom"])
    length = rule["x1"] - rule["x0"]
    assert (x1 - x0) / 3 <= length <= (x1 - x0) / 2
    assert mm(rule["top"] - issuer[0]["bottom"]) < 6

    motto = _line_of(page, _word(page, "Độc"))
    x0, x1 = _extent(motto)
    rule = _rule_below(page, (x0 + x1) / 2, motto[0]["bottom"])
    assert mm(rule["x1"] - rule["x0"]) == pytest.approx(mm(x1 - x0), abs=1.5)

    kind = _word(page, "BÁO")
    subject = [w for w in page["words"] if 5 < w["top"] - kind["top"] < 25 and w["size"] > 13.5]
    x0, x1 = _extent(subject)
    rule = _rule_below(page, (x0 + x1) / 2, subject[0]["bottom"])
    assert (x1 - x0) / 3 <= rule["x1"] - rule["x0"] <= (x1 - x0) / 2


def test_number_and_date_share_a_baseline(pages):
    page = pages[0]
    assert _word(page, "Số:")["bottom"] == pytest.approx(_word(page, "Hương")["bottom"], abs=1)


def test_recipients_sit_beside_the_signature_block(pages):
    last = pages[-1]
    label = _word(last, "Nơi")
    assert label["size"] == pytest.approx(12, abs=0.2) and "BoldItalic" in label["fontname"]
    title = _word(last, "TRƯỞNG")
    name = _word(last, "Duật")
    recipients = [w for w in last["words"] if w["top"] > label["bottom"] - 1 and w["x0"] < title["x0"] - 20]
    assert all(w["size"] == pytest.approx(11, abs=0.2) for w in recipients if w["text"] != "Nơi")
    block = (title["top"], name["bottom"])
    assert block[0] - 3 <= label["top"] <= block[1], "Nơi nhận must be level with the signer's title"
    assert label["x1"] < title["x0"]
    assert mm(title["x0"]) > nd30.MARGIN_LEFT_MM + nd30.HEADER_LEFT_MM


def test_page_number_is_top_centre_from_page_two(pages):
    top_words = [w for w in pages[0]["words"] if mm(w["top"]) < nd30.MARGIN_TOP_MM - 2]
    assert top_words == []
    if len(pages) > 1:
        (number,) = [w for w in pages[1]["words"] if mm(w["top"]) < nd30.MARGIN_TOP_MM - 2]
        assert number["text"] == "2"
        centre = mm((number["x0"] + number["x1"]) / 2)
        assert centre == pytest.approx(nd30.MARGIN_LEFT_MM + nd30.TEXT_WIDTH_MM / 2, abs=3)
        assert number["size"] == pytest.approx(nd30.SIZE_PAGE_NUMBER, abs=0.2)


def test_batch_converts_every_sample_and_keeps_the_landscape_appendix(soffice, rendered, tmp_path):
    sources = []
    for name, data in rendered.items():
        path = tmp_path / f"{name}.docx"
        path.write_bytes(data)
        sources.append(path)
    pdfs = docx_to_pdf_batch(sources, tmp_path / "pdf", workers=2)
    assert [p.name for p in pdfs] == [f"{name}.pdf" for name in rendered]
    assert all(pdf_page_count(p) >= 1 for p in pdfs)
    with pdfplumber.open(tmp_path / "pdf" / "ke-hoach.pdf") as pdf:
        appendix = pdf.pages[-1]
        assert appendix.width > appendix.height
        assert "Phụ lục I" in appendix.extract_text()


def test_single_conversion_writes_to_a_path_when_asked(soffice, rendered, tmp_path):
    source = tmp_path / "cv.docx"
    source.write_bytes(rendered["cong-van"])
    out = docx_to_pdf(source, out_path=tmp_path / "out" / "cv.pdf")
    assert out == tmp_path / "out" / "cv.pdf" and pdf_page_count(out) == 1


def test_a_file_libreoffice_cannot_load_raises_instead_of_passing_silently(soffice):
    with pytest.raises(ExternalToolError) as info:
        docx_to_pdf(b"PK\x03\x04 this is not a real document")
    assert info.value.code in {"docgen.pdf_missing", "docgen.soffice_failed"}


# ----------------------------------------------------------------------- failures, with stand-ins


def _script(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "fake-soffice"
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


def test_missing_soffice_raises_with_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setenv("LOA_SOFFICE", str(tmp_path / "khong-co-soffice"))
    with pytest.raises(ExternalToolError) as info:
        docx_to_pdf(b"PK")
    assert info.value.code == "docgen.soffice_missing"
    assert "libreoffice-writer-nogui" in info.value.message
    with pytest.raises(ExternalToolError):
        find_soffice()


def test_hung_soffice_is_stopped_at_the_timeout(monkeypatch, tmp_path):
    # LibreOffice runs in its own process namespace (ADR 0021), where its pids mean nothing here:
    # the hung program is found by a marker in its command line.
    marker = str(tmp_path / "hung-soffice")
    monkeypatch.setenv("LOA_SOFFICE", str(_script(tmp_path, f'sh -c "sleep 30; : {marker}"')))
    started = time.monotonic()
    with pytest.raises(ExternalToolError) as info:
        docx_to_pdf(b"PK", timeout=1)
    assert time.monotonic() - started < 10
    assert info.value.code == "docgen.soffice_timeout"
    assert "1 giây" in info.value.message
    time.sleep(0.5)
    assert not _running_with(marker)


def _running_with(marker: str) -> list[int]:
    """Live processes (not zombies) whose command line holds ``marker``."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and marker.encode() in (entry / "cmdline").read_bytes():
                if (entry / "stat").read_text().split(") ", 1)[1][:1] != "Z":
                    found.append(int(entry.name))
        except OSError:
            continue
    return found


def test_soffice_that_exits_cleanly_without_a_pdf_is_an_error(monkeypatch, tmp_path):
    monkeypatch.setenv("LOA_SOFFICE", str(_script(tmp_path, "exit 0")))
    with pytest.raises(ExternalToolError) as info:
        docx_to_pdf(b"PK")
    assert info.value.code == "docgen.pdf_missing"


def test_soffice_failure_is_reported_in_vietnamese(monkeypatch, tmp_path):
    monkeypatch.setenv(
        "LOA_SOFFICE", str(_script(tmp_path, "echo 'Error: source file could not be loaded' >&2\nexit 1"))
    )
    with pytest.raises(ExternalToolError) as info:
        docx_to_pdf(b"PK")
    assert info.value.code == "docgen.soffice_failed"
    assert (
        info.value.message.startswith("LibreOffice báo lỗi") and "could not be loaded" in info.value.message
    )


def test_batch_refuses_two_files_with_the_same_name(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for d in ("a", "b"):
        (tmp_path / d / "bc.docx").write_bytes(b"PK")
    with pytest.raises(ValidationError):
        docx_to_pdf_batch([tmp_path / "a" / "bc.docx", tmp_path / "b" / "bc.docx"], tmp_path / "out")

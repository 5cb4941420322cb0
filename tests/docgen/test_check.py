"""The ND30 checker: clean on Loa's own output, precise on broken files, safe on hostile ones."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Mm, Pt

from loa.docgen.check import RULES, UnreadableDocx, check_docx, main
from loa.docgen.render_docx import render_docx
from loa.nd30.kinds import ALL_KINDS

from .samples import all_samples, founding_report

WORD_DRAFT = Path(__file__).resolve().parents[1] / "fixtures" / "examples" / "files" / "029.docx"


def _rules(data: bytes) -> list[str]:
    return sorted(v.rule for v in check_docx(data))


def _mutate(data: bytes, change: Callable[[docx.document.Document], None]) -> bytes:
    d = docx.Document(io.BytesIO(data))
    change(d)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def _texts(d):
    return [t for t in d.element.body.iter(qn("w:t"))]


def _replace(old: str, new: str) -> Callable[[docx.document.Document], None]:
    def change(d) -> None:
        hits = 0
        for t in _texts(d):
            if t.text and old in t.text:
                t.text = t.text.replace(old, new)
                hits += 1
        assert hits, f"{old!r} not found in the rendered document"

    return change


def _paragraph_with(d, prefix: str):
    for p in d.element.body.iter(qn("w:p")):
        text = "".join(t.text or "" for t in p.iter(qn("w:t")))
        if text.startswith(prefix):
            return docx.text.paragraph.Paragraph(p, None)
    raise AssertionError(prefix)


def _set_section(**values) -> Callable[[docx.document.Document], None]:
    def change(d) -> None:
        for key, value in values.items():
            setattr(d.sections[0], key, value)

    return change


def _landscape(d) -> None:
    s = d.sections[0]
    s.orientation = WD_ORIENT.LANDSCAPE
    s.page_width, s.page_height = Mm(297), Mm(210)


def _normal_font(name: str) -> Callable[[docx.document.Document], None]:
    def change(d) -> None:
        d.styles["Normal"].font.name = name

    return change


def _run_font(d) -> None:
    _paragraph_with(d, "Thực hiện Kế hoạch").runs[0].font.name = "Arial"


def _theme_font(d) -> None:
    rfonts = OxmlElement("w:rFonts")
    rfonts.set(qn("w:asciiTheme"), "minorHAnsi")
    rfonts.set(qn("w:hAnsiTheme"), "minorHAnsi")
    run = _paragraph_with(d, "Thực hiện Kế hoạch").runs[0]
    rpr = run._r.get_or_add_rPr()
    old = rpr.find(qn("w:rFonts"))
    if old is not None:
        rpr.remove(old)
    rpr.insert(0, rfonts)


def _left_aligned(d) -> None:
    _paragraph_with(d, "Thực hiện Kế hoạch").alignment = WD_ALIGN_PARAGRAPH.LEFT


def _small_body(d) -> None:
    for run in _paragraph_with(d, "- Quán triệt").runs:
        run.font.size = Pt(12)


def _not_bold(prefix: str) -> Callable[[docx.document.Document], None]:
    def change(d) -> None:
        for run in _paragraph_with(d, prefix).runs:
            run.bold = False

    return change


def _not_italic(prefix: str) -> Callable[[docx.document.Document], None]:
    def change(d) -> None:
        for run in _paragraph_with(d, prefix).runs:
            run.italic = False

    return change


DATE = "ngày 21 tháng 10 năm 2022"
BROKEN = {
    "left margin 25 mm": (_set_section(left_margin=Mm(25)), ["nd30.margins"]),
    "right margin 25 mm": (_set_section(right_margin=Mm(25)), ["nd30.margins"]),
    "top and bottom 15 mm": (_set_section(top_margin=Mm(15), bottom_margin=Mm(15)), ["nd30.margins"] * 2),
    "letter paper": (_set_section(page_width=Inches(8.5), page_height=Inches(11)), ["nd30.page_size"]),
    "first page landscape": (_landscape, ["nd30.orientation"]),
    "Calibri in Normal": (_normal_font("Calibri"), ["nd30.font"]),
    "Arial on a run": (_run_font, ["nd30.font"]),
    "theme font on a run": (_theme_font, ["nd30.font"]),
    "number without leading zero": (_replace("Số: 297/BC-VHTT", "Số: 7/BC-VHTT"), ["nd30.number_zero"]),
    "space before slash": (_replace("Số: 297/BC-VHTT", "Số: 297 /BC-VHTT"), ["nd30.symbol"]),
    "spaces inside symbol": (_replace("Số: 297/BC-VHTT", "Số: 297/BC - VHTT"), ["nd30.symbol"]),
    "no colon after Số": (_replace("Số: 297/BC-VHTT", "Số 297/BC-VHTT"), ["nd30.symbol"]),
    "number missing": (_replace("Số: 297/BC-VHTT", ""), ["nd30.number_missing"]),
    "day without leading zero": (_replace(DATE, "ngày 5 tháng 01 năm 2022"), ["nd30.date_format"]),
    "february without zero": (_replace(DATE, "ngày 21 tháng 2 năm 2022"), ["nd30.date_format"]),
    "march with zero": (_replace(DATE, "ngày 21 tháng 03 năm 2022"), ["nd30.date_format"]),
    "31 february": (_replace(DATE, "ngày 30 tháng 02 năm 2022"), ["nd30.date_format"]),
    "no comma after place": (_replace("Hương Trà, ngày", "Hương Trà ngày"), ["nd30.date_format"]),
    "date line missing": (_replace("Hương Trà, " + DATE, ""), ["nd30.date_missing"]),
    "national name missing": (_replace("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", ""), ["nd30.national_name"]),
    "national name lower case": (
        _replace("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
        ["nd30.national_name"],
    ),
    "motto with en dashes": (
        _replace("Độc lập - Tự do - Hạnh phúc", "Độc lập – Tự do – Hạnh phúc"),
        ["nd30.motto"],
    ),
    "motto missing": (_replace("Độc lập - Tự do - Hạnh phúc", ""), ["nd30.motto"]),
    "national name not bold": (_not_bold("CỘNG HÒA"), ["nd30.header_style"]),
    "date line upright": (_not_italic("Hương Trà, ngày"), ["nd30.header_style"]),
    "kind name missing": (_replace("BÁO CÁO", ""), ["nd30.kind_name"]),
    "kind name in sentence case": (_replace("BÁO CÁO", "Báo cáo"), ["nd30.kind_name"]),
    "body left aligned": (_left_aligned, ["nd30.body_justify"]),
    "body at 12 pt": (_small_body, ["nd30.body_size"]),
    "closing ./. missing": (_replace("Hương Trà./.", "Hương Trà."), ["nd30.closing"]),
    "Nơi nhận missing": (_replace("Nơi nhận:", ""), ["nd30.recipients_missing"]),
    "Lưu line missing": (_replace("- Lưu: VT, VHTT.", "- Phòng Tài chính thị xã."), ["nd30.archive"]),
    "Lưu VT as in the founding report": (_replace("- Lưu: VT, VHTT.", "- Lưu VT."), ["nd30.archive"]),
}


@pytest.mark.parametrize("name", list(all_samples()))
def test_every_rendered_sample_is_clean(rendered, name):
    assert check_docx(rendered[name]) == []


@pytest.mark.parametrize(
    "day", [dt.date(2022, 3, 9), dt.date(2022, 2, 3), dt.date(2022, 1, 31), dt.date(2022, 12, 1)]
)
def test_dates_written_per_the_decree_are_accepted(day):
    assert check_docx(render_docx(founding_report(date=day))) == []


@pytest.mark.parametrize("case", list(BROKEN))
def test_checker_catches_each_broken_variant_and_only_that(rendered, case):
    change, expected = BROKEN[case]
    assert _rules(_mutate(rendered["bao-cao"], change)) == expected


def test_missing_signature_is_caught():
    assert _rules(render_docx(founding_report(signature=None))) == ["nd30.signature"]


def test_every_rule_code_is_documented(rendered):
    codes = {rule for _, expected in BROKEN.values() for rule in expected} | {"nd30.signature"}
    assert codes <= set(RULES)


def test_violations_say_where_in_vietnamese(rendered):
    (violation,) = check_docx(_mutate(rendered["bao-cao"], BROKEN["number without leading zero"][0]))
    assert violation.where.startswith("Đoạn ") and "Số: 7/BC-VHTT" in violation.where
    assert "07" in violation.message


def test_word_made_draft_is_read_through_its_styles_and_flags_only_its_margins():
    """The Word draft (header and signature in tables, blank number and day) breaks only the margins."""
    violations = check_docx(WORD_DRAFT)
    assert [v.rule for v in violations] == ["nd30.margins", "nd30.margins"]
    assert {v.message.split()[1] for v in violations} == {"trên", "dưới"}


def test_plain_python_docx_document_breaks_nearly_every_rule():
    d = docx.Document()
    d.add_paragraph("Một đoạn văn bản bình thường.")
    out = io.BytesIO()
    d.save(out)
    violations = check_docx(out.getvalue())
    rules = {v.rule for v in violations}
    assert {
        "nd30.page_size",
        "nd30.margins",
        "nd30.font",
        "nd30.national_name",
        "nd30.motto",
        "nd30.number_missing",
        "nd30.date_missing",
        "nd30.kind_name",
        "nd30.recipients_missing",
        "nd30.archive",
        "nd30.closing",
        "nd30.signature",
    } <= rules
    # python-docx's template sets no font name: its theme font (Cambria) is read from the theme part.
    assert any("Cambria" in v.message for v in violations if v.rule == "nd30.font")


# ------------------------------------------------------------------------------ unreadable files


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return out.getvalue()


def _with_document_xml(docx_bytes: bytes, xml: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(docx_bytes))
    members = {i.filename: src.read(i) for i in src.infolist()}
    members["word/document.xml"] = xml
    return _zip(members)


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>"""


@pytest.mark.parametrize(
    ("label", "make", "words"),
    [
        ("not a zip", lambda r: b"PK? this is plain text, not a DOCX", "ZIP"),
        ("truncated", lambda r: r["bao-cao"][: len(r["bao-cao"]) // 2], "DOCX"),
        ("zip without a Word document", lambda r: _zip({"hello.txt": b"xin chao"}), "word/document.xml"),
        ("zip bomb", lambda r: _zip({"word/document.xml": b"0" * (51 * 1024 * 1024)}), "50 MB"),
        ("entities in XML", lambda r: _with_document_xml(r["bao-cao"], BILLION_LAUGHS), "không an toàn"),
    ],
)
def test_unreadable_or_unsafe_files_are_refused_with_a_clear_message(rendered, label, make, words):
    with pytest.raises(UnreadableDocx) as info:
        check_docx(make(rendered))
    assert words in info.value.message


def test_main_exits_0_when_clean_1_with_violations_2_when_unreadable(rendered, tmp_path, capsys):
    clean = tmp_path / "sach.docx"
    clean.write_bytes(rendered["bao-cao"])
    broken = tmp_path / "loi.docx"
    broken.write_bytes(_mutate(rendered["bao-cao"], BROKEN["Lưu VT as in the founding report"][0]))
    junk = tmp_path / "rac.docx"
    junk.write_bytes(b"not a docx")

    assert main([str(clean)]) == 0
    assert "không phát hiện lỗi" in capsys.readouterr().out

    assert main([str(broken)]) == 1
    out = capsys.readouterr().out
    assert "[nd30.archive]" in out and "Lưu VT" in out

    assert main([str(broken), "--json"]) == 1
    (item,) = json.loads(capsys.readouterr().out)
    assert set(item) == {"rule", "message", "where"} and item["rule"] == "nd30.archive"

    assert main([str(clean), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []

    assert main([str(junk)]) == 2
    assert "không phải DOCX" in capsys.readouterr().err

    assert main([str(tmp_path / "khong-co.docx"), "--json"]) == 2
    assert json.loads(capsys.readouterr().out)["code"] == "docgen.unreadable_docx"


def test_a_theme_font_the_file_does_not_define_is_unknown_not_a_violation(rendered):
    def change(d) -> None:
        _theme_font(d)
        for rel in d.part.rels.values():
            if rel.reltype.endswith("/theme"):
                blob = rel.target_part.blob.decode("utf-8")
                start = blob.index("<a:minorFont>")
                end = blob.index("</a:minorFont>") + len("</a:minorFont>")
                rel.target_part._blob = (blob[:start] + "<a:minorFont/>" + blob[end:]).encode("utf-8")

    assert _rules(_mutate(rendered["bao-cao"], change)) == []


@pytest.mark.parametrize("kind", [k for k in ALL_KINDS if k.abbr is not None], ids=lambda k: k.abbr)
def test_every_kind_of_the_nd30_table_is_checked_against_its_symbol(kind) -> None:
    doc = founding_report(kind=kind.name, kind_abbr=kind.abbr, code=f"{kind.abbr}-VHTT")
    assert "nd30.kind_name" not in _rules(render_docx(doc))


def test_a_kind_name_that_does_not_match_the_symbol_is_reported() -> None:
    doc = founding_report(kind="Nghị định", kind_abbr="BC", code="BC-VHTT")
    assert "nd30.kind_name" in _rules(render_docx(doc))

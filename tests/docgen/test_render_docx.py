"""DOCX rendering: the ND30 layout of each document kind, and robustness against hostile text."""

from __future__ import annotations

import dataclasses
import io
import unicodedata
import zipfile

import docx
import pytest
from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loa.docgen import layout as lay
from loa.docgen.check import check_docx
from loa.docgen.render_docx import render_docx, write_docx
from loa.nd30 import layout as nd30
from loa.nd30.spec import Heading, Paragraph, Signature, Table

from .samples import all_samples, cong_van, founding_report, ke_hoach, quyet_dinh


def _open(data: bytes):
    return docx.Document(io.BytesIO(data))


def _all_text(d) -> list[str]:
    """Paragraph texts in reading order, table cells included."""
    return ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in d.element.body.iter(qn("w:p"))]


def _cell_texts(cell) -> list[str]:
    return [p.text for p in cell.paragraphs]


@pytest.mark.parametrize("name", list(all_samples()))
def test_every_kind_renders_a_docx_python_docx_opens(rendered, name):
    d = _open(rendered[name])
    section = d.sections[0]
    assert section.page_width.mm == pytest.approx(210, abs=0.1)
    assert section.page_height.mm == pytest.approx(297, abs=0.1)
    assert (section.top_margin.mm, section.bottom_margin.mm) == pytest.approx((20, 20), abs=0.1)
    assert (section.left_margin.mm, section.right_margin.mm) == pytest.approx((30, 15), abs=0.1)


def test_times_new_roman_and_vietnamese_are_set_in_doc_defaults_and_normal(rendered):
    d = _open(rendered["bao-cao"])
    styles = d.styles.element
    defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    normal = d.styles["Normal"].element.find(qn("w:rPr"))
    for rpr in (defaults, normal):
        fonts = rpr.find(qn("w:rFonts"))
        for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
            assert fonts.get(qn(f"w:{slot}")) == "Times New Roman"
        assert not any(attr.endswith("Theme") for attr in fonts.attrib)
        assert rpr.find(qn("w:lang")).get(qn("w:val")) == "vi-VN"
    for rfonts in styles.iter(qn("w:rFonts")):
        assert not any(attr.endswith("Theme") for attr in rfonts.attrib), "theme fonts would override TNR"


def test_header_is_a_borderless_fixed_two_column_table_with_number_and_date_on_one_row(rendered):
    d = _open(rendered["bao-cao"])
    header = d.tables[0]
    tblpr = header._tbl.tblPr
    assert tblpr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
    borders = tblpr.find(qn("w:tblBorders"))
    assert all(b.get(qn("w:val")) == "nil" for b in borders)
    # Schema order matters to Word: tblBorders before tblLayout before tblCellMar.
    order = [child.tag for child in tblpr]
    assert order.index(qn("w:tblBorders")) < order.index(qn("w:tblLayout")) < order.index(qn("w:tblCellMar"))
    (l1, r1), (l2, r2) = (row.cells for row in header.rows)
    assert _cell_texts(l1)[:2] == ["UBND THỊ XÃ HƯƠNG TRÀ", "PHÒNG VĂN HÓA VÀ THÔNG TIN"]
    assert _cell_texts(r1)[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert _cell_texts(l2)[0] == "Số: 297/BC-VHTT"
    assert _cell_texts(r2)[0] == "Hương Trà, ngày 21 tháng 10 năm 2022"
    issuer_run = l1.paragraphs[1].runs[0]
    assert issuer_run.bold and issuer_run.font.size.pt == nd30.SIZE_ISSUER
    assert not l1.paragraphs[0].runs[0].bold
    assert r1.paragraphs[0].runs[0].bold and r1.paragraphs[0].runs[0].font.size.pt == nd30.SIZE_NATIONAL_NAME
    assert r2.paragraphs[0].runs[0].italic


def test_rules_under_issuer_and_motto_are_bordered_paragraphs_of_the_right_length(rendered):
    d = _open(rendered["bao-cao"])
    (l1, r1), _ = (row.cells for row in d.tables[0].rows)

    def rule_length_mm(cell, width_mm):
        p = cell.paragraphs[-1]
        assert p._p.pPr.find(qn("w:pBdr")).find(qn("w:top")).get(qn("w:val")) == "single"
        return width_mm - p.paragraph_format.left_indent.mm - p.paragraph_format.right_indent.mm

    issuer_w = lay.text_width_mm("PHÒNG VĂN HÓA VÀ THÔNG TIN", nd30.SIZE_ISSUER, bold=True)
    assert issuer_w / 3 <= rule_length_mm(l1, nd30.HEADER_LEFT_MM) <= issuer_w / 2
    motto_w = lay.text_width_mm(nd30.MOTTO, nd30.SIZE_MOTTO, bold=True)
    assert rule_length_mm(r1, nd30.HEADER_RIGHT_MM) == pytest.approx(motto_w, abs=0.5)


def test_report_title_block_body_and_closing(rendered):
    d = _open(rendered["bao-cao"])
    body = [p for p in d.paragraphs if p.text]
    assert body[0].text == "BÁO CÁO" and body[0].runs[0].bold
    assert body[1].text == "Công tác tuyên truyền cải cách hành chính năm 2022"
    first = body[2]
    assert first.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.JUSTIFY
    assert first.paragraph_format.first_line_indent.mm == pytest.approx(12.7, abs=0.1)
    assert first.paragraph_format.space_after.pt >= 6
    assert first.runs[0].font.size.pt == 14
    assert body[3].text == "1. Công tác chỉ đạo điều hành:" and body[3].runs[0].bold
    assert body[4].text.startswith("- Phòng Văn hóa")
    assert body[-1].text.endswith("thị xã Hương Trà./.")


def test_signature_table_puts_recipients_left_and_signer_right(rendered):
    d = _open(rendered["bao-cao"])
    left, right = d.tables[-1].rows[0].cells
    assert _cell_texts(left) == ["Nơi nhận:", "- Phòng Nội vụ thị xã;", "- Lưu: VT, VHTT."]
    label = left.paragraphs[0].runs[0]
    assert label.bold and label.italic and label.font.size.pt == 12
    assert left.paragraphs[1].runs[0].font.size.pt == 11
    texts = [t for t in _cell_texts(right) if t]
    assert texts == ["TRƯỞNG PHÒNG", "Nguyễn Văn Duật"]
    assert all(p.runs[0].bold for p in right.paragraphs if p.runs)


def test_page_numbers_are_a_page_field_at_top_centre_hidden_on_the_first_page(rendered):
    d = _open(rendered["bao-cao"])
    section = d.sections[0]
    assert section.different_first_page_header_footer
    header_xml = section.header._element.xml
    assert "PAGE" in header_xml and "fldChar" in header_xml
    assert section.header.paragraphs[0].alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.CENTER
    assert not "".join(p.text for p in section.first_page_header.paragraphs).strip()


def test_cong_van_has_vv_under_the_number_kinh_gui_and_nhu_tren():
    d = _open(render_docx(cong_van()))
    left2 = d.tables[0].rows[1].cells[0]
    texts = _cell_texts(left2)
    assert texts[0] == "Số: 05/UBND-VX"
    assert texts[1].replace("\n", " ").startswith("V/v báo cáo kết quả")
    assert left2.paragraphs[1].paragraph_format.space_before.pt == 6
    assert left2.paragraphs[1].runs[0].font.size.pt == nd30.SIZE_LETTER_SUBJECT
    paragraphs = [p.text for p in d.paragraphs if p.text]
    assert "BÁO CÁO" not in paragraphs and "CÔNG VĂN" not in paragraphs
    assert paragraphs[0] == "Kính gửi:\t- Phòng Văn hóa và Thông tin thị xã;"
    assert paragraphs[1] == "- Trung tâm Văn hóa, Thông tin và Thể thao thị xã;"
    assert paragraphs[2] == "- Ủy ban nhân dân các xã, phường."
    left, right = d.tables[-1].rows[0].cells
    assert _cell_texts(left)[1] == "- Như trên;"
    assert [t for t in _cell_texts(right) if t] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Thị Hoa"]


def test_quyet_dinh_has_authority_legal_bases_enacting_word_and_bold_article_numbers():
    d = _open(render_docx(quyet_dinh()))
    paragraphs = [p for p in d.paragraphs if p.text]
    texts = [p.text for p in paragraphs]
    i = texts.index("ỦY BAN NHÂN DÂN THỊ XÃ HƯƠNG TRÀ")
    bases = texts[i + 1 : i + 5]
    assert [b[-1] for b in bases] == [";", ";", ";", "."]
    assert all(paragraphs[i + 1 + k].runs[0].italic for k in range(4))
    assert texts[i + 5] == "QUYẾT ĐỊNH:"
    article = paragraphs[i + 6]
    assert article.runs[0].text == "Điều 1." and article.runs[0].bold and not article.runs[1].bold
    right = d.tables[-1].rows[0].cells[1]
    assert [t for t in _cell_texts(right) if t] == [
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Lê Văn Thọ",
    ]
    # The issuer wraps where a clerk breaks it.
    assert _cell_texts(d.tables[0].rows[0].cells[0])[0] == "ỦY BAN NHÂN DÂN\nTHỊ XÃ HƯƠNG TRÀ"


def test_headings_take_roman_arabic_and_letter_labels():
    d = _open(render_docx(ke_hoach()))
    texts = [p.text for p in d.paragraphs if p.text]
    assert "I. MỤC ĐÍCH, YÊU CẦU" in texts
    assert "1. Mục đích" in texts
    assert "a) Nội dung" in texts


def test_appendix_is_a_landscape_section_numbered_from_one_with_its_reference_line():
    d = _open(render_docx(ke_hoach()))
    assert len(d.sections) == 2
    appendix = d.sections[1]
    assert appendix.page_width.mm == pytest.approx(297, abs=0.1)
    assert appendix.page_height.mm == pytest.approx(210, abs=0.1)
    assert appendix._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
    texts = [p.text for p in d.paragraphs if p.text]
    i = texts.index("Phụ lục I")
    assert texts[i + 1] == "CHỈ TIÊU TUYÊN TRUYỀN CẢI CÁCH HÀNH CHÍNH NĂM 2023 THEO HÌNH THỨC"
    assert (
        texts[i + 2]
        == "(Kèm theo Kế hoạch số 07/KH-VHTT ngày 13 tháng 01 năm 2023 của Phòng Văn hóa và Thông tin)"
    )
    table = d.tables[-1]
    assert [c.text for c in table.rows[0].cells][:2] == ["STT", "Hình thức tuyên truyền"]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert table.rows[-1].cells[1].paragraphs[0].runs[0].bold


def test_number_under_ten_is_padded_and_a_draft_leaves_number_and_date_blank():
    d = _open(render_docx(founding_report(number="7")))
    assert d.tables[0].rows[1].cells[0].paragraphs[0].text == "Số: 07/BC-VHTT"
    draft = _open(render_docx(founding_report(number=None, date=None)))
    number, date_line = (c.paragraphs[0].text for c in draft.tables[0].rows[1].cells)
    assert (
        number.startswith("Số: ") and number.endswith("/BC-VHTT") and not any(ch.isdigit() for ch in number)
    )
    assert date_line.startswith("Hương Trà, ngày ") and not any(ch.isdigit() for ch in date_line)


def test_archive_line_is_added_and_lưu_vt_is_mended():
    d = _open(render_docx(founding_report(recipients=("Phòng Nội vụ thị xã",))))
    assert _cell_texts(d.tables[-1].rows[0].cells[0])[-1] == "- Lưu: VT, VHTT."
    d = _open(render_docx(founding_report(recipients=("Phòng Nội vụ thị xã", "Lưu VT"))))
    assert _cell_texts(d.tables[-1].rows[0].cells[0])[-1] == "- Lưu: VT."


def test_write_docx_saves_the_file(tmp_path):
    path = write_docx(founding_report(), tmp_path / "bc.docx")
    assert zipfile.is_zipfile(path)


HOSTILE = "<b>&amp; \"quotes\" 'single' & < > \t tab \x00\x0b\x1f end"
NFD_NAME = unicodedata.normalize("NFD", "Nguyễn Văn Duật")


def test_hostile_text_yields_a_valid_docx_that_keeps_the_text():
    doc = founding_report(
        subject=HOSTILE + " " + "rất dài " * 250,
        issuer='Phòng <Văn hóa> & "Thông tin"',
        parent_body=unicodedata.normalize("NFD", "UBND thị xã Hương Trà"),
        blocks=(
            Heading(1, "I", HOSTILE),
            Paragraph(HOSTILE),
            Paragraph("x" * 3000),
            Table(header=("<", "&"), rows=(('"', "\t"), ("a",)), total=None),
        ),
        signature=Signature(title="TRƯỞNG PHÒNG " * 20, name=NFD_NAME * 5),
        recipients=("<script>alert(1)</script>", "Lưu: VT, VHTT"),
    )
    data = render_docx(doc)
    d = _open(data)
    texts = "\n".join(_all_text(d))
    assert "<b>&amp; \"quotes\" 'single' & < >" in texts
    assert "\x00" not in texts and "\x0b" not in texts
    assert "UBND THỊ XÃ HƯƠNG TRÀ" in texts  # NFD input printed in NFC
    assert "Nguyễn Văn Duật" in texts
    assert unicodedata.normalize("NFD", "Nguyễn") not in texts
    assert "<script>alert(1)</script>" in texts
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert zf.testzip() is None


def test_empty_body_and_missing_signature_still_render():
    doc = founding_report(blocks=(), signature=None, recipients=(), legal_bases=(), addressees=())
    d = _open(render_docx(doc))
    assert d.tables[0].rows[1].cells[0].paragraphs[0].text == "Số: 297/BC-VHTT"
    bare = dataclasses.replace(doc, parent_body=None, place=None, date=None, number=None, subject="", code="")
    _open(render_docx(bare))


_text = st.text(st.characters(codec="utf-8"), max_size=120)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(subject=_text, issuer=_text, body=st.lists(_text, max_size=4), name=_text, recipient=_text)
def test_any_text_renders_to_a_docx_that_opens(subject, issuer, body, name, recipient):
    doc = founding_report(
        subject=subject,
        issuer=issuer,
        blocks=tuple(Paragraph(b) for b in body),
        signature=Signature(title="TRƯỞNG PHÒNG", name=name),
        recipients=(recipient,),
    )
    data = render_docx(doc)
    d = _open(data)
    assert d.tables[0].rows[0].cells[1].paragraphs[0].text == nd30.NATIONAL_NAME
    assert isinstance(check_docx(data), list)  # the checker reads whatever the renderer writes

"""Render an :class:`OfficialDocument` to DOCX in the layout of Nghị định 30/2020 (Phụ lục I, III).

One function does the work: :func:`render_docx` returns the file's bytes; :func:`write_docx`
saves them. The layout follows Mẫu 1.2/1.3 (quyết định), 1.4 (documents with a kind name: báo
cáo, kế hoạch, thông báo, tờ trình…), 1.5 (công văn) and 2.1 (appendices):

- the header is a borderless, fixed-layout 2-column table: parent body, issuing body and its short
  rule, then "Số:" (and "V/v …" for a công văn) on the left; Quốc hiệu, Tiêu ngữ and its rule, then
  the place–date line on the right. "Số:" and the date share the second row, so one baseline;
- rules are empty 1 pt paragraphs with a top border whose length is set by equal indents;
- "Nơi nhận" and the signature sit side by side in a second borderless table;
- page numbers are a PAGE field centred in the top margin, hidden on the first page; each appendix
  is a new section numbered from 1 (landscape when it asks for it).

Text is written through python-docx (which escapes XML) after NFC normalisation; characters XML
cannot carry are dropped. Nothing here imports Django.
"""

from __future__ import annotations

import io
import re
from functools import lru_cache
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import Section
from docx.shared import Mm, Pt
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

from loa.nd30 import layout as nd30
from loa.nd30.spec import Appendix, Authority, Block, Heading, OfficialDocument, Paragraph, Signature, Table

from . import layout as lay

__all__ = ["render_docx", "write_docx"]

CENTER = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
LEFT = WD_ALIGN_PARAGRAPH.LEFT

# Kinds whose text is enacted: the authority line above the căn cứ and the enacting verb after.
_ENACTING_VERB = {"quyết định": "QUYẾT ĐỊNH:", "nghị quyết": "QUYẾT NGHỊ:"}

_TBLPR_ORDER = (
    "w:tblStyle",
    "w:tblpPr",
    "w:tblOverlap",
    "w:bidiVisual",
    "w:tblStyleRowBandSize",
    "w:tblStyleColBandSize",
    "w:tblW",
    "w:jc",
    "w:tblCellSpacing",
    "w:tblInd",
    "w:tblBorders",
    "w:shd",
    "w:tblLayout",
    "w:tblCellMar",
    "w:tblLook",
    "w:tblCaption",
    "w:tblDescription",
)
_PPR_AFTER_PBDR = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)
_SECTPR_AFTER_PGNUM = (
    "w:cols",
    "w:formProt",
    "w:vAlign",
    "w:noEndnote",
    "w:titlePg",
    "w:textDirection",
    "w:bidi",
    "w:rtlGutter",
    "w:docGrid",
    "w:printerSettings",
    "w:sectPrChange",
)
_TRPR_ORDER = ("w:cantSplit", "w:trHeight", "w:tblHeader")

_DIEU_RE = re.compile(r"^(Điều\s+\d+[a-zđ]?\.)(\s*)(.*)$", re.DOTALL)
_ARCHIVE_RE = re.compile(r"^lưu\b\s*:?\s*", re.IGNORECASE)
_NUMERIC_RE = re.compile(r"^[\d.,%\s+-]+$")
_CLOSING = "./."


def render_docx(doc: OfficialDocument) -> bytes:
    """The DOCX file of ``doc``, laid out per Nghị định 30/2020."""
    writer = _Writer(doc)
    writer.build()
    out = io.BytesIO()
    writer.d.save(out)
    return out.getvalue()


def write_docx(doc: OfficialDocument, path: str | Path) -> Path:
    """Write the DOCX file of ``doc`` to ``path`` and return the path."""
    path = Path(path)
    path.write_bytes(render_docx(doc))
    return path


# --------------------------------------------------------------------------------------------
# Template: python-docx's default document with Times New Roman, vi-VN and no theme fonts.


@lru_cache(maxsize=1)
def _template_bytes() -> bytes:
    d = docx.Document()
    styles = d.styles.element
    for rfonts in styles.iter(qn("w:rFonts")):
        for attr in list(rfonts.attrib):
            del rfonts.attrib[attr]
        _set_fonts(rfonts)
    doc_defaults = styles.find(qn("w:docDefaults"))
    rpr = doc_defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _rpr_fonts_size_lang(rpr, nd30.SIZE_BODY)
    ppr = doc_defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    for child in list(ppr):
        ppr.remove(child)
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    spacing.set(qn("w:lineRule"), "auto")
    ppr.append(spacing)
    normal = d.styles["Normal"]
    _rpr_fonts_size_lang(normal.element.get_or_add_rPr(), nd30.SIZE_BODY)
    d.settings.element.set(qn("w:defaultTabStop"), "720")
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def _set_fonts(rfonts: BaseOxmlElement) -> None:
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), nd30.FONT_NAME)


def _rpr_fonts_size_lang(rpr: BaseOxmlElement, size_pt: float) -> None:
    """Fonts, size and language on a style's run properties, theme attributes removed."""
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in list(rfonts.attrib):
        del rfonts.attrib[attr]
    _set_fonts(rfonts)
    half_points = str(round(size_pt * 2))
    for tag in ("w:sz", "w:szCs"):
        el = rpr.find(qn(tag))
        if el is None:
            el = OxmlElement(tag)
            rpr.append(el)
        el.set(qn("w:val"), half_points)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), nd30.LANGUAGE)
    lang.set(qn("w:eastAsia"), nd30.LANGUAGE)
    lang.set(qn("w:bidi"), "ar-SA")
    # Schema order inside rPr: rFonts … sz, szCs … lang. Re-append in that order.
    for tag in ("w:sz", "w:szCs", "w:lang"):
        el = rpr.find(qn(tag))
        rpr.remove(el)
        rpr.append(el)


# --------------------------------------------------------------------------------------------
# Small XML helpers.


def _put(parent: BaseOxmlElement, el: BaseOxmlElement, successors: tuple[str, ...]) -> None:
    """Put ``el`` into ``parent`` (replacing one of the same tag) before any of ``successors``."""
    old = parent.find(el.tag)
    if old is not None:
        parent.remove(old)
    parent.insert_element_before(el, *successors)


def _el(tag: str, **attrs: str) -> BaseOxmlElement:
    el = OxmlElement(tag)
    for key, value in attrs.items():
        el.set(qn(f"w:{key}"), value)
    return el


def _twips(mm: float) -> str:
    return str(round(mm * 1440 / 25.4))


def _is_cong_van(doc: OfficialDocument) -> bool:
    return doc.kind_abbr is None or doc.kind.strip().casefold() == "công văn"


def _kind_word(doc: OfficialDocument) -> str:
    return lay.clean_text(doc.kind).split("(")[0].strip()


def _with_closing(text: str) -> str:
    text = text.rstrip()
    if text.endswith(_CLOSING):
        return text
    return f"{text}/." if text.endswith(".") else f"{text}{_CLOSING}"


def _ends(text: str, mark: str) -> str:
    """A list item ending with ``mark`` (";" or "."), its own end punctuation replaced."""
    return text.rstrip().rstrip(";.,: ") + mark


class _Writer:
    """Builds one document; holds the python-docx object and the pending vertical gap."""

    def __init__(self, spec: OfficialDocument) -> None:
        self.spec = spec
        self.d: DocxDocument = docx.Document(io.BytesIO(_template_bytes()))
        self.gap = 0.0  # space before the next body element (pt)

    # ----------------------------------------------------------------------------- paragraphs

    def par(
        self,
        container: DocxDocument | _Cell,
        text: str = "",
        *,
        size: float,
        bold: bool = False,
        italic: bool = False,
        align: WD_ALIGN_PARAGRAPH | None = CENTER,
        before: float = 0.0,
        after: float = 0.0,
        first_line_mm: float | None = None,
        left_mm: float | None = None,
        right_mm: float | None = None,
        line: float | None = None,
        keep_next: bool = False,
        reuse: bool = False,
    ) -> DocxParagraph:
        p: DocxParagraph
        if reuse and isinstance(container, _Cell) and not container.paragraphs[-1].text:
            p = container.paragraphs[-1]
        else:
            p = container.add_paragraph()
        pf = p.paragraph_format
        if align is not None:
            pf.alignment = align
        pf.space_before = Pt(before)
        pf.space_after = Pt(after)
        if line is not None:
            pf.line_spacing = line
        if first_line_mm is not None:
            pf.first_line_indent = Mm(first_line_mm)
        if left_mm is not None:
            pf.left_indent = Mm(left_mm)
        if right_mm is not None:
            pf.right_indent = Mm(right_mm)
        if keep_next:
            pf.keep_with_next = True
        if text:
            self.run(p, text, size=size, bold=bold, italic=italic)
        else:
            self._mark_size(p, size)
        return p

    @staticmethod
    def run(p: DocxParagraph, text: str, *, size: float, bold: bool = False, italic: bool = False) -> None:
        r = p.add_run(lay.clean_text(text))
        r.font.size = Pt(size)
        if bold:
            r.bold = True
        if italic:
            r.italic = True

    @staticmethod
    def _mark_size(p: DocxParagraph, size: float) -> None:
        """Size of the paragraph mark: it sets the height of an empty paragraph."""
        rpr = _el("w:rPr")
        rpr.append(_el("w:sz", val=str(max(2, round(size * 2)))))
        rpr.append(_el("w:szCs", val=str(max(2, round(size * 2)))))
        _put(p._p.get_or_add_pPr(), rpr, ("w:sectPr", "w:pPrChange"))

    def rule(
        self, container: DocxDocument | _Cell, length_mm: float, avail_mm: float, before: float = 6.0
    ) -> None:
        """A centred solid rule ``length_mm`` long: an empty 1 pt paragraph with a top border."""
        side = max(0.0, (avail_mm - length_mm) / 2)
        p = self.par(container, size=1, before=before, left_mm=side, right_mm=side, align=CENTER)
        p.paragraph_format.line_spacing = Pt(1)
        pbdr = _el("w:pBdr")
        pbdr.append(
            _el("w:top", val="single", sz=str(nd30.RULE_THICKNESS_EIGHTHS), space="1", color="000000")
        )
        _put(p._p.get_or_add_pPr(), pbdr, _PPR_AFTER_PBDR)

    def body_par(
        self,
        container: DocxDocument | _Cell,
        text: str,
        *,
        bold: bool = False,
        italic: bool = False,
        keep_next: bool = False,
    ) -> DocxParagraph:
        p = self.par(
            container,
            size=nd30.SIZE_BODY,
            align=JUSTIFY,
            before=self.take_gap(),
            after=nd30.BODY_SPACE_AFTER_PT,
            first_line_mm=nd30.BODY_FIRST_LINE_INDENT_MM,
            line=nd30.BODY_LINE_SPACING,
            keep_next=keep_next,
        )
        match = _DIEU_RE.match(lay.clean_text(text)) if not bold else None
        if match:
            # "Điều 1." is bold, the article text keeps the paragraph's style.
            self.run(p, match.group(1), size=nd30.SIZE_BODY, bold=True, italic=italic)
            rest = match.group(2) + match.group(3)
            if rest:
                self.run(p, rest, size=nd30.SIZE_BODY, italic=italic)
        elif text:
            self.run(p, text, size=nd30.SIZE_BODY, bold=bold, italic=italic)
        return p

    def take_gap(self) -> float:
        gap, self.gap = self.gap, 0.0
        return gap

    # ---------------------------------------------------------------------------------- tables

    @staticmethod
    def fixed_table(
        container: DocxDocument | _Cell,
        rows: int,
        widths_mm: list[float],
        *,
        borders: bool,
        pad_mm: tuple[float, float] = (0.0, 0.0),
    ) -> DocxTable:
        """A fixed-layout table with explicit widths on the grid and every cell."""
        table = container.add_table(rows=rows, cols=len(widths_mm))
        tbl = table._tbl
        tblpr = tbl.tblPr
        _put(tblpr, _el("w:tblW", w=_twips(sum(widths_mm)), type="dxa"), _TBLPR_ORDER[7:])
        _put(tblpr, _el("w:tblInd", w="0", type="dxa"), _TBLPR_ORDER[10:])
        tbl_borders = _el("w:tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            if borders:
                tbl_borders.append(_el(f"w:{side}", val="single", sz="4", space="0", color="000000"))
            else:
                tbl_borders.append(_el(f"w:{side}", val="nil"))
        _put(tblpr, tbl_borders, _TBLPR_ORDER[11:])
        _put(tblpr, _el("w:tblLayout", type="fixed"), _TBLPR_ORDER[13:])
        vertical, horizontal = pad_mm
        margins = _el("w:tblCellMar")
        for side, mm in (
            ("top", vertical),
            ("left", horizontal),
            ("bottom", vertical),
            ("right", horizontal),
        ):
            margins.append(_el(f"w:{side}", w=_twips(mm), type="dxa"))
        _put(tblpr, margins, _TBLPR_ORDER[14:])
        for col, width in zip(tbl.tblGrid.findall(qn("w:gridCol")), widths_mm, strict=True):
            col.set(qn("w:w"), _twips(width))
        for row in table.rows:
            for cell, width in zip(row.cells, widths_mm, strict=True):
                cell.width = Mm(width)
        return table

    @staticmethod
    def row_flags(row_el: BaseOxmlElement, *, cant_split: bool = False, header: bool = False) -> None:
        trpr = row_el.get_or_add_trPr()
        if cant_split:
            _put(trpr, _el("w:cantSplit"), _TRPR_ORDER[1:])
        if header:
            _put(trpr, _el("w:tblHeader"), ())

    # ------------------------------------------------------------------------------- the parts

    def build(self) -> None:
        spec = self.spec
        section = self.d.sections[0]
        self.setup_section(section, landscape=False, first=True)
        self.set_core_properties()
        self.header()
        if not _is_cong_van(spec):
            self.title_block()
        self.addressees()
        self.legal_bases()
        blocks = self.closing_blocks(spec.blocks)
        last_par = self.blocks(self.d, blocks, nd30.TEXT_WIDTH_MM)
        if last_par is not None:
            last_par.paragraph_format.keep_with_next = True
        self.signature_block()
        for appendix in spec.appendices:
            self.appendix(appendix)

    def set_core_properties(self) -> None:
        props = self.d.core_properties
        title = lay.clean_text(f"{_kind_word(self.spec)} {self.spec.subject}").strip()
        props.title = title[:255]
        props.author = lay.clean_text(self.spec.issuer)[:255]
        props.language = nd30.LANGUAGE
        props.comments = ""

    def setup_section(self, section: Section, *, landscape: bool, first: bool) -> None:
        if landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = Mm(nd30.PAGE_HEIGHT_MM), Mm(nd30.PAGE_WIDTH_MM)
        else:
            section.orientation = WD_ORIENT.PORTRAIT
            section.page_width, section.page_height = Mm(nd30.PAGE_WIDTH_MM), Mm(nd30.PAGE_HEIGHT_MM)
        section.top_margin = Mm(nd30.MARGIN_TOP_MM)
        section.bottom_margin = Mm(nd30.MARGIN_BOTTOM_MM)
        section.left_margin = Mm(nd30.MARGIN_LEFT_MM)
        section.right_margin = Mm(nd30.MARGIN_RIGHT_MM)
        section.header_distance = Mm(nd30.HEADER_DISTANCE_MM)
        section.footer_distance = Mm(nd30.FOOTER_DISTANCE_MM)
        section.gutter = Mm(0)
        section.different_first_page_header_footer = True
        if first:
            # Page numbers: top centre, from page 2 (the first-page header stays empty).
            section.first_page_header.is_linked_to_previous = False
            p = section.header.paragraphs[0]
            p.paragraph_format.alignment = CENTER
            self.page_field(p)
        else:
            # Each appendix is numbered on its own, from 1.
            _put(section._sectPr, _el("w:pgNumType", start="1"), _SECTPR_AFTER_PGNUM)

    @staticmethod
    def page_field(p: DocxParagraph) -> None:
        def fld_run(child: BaseOxmlElement) -> None:
            r = p.add_run()
            r.font.size = Pt(nd30.SIZE_PAGE_NUMBER)
            r._r.append(child)

        fld_run(_el("w:fldChar", fldCharType="begin"))
        instr = OxmlElement("w:instrText")
        instr.set(qn("xml:space"), "preserve")
        instr.text = " PAGE "
        fld_run(instr)
        fld_run(_el("w:fldChar", fldCharType="separate"))
        r = p.add_run("2")
        r.font.size = Pt(nd30.SIZE_PAGE_NUMBER)
        fld_run(_el("w:fldChar", fldCharType="end"))

    def header(self) -> None:
        spec = self.spec
        left_w, right_w = nd30.HEADER_LEFT_MM, nd30.HEADER_RIGHT_MM
        table = self.fixed_table(self.d, 2, [left_w, right_w], borders=False)
        (l1, r1), (l2, r2) = (row.cells for row in table.rows)

        if spec.parent_body:
            parent = lay.balanced_lines(lay.upper(spec.parent_body), nd30.SIZE_PARENT_BODY, left_w)
            self.par(l1, "\n".join(parent), size=nd30.SIZE_PARENT_BODY, reuse=True)
        issuer = lay.balanced_lines(lay.upper(spec.issuer), nd30.SIZE_ISSUER, left_w, bold=True)
        self.par(l1, "\n".join(issuer), size=nd30.SIZE_ISSUER, bold=True, reuse=True)
        issuer_w = lay.lines_width_mm(issuer, nd30.SIZE_ISSUER, bold=True)
        self.rule(l1, issuer_w * nd30.RULE_SHARE, left_w)

        self.par(r1, nd30.NATIONAL_NAME, size=nd30.SIZE_NATIONAL_NAME, bold=True, reuse=True)
        self.par(r1, nd30.MOTTO, size=nd30.SIZE_MOTTO, bold=True)
        self.rule(r1, lay.text_width_mm(nd30.MOTTO, nd30.SIZE_MOTTO, bold=True), right_w)

        code = "".join(lay.clean_text(spec.code).split())
        number = lay.pad_number(spec.number) if spec.number and spec.number.strip() else " " * 6
        self.par(l2, f"Số: {number}/{code}", size=nd30.SIZE_NUMBER, before=6, reuse=True)
        if _is_cong_van(spec):
            subject = lay.clean_text(spec.subject).strip()
            if subject and not subject.casefold().startswith("v/v"):
                subject = f"V/v {subject}"
            lines = lay.balanced_lines(subject, nd30.SIZE_LETTER_SUBJECT, left_w)
            self.par(l2, "\n".join(lines), size=nd30.SIZE_LETTER_SUBJECT, before=6)
        date_line = lay._date_phrase(spec.date, spec.place)
        self.par(r2, date_line, size=nd30.SIZE_DATE, italic=True, before=6, reuse=True)
        self.gap = 12.0

    def title_block(self) -> None:
        spec = self.spec
        self.par(
            self.d, lay.upper(_kind_word(spec)), size=nd30.SIZE_KIND, bold=True, before=18, keep_next=True
        )
        subject = lay.clean_text(spec.subject).strip()
        if subject:
            lines = lay.balanced_lines(subject, nd30.SIZE_SUBJECT, nd30.TEXT_WIDTH_MM, bold=True)
            self.par(self.d, "\n".join(lines), size=nd30.SIZE_SUBJECT, bold=True, keep_next=True)
            width = lay.lines_width_mm(lines, nd30.SIZE_SUBJECT, bold=True)
            self.rule(self.d, width * nd30.RULE_SHARE, nd30.TEXT_WIDTH_MM, before=7.0)
        self.gap = 12.0

    def addressees(self) -> None:
        names = [lay.clean_text(a).strip() for a in self.spec.addressees]
        names = [n.lstrip("-•+ ").strip() for n in names if n.strip("-•+ ")]
        if not names:
            return
        label = "Kính gửi:"
        if len(names) == 1:
            self.par(self.d, f"{label} {_ends(names[0], '')}", size=nd30.SIZE_BODY, before=self.take_gap())
            self.gap = 12.0
            return
        items = [f"- {_ends(n, ';')}" for n in names[:-1]] + [f"- {_ends(names[-1], '.')}"]
        label_w = lay.text_width_mm(f"{label} ", nd30.SIZE_BODY) + 1.0
        widest = max(lay.text_width_mm(item, nd30.SIZE_BODY) for item in items)
        start = max(10.0, (nd30.TEXT_WIDTH_MM - label_w - widest) / 2)
        for i, item in enumerate(items):
            p = self.par(
                self.d,
                size=nd30.SIZE_BODY,
                align=LEFT,
                before=self.take_gap(),
                left_mm=start + label_w,
                first_line_mm=-label_w if i == 0 else None,
            )
            p.paragraph_format.tab_stops.add_tab_stop(Mm(start + label_w))
            self.run(p, f"{label}\t{item}" if i == 0 else item, size=nd30.SIZE_BODY)
        self.gap = 12.0

    def legal_bases(self) -> None:
        spec = self.spec
        kind = _kind_word(spec).casefold()
        verb = _ENACTING_VERB.get(kind)
        if verb:
            self.par(
                self.d,
                _enacting_authority(spec),
                size=nd30.SIZE_BODY,
                bold=True,
                before=self.take_gap(),
                after=6,
                keep_next=True,
            )
        bases = [lay.clean_text(b).strip() for b in spec.legal_bases if lay.clean_text(b).strip()]
        for i, basis in enumerate(bases):
            self.body_par(self.d, _ends(basis, "." if i == len(bases) - 1 else ";"), italic=True)
        if verb:
            self.par(
                self.d,
                verb,
                size=nd30.SIZE_BODY,
                bold=True,
                before=self.take_gap() or 6,
                after=6,
                keep_next=True,
            )

    @staticmethod
    def closing_blocks(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
        """The body with "./." closing its last paragraph (Phụ lục III templates)."""
        if not blocks:
            return blocks
        last = blocks[-1]
        if isinstance(last, Paragraph):
            if not lay.clean_text(last.text).strip():
                return (*blocks[:-1], Paragraph(_CLOSING))
            return (*blocks[:-1], Paragraph(_with_closing(last.text), last.style))
        return (*blocks, Paragraph(_CLOSING))

    def blocks(
        self, container: DocxDocument, blocks: tuple[Block, ...], avail_mm: float
    ) -> DocxParagraph | None:
        last: DocxParagraph | None = None
        for block in blocks:
            if isinstance(block, Heading):
                last = self.heading(container, block)
            elif isinstance(block, Paragraph):
                text = lay.clean_text(block.text).strip()
                marker = {"dash": "-", "plus": "+"}.get(block.style)
                if marker and not text.startswith(marker):
                    text = f"{marker} {text}"
                last = self.body_par(container, text)
            elif isinstance(block, Table):
                self.data_table(container, block, avail_mm)
                last = None
        return last

    def heading(self, container: DocxDocument, h: Heading) -> DocxParagraph:
        label = lay.clean_text(h.label).strip().rstrip(".)")
        text = lay.clean_text(h.text).strip()
        punct = ")" if h.level >= 3 else "."
        if h.level == 1:
            text = lay.upper(text)
        prefix = f"{label}{punct} " if label else ""
        if label and re.match(rf"^{re.escape(label)}\s*[.)]", text):
            prefix = ""
        return self.body_par(
            container, f"{prefix}{text}", bold=h.level <= 2, italic=h.level >= 3, keep_next=True
        )

    def data_table(self, container: DocxDocument, t: Table, avail_mm: float) -> None:
        ncols = max([len(t.header), *(len(r) for r in t.rows), len(t.total or ())])
        if ncols == 0:
            return
        if t.caption:
            self.par(
                container,
                t.caption,
                size=nd30.SIZE_BODY,
                bold=True,
                before=self.take_gap() or 6,
                after=6,
                keep_next=True,
            )
        widths = _column_widths(t, ncols, avail_mm)
        rows: list[tuple[tuple[str, ...], bool]] = []
        if t.header:
            rows.append((t.header, True))
        rows.extend((r, False) for r in t.rows)
        if t.total:
            rows.append((t.total, True))
        table = self.fixed_table(container, len(rows), widths, borders=True, pad_mm=(0.6, 1.5))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for row_i, (values, bold) in enumerate(rows):
            row = table.rows[row_i]
            self.row_flags(row._tr, cant_split=True, header=row_i == 0 and bool(t.header))
            for col_i, cell in enumerate(row.cells):
                value = lay.clean_text(values[col_i]) if col_i < len(values) else ""
                is_header = row_i == 0 and bool(t.header)
                numeric = bool(value) and bool(_NUMERIC_RE.match(value))
                align = CENTER if (is_header or numeric or (col_i == 0 and len(value) <= 4)) else LEFT
                self.par(
                    cell, value, size=nd30.SIZE_TABLE, bold=bold, align=align, before=1, after=1, reuse=True
                )
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        self.gap = 6.0

    def signature_block(self) -> None:
        spec = self.spec
        lines = _recipient_lines(spec)
        sig = spec.signature
        if not lines and sig is None:
            return
        table = self.fixed_table(self.d, 1, [nd30.HEADER_LEFT_MM, nd30.HEADER_RIGHT_MM], borders=False)
        self.row_flags(table.rows[0]._tr, cant_split=True)
        left, right = table.rows[0].cells
        top = max(self.take_gap(), 6.0)
        if lines:
            label = self.par(left, size=nd30.SIZE_RECIPIENTS_LABEL, align=LEFT, before=top + 2, reuse=True)
            self.run(label, "Nơi nhận:", size=nd30.SIZE_RECIPIENTS_LABEL, bold=True, italic=True)
            for line in lines:
                self.par(left, line, size=nd30.SIZE_RECIPIENTS, align=LEFT)
        if sig is not None:
            for i, line in enumerate(_signature_lines(sig)):
                self.par(
                    right,
                    line,
                    size=nd30.SIZE_SIGNATURE,
                    bold=True,
                    before=top if i == 0 else 0,
                    reuse=i == 0,
                )
            name = lay.clean_text(sig.name).strip()
            self.par(
                right, name, size=nd30.SIZE_SIGNATURE, bold=True, before=nd30.SIGNATURE_GAP_PT, reuse=True
            )

    def appendix(self, appendix: Appendix) -> None:
        section = self.d.add_section(WD_SECTION.NEW_PAGE)
        self.setup_section(section, landscape=appendix.landscape, first=False)
        avail = nd30.LANDSCAPE_TEXT_WIDTH_MM if appendix.landscape else nd30.TEXT_WIDTH_MM
        label = lay.clean_text(appendix.label).strip()
        if not label.casefold().startswith("phụ lục"):
            label = f"Phụ lục {label}".strip()
        self.par(self.d, label, size=nd30.SIZE_APPENDIX_LABEL, bold=True, keep_next=True)
        title = lay.upper(appendix.title).strip()
        if title:
            self.par(self.d, title, size=nd30.SIZE_APPENDIX_TITLE, bold=True, keep_next=True)
        self.par(
            self.d,
            _appendix_reference(self.spec),
            size=nd30.SIZE_APPENDIX_REFERENCE,
            italic=True,
            keep_next=True,
        )
        width = lay.lines_width_mm(
            lay.balanced_lines(title or label, nd30.SIZE_APPENDIX_TITLE, avail, bold=True),
            nd30.SIZE_APPENDIX_TITLE,
            bold=True,
        )
        self.rule(self.d, width * nd30.RULE_SHARE, avail)
        self.gap = 12.0
        self.blocks(self.d, appendix.blocks, avail)


# --------------------------------------------------------------------------------------------
# Pure helpers (text decisions), kept apart from the XML work so they read as the decree does.


def _column_widths(t: Table, ncols: int, avail_mm: float) -> list[float]:
    if t.widths_mm and len(t.widths_mm) == ncols and all(w > 0 for w in t.widths_mm):
        widths = [float(w) for w in t.widths_mm]
        total = sum(widths)
        return [w * avail_mm / total for w in widths] if total > avail_mm else widths
    first = lay.clean_text(t.header[0]).strip().casefold() if t.header else ""
    if first in {"stt", "số tt", "tt"} and ncols > 1:
        stt = 12.0
        return [stt, *[(avail_mm - stt) / (ncols - 1)] * (ncols - 1)]
    return [avail_mm / ncols] * ncols


def _signature_lines(sig: Signature) -> list[str]:
    lines = [lay.upper(x).strip() for x in sig.lines]
    lines = [x for x in lines if x]
    if sig.authority and not sig.on_behalf_of and lines:
        # "Q. TRƯỞNG PHÒNG": the prefix goes before the only title line.
        lines[-1] = f"{sig.authority.value} {lines[-1]}"
    return lines


def _archive_unit(code: str) -> str:
    groups = [g for g in re.split(r"[-/]", "".join(code.split())) if g]
    return groups[-1] if len(groups) > 1 else ""


def _recipient_lines(doc: OfficialDocument) -> list[str]:
    """ "Nơi nhận" lines: "- X;" each, "Như trên" first when there is a Kính gửi, "Lưu: VT, …." last."""
    items = [lay.clean_text(r).strip() for r in doc.recipients]
    items = [i.lstrip("-•+ ").rstrip(";., ").strip() for i in items]
    items = [i for i in items if i]
    archive = [i for i in items if _ARCHIVE_RE.match(i)]
    others = [i for i in items if not _ARCHIVE_RE.match(i)]
    if not items and doc.signature is None:
        return []
    if doc.addressees and not any(i.casefold().startswith("như trên") for i in others):
        others.insert(0, "Như trên")
    if archive:
        line = _ARCHIVE_RE.sub("Lưu: ", archive[0], count=1)
    else:
        unit = _archive_unit(doc.code)
        line = f"Lưu: VT, {unit}" if unit else "Lưu: VT"
    items = [*others, line]
    return [f"- {_ends(i, ';')}" for i in items[:-1]] + [f"- {_ends(items[-1], '.')}"]


def _enacting_authority(doc: OfficialDocument) -> str:
    """The "THẨM QUYỀN BAN HÀNH" line: the collective, or the head's title and the body."""
    if doc.enacting_authority and doc.enacting_authority.strip():
        return lay.upper(doc.enacting_authority).strip()
    issuer = lay.upper(doc.issuer).strip()
    sig = doc.signature
    if sig is None or sig.authority is Authority.ON_BEHALF:
        return issuer
    head = lay.upper((sig.on_behalf_of if sig.authority else sig.title) or "").strip()
    if not head:
        return issuer
    last_word = head.split()[-1]
    if issuer.split()[:1] == [last_word]:
        return f"{head}{issuer[len(last_word) :]}"  # "TRƯỞNG PHÒNG" + "PHÒNG VĂN HÓA…"
    return f"{head} {issuer}"


def _appendix_reference(doc: OfficialDocument) -> str:
    """ "(Kèm theo Báo cáo số 297/BC-VHTT ngày 21 tháng 10 năm 2022 của Phòng …)"; blanks in a draft."""
    kind = "Văn bản" if _is_cong_van(doc) else _kind_word(doc)
    number = lay.pad_number(doc.number) if doc.number and doc.number.strip() else " " * 6
    symbol = f"{number}/{''.join(lay.clean_text(doc.code).split())}"
    date_part = lay._date_phrase(doc.date, None) if doc.date else "ngày      tháng      năm      "
    date_part = date_part[0].lower() + date_part[1:]
    issuer = lay.clean_text(doc.issuer).strip()
    return f"(Kèm theo {kind} số {symbol} {date_part} của {issuer})"

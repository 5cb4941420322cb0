"""The renderer's building blocks: paragraphs, runs, rules and fixed-layout tables."""

from __future__ import annotations

import io

import docx
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

from loa.docgen import layout as lay
from loa.nd30 import layout as nd30
from loa.nd30.spec import OfficialDocument

from .ooxml import (
    _PPR_AFTER_PBDR,
    _TBLPR_ORDER,
    _TRPR_ORDER,
    CENTER,
    JUSTIFY,
    _el,
    _put,
    _template_bytes,
    _twips,
)
from .text import _DIEU_RE


class _WriterBase:
    """The document being built and the primitives every part uses; the parts are mixins on it."""

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

"""The first page's top: section setup, page numbers, the header table, title, Kính gửi, căn cứ."""

from __future__ import annotations

from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import Section
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph as DocxParagraph

from loa.docgen import layout as lay
from loa.nd30 import layout as nd30

from .base import _WriterBase
from .ooxml import _SECTPR_AFTER_PGNUM, CENTER, LEFT, _el, _put
from .text import _ENACTING_VERB, _enacting_authority, _ends, _is_cong_van, _kind_word


class _LetterheadParts(_WriterBase):
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

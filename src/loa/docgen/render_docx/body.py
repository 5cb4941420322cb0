"""The body and the end: headings, paragraphs, data tables, then "Nơi nhận" beside the signature."""

from __future__ import annotations

import re

from docx.document import Document as DocxDocument
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.text.paragraph import Paragraph as DocxParagraph

from loa.docgen import layout as lay
from loa.nd30 import layout as nd30
from loa.nd30.spec import Block, Heading, Paragraph, Table

from .base import _WriterBase
from .ooxml import CENTER, LEFT
from .text import _CLOSING, _NUMERIC_RE, _column_widths, _recipient_lines, _signature_lines, _with_closing


class _BodyParts(_WriterBase):
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

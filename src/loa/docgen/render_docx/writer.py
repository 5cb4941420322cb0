"""The whole document: the parts in the order of Phụ lục I, then each appendix as its own section."""

from __future__ import annotations

from docx.enum.section import WD_SECTION

from loa.docgen import layout as lay
from loa.nd30 import layout as nd30
from loa.nd30.spec import Appendix

from .body import _BodyParts
from .letterhead import _LetterheadParts
from .text import _appendix_reference, _is_cong_van


class _Writer(_LetterheadParts, _BodyParts):
    """Builds one document; holds the python-docx object and the pending vertical gap."""

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

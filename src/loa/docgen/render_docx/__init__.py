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
from pathlib import Path

from loa.nd30.spec import OfficialDocument

from .writer import _Writer

__all__ = ["render_docx", "write_docx"]


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

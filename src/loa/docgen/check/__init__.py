"""ND30 checker: reads any DOCX (Loa's own or one made in Word) and lists what breaks Nghị định 30/2020.

:func:`check_docx` returns :class:`Violation` records with a stable ``rule`` code, a Vietnamese
message and where the problem sits ("Đoạn 12: 'Số: 7/BC-VHTT'"). :func:`main` is the command
``loa check FILE.docx [--json]``: exit 0 when clean, 1 when something is wrong, 2 when the file
cannot be read as a DOCX.

Nothing is assumed about how the file was made: the header may be a table, tab-separated lines or
text boxes; fonts and sizes are resolved the way Word does (run → character style → paragraph style
chain → document defaults, theme fonts through the theme part). A theme font that cannot be
resolved counts as unknown, not as a violation.

The file is opened defensively: it must be a ZIP of at most 50 MB uncompressed, and every XML part
is parsed first with defusedxml (no DTD, no entities) before python-docx sees it.
"""

from __future__ import annotations

from .checker import check_docx
from .cli import main
from .reading import MAX_UNCOMPRESSED_BYTES, UnreadableDocx
from .rules import RULES, Violation

__all__ = ["MAX_UNCOMPRESSED_BYTES", "RULES", "UnreadableDocx", "Violation", "check_docx", "main"]

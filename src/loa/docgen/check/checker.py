"""The whole check: every rule, in reading order, over one opened document."""

from __future__ import annotations

from pathlib import Path

from .body import _BodyRules
from .header import _HeaderRules
from .page import _PageRules
from .reading import _open
from .rules import Violation


class _Checker(_PageRules, _HeaderRules, _BodyRules):
    def run(self) -> list[Violation]:
        self.page()
        self.fonts()
        self.national_name_and_motto()
        symbol = self.number()
        self.date_line()
        self.kind_name(symbol)
        body, recipients = self.body()
        self.body_format(body)
        last = self.closing(body)
        self.recipients(recipients)
        self.signature(last)
        return self.out


def check_docx(source: str | Path | bytes) -> list[Violation]:
    """Every departure from Nghị định 30/2020 found in the DOCX at ``source`` (a path or the bytes).

    Raises :class:`UnreadableDocx` when the file is not a readable, safe DOCX.
    """
    return _Checker(_open(source)).run()

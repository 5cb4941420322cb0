"""DOCX built in the ND30 two-column layout, and the PDFs LibreOffice renders from them, read to
the record the document states."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from loa.ingest import ingest_file

from .conftest import LETTER_CITED, LETTER_RECORD, REPORT_CITED, REPORT_RECORD, REPORT_STATS


def _assert_record(got: dict[str, Any], want: dict[str, Any]) -> None:
    from loa.core.vn import caseless

    def norm(v: Any) -> Any:
        if isinstance(v, str):
            return caseless(v)
        if isinstance(v, list):
            return [norm(x) for x in v]
        return v

    wrong = {k: (got.get(k), v) for k, v in want.items() if norm(got.get(k)) != norm(v)}
    assert not wrong, wrong


@pytest.mark.parametrize("fixture", ["report_docx", "report_pdf"])
def test_report_file_reads_to_its_record(fixture: str, request: pytest.FixtureRequest) -> None:
    """A báo cáo as DOCX (header and signature in tables) and as PDF gives the same record."""
    path: Path = request.getfixturevalue(fixture)
    record = ingest_file(path).record
    _assert_record(record, REPORT_RECORD)
    assert {c["symbol"] for c in record["cited_documents"]} == REPORT_CITED
    assert {(float(s["quantity"]), s["unit"]) for s in record["statistics"]} == REPORT_STATS


@pytest.mark.parametrize("fixture", ["letter_docx", "letter_pdf"])
def test_draft_letter_file_reads_to_its_record(fixture: str, request: pytest.FixtureRequest) -> None:
    """A công văn draft (blank number and day, "V/v" under "Số") gives its record with nulls."""
    path: Path = request.getfixturevalue(fixture)
    extraction = ingest_file(path)
    _assert_record(extraction.record, LETTER_RECORD)
    assert {c["symbol"] for c in extraction.record["cited_documents"]} == LETTER_CITED
    assert "number" in extraction.warnings


def test_docx_document_has_structure(report_docx: Path) -> None:
    """The OfficialDocument read from a DOCX carries headings, dash items and the signature."""
    from loa.nd30.spec import Heading, Paragraph

    doc = ingest_file(report_docx).document
    assert doc is not None
    assert doc.kind == "Báo cáo" and doc.kind_abbr == "BC" and doc.code == "BC-VHTT" and doc.number == "297"
    assert Heading(2, "1", "Công tác chỉ đạo điều hành:") in doc.blocks
    assert any(isinstance(b, Paragraph) and b.style == "plus" for b in doc.blocks)
    assert doc.signature is not None and doc.signature.name == "Nguyễn Văn Duật"
    assert doc.blocks[-1].text.endswith("năm 2022.")

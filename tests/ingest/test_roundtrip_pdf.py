"""Every PDF Loa generates reads back into the same record as its DOCX (issue 4, item 6).

The docgen samples (report, plan with a landscape appendix, decision, letter…) and the report drafted
from the demo data are rendered to DOCX, converted by the real LibreOffice in one batch, and both
files are ingested: the records must agree, and match what was written.
"""

from __future__ import annotations

import datetime as dt

import pytest

from docgen.samples import all_samples  # tests/docgen, a sibling test package
from loa.core.actors import SYSTEM_CLI
from loa.core.periods import parse_period
from loa.core.vn import fold
from loa.docgen.render_docx import render_docx
from loa.docgen.render_pdf import docx_to_pdf_batch
from loa.ingest import ingest_file
from loa.reporting.drafting import build_unit_report

from .conftest import require_soffice

FIELDS = (
    "doc_type",
    "type_abbr",
    "number",
    "symbol",
    "issuer",
    "parent_issuer",
    "place",
    "date",
    "title",
    "recipients",
    "signer_title",
    "signer_name",
    "cited_documents",
)


@pytest.fixture
def documents(demo_world):
    docs = dict(all_samples())
    docs["demo-report"] = build_unit_report(
        user=SYSTEM_CLI,
        unit=demo_world["huongtra-vhtt"],
        period=parse_period("2022"),
        report_date=dt.date(2022, 10, 21),
    ).document
    return docs


def test_pdf_and_docx_of_every_generated_document_read_back_the_same(documents, tmp_path):
    require_soffice()
    paths = []
    for name, doc in documents.items():
        path = tmp_path / f"{name}.docx"
        path.write_bytes(render_docx(doc))
        paths.append(path)
    pdfs = docx_to_pdf_batch(paths, tmp_path / "pdf")
    assert len(pdfs) == len(paths)
    by_stem = {p.stem: p for p in pdfs}
    for (name, doc), docx_path in zip(documents.items(), paths, strict=True):
        pdf_path = by_stem[docx_path.stem]
        from_docx = ingest_file(docx_path).record
        from_pdf = ingest_file(pdf_path).record
        for field in FIELDS:
            assert from_pdf[field] == from_docx[field], (
                f"{name}.{field}: PDF {from_pdf[field]!r} ≠ DOCX {from_docx[field]!r}"
            )
        # Statistics are scored on quantity and unit; their free-text "what" follows the line breaks.
        assert [(x["quantity"], x["unit"]) for x in from_pdf["statistics"]] == [
            (x["quantity"], x["unit"]) for x in from_docx["statistics"]
        ], name
        assert from_docx["doc_type"] == doc.kind, name
        assert from_docx["number"] == (doc.number.zfill(2) if doc.number else None), (
            name
        )  # ND30 pads under 10
        assert fold(doc.subject) in fold(from_docx["title"]), name  # a công văn gains "V/v"
        assert from_docx["date"] == (doc.date.isoformat() if doc.date else None), name

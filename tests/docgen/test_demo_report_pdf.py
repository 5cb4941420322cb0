"""Visual check of the report Loa drafts from the demo data (issue 3, item 8).

The same measurements as ``test_render_pdf`` (margins in mm, header sizes, rule lengths, Nơi nhận
beside the signature), applied to ``loa report huongtra-vhtt 2022`` rather than to a hand-built
sample, and page 1 written to ``docs/images/bao-cao-demo-2022-trang-1.png`` for readers.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from loa.core.actors import SYSTEM_CLI
from loa.core.periods import parse_period
from loa.docgen.render_docx import render_docx
from loa.docgen.render_pdf import docx_to_pdf, pdf_page_count
from loa.reporting.drafting import build_unit_report

from . import test_render_pdf as visual

IMAGE = Path(__file__).resolve().parents[2] / "docs" / "images" / "bao-cao-demo-2022-trang-1.png"


@pytest.fixture
def demo_pdf(demo_world, soffice) -> bytes:
    import datetime as dt

    draft = build_unit_report(
        user=SYSTEM_CLI,
        unit=demo_world["huongtra-vhtt"],
        period=parse_period("2022"),
        report_date=dt.date(2022, 10, 21),
    )
    return docx_to_pdf(render_docx(draft.document))


def test_the_demo_report_passes_the_same_visual_checks_as_the_sample(demo_pdf, tmp_path):
    assert pdf_page_count(demo_pdf) in (1, 2), "the demo report must fit on one or two A4 pages"
    pages = visual.pages_of(demo_pdf)
    visual.test_text_sits_inside_the_nd30_margins(pages)
    for text, nth, size, style in visual.HEADER_STYLES:
        visual.test_header_and_title_sizes_and_styles(pages, text, nth, size, style)
    visual.test_issuer_motto_and_subject_rules_have_the_decree_lengths(pages)
    visual.test_number_and_date_share_a_baseline(pages)
    visual.test_recipients_sit_beside_the_signature_block(pages)
    visual.test_page_number_is_top_centre_from_page_two(pages)

    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm, "cài poppler-utils (pdftoppm) để xuất ảnh trang báo cáo"
    pdf_path = tmp_path / "bc.pdf"
    pdf_path.write_bytes(demo_pdf)
    subprocess.run(
        [
            pdftoppm,
            "-r",
            "80",
            "-png",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(pdf_path),
            str(tmp_path / "p1"),
        ],
        check=True,
        timeout=60,
    )
    IMAGE.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(tmp_path / "p1.png", IMAGE)

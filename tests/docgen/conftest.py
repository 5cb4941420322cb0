"""Fixtures shared by the docgen tests: rendered samples, and LibreOffice (required, never skipped)."""

from __future__ import annotations

import pytest

from loa.core.errors import ExternalToolError
from loa.docgen.render_docx import render_docx
from loa.docgen.render_pdf import find_soffice

from .samples import all_samples


@pytest.fixture(scope="session")
def rendered() -> dict[str, bytes]:
    """Every sample document rendered to DOCX once, by short name."""
    return {name: render_docx(doc) for name, doc in all_samples().items()}


@pytest.fixture(scope="session")
def soffice() -> str:
    """LibreOffice's path. Its absence fails the test, saying what to install."""
    try:
        return find_soffice()
    except ExternalToolError as exc:
        pytest.fail(
            f"{exc.message}\nPDF tests need LibreOffice: apt-get install libreoffice-writer-nogui "
            "fonts-liberation2 poppler-utils (or set LOA_SOFFICE to the soffice program).",
            pytrace=False,
        )

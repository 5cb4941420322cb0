"""The report use-case shared by the browser and the command line: one path to draft, render and issue,
so a report made from either records the same citations, keeps the same files and counts the same days."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.test import Client
from docx import Document as Docx

from loa.core.actors import SYSTEM_CLI
from loa.core.errors import ValidationError
from loa.core.periods import parse_period
from loa.documents.models import Citation, CitationRelation
from loa.organizations.models import Unit
from loa.reporting.models import Report, ReportStatus
from loa.reporting.producing import report_draft, report_in_preparation, report_produce, report_render

D = dt.date


def _text(data: bytes) -> str:
    doc = Docx(io.BytesIO(data))
    return "\n".join(
        [p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells]
    )


def test_a_report_issued_from_the_command_line_records_its_citations_and_queues_its_pdf(
    demo_world_unissued, tmp_path, django_capture_on_commit_callbacks
):
    """Issued by ``loa report --issue``, the report cites the plans its text names and its PDF is made
    by the worker after commit, as for one issued in the browser (the command line did neither)."""
    out = tmp_path / "bc.docx"
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        call_command(
            "report", "huongtra-vhtt", "2022", "--out", str(out), "--date", "21/10/2022", "--issue",
            stdout=io.StringIO(), stderr=io.StringIO(),
        )  # fmt: skip
    document = Report.objects.get(unit__code="huongtra-vhtt", status=ReportStatus.ISSUED).document
    cited = set(Citation.objects.filter(source=document).values_list("target__symbol", flat=True))
    assert {"4757/KH-UBND", "07/KH-VHTT", "405/KH-UBND", "170/KH-UBND", "2243/QĐ-UBND"} <= cited, cited
    relation = Citation.objects.get(source=document, target__symbol="4757/KH-UBND").relation
    assert relation == CitationRelation.IMPLEMENTS
    # The file written is the one the register keeps.
    assert out.read_bytes() == document.file.open("rb").read()
    assert not document.pdf and len(callbacks) == 1
    callbacks[0]()  # the issue committed: the worker's task runs (immediate backend in tests)
    document.refresh_from_db()
    assert document.pdf.open("rb").read(5) == b"%PDF-"


def test_issuing_returns_the_issued_files_and_the_numbered_document(demo_world_unissued):
    unit = Unit.objects.get(code="huongtra-vhtt")
    produced = report_produce(
        actor=SYSTEM_CLI,
        unit=unit,
        period=parse_period("2022"),
        report_date=D(2022, 10, 21),
        formats=["docx", "xlsx", "pdf"],
        issue=True,
    )
    assert produced.report.status == ReportStatus.ISSUED
    assert produced.document.symbol == "297/BC-VHTT"
    assert "Số: 297/BC-VHTT" in _text(produced.files["docx"])
    assert produced.files["pdf"].startswith(b"%PDF") and produced.files["xlsx"].startswith(b"PK")
    assert produced.pdf_error is None


def test_the_window_chosen_on_the_command_line_is_the_one_the_browser_shows(demo_world, tmp_path):
    """A quarter counted on calendar dates from the command line is drafted the same way on the web
    (the web used to redraft it with the default ND09 window)."""
    unit = Unit.objects.get(code="huongtra-vhtt")
    period = parse_period("2022-Q1")
    nd09 = report_draft(user=SYSTEM_CLI, unit=unit, period=period, report_date=D(2022, 3, 31))
    assert nd09.counted_to == D(2022, 3, 14)
    call_command(
        "report", unit.code, "2022-Q1", "--out", str(tmp_path / "bc.docx"), "--date", "31/03/2022",
        "--window", "calendar", stdout=io.StringIO(), stderr=io.StringIO(),
    )  # fmt: skip
    report = report_in_preparation(unit=unit, period=period)
    assert report is not None and report.window == "calendar"
    client = Client()
    assert client.login(username="canbo.vhtt", password="Loa@2022")
    response = client.get(f"/don-vi/{unit.code}/bao-cao/?ky=2022-Q1")
    assert response.status_code == 200
    assert response.context["draft"].counted_to == D(2022, 3, 31)


def test_an_unknown_format_is_refused(demo_world_unissued):
    unit = Unit.objects.get(code="huongtra-vhtt")
    period = parse_period("2022")
    draft = report_draft(user=SYSTEM_CLI, unit=unit, period=period)
    with pytest.raises(ValidationError) as info:
        report_render(user=SYSTEM_CLI, unit=unit, period=period, draft=draft, fmt="odt")
    assert info.value.code == "reports.format"
    with pytest.raises(ValidationError):
        report_produce(actor=SYSTEM_CLI, unit=unit, period=period, formats=["docx", "odt"])
    assert not Report.objects.filter(unit=unit).exists(), "nothing is opened for a request that cannot be met"


def test_without_libreoffice_the_other_files_are_made_and_the_pdf_error_is_returned(
    demo_world, monkeypatch, tmp_path
):
    monkeypatch.setenv("LOA_SOFFICE", str(tmp_path / "khong-co-soffice"))
    produced = report_produce(
        actor=SYSTEM_CLI,
        unit=Unit.objects.get(code="huongtra-vhtt"),
        period=parse_period("2022"),
        formats=["docx", "pdf"],
    )
    assert set(produced.files) == {"docx"}
    assert produced.pdf_error is not None and produced.pdf_error.code == "docgen.soffice_missing"

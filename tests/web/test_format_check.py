"""Upload a DOCX in the browser and see its departures from Nghị định 30."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document as Docx
from docx.shared import Mm

from loa.docgen.render_docx import render_docx


@pytest.fixture
def user(client, demo_world):
    client.login(username="canbo.vhtt", password="Loa@2022")
    return client


def _docx(doc) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_a_generated_report_has_no_violations(user, tmp_path):
    from docgen.samples import founding_report

    response = user.post(
        reverse("web:format_check"), {"file": SimpleUploadedFile("bc.docx", render_docx(founding_report()))}
    )
    assert "không phát hiện lỗi thể thức" in response.content.decode()


def test_a_calibri_file_with_narrow_margins_is_flagged(user):
    doc = Docx()
    doc.sections[0].left_margin = Mm(10)
    doc.add_paragraph("Số: 7/BC-VHTT")
    response = user.post(reverse("web:format_check"), {"file": SimpleUploadedFile("sai.docx", _docx(doc))})
    html = response.content.decode()
    assert "điểm chưa đúng thể thức" in html
    for rule in ("nd30.margins", "nd30.national_name", "nd30.number_zero"):
        assert f'data-rule="{rule}"' in html, rule


def test_a_file_that_is_not_a_docx_gets_a_clear_message(user):
    response = user.post(reverse("web:format_check"), {"file": SimpleUploadedFile("bc.docx", b"not a zip")})
    assert response.status_code == 200
    assert 'class="field has-error"' in response.content.decode()
    response = user.post(reverse("web:format_check"), {"file": SimpleUploadedFile("bc.pdf", b"%PDF-1.4")})
    assert "Chỉ nhận tệp .docx" in response.content.decode()

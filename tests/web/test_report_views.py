"""The report page: preview from data, reworded paragraphs kept with the report, downloads, issuing."""

import io

import pytest
from django.urls import reverse
from docx import Document as Docx
from openpyxl import load_workbook

from loa.reporting.models import Report


def _url(name, *args, ky="2022"):
    return reverse(name, args=["huongtra-vhtt", *args]) + f"?ky={ky}"


def _docx_text(data: bytes) -> str:
    doc = Docx(io.BytesIO(data))
    return "\n".join(
        [p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells]
    )


@pytest.fixture
def officer(client, demo_world_unissued):
    assert client.login(username="canbo.vhtt", password="Loa@2022")
    return client


def test_the_preview_shows_the_drafted_report_and_its_figures(officer):
    html = officer.get(_url("web:report_workspace")).content.decode()
    assert "BÁO CÁO" in html and "Công tác tuyên truyền cải cách hành chính năm 2022" in html
    assert "Thực hiện Kế hoạch số 4757/KH-UBND" in html
    assert "02 tin, bài" in html and "01 cụm pano" in html
    assert not Report.objects.filter(unit__code="huongtra-vhtt").exists()  # looking creates nothing


def test_a_past_period_is_dated_its_last_day_on_the_page_and_when_saved(officer):
    """Without a date chosen, the 2022 report is dated 31/12/2022, not the day it is opened."""
    html = officer.get(_url("web:report_workspace")).content.decode()
    assert 'value="31/12/2022"' in html
    officer.post(_url("web:report_workspace"), {"ky": "2022", "report_date": ""})
    report = Report.objects.get(unit__code="huongtra-vhtt", period="2022")
    assert report.report_date.isoformat() == "2022-12-31"


def test_reworded_paragraphs_are_kept_and_go_into_the_docx(officer):
    response = officer.post(
        _url("web:report_workspace"),
        {
            "ky": "2022",
            "report_date": "21/10/2022",
            "doan_s2.extra": "Phối hợp với Trung tâm Văn hóa, Thông tin và Thể thao làm mới pano.",
            "doan_assessment": "Công tác tuyên truyền được quan tâm; số tin, bài còn ít.",
        },
    )
    assert response.status_code == 302
    report = Report.objects.get(unit__code="huongtra-vhtt", period="2022")
    assert report.narrative["assessment"].startswith("Công tác tuyên truyền")
    html = officer.get(_url("web:report_workspace")).content.decode()
    assert "đã sửa" in html
    text = _docx_text(officer.get(_url("web:report_download", "docx")).content)
    assert "Phối hợp với Trung tâm Văn hóa" in text
    assert "Đánh giá chung" in text and "số tin, bài còn ít" in text
    assert "Hương Trà, ngày 21 tháng 10 năm 2022" in text


def test_the_annex_downloads_as_a_workbook_with_the_figures(officer):
    response = officer.get(_url("web:report_download", "xlsx"))
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [c for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert "Tin, bài trên Cổng/Trang thông tin điện tử" in values


def test_the_page_offers_both_annexes_and_biểu_02_downloads_by_content_area(officer):
    html = officer.get(_url("web:report_workspace")).content.decode()
    assert "Tải Biểu 01 (Excel)" in html and "Tải Biểu 02 (Excel)" in html
    response = officer.get(_url("web:report_download", "bieu-02"))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('-bieu-02.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    text = " ".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row if c is not None)
    assert "Biểu 02" in text or "BIỂU 02" in text.upper()
    assert officer.get(_url("web:report_download", "bieu-03")).status_code == 404


def test_a_bad_period_is_not_found(officer):
    assert officer.get(_url("web:report_workspace", ky="2022-Q9")).status_code == 404


def test_an_unchanged_paragraph_is_not_stored_so_it_follows_the_data(officer):
    html = officer.get(_url("web:report_workspace")).content.decode()
    assert "Thực hiện Kế hoạch số 4757/KH-UBND" in html.split("Sửa nội dung", 1)[1]  # prefilled for editing
    officer.post(
        _url("web:report_workspace"),
        {
            "ky": "2022",
            "report_date": "21/10/2022",
            "doan_closing": "Trên đây là báo cáo./.",
            "doan_opening": "",
        },
    )
    report = Report.objects.get(unit__code="huongtra-vhtt", period="2022")
    assert report.narrative == {"closing": "Trên đây là báo cáo./."}

"""Heavy Excel files: refused within a budget with a Vietnamese message, never a worker held for minutes.

The probe's 615 KB workbook held a web worker 120 s: a content-area cell of many comma-separated
parts was split by trying every run of parts (cubic). Both the cause and the lack of a budget are
tested here, through the service and through the web page.
"""

from __future__ import annotations

import io
import time

import openpyxl
import pytest
from django.urls import reverse

from loa.activities.importers.xlsx import activities_import
from loa.activities.models import Activity
from loa.core.errors import ValidationError

HEADERS = ["Ngày thực hiện", "Hình thức tuyên truyền", "Tên hoạt động", "Số lượng", "Nội dung CCHC"]


def _workbook(rows: list[list[object]]) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Hoạt động"
    ws.append(HEADERS)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.fixture
def unit(make_unit):
    return make_unit("Phòng Văn hóa thử", code="vh-thu")


@pytest.fixture
def officer(make_user, unit):
    return make_user(unit, "officer")


def test_a_cell_naming_hundreds_of_areas_is_checked_in_a_moment(unit, officer, channels, areas):
    parts = ", ".join(f"nội dung lạ {i}" for i in range(2000))  # ~36 KB in one cell
    data = _workbook([["21/10/2022", "PORTAL", "Tin bài", 1, parts]])
    started = time.monotonic()
    result = activities_import(actor=officer, unit=unit, data=data, dry_run=True)
    assert time.monotonic() - started < 15
    reasons = [p.reason for p in result.problems]
    assert reasons[0] == "Không có nội dung CCHC «nội dung lạ 0» trong danh mục."
    assert len(reasons) == 20  # the cell stops at 20 unknown areas


def test_an_import_over_its_time_budget_is_refused_in_vietnamese_and_saves_nothing(
    unit, officer, channels, settings
):
    settings.LOA_IMPORT_SECONDS = 0.3
    data = _workbook([["21/10/2022", "PORTAL", f"Tin bài {i}", 1, None] for i in range(5_000)])
    started = time.monotonic()
    with pytest.raises(ValidationError) as caught:
        activities_import(actor=officer, unit=unit, data=data)
    assert time.monotonic() - started < 10
    assert caught.value.code == "activities.import_too_complex"
    assert caught.value.message.startswith("Tệp này quá lớn hoặc quá phức tạp để đọc")
    assert not Activity.objects.exists()


def test_the_web_page_shows_the_budget_message_not_an_error_page(
    client, unit, officer, channels, settings, django_capture_on_commit_callbacks
):
    settings.LOA_IMPORT_SECONDS = 0.3
    client.force_login(officer)
    upload = io.BytesIO(_workbook([["21/10/2022", "PORTAL", f"Tin bài {i}", 1, None] for i in range(5_000)]))
    upload.name = "hoat-dong.xlsx"
    with django_capture_on_commit_callbacks(execute=True):  # the worker checks the file
        response = client.post(reverse("web:activity_import"), {"unit": "vh-thu", "file": upload})
    assert response.status_code == 302
    response = client.get(response.url)
    body = response.content.decode()
    assert response.status_code == 200
    assert "quá lớn hoặc quá phức tạp để đọc" in body and "Chạy lại" in body
    assert not Activity.objects.exists()
    # The file is kept for "Chạy lại": with a budget that suffices, the same upload is imported.
    settings.LOA_IMPORT_SECONDS = 120
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(response.request["PATH_INFO"], {"chay_lai": "1"})
    assert "Đã nhập 5000 hoạt động" in client.get(response.url).content.decode()
    assert Activity.objects.count() == 5_000

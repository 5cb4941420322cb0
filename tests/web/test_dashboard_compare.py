"""Comparing with any earlier year (issue 12, "done when"): a post-2025 ward compares this year with
the 2022 work of the communes it came from — on the dashboard, in its XLSX, in ``loa stats`` and in
the API (tests/api/test_stats_compare.py) — and a year that cannot be compared with is refused with a message, never a 500."""

from __future__ import annotations

import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from loa.core.periods import parse_period

WARD = "phuong-huong-tra"


def _cells(html: str, kind: str) -> dict[str, str]:
    return dict(re.findall(rf'<tr data-channel="([A-Z_]+)">.*?<td class="num {kind}">([\d.]+)', html, re.S))


@pytest.fixture
def ward(client, demo_world):
    client.login(username="canbo.phuonghuongtra", password="Loa@2022")
    return client


def test_the_period_moves_to_any_earlier_year():
    assert parse_period("2026-Q1").in_year(2022) == parse_period("2022-Q1")
    assert parse_period("2026").in_year(2022) == parse_period("2022")
    assert parse_period("2021-2025").in_year(2016) == parse_period("2016-2020")


@pytest.mark.django_db
def test_the_ward_compares_2026_with_its_predecessors_2022(ward):
    url = reverse("web:unit_dashboard", args=[WARD])
    html = ward.get(url, {"ky": "2026", "so_sanh": "2022"}).content.decode()
    assert '<th scope="col" class="num">Cùng kỳ năm 2022</th>' in html
    assert "Cùng kỳ năm 2022 tính theo các đơn vị tiền thân" in html
    assert '<option value="2022" selected>cùng kỳ năm 2022</option>' in html
    # The column is the ward's 2022 as its own 2022 page shows it (through its predecessors).
    compared = _cells(html, "previous")
    own_2022 = _cells(ward.get(url, {"ky": "2022"}).content.decode(), "actual")
    assert compared and {k: v for k, v in compared.items() if v != "0"} == own_2022
    # The chart says it too, and the XLSX of the channel table carries the same column.
    assert "so với cùng kỳ năm 2022" in html
    xlsx = ward.get(
        reverse("web:unit_chart_xlsx", args=[WARD]), {"ky": "2026", "so_sanh": "2022", "loai": "kenh"}
    )
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    header = [c.value for c in sheet[3]]
    assert "Cùng kỳ năm 2022" in header


@pytest.mark.django_db
def test_the_default_stays_last_year(ward):
    html = ward.get(reverse("web:unit_dashboard", args=[WARD]), {"ky": "2026"}).content.decode()
    assert '<th scope="col" class="num">Cùng kỳ năm trước</th>' in html
    assert '<option value="2025" selected>cùng kỳ năm trước (2025)</option>' in html


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["2026", "2030", "abc", "99999999999999999999"])
def test_a_year_that_cannot_be_compared_with_is_a_message_not_a_500(ward, value):
    response = ward.get(reverse("web:unit_dashboard", args=[WARD]), {"ky": "2026", "so_sanh": value})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Năm so sánh" in html and '<th scope="col" class="num">Cùng kỳ năm trước</th>' in html

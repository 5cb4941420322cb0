"""ND30 constants and the small measures the renderer relies on."""

from __future__ import annotations

import datetime as dt

import pytest

from loa.docgen import layout as lay
from loa.nd30 import layout as nd30


@pytest.mark.parametrize(
    ("day", "place", "expected"),
    [
        (dt.date(2020, 1, 5), "Hà Nội", "Hà Nội, ngày 05 tháng 01 năm 2020"),
        (dt.date(2019, 6, 29), "Thành phố Hồ Chí Minh", "Thành phố Hồ Chí Minh, ngày 29 tháng 6 năm 2019"),
        (dt.date(2022, 10, 21), "Hương Trà", "Hương Trà, ngày 21 tháng 10 năm 2022"),
        (dt.date(2023, 2, 3), "Hương Trà", "Hương Trà, ngày 03 tháng 02 năm 2023"),
        (dt.date(2023, 3, 9), "Huế", "Huế, ngày 09 tháng 3 năm 2023"),
    ],
)
def test_date_line_puts_leading_zero_on_days_under_ten_and_on_january_february_only(day, place, expected):
    assert lay._date_phrase(day, place) == expected


def test_date_line_of_a_draft_leaves_day_month_year_blank():
    line = lay._date_phrase(None, "Hương Trà")
    assert line.startswith("Hương Trà, ngày ")
    assert "tháng" in line and "năm" in line
    assert not any(ch.isdigit() for ch in line)


@pytest.mark.parametrize(
    ("raw", "printed"), [("7", "07"), ("07", "07"), ("297", "297"), (" 5 ", "05"), ("10", "10")]
)
def test_numbers_under_ten_take_a_leading_zero(raw, printed):
    assert lay.pad_number(raw) == printed


def test_text_width_matches_times_new_roman_metrics():
    # Measured once in Word: the national name at 12 pt bold is about 87.7 mm wide.
    assert lay.text_width_mm(nd30.NATIONAL_NAME, 12, bold=True) == pytest.approx(87.7, abs=0.5)
    assert lay.text_width_mm(nd30.MOTTO, 13, bold=True) == pytest.approx(56.1, abs=0.5)


def test_national_name_fits_the_right_header_column():
    assert lay.text_width_mm(nd30.NATIONAL_NAME, nd30.SIZE_NATIONAL_NAME, bold=True) < nd30.HEADER_RIGHT_MM


def test_balanced_lines_break_a_council_name_as_a_clerk_does():
    lines = lay.balanced_lines("ỦY BAN NHÂN DÂN THỊ XÃ HƯƠNG TRÀ", 13, nd30.HEADER_LEFT_MM, bold=True)
    assert lines == ["ỦY BAN NHÂN DÂN", "THỊ XÃ HƯƠNG TRÀ"]


def test_balanced_lines_keep_a_short_name_on_one_line():
    assert lay.balanced_lines("PHÒNG NỘI VỤ", 13, nd30.HEADER_LEFT_MM, bold=True) == ["PHÒNG NỘI VỤ"]


def test_clean_text_normalises_to_nfc_and_drops_characters_xml_cannot_carry():
    nfd = "Ho\u0300a\x00\x0b\r\nx"
    assert lay.clean_text(nfd) == "Hòa\nx"


def test_margins_chosen_sit_inside_the_decree_ranges():
    chosen = {
        "top": nd30.MARGIN_TOP_MM,
        "bottom": nd30.MARGIN_BOTTOM_MM,
        "left": nd30.MARGIN_LEFT_MM,
        "right": nd30.MARGIN_RIGHT_MM,
    }
    for side, value in chosen.items():
        low, high = nd30.MARGIN_RANGES_MM[side]
        assert low <= value <= high

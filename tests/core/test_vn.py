"""Vietnamese text helpers: one meaning of "the same text" and "the same date" everywhere."""

from __future__ import annotations

import random
import unicodedata
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from loa.core.vn import (
    caseless,
    collapse_ws,
    date_phrase,
    fold,
    group_number,
    nfc,
    normalise_tone,
    parse_vn_date,
    screen_date,
    search_key,
    sort_key,
)

VIETNAMESE_LETTERS = (
    "aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụưừửữứựvxyỳỷỹýỵ"
)
vietnamese_text = st.text(
    alphabet=st.sampled_from(VIETNAMESE_LETTERS + VIETNAMESE_LETTERS.upper() + " \t\n"), max_size=40
)
vietnamese_word = st.text(alphabet=st.sampled_from(VIETNAMESE_LETTERS), min_size=1, max_size=8)
report_dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2199, 12, 31))


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# --- nfc ---------------------------------------------------------------------------------------


def test_decomposed_text_becomes_composed() -> None:
    assert nfc(nfd("Cộng hòa xã hội chủ nghĩa Việt Nam")) == "Cộng hòa xã hội chủ nghĩa Việt Nam"


def test_a_tone_typed_before_the_letter_mark_still_composes() -> None:
    # "a" + sắc + mũ, as some old keyboards send it, is "ấ".
    assert nfc("a\u0301\u0302") == "ấ"
    assert nfc("Vie\u0323\u0302t") == "Việt"


def test_a_mark_detached_by_a_space_rejoins_its_letter() -> None:
    assert nfc("hoa \u0300") == "hoà"


def test_ordinary_spaces_and_punctuation_are_kept() -> None:
    assert nfc("Số: 297/BC-VHTT ,  ngày") == "Số: 297/BC-VHTT ,  ngày"


@given(st.text())
def test_nfc_output_is_always_in_nfc(text: str) -> None:
    assert unicodedata.is_normalized("NFC", nfc(text))


@given(st.text())
def test_nfc_is_idempotent(text: str) -> None:
    assert nfc(nfc(text)) == nfc(text)


@given(vietnamese_text)
def test_nfc_of_vietnamese_text_is_plain_unicode_nfc(text: str) -> None:
    assert nfc(nfd(text)) == unicodedata.normalize("NFC", text)


# --- normalise_tone ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("hoá", "hóa"),
        ("hoà", "hòa"),
        ("hoả", "hỏa"),
        ("hoạ", "họa"),
        ("toả", "tỏa"),
        ("khoẻ", "khỏe"),
        ("xoè", "xòe"),
        ("thuỷ", "thủy"),
        ("uỷ", "ủy"),
        ("tuỳ", "tùy"),
        ("luỹ", "lũy"),
        ("HOÁ", "HÓA"),
        ("THUỶ", "THỦY"),
        ("Uỷ ban", "Ủy ban"),
        ("Phòng Văn hoá và Thông tin", "Phòng Văn hóa và Thông tin"),
    ],
)
def test_old_tone_placement_becomes_new(old: str, new: str) -> None:
    assert normalise_tone(old) == new


@pytest.mark.parametrize(
    "word",
    ["quý", "QUÝ", "Quỳnh", "quỹ", "hoạch", "HOẠCH", "toán", "thuyền", "ngoài", "khuỷu", "ngoẹo", "quà"],
)
def test_syllables_where_both_styles_agree_are_left_alone(word: str) -> None:
    assert normalise_tone(word) == word


def test_decomposed_old_style_is_normalised_too() -> None:
    assert normalise_tone(nfd("Văn hoá")) == "Văn hóa"


@given(vietnamese_text)
def test_tone_normalising_only_moves_marks(text: str) -> None:
    assert fold(normalise_tone(text)) == fold(text)


@given(vietnamese_text)
def test_tone_normalising_is_idempotent(text: str) -> None:
    once = normalise_tone(text)
    assert normalise_tone(once) == once


@given(
    onset=st.sampled_from(["", "h", "t", "kh", "th", "l", "x", "ng", "H", "TH"]),
    cluster=st.sampled_from(["oa", "oe", "uy"]),
    tone=st.sampled_from(["\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]),
)
def test_both_placements_of_an_open_syllable_normalise_alike(onset: str, cluster: str, tone: str) -> None:
    old = nfc(onset + cluster + tone)
    new = nfc(onset + cluster[0] + tone + cluster[1])
    assert normalise_tone(old) == normalise_tone(new) == new


# --- fold / search_key / caseless --------------------------------------------------------------


def test_fold_matches_a_heading_typed_without_accents() -> None:
    assert fold("KẾ HOẠCH Tuyên truyền") == fold("ke hoach tuyen truyen") == "ke hoach tuyen truyen"


def test_fold_reads_d_bar_as_d() -> None:
    assert fold("Đảng ủy ĐÔNG ĐÔ") == "dang uy dong do"


def test_fold_reads_the_eth_of_old_font_conversions_as_d() -> None:
    assert fold("Ðà Nẵng") == "da nang"


def test_fold_collapses_whitespace() -> None:
    assert fold("  Ủy   ban\tnhân\u00a0dân\n") == "uy ban nhan dan"


def test_fold_makes_old_and_new_tone_placement_equal() -> None:
    assert fold("Văn hoá") == fold("Văn hóa")


def test_search_key_is_the_fold() -> None:
    assert search_key("Phòng Văn hoá và Thông tin") == fold("phong van hoa va thong tin")


def test_caseless_ignores_case_and_tone_placement_but_keeps_accents() -> None:
    assert caseless("VĂN HOÁ") == caseless("văn hóa") == "văn hóa"
    assert caseless("hòa") != caseless("hoa")


@given(vietnamese_text)
def test_fold_of_vietnamese_text_is_plain_ascii(text: str) -> None:
    assert fold(text).isascii()


@given(vietnamese_text)
def test_fold_ignores_case_and_unicode_form(text: str) -> None:
    assert fold(text.upper()) == fold(text) == fold(nfd(text))


@given(st.text())
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


# --- sort_key ----------------------------------------------------------------------------------

ALPHABET = "a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y".split()


def test_letters_sort_in_vietnamese_alphabet_order() -> None:
    shuffled = ALPHABET[:]
    random.Random(30).shuffle(shuffled)
    assert sorted(shuffled, key=sort_key) == ALPHABET


@given(st.permutations(ALPHABET))
def test_any_order_of_the_alphabet_sorts_back(letters: list[str]) -> None:
    assert sorted(letters, key=sort_key) == ALPHABET


def test_tones_sort_after_base_letters_in_dictionary_order() -> None:
    words = ["bác", "bạ", "bá", "bã", "bả", "bà", "ba"]
    assert sorted(words, key=sort_key) == ["ba", "bà", "bả", "bã", "bá", "bạ", "bác"]


def test_d_bar_sorts_between_d_and_e_not_after_z() -> None:
    provinces = ["Gia Lai", "Đồng Nai", "Zeta", "Điện Biên", "Dương Minh", "Đà Nẵng", "Cà Mau"]
    assert sorted(provinces, key=sort_key) == [
        "Cà Mau",
        "Dương Minh",
        "Đà Nẵng",
        "Điện Biên",
        "Đồng Nai",
        "Gia Lai",
        "Zeta",
    ]


def test_lower_case_sorts_before_upper_case_of_the_same_word() -> None:
    assert sorted(["Hòa", "hòa"], key=sort_key) == ["hòa", "Hòa"]


def test_vowel_letters_outrank_tones() -> None:
    # "ơ" is a different letter from "o"; "ó" is "o" with a tone.
    assert sorted(["cơ", "có", "cô", "co"], key=sort_key) == ["co", "có", "cô", "cơ"]


def test_shorter_word_sorts_first() -> None:
    assert sorted(["hoàng", "hoa", "hòa"], key=sort_key) == ["hoa", "hòa", "hoàng"]


@given(vietnamese_text)
def test_sort_key_ignores_unicode_form_and_tone_placement(text: str) -> None:
    assert sort_key(nfd(text)) == sort_key(text) == sort_key(normalise_tone(text))


@given(st.lists(vietnamese_word, max_size=8))
def test_words_sort_the_same_whatever_their_input_order(words: list[str]) -> None:
    assert sorted(words, key=sort_key) == sorted(reversed(words), key=sort_key)


# --- dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2020, 1, 5), "ngày 05 tháng 01 năm 2020"),
        (date(2019, 6, 29), "ngày 29 tháng 6 năm 2019"),
        (date(2022, 10, 21), "ngày 21 tháng 10 năm 2022"),
        (date(2022, 3, 5), "ngày 05 tháng 3 năm 2022"),
        (date(2022, 2, 10), "ngày 10 tháng 02 năm 2022"),
        (date(2022, 12, 1), "ngày 01 tháng 12 năm 2022"),
    ],
)
def test_date_phrase_follows_nd30(day: date, expected: str) -> None:
    assert date_phrase(day) == expected


def test_date_phrase_starts_with_the_place_and_a_comma() -> None:
    assert date_phrase(date(2022, 10, 21), "Hương Trà") == "Hương Trà, ngày 21 tháng 10 năm 2022"
    assert date_phrase(date(2020, 1, 5), place="Hà Nội") == "Hà Nội, ngày 05 tháng 01 năm 2020"


def test_a_blank_place_is_left_out() -> None:
    assert date_phrase(date(2022, 10, 21), "  ") == "ngày 21 tháng 10 năm 2022"


def test_place_name_is_normalised() -> None:
    assert date_phrase(date(2022, 10, 21), nfd(" Hương  Trà ")) == "Hương Trà, ngày 21 tháng 10 năm 2022"


@given(report_dates)
def test_days_under_ten_get_a_leading_zero(day: date) -> None:
    words = date_phrase(day).split()
    assert words[1] == f"{day.day:02d}"


@given(report_dates)
def test_only_january_and_february_get_a_leading_zero(day: date) -> None:
    month = date_phrase(day).split()[3]
    assert month == (f"0{day.month}" if day.month <= 2 else str(day.month))


@given(report_dates, st.sampled_from([None, "Hương Trà", "Thành phố Hồ Chí Minh", "Quận 1"]))
def test_a_date_phrase_reads_back_as_its_date(day: date, place: str | None) -> None:
    assert parse_vn_date(date_phrase(day, place)) == day


def test_screen_date_is_day_month_year_with_slashes() -> None:
    assert screen_date(date(2022, 10, 21)) == "21/10/2022"
    assert screen_date(date(2022, 3, 5)) == "05/03/2022"


@given(report_dates)
def test_a_screen_date_reads_back_as_its_date(day: date) -> None:
    assert parse_vn_date(screen_date(day)) == day


@pytest.mark.parametrize(
    "text",
    [
        "27/12/2021",
        "27-12-2021",
        "27.12.2021",
        "ngày 27 tháng 12 năm 2021",
        "27 tháng 12 năm 2021",
        "NGÀY 27 THÁNG 12 NĂM 2021",
        "ngay 27 thang 12 nam 2021",
        "Hương Trà, ngày 27 tháng 12 năm 2021",
        "ngày  27  tháng 12 năm 2021",
        "2021-12-27",
    ],
)
def test_parse_vn_date_reads_the_usual_spellings(text: str) -> None:
    assert parse_vn_date(text) == date(2021, 12, 27)


def test_parse_vn_date_reads_day_before_month() -> None:
    assert parse_vn_date("4/5/2022") == date(2022, 5, 4)


def test_parse_vn_date_reads_decomposed_text() -> None:
    assert parse_vn_date(nfd("Cần Thơ, ngày 21 tháng  01  năm 2010")) == date(2010, 1, 21)


def test_parse_vn_date_takes_the_date_after_a_symbol() -> None:
    # The year segment of a symbol must not be read as part of a date.
    assert parse_vn_date("Quyết định số 30/2018/QĐ-UBND ngày 09/10/2018") == date(2018, 10, 9)


def test_parse_vn_date_skips_an_impossible_date() -> None:
    assert parse_vn_date("31/02/2022, sửa lại 28/02/2022") == date(2022, 2, 28)


@pytest.mark.parametrize(
    "text",
    ["", "không có ngày", "31/02/2022", "13/13/2022", "27/12/21", "27/12-2021", "ngày 32 tháng 1 năm 2022"],
)
def test_parse_vn_date_returns_none_without_a_valid_date(text: str) -> None:
    assert parse_vn_date(text) is None


# --- collapse_ws -------------------------------------------------------------------------------


def test_collapse_ws_makes_every_run_of_whitespace_one_space() -> None:
    assert collapse_ws("  Báo\tcáo \n\n số\u00a0297  ") == "Báo cáo số 297"


@given(st.text())
def test_collapsed_text_has_no_double_or_edge_spaces(text: str) -> None:
    collapsed = collapse_ws(text)
    assert "  " not in collapsed
    assert collapsed == collapsed.strip()
    assert collapsed.split() == text.split()


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (5000, "5.000"),
        (0, "0"),
        (999, "999"),
        (1000, "1.000"),
        (-1234567, "-1.234.567"),
        (12.5, "12,5"),
        (1234.25, "1.234,25"),
        (3.0, "3"),
        ("5000", "5.000"),
        (None, ""),
        ("", ""),
        ("—", "—"),
    ],
)
def test_numbers_are_grouped_by_dots_as_vietnamese_write_them(value, shown) -> None:
    assert group_number(value) == shown

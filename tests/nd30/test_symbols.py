"""Number and symbol (số, ký hiệu): reading damaged real symbols, writing the ND30 canonical form."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from loa.core.errors import ValidationError
from loa.nd30.kinds import ALL_KINDS as KIND_TABLE
from loa.nd30.symbols import (
    Symbol,
    abbr_for_kind,
    format_symbol,
    kind_for_abbr,
    normalise_symbol,
    parse_symbol,
)

ALL_KINDS = sorted({kind.abbr for kind in KIND_TABLE if kind.abbr is not None})
REAL_ISSUERS = ["UBND", "VHTT", "BNV-VP", "SNV-CCHC&PC", "PGD&ĐT-THCS", "CP", "TTg", "QH15", "SGDĐT-GDTrH"]
DASHES = ["-", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2212"]


# --- canonical symbols -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4757/KH-UBND", Symbol(number="4757", kind_abbr="KH", issuer_code="UBND")),
        ("30/2018/QĐ-UBND", Symbol(number="30", year="2018", kind_abbr="QĐ", issuer_code="UBND")),
        ("09-NQ/TU", Symbol(number="09", kind_abbr="NQ", issuer_code="TU", party=True)),
        ("05/BNV-VP", Symbol(number="05", issuer_code="BNV-VP")),
        ("278/PGD&ĐT-THCS", Symbol(number="278", issuer_code="PGD&ĐT-THCS")),
        ("297/BC-VHTT", Symbol(number="297", kind_abbr="BC", issuer_code="VHTT")),
        ("1961/QĐ-UBND", Symbol(number="1961", kind_abbr="QĐ", issuer_code="UBND")),
        ("67/TTr-UBND", Symbol(number="67", kind_abbr="TTr", issuer_code="UBND")),
        ("15/2020/NĐ-CP", Symbol(number="15", year="2020", kind_abbr="NĐ", issuer_code="CP")),
        ("01/2023/TT-BNV", Symbol(number="01", year="2023", kind_abbr="TT", issuer_code="BNV")),
        ("/BC-VHTT", Symbol(number=None, kind_abbr="BC", issuer_code="VHTT")),
        ("42/2024/QH15", Symbol(number="42", year="2024", issuer_code="QH15")),
        ("30c/NQ-CP", Symbol(number="30c", kind_abbr="NQ", issuer_code="CP")),
        ("2231/SNV-CCHC&PC", Symbol(number="2231", issuer_code="SNV-CCHC&PC")),
        ("05/2024/L-CTN", Symbol(number="05", year="2024", kind_abbr="L", issuer_code="CTN")),
    ],
)
def test_canonical_symbols_parse_into_their_parts_and_format_back(text: str, expected: Symbol) -> None:
    assert parse_symbol(text) == expected
    assert format_symbol(expected) == text
    assert str(expected) == text


@pytest.mark.parametrize(
    ("damaged", "canonical"),
    [
        # As printed in tests/fixtures/examples/docs (web captures, PDF text layers, Word 97 files).
        ("4757 /KH-UBND", "4757/KH-UBND"),
        ("1406 /QĐ-UBND", "1406/QĐ-UBND"),
        ("67 /TTr - UBND", "67/TTr-UBND"),
        ("1961/QĐUBND", "1961/QĐ-UBND"),
        ("2468/QĐUBND", "2468/QĐ-UBND"),
        ("01/2018/TTVPCP", "01/2018/TT-VPCP"),
        ("61/2018/NĐCP", "61/2018/NĐ-CP"),
        ("10/2007/QĐ_BKHCN", "10/2007/QĐ-BKHCN"),
        ("1635/SGDĐT- GDTrH", "1635/SGDĐT-GDTrH"),
        ("Số:1629 /SCT-CN", "1629/SCT-CN"),
        ("Số:09/2010/QĐ-UBND", "09/2010/QĐ-UBND"),
        ("Số:   278/PGD&ĐT-THCS", "278/PGD&ĐT-THCS"),
        ("Số:         /SCT-CN", "/SCT-CN"),
        ("số 07/KH-VHTT", "07/KH-VHTT"),
        ("12/QĐ – UBND", "12/QĐ-UBND"),
    ],
)
def test_damaged_real_symbols_are_repaired(damaged: str, canonical: str) -> None:
    assert normalise_symbol(damaged) == canonical


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("7/KH-UBND", "07/KH-UBND"),
        ("007/KH-UBND", "07/KH-UBND"),
        ("SỐ: 5/BNV-VP", "05/BNV-VP"),
        ("So: 5/BNV-VP", "05/BNV-VP"),
        ("12/QĐ—UBND", "12/QĐ-UBND"),
        ("12/QĐ\u2011UBND", "12/QĐ-UBND"),
        ("12／QĐ-UBND", "12/QĐ-UBND"),
        ("12/QĐ-\u200bUBND", "12/QĐ-UBND"),
        ("12/KH--UBND", "12/KH-UBND"),
        ("12/KH-UBND.", "12/KH-UBND"),
        ("9 - NQ / TU", "09-NQ/TU"),
        ("09NQ/TU", "09-NQ/TU"),
        ("-NQ/TU", "-NQ/TU"),
        ("12/ttr-UBND", "12/TTr-UBND"),
        ("12/CTrUBND", "12/CTr-UBND"),
        ("12/2010/TTLTBTC", "12/2010/TTLT-BTC"),
        ("/2024/QĐ-UBND", "/2024/QĐ-UBND"),
    ],
)
def test_tolerated_variants_normalise_to_the_canonical_form(text: str, canonical: str) -> None:
    assert normalise_symbol(text) == canonical


def test_decomposed_input_gives_composed_output() -> None:
    text = unicodedata.normalize("NFD", "Số: 30/2018/QĐ-UBND")
    result = normalise_symbol(text)
    assert result == "30/2018/QĐ-UBND"
    assert unicodedata.is_normalized("NFC", result)


@pytest.mark.parametrize("issuer", ["HĐND", "TTYT", "PGDĐT", "VT", "BCA", "TTg"])
def test_single_group_issuers_are_not_split_as_lost_hyphens(issuer: str) -> None:
    symbol = parse_symbol(f"12/{issuer}")
    assert symbol.kind_abbr is None
    assert symbol.issuer_code == issuer


def test_a_kind_unknown_to_nd30_is_read_as_part_of_the_issuer() -> None:
    # "BCTĐ" (báo cáo thẩm định) is not in Phụ lục III: nothing can tell it from an issuer code.
    symbol = parse_symbol("18/BCTĐ-STP")
    assert (symbol.kind_abbr, symbol.issuer_code) == (None, "BCTĐ-STP")
    assert format_symbol(symbol) == "18/BCTĐ-STP"


@pytest.mark.parametrize(
    "garbage",
    [
        "",
        "   ",
        "hello",
        "4757",
        "/",
        "12/",
        "12/KH-",
        "12/-UBND",
        "abc/KH-UBND",
        "12/34",
        "12/KH UBND",
        "12/1899/QĐ-UBND",
        "12/18/QĐ-UBND",
        "1/2/3/4",
        "12/KH-UB ND",
        "09-NQ/TU/X",
        "12-/TU",
        "0/KH-UBND",
        "12/KH-UBND ngày 27/12/2021",
    ],
)
def test_garbage_is_refused_with_a_vietnamese_message(garbage: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_symbol(garbage)
    assert caught.value.code == "symbols.invalid"
    assert "văn bản" in caught.value.message


def test_the_refusal_quotes_the_text_and_shows_examples() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_symbol("abc/KH-UBND")
    assert "«abc/KH-UBND»" in caught.value.message
    assert "4757/KH-UBND" in caught.value.message


# --- Symbol ------------------------------------------------------------------------------------


def test_a_symbol_stores_its_number_with_a_leading_zero() -> None:
    assert Symbol(number="7", kind_abbr="KH", issuer_code="UBND").number == "07"
    assert Symbol(number="7", kind_abbr="KH", issuer_code="UBND") == Symbol(
        number="07", kind_abbr="KH", issuer_code="UBND"
    )


def test_a_symbol_takes_the_official_spelling_of_a_known_kind() -> None:
    assert Symbol(number="1", kind_abbr="qyđ", issuer_code="UBND").kind_abbr == "QyĐ"


@pytest.mark.parametrize(
    "fields",
    [
        {"number": "1", "issuer_code": ""},
        {"number": "1", "issuer_code": "UB ND"},
        {"number": "x", "issuer_code": "UBND"},
        {"number": "1", "issuer_code": "TU", "party": True},
        {"number": "1", "issuer_code": "TU", "kind_abbr": "NQ", "year": "2020", "party": True},
        {"number": "1", "issuer_code": "UBND", "year": "20"},
        {"number": "1", "issuer_code": "UBND", "kind_abbr": "K-H"},
    ],
)
def test_a_symbol_cannot_hold_impossible_parts(fields: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        Symbol(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("4757/KH-UBND", "Kế hoạch"),
        ("05/BNV-VP", "Công văn"),
        ("15/2020/NĐ-CP", "Nghị định"),
        ("09-NQ/TU", "Nghị quyết"),
        ("42/2024/QH15", None),
        ("08-QĐi/TW", None),
    ],
)
def test_a_symbol_tells_its_kind_when_it_can(text: str, kind: str | None) -> None:
    assert parse_symbol(text).kind == kind


def test_a_blank_number_marks_a_draft() -> None:
    assert parse_symbol("Số:     /BC-VHTT").is_draft
    assert not parse_symbol("297/BC-VHTT").is_draft


# --- kind tables -------------------------------------------------------------------------------


def test_every_abbreviation_leads_back_to_its_kind() -> None:
    for kind in KIND_TABLE:
        if kind.abbr is not None:
            assert kind_for_abbr(kind.abbr) == kind.name
        assert abbr_for_kind(kind.name) == kind.abbr


def test_l_in_a_symbol_is_lenh_and_a_law_has_no_kind_in_its_symbol() -> None:
    assert parse_symbol("05/2024/L-CTN").kind == "Lệnh"
    assert parse_symbol("69/2025/QH15").kind is None
    assert abbr_for_kind("Luật") is None


def test_no_abbreviation_means_cong_van() -> None:
    assert kind_for_abbr(None) == "Công văn"


def test_kind_lookup_ignores_case_and_unicode_form() -> None:
    assert kind_for_abbr("ttr") == "Tờ trình"
    assert kind_for_abbr(unicodedata.normalize("NFD", "QĐ")) == "Quyết định"


def test_an_unknown_abbreviation_has_no_kind() -> None:
    assert kind_for_abbr("XYZ") is None


def test_kind_names_are_found_whatever_the_tone_placement_or_case() -> None:
    assert abbr_for_kind("Bản thoả thuận") == "BTT"
    assert abbr_for_kind("GIẤY UỶ QUYỀN") == "GUQ"
    assert abbr_for_kind("công văn") is None


def test_an_unknown_kind_name_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        abbr_for_kind("Thư tình")
    assert caught.value.code == "symbols.unknown_kind"


# --- properties --------------------------------------------------------------------------------

groups = st.from_regex(r"[A-ZĐ][A-Za-zĐ0-9&]{0,5}", fullmatch=True)
issuers = st.one_of(st.sampled_from(REAL_ISSUERS), st.lists(groups, min_size=1, max_size=3).map("-".join))
numbers = st.one_of(
    st.none(),
    st.integers(1, 99999).map(str),
    st.tuples(st.integers(1, 9999), st.sampled_from(["a", "b", "c"])).map(lambda pair: f"{pair[0]}{pair[1]}"),
)


def _reads_as_a_kind(issuer: str) -> bool:
    # A công văn issuer that begins with a kind abbreviation reads as that kind (documented limit).
    first = issuer.split("-")[0]
    return any(first.startswith(abbr) or first.casefold() == abbr.casefold() for abbr in ALL_KINDS)


@st.composite
def symbols(draw: st.DrawFn) -> Symbol:
    number = draw(numbers)
    if draw(st.booleans()) and draw(st.booleans()):
        kind = draw(st.sampled_from([*ALL_KINDS, "KL", "QĐi", "CV"]))
        issuer = draw(st.sampled_from(["TU", "HU", "ĐU", "TW", "BTGTU"]))
        return Symbol(number=number, kind_abbr=kind, issuer_code=issuer, party=True)
    year = draw(st.one_of(st.none(), st.integers(1945, 2099).map(str)))
    kind_or_none = draw(st.one_of(st.none(), st.sampled_from(ALL_KINDS)))
    issuer = draw(issuers if kind_or_none else issuers.filter(lambda code: not _reads_as_a_kind(code)))
    return Symbol(number=number, year=year, kind_abbr=kind_or_none, issuer_code=issuer)


@given(symbols())
def test_formatting_is_stable_through_parsing(symbol: Symbol) -> None:
    text = format_symbol(symbol)
    assert format_symbol(parse_symbol(text)) == text


@given(symbols())
def test_a_formatted_symbol_parses_back_to_the_same_symbol(symbol: Symbol) -> None:
    assert parse_symbol(format_symbol(symbol)) == symbol


@given(symbols())
def test_a_formatted_symbol_has_no_spaces_and_only_plain_hyphens(symbol: Symbol) -> None:
    text = format_symbol(symbol)
    assert not any(ch.isspace() for ch in text)
    assert all(ch == "-" for ch in text if unicodedata.category(ch) == "Pd")
    assert unicodedata.is_normalized("NFC", text)


@given(
    symbols(),
    st.data(),
    st.sampled_from(["", "Số: ", "số ", "Số:", "SỐ:  "]),
    st.booleans(),
)
def test_parse_tolerates_spaces_and_dash_variants_around_separators(
    symbol: Symbol, data: st.DataObject, prefix: str, decompose: bool
) -> None:
    canonical = format_symbol(symbol)
    noisy = []
    for ch in canonical:
        if ch in "/-":
            before = data.draw(st.sampled_from(["", " ", "  ", "\t", "\u00a0"]))
            after = data.draw(st.sampled_from(["", " ", "  ", "\u00a0"]))
            sign = data.draw(st.sampled_from(DASHES)) if ch == "-" else ch
            noisy.append(f"{before}{sign}{after}")
        else:
            noisy.append(ch)
    text = prefix + "".join(noisy)
    if decompose:
        text = unicodedata.normalize("NFD", text)
    assert normalise_symbol(text) == canonical


@given(st.integers(1, 9), st.sampled_from(ALL_KINDS), st.sampled_from(REAL_ISSUERS))
def test_numbers_under_ten_get_a_leading_zero(number: int, kind: str, issuer: str) -> None:
    symbol = Symbol(number=str(number), kind_abbr=kind, issuer_code=issuer)
    assert format_symbol(symbol).startswith(f"0{number}/")
    assert normalise_symbol(f"{number}/{kind}-{issuer}").startswith(f"0{number}/")


@given(st.integers(10, 99999), st.sampled_from(ALL_KINDS))
def test_numbers_from_ten_up_are_written_as_they_are(number: int, kind: str) -> None:
    assert normalise_symbol(f"{number}/{kind}-UBND") == f"{number}/{kind}-UBND"

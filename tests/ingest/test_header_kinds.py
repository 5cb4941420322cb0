"""Every kind (issue 14, item 3): kinds outside ND30's 29 are read from the kind line and, when the
kind word is lost, from the symbol — through the one table of ``loa.nd30.kinds``."""

from __future__ import annotations

import pytest

from loa.ingest import parse_text


def _header(sym: str, kind_line: str | None) -> str:
    kind = f"{kind_line}\n" if kind_line else ""
    return (
        f"ỦY BAN NHÂN DÂN\nTỈNH CÀ MAU\nSố: {sym}\nCà Mau, ngày 05 tháng 01 năm 2026\n"
        f"{kind}VỀ VIỆC THỬ NGHIỆM KHAI THÁC\nCăn cứ nội dung.\n"
    )


CASES = [
    ("GIẤY PHÉP", "15/GP-UBND", "Giấy phép", "GP"),
    ("GIẤY MỜI", "21/GM-UBND", "Giấy mời", "GM"),
    ("GIẤY GIỚI THIỆU", "03/GGT-VP", "Giấy giới thiệu", "GGT"),
    ("THÔNG TƯ", "05/2024/TT-BNV", "Thông tư", "TT"),
    ("NGHỊ QUYẾT", "12/NQ-HĐND", "Nghị quyết", "NQ"),
    ("NGHỊ ĐỊNH", "30/2020/NĐ-CP", "Nghị định", "NĐ"),
    ("CHỈ THỊ", "05/CT-UBND", "Chỉ thị", "CT"),
    ("GIẤY CHỨNG NHẬN", "07/GCN-UBND", "Giấy chứng nhận", "GCN"),
]


@pytest.mark.parametrize(("line", "sym", "name", "abbr"), CASES)
def test_kind_from_the_kind_line(line: str, sym: str, name: str, abbr: str) -> None:
    record = parse_text(_header(sym, line)).record
    assert (record["doc_type"], record["type_abbr"], record["symbol"]) == (name, abbr, sym)
    assert record["title"] == "VỀ VIỆC THỬ NGHIỆM KHAI THÁC"


@pytest.mark.parametrize(("line", "sym", "name", "abbr"), CASES)
def test_kind_from_the_symbol_when_the_kind_word_is_lost(line: str, sym: str, name: str, abbr: str) -> None:
    record = parse_text(_header(sym, None)).record
    assert (record["doc_type"], record["type_abbr"]) == (name, abbr)


@pytest.mark.parametrize(("line", "name"), [("LUẬT", "Luật"), ("PHÁP LỆNH", "Pháp lệnh")])
def test_laws_have_no_abbreviation(line: str, name: str) -> None:
    record = parse_text(_header("02/2022/UBTVQH15", line)).record
    assert (record["doc_type"], record["type_abbr"]) == (name, None)


def test_a_cong_van_stays_a_cong_van() -> None:
    record = parse_text(_header("278/PGD&ĐT-THCS", None).replace("VỀ VIỆC", "V/v")).record
    assert (record["doc_type"], record["type_abbr"]) == ("Công văn", None)

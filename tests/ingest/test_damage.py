"""The parser on damaged copies of every example (issue 14, item 1): the damage generator, the
repairs of :mod:`loa.ingest.parse.repair`, and the accuracy goal per kind of damage."""

from __future__ import annotations

import json
import random
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loa.ingest import ingest_bytes, parse_text
from loa.ingest.accuracy import field_ok
from loa.ingest.parse.repair import join_broken_header, restore_first_letter, split_merged_header

from .conftest import EXAMPLES
from .damage import KINDS, damage, measure

DOCS = sorted((EXAMPLES / "docs").glob("*.txt"))
TEXTS = {p.stem: p.read_text(encoding="utf-8") for p in DOCS}
TRUTHS: dict[str, dict[str, Any]] = {
    p.stem: json.loads((EXAMPLES / "truth" / f"{p.stem}.json").read_text(encoding="utf-8")) for p in DOCS
}


@pytest.mark.parametrize("kind", list(KINDS))
def test_each_damage_changes_some_example(kind: str) -> None:
    """The generator really damages: every kind changes at least one example's bytes."""
    changed = [
        stem for stem, text in TEXTS.items() if damage(text, kind, random.Random(0)) != text.encode("utf-8")
    ]
    assert changed, kind


@pytest.mark.parametrize("kind", list(KINDS))
def test_field_accuracy_on_damaged_examples_meets_goal(kind: str) -> None:
    """Over every example and three random variants, fields stay right at ≥ 0.95 for each damage."""
    result = measure(EXAMPLES, seeds=3, kinds=(kind,))
    assert result["clean"]["field_accuracy"] == 1.0, result["clean"]["errors"]
    row = result[kind]
    assert row["field_accuracy"] >= 0.95, row["errors"]
    assert row["citation_f1"] >= 0.95, row["errors"]


IDENTITY = ("doc_type", "type_abbr", "number", "symbol", "date")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stem=st.sampled_from(sorted(TEXTS)), kind=st.sampled_from(sorted(KINDS)), seed=st.integers(0, 10_000))
def test_any_damage_keeps_the_documents_identity(stem: str, kind: str, seed: int) -> None:
    """Whatever the damage and its random choices, kind, number, symbol and date come out right."""
    got = ingest_bytes(damage(TEXTS[stem], kind, random.Random(seed)), filename=f"{stem}.txt").record
    want = TRUTHS[stem]
    wrong = {k: (got[k], want[k]) for k in IDENTITY if not field_ok(k, got[k], want[k])}
    assert not wrong


def test_merged_header_lines_are_split_at_the_landmarks() -> None:
    text = "Bộ Nội vụ Số: 251/QĐ-BNV Hà Nội, ngày 05 tháng 01 năm 2026\nQUYẾT ĐỊNH\nVề việc thử"
    repaired = split_merged_header(text)
    assert repaired.split("\n")[:3] == ["Bộ Nội vụ", "Số: 251/QĐ-BNV", "Hà Nội, ngày 05 tháng 01 năm 2026"]
    assert len(repaired) == len(text)
    record = parse_text(text).record
    assert (record["issuer"], record["symbol"], record["place"], record["date"]) == (
        "Bộ Nội vụ",
        "251/QĐ-BNV",
        "Hà Nội",
        "2026-01-05",
    )


CLEAN_HEADER = (
    "ỦY BAN NHÂN DÂN                 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "TỈNH CÀ MAU                     Độc lập - Tự do - Hạnh phúc\n"
    "Số: 12/KH-UBND                  Cà Mau, ngày 05 tháng 01 năm 2026\n"
    "KẾ HOẠCH\nTuyên truyền cải cách hành chính năm 2026\n"
)


@pytest.mark.parametrize("text", [CLEAN_HEADER, TEXTS["001"], TEXTS["022"], TEXTS["036"]])
def test_a_clean_header_is_left_alone(text: str) -> None:
    assert split_merged_header(join_broken_header(restore_first_letter(text))) == text


@pytest.mark.parametrize("stem", sorted(TEXTS))
def test_repairs_keep_the_length_and_settle(stem: str) -> None:
    """Joining and splitting only swap a space and a line break, and a second pass changes nothing."""
    once = split_merged_header(join_broken_header(TEXTS[stem]))
    assert len(once) == len(TEXTS[stem])
    assert split_merged_header(join_broken_header(once)) == once


def test_phrases_broken_across_lines_are_joined() -> None:
    text = "ỦY\nBAN NHÂN DÂN TỈNH CÀ MAU\nSố:\n12/KH-UBND\nCà\nMau, ngày 05 tháng 01 năm 2026\nKẾ HOẠCH\nThử"
    repaired = join_broken_header(text)
    assert repaired.startswith("ỦY BAN NHÂN DÂN TỈNH CÀ MAU\nSố: 12/KH-UBND\nCà Mau, ngày 05")
    record = parse_text(text).record
    assert record["issuer"] == "Ủy ban nhân dân tỉnh Cà Mau"
    assert record["place"] == "Cà Mau"
    assert record["symbol"] == "12/KH-UBND"


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("Y BAN NHÂN DÂN\nTỈNH CÀ MAU", "ỦY BAN NHÂN DÂN\nTỈNH CÀ MAU"),
        ("BND HUYỆN A LƯỚI", "UBND HUYỆN A LƯỚI"),
        ("ố: 297/BC-VHTT", "Số: 297/BC-VHTT"),
        ("Ở CÔNG THƯƠNG", "SỞ CÔNG THƯƠNG"),
    ],
)
def test_a_lost_first_letter_is_put_back(damaged: str, repaired: str) -> None:
    assert restore_first_letter(damaged) == repaired


@pytest.mark.parametrize(
    "text", ["Y tế cơ sở cần nhiều bác sĩ.", "AN GIANG là một tỉnh", "Kế hoạch năm 2024"]
)
def test_a_first_word_that_is_not_a_damaged_header_stays(text: str) -> None:
    assert restore_first_letter(text) == text


def test_a_lost_kind_word_is_read_from_the_symbol() -> None:
    text = (
        "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
        "Số: 07/KH-UBND | Quảng Ngãi, ngày 17 tháng 01 năm 2024 |\n"
        "TUYÊN TRUYỀN CẢI CÁCH HÀNH CHÍNH NĂM 2024\n"
        "Thực hiện Quyết định số 1256/QĐ-UBND ngày 22/12/2021 của UBND tỉnh Quảng Ngãi.\n"
    )
    extraction = parse_text(text)
    assert extraction.record["doc_type"] == "Kế hoạch"
    assert extraction.record["title"] == "TUYÊN TRUYỀN CẢI CÁCH HÀNH CHÍNH NĂM 2024"
    assert extraction.record["issuer"] == "Ủy ban nhân dân tỉnh Quảng Ngãi"
    assert "doc_type" in extraction.warnings

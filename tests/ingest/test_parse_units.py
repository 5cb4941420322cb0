"""Unit rules of the parser: body names in sentence case, periods, figures that are not
statistics, citation issuers, spans and warnings."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loa.ingest import parse_text
from loa.ingest.legacy import detect_and_convert, is_vietnamese_syllable, tcvn3_to_unicode, vni_to_unicode
from loa.ingest.parse.header import sentence_case_body
from loa.ingest.parse.period import find_period
from loa.ingest.parse.statistics import find_statistics
from loa.ingest.parse.text import prepare


@pytest.mark.parametrize(
    ("upper", "written"),
    [
        ("ỦY BAN NHÂN DÂN TỈNH KON TUM", "Ủy ban nhân dân tỉnh Kon Tum"),
        ("PHÒNG VĂN HOÁ VÀ THÔNG TIN", "Phòng Văn hoá và Thông tin"),
        ("SỞ GIÁO DỤC VÀ ĐÀO TẠO", "Sở Giáo dục và Đào tạo"),
        ("PHÒNG GIÁO DỤC-ĐÀO TẠO", "Phòng Giáo dục-Đào tạo"),
        ("SỞ CÔNG THƯƠNG", "Sở Công Thương"),
        ("UBND TỈNH LÀO CAI", "UBND tỉnh Lào Cai"),
        ("UBND TX. ĐỒNG XOÀI", "UBND TX. Đồng Xoài"),
        ("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "Sở Văn hóa, Thể thao và Du lịch"),
        ("TRUNG TÂM HÀNH CHÍNH CÔNG", "Trung tâm Hành chính công"),
        ("TRƯỜNG THCS NGUYỄN DU", "Trường THCS Nguyễn Du"),
        ("PHÒNG GD&ĐT HUYỆN THANH CHƯƠNG", "Phòng GD&ĐT huyện Thanh Chương"),
        ("BỘ KHOA HỌC VÀ CÔNG NGHỆ", "Bộ Khoa học và Công nghệ"),
        ("VĂN PHÒNG CHÍNH PHỦ", "Văn phòng Chính phủ"),
    ],
)
def test_body_name_in_sentence_case(upper: str, written: str) -> None:
    """Upper-case header names are written as a person writes them (Phụ lục II)."""
    assert sentence_case_body(upper) == written


@pytest.mark.parametrize(
    ("subject", "kind", "period"),
    [
        ("Công tác tuyên truyền năm 2022", "Báo cáo", {"kind": "year", "year": 2022}),
        ("Kết quả CCHC quý II năm 2024", "Báo cáo", {"kind": "quarter", "year": 2024, "quarter": 2}),
        ("Kết quả CCHC quý 3/2024", "Báo cáo", {"kind": "quarter", "year": 2024, "quarter": 3}),
        ("Sơ kết 6 tháng đầu năm 2023", "Báo cáo", {"kind": "half", "year": 2023, "half": 1}),
        ("Kết quả 6 tháng cuối năm 2023", "Báo cáo", {"kind": "half", "year": 2023, "half": 2}),
        ("Tình hình 9 tháng năm 2024", "Báo cáo", {"kind": "months", "year": 2024, "months": 9}),
        (
            "Kế hoạch CCHC giai đoạn 2021 - 2025",
            "Kế hoạch",
            {"kind": "range", "from_year": 2021, "to_year": 2025},
        ),
        (
            "V/v nhiệm vụ năm học 2014-2015",
            "Công văn",
            {"kind": "school_year", "start_year": 2014, "end_year": 2015},
        ),
        ("Treo cờ Tổ quốc năm 2012", "Thông báo", None),
        ("Ban hành quy chế phối hợp", "Quyết định", None),
    ],
)
def test_period_from_subject(subject: str, kind: str, period: dict[str, object] | None) -> None:
    assert find_period(subject, kind) == period


@pytest.mark.parametrize(
    "text",
    [
        "Căn cứ Điều 23 Nghị định số 06/2021/NĐ-CP ngày 26/01/2021",
        "tại điểm a khoản 5 Điều 18 Luật số 55/2024/QH15",
        "vào ngày 10 tháng 3 âm lịch, tức ngày 31/3/2012",
        "Đại hội lần thứ 14 nhiệm kỳ 2020 - 2025",
        "giai đoạn 2021 - 2025, định hướng đến năm 2030",
        "Trong 9 tháng đầu năm, các đơn vị đã",
        "(1) Khoảng cách phòng cháy; (2) Đường bộ",
    ],
)
def test_numbers_that_are_not_statistics(text: str) -> None:
    """Article and clause numbers, dates, terms, years and list markers are not figures."""
    p = prepare(text)
    assert find_statistics(p, 0, len(p.text)) == []


@pytest.mark.parametrize(
    ("text", "quantity", "unit"),
    [
        ("Đăng tải 15 tin, bài trên cổng", 15, "tin, bài"),
        ("Làm mới 01 cụm pano tuyên truyền", 1, "cụm pano"),
        ("thu hút 1.500 lượt người xem", 1500, "lượt người"),
        ("có hiệu lực sau 10 ngày kể từ ngày ký", 10, "ngày"),
        ("Số lượng tin, bài được đăng trên cổng thông tin điện tử: 2", 2, "tin, bài"),
        ("Tổ chức 3 lớp tập huấn", 3, "lớp"),
    ],
)
def test_statistics_with_units(text: str, quantity: float, unit: str) -> None:
    p = prepare(text)
    found = find_statistics(p, 0, len(p.text))
    assert [(s.quantity, s.unit) for s in found] == [(quantity, unit)]


def test_citation_issuer_rules() -> None:
    """Issuer from "của …", from "đề nghị của X tại …", shared with the next citation, or none."""
    text = (
        "Ủy ban nhân dân\nTỈNH A\nSố: 01/BC-UBND\nA, ngày 01 tháng 02 năm 2024\nBÁO CÁO\nVề việc thử\n"
        "Theo đề nghị của Sở Nội vụ tại Tờ trình số 12/TTr-SNV ngày 05/01/2024, Công văn số 30/SNV-CCHC "
        "ngày 06/01/2024 và Báo cáo thẩm định số 18/BCTĐ-STP ngày 07/01/2024 của Sở Tư pháp. "
        "Văn bản số 01/GM-HTCS ngày 17/3/2026 kèm theo Báo cáo số 02/BC-HTCS ngày 17/03/2026 của Công ty X về "
        "việc báo cáo. Quyết định số 2243/QĐ-UBND ngày 10/9/2021 về ban hành Kế hoạch của tỉnh A."
    )
    issuers = {c["symbol"]: c["issuer"] for c in parse_text(text).record["cited_documents"]}
    assert issuers == {
        "12/TTr-SNV": "Sở Nội vụ",
        "30/SNV-CCHC": "Sở Nội vụ",
        "18/BCTĐ-STP": "Sở Tư pháp",
        "01/GM-HTCS": "Công ty X",
        "02/BC-HTCS": "Công ty X",
        "2243/QĐ-UBND": None,
    }


def test_own_symbol_and_laws_by_name_are_not_citations() -> None:
    text = (
        "UBND TỈNH A\nSỞ B\nSố: 20/2015/QĐ-UBND\nA, ngày 01 tháng 9 năm 2015\nQUYẾT ĐỊNH\nBAN HÀNH QUY ĐỊNH\n"
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n"
        "(Ban hành kèm theo Quyết định số 20/2015/QĐ-UBND ngày 01/9/2015)"
    )
    assert parse_text(text).record["cited_documents"] == []


def test_spans_point_at_the_values() -> None:
    """Each span cuts the field's text out of ``Extraction.text`` (for the web preview)."""
    text = "UBND TỈNH A | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSỞ B | Độc lập - Tự do - Hạnh phúc\n" + (
        "Số: 07/KH-SB | A, ngày 05 tháng 3 năm 2024\nKẾ HOẠCH\nTuyên truyền năm 2024\n"
        "Thực hiện Kế hoạch số 12/KH-UBND ngày 01/02/2024 của UBND tỉnh.\n"
    )
    extraction = parse_text(text)
    s, e = extraction.spans["number"]
    assert "07/KH-SB" in extraction.text[s:e]
    s, e = extraction.spans["title"]
    assert extraction.text[s:e] == "Tuyên truyền năm 2024"
    s, e = extraction.spans["cited_documents.0"]
    assert extraction.text[s:e].startswith("Kế hoạch số 12/KH-UBND")


def test_missing_fields_are_warned_in_vietnamese() -> None:
    extraction = parse_text("Một đoạn văn không có phần đầu.")
    assert extraction.record["symbol"] is None
    assert "symbol" in extraction.warnings and "số, ký hiệu" in extraction.warnings["symbol"].lower()
    assert extraction.record["cited_documents"] == [] and extraction.record["text_complete"] is False


def test_record_has_exactly_the_readme_keys() -> None:
    from loa.ingest import RECORD_KEYS

    assert tuple(parse_text("BÁO CÁO\nThử").record) == RECORD_KEYS


def test_legacy_detection_leaves_unicode_alone() -> None:
    text = "Hoá đơn, khoẻ mạnh, thuỷ lợi: Ủy ban nhân dân xã Đà Nẵng à á â ã è é ê ì í ò ó ô õ ù ú ý"
    assert detect_and_convert(text) == (text, None)


def test_legacy_converters() -> None:
    assert tcvn3_to_unicode("Céng hßa x· héi chñ nghÜa ViÖt Nam") == "Cộng hòa xã hội chủ nghĩa Việt Nam"
    assert vni_to_unicode("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam") == "Cộng hòa xã hội chủ nghĩa Việt Nam"
    assert vni_to_unicode("Ñoäc laäp - Töï do - Haïnh phuùc") == "Độc lập - Tự do - Hạnh phúc"


@pytest.mark.parametrize(("word", "ok"), [("nghiêng", True), ("hoá", True), ("cýỡ", False), ("UBND", False)])
def test_syllable_shape(word: str, ok: bool) -> None:
    assert is_vietnamese_syllable(word) is ok


_LINES = [
    "Số: 12/BC-UBND",
    "Số:   /SCT",
    "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Hà Nội, ngày 5 tháng 13 năm 2024",
    "BÁO CÁO",
    "QUYẾT ĐỊNH:",
    "Kính gửi:",
    "- Như trên;",
    "Nơi nhận:",
    "KT. GIÁM ĐỐC",
    "Nguyễn Văn A",
    "Căn cứ Quyết định số 0/QĐ- ngày 31/02/2020 của",
    "| | |",
    "V/v",
    "1. ",
    "./.",
    "Số lượng tin, bài: 99999999999999999999",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_LINES), st.text(max_size=60)), max_size=25).map("\n".join))
def test_parser_never_crashes(text: str) -> None:
    """Whatever the text, parsing returns a record with every key (never a raw exception)."""
    from loa.ingest import RECORD_KEYS

    extraction = parse_text(text)
    assert tuple(extraction.record) == RECORD_KEYS
    for start, end in extraction.spans.values():
        assert 0 <= start <= end <= len(extraction.text)

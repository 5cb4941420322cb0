"""The one table of document kinds: Nghị định 30/2020 Điều 7 and Phụ lục III, the legal kinds and copies."""

from __future__ import annotations

from loa.nd30.kinds import (
    ADMINISTRATIVE_KINDS,
    ALL_KINDS,
    COPY_KINDS,
    LEGAL_KINDS,
    KindGroup,
    kind_by_abbr,
    kind_by_code,
    kind_by_name,
)

# Điều 7 in the decree's order, with the abbreviation of Phụ lục III (None: the table gives none).
DECREE: list[tuple[str, str | None]] = [
    ("Nghị quyết", "NQ"),
    ("Quyết định", "QĐ"),
    ("Chỉ thị", "CT"),
    ("Quy chế", "QC"),
    ("Quy định", "QyĐ"),
    ("Thông cáo", "TC"),
    ("Thông báo", "TB"),
    ("Hướng dẫn", "HD"),
    ("Chương trình", "CTr"),
    ("Kế hoạch", "KH"),
    ("Phương án", "PA"),
    ("Đề án", "ĐA"),
    ("Dự án", "DA"),
    ("Báo cáo", "BC"),
    ("Biên bản", "BB"),
    ("Tờ trình", "TTr"),
    ("Hợp đồng", "HĐ"),
    ("Công văn", None),
    ("Công điện", "CĐ"),
    ("Bản ghi nhớ", "BGN"),
    ("Bản thỏa thuận", "BTT"),
    ("Giấy ủy quyền", "GUQ"),
    ("Giấy mời", "GM"),
    ("Giấy giới thiệu", "GGT"),
    ("Giấy nghỉ phép", "GNP"),
    ("Phiếu gửi", "PG"),
    ("Phiếu chuyển", "PC"),
    ("Phiếu báo", "PB"),
    ("Thư công", None),
]


def test_the_table_holds_the_29_kinds_of_dieu_7_with_the_abbreviations_of_phu_luc_iii() -> None:
    assert len(ADMINISTRATIVE_KINDS) == 29
    assert [(kind.name, kind.abbr) for kind in ADMINISTRATIVE_KINDS] == DECREE
    assert {kind.group for kind in ADMINISTRATIVE_KINDS} == {KindGroup.ADMINISTRATIVE}


def test_copies_are_a_group_of_their_own() -> None:
    assert [(kind.name, kind.abbr) for kind in COPY_KINDS] == [
        ("Bản sao y", "SY"),
        ("Bản trích sao", "TrS"),
        ("Bản sao lục", "SL"),
    ]
    assert {kind.group for kind in COPY_KINDS} == {KindGroup.COPY}


def test_legal_kinds_carry_the_abbreviations_of_their_symbols() -> None:
    legal = {kind.name: kind.abbr for kind in LEGAL_KINDS}
    assert legal["Nghị định"] == "NĐ"  # 15/2020/NĐ-CP
    assert legal["Thông tư"] == "TT"  # 01/2023/TT-BNV
    assert legal["Lệnh"] == "L"  # 05/2024/L-CTN
    # A law, a code and an ordinance carry no kind in their symbol: 69/2025/QH15, 02/2022/UBTVQH15.
    assert legal["Luật"] is None and legal["Bộ luật"] is None and legal["Pháp lệnh"] is None
    assert {kind.group for kind in LEGAL_KINDS} == {KindGroup.LEGAL}


def test_l_is_lenh_in_a_symbol_while_luat_keeps_its_stored_code() -> None:
    lenh = kind_by_abbr("L")
    assert lenh is not None and lenh.name == "Lệnh" and lenh.code == "LENH"
    luat = kind_by_code("L")
    assert luat is not None and luat.name == "Luật" and luat.abbr is None


def test_names_abbreviations_and_codes_are_each_unique() -> None:
    abbreviations = [kind.abbr.casefold() for kind in ALL_KINDS if kind.abbr is not None]
    assert len(abbreviations) == len(set(abbreviations))
    assert len({kind.code for kind in ALL_KINDS}) == len(ALL_KINDS)
    assert len({kind.member_name for kind in ALL_KINDS}) == len(ALL_KINDS)
    assert all(kind_by_name(kind.name) == kind for kind in ALL_KINDS)


def test_a_kind_with_an_abbreviation_is_stored_under_it() -> None:
    for kind in ALL_KINDS:
        if kind.abbr is not None and kind.name != "Lệnh":
            assert kind.code == kind.abbr
        assert len(kind.code) <= 8  # the register's column


def test_lookups_forgive_case_tone_placement_and_damaged_abbreviations() -> None:
    assert kind_by_name("KẾ HOẠCH") == kind_by_name("Kế hoạch")
    found = kind_by_name("Bản thoả thuận")
    assert found is not None and found.abbr == "BTT"
    assert kind_by_abbr("ttr") is None
    ttr = kind_by_abbr("ttr", ignore_case=True)
    assert ttr is not None and ttr.name == "Tờ trình"
    assert kind_by_name("Thư tình") is None and kind_by_abbr("XYZ") is None


def test_printed_names_are_upper_case() -> None:
    kind = kind_by_abbr("QyĐ")
    assert kind is not None and kind.upper_name == "QUY ĐỊNH"


def test_kinds_agencies_issue_outside_nd30_are_rows_of_the_table() -> None:
    """Giấy phép, certificates, the Party's conclusions and technical standards (issue 14) are rows of
    the one table, in a group of their own, found by name and (where they have one) abbreviation."""
    from loa.nd30.kinds import ISSUED_KINDS, OTHER_KINDS

    names = {k.name for k in OTHER_KINDS}
    assert {"Giấy phép", "Kết luận", "Quy chuẩn", "Tiêu chuẩn"} <= names
    assert all(k.group is KindGroup.OTHER for k in OTHER_KINDS)
    assert kind_by_name("GIẤY PHÉP") is kind_by_abbr("GP")
    assert kind_by_abbr("KL").name == "Kết luận"
    assert kind_by_code("QCVN").name == "Quy chuẩn"
    # A document's header may name any kind but a copy form.
    assert {k.group for k in ISSUED_KINDS} == {KindGroup.ADMINISTRATIVE, KindGroup.LEGAL, KindGroup.OTHER}

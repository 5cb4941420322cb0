"""The register's kinds are the ND30 table as Django choices; stored values never change."""

from __future__ import annotations

from loa.documents.kinds import DocumentKind, kind_from_abbr, kind_from_name, nd30_kind, symbol_abbr
from loa.nd30.kinds import ALL_KINDS

# The values stored before the table moved to loa.nd30 (documents 0001): each must keep its meaning.
STORED_BEFORE = {
    "NQ": "Nghị quyết",
    "QĐ": "Quyết định",
    "CT": "Chỉ thị",
    "QC": "Quy chế",
    "QyĐ": "Quy định",
    "TC": "Thông cáo",
    "TB": "Thông báo",
    "HD": "Hướng dẫn",
    "CTr": "Chương trình",
    "KH": "Kế hoạch",
    "PA": "Phương án",
    "ĐA": "Đề án",
    "DA": "Dự án",
    "BC": "Báo cáo",
    "BB": "Biên bản",
    "TTr": "Tờ trình",
    "HĐ": "Hợp đồng",
    "CĐ": "Công điện",
    "BGN": "Bản ghi nhớ",
    "BTT": "Bản thỏa thuận",
    "GUQ": "Giấy ủy quyền",
    "GM": "Giấy mời",
    "GGT": "Giấy giới thiệu",
    "GNP": "Giấy nghỉ phép",
    "PG": "Phiếu gửi",
    "PC": "Phiếu chuyển",
    "PB": "Phiếu báo",
    "CV": "Công văn",
    "L": "Luật",
    "NĐ": "Nghị định",
    "TT": "Thông tư",
    "KHAC": "Văn bản khác",
}


def test_every_stored_value_keeps_its_label() -> None:
    labels = dict(DocumentKind.choices)
    for value, label in STORED_BEFORE.items():
        assert labels[value] == label


def test_the_choices_are_the_nd30_table_then_other() -> None:
    assert DocumentKind.values == [kind.code for kind in ALL_KINDS] + ["KHAC"]
    assert DocumentKind.KE_HOACH == "KH" and DocumentKind.CONG_VAN == "CV" and DocumentKind.KHAC == "KHAC"


def test_symbol_abbreviations_come_from_the_table() -> None:
    assert symbol_abbr(DocumentKind.KE_HOACH) == "KH"
    assert symbol_abbr(DocumentKind.CONG_VAN) is None
    assert symbol_abbr(DocumentKind.LUAT) is None  # stored as "L", but a law's symbol has no kind
    assert symbol_abbr(DocumentKind.KHAC) is None
    assert nd30_kind(DocumentKind.KHAC) is None


def test_lookups_return_register_kinds() -> None:
    assert kind_from_name("KẾ HOẠCH") == DocumentKind.KE_HOACH
    assert kind_from_abbr("L") == DocumentKind.LENH
    assert kind_from_abbr("CV") is None  # "CV" is a stored code, never an abbreviation
    assert kind_from_name("Thư tình") is None

"""Catalogue of document kinds (tên loại văn bản): Nghị định 30/2020 Điều 7 and Phụ lục III, plus
the legal and Party documents that CCHC plans cite."""

from __future__ import annotations

from django.db import models


class DocumentKind(models.TextChoices):
    """Value = the symbol abbreviation (ASCII-safe key for công văn and legal kinds)."""

    NGHI_QUYET = "NQ", "Nghị quyết"
    QUYET_DINH = "QĐ", "Quyết định"
    CHI_THI = "CT", "Chỉ thị"
    QUY_CHE = "QC", "Quy chế"
    QUY_DINH = "QyĐ", "Quy định"
    THONG_CAO = "TC", "Thông cáo"
    THONG_BAO = "TB", "Thông báo"
    HUONG_DAN = "HD", "Hướng dẫn"
    CHUONG_TRINH = "CTr", "Chương trình"
    KE_HOACH = "KH", "Kế hoạch"
    PHUONG_AN = "PA", "Phương án"
    DE_AN = "ĐA", "Đề án"
    DU_AN = "DA", "Dự án"
    BAO_CAO = "BC", "Báo cáo"
    BIEN_BAN = "BB", "Biên bản"
    TO_TRINH = "TTr", "Tờ trình"
    HOP_DONG = "HĐ", "Hợp đồng"
    CONG_DIEN = "CĐ", "Công điện"
    BAN_GHI_NHO = "BGN", "Bản ghi nhớ"
    BAN_THOA_THUAN = "BTT", "Bản thỏa thuận"
    GIAY_UY_QUYEN = "GUQ", "Giấy ủy quyền"
    GIAY_MOI = "GM", "Giấy mời"
    GIAY_GIOI_THIEU = "GGT", "Giấy giới thiệu"
    GIAY_NGHI_PHEP = "GNP", "Giấy nghỉ phép"
    PHIEU_GUI = "PG", "Phiếu gửi"
    PHIEU_CHUYEN = "PC", "Phiếu chuyển"
    PHIEU_BAO = "PB", "Phiếu báo"
    CONG_VAN = "CV", "Công văn"
    LUAT = "L", "Luật"
    NGHI_DINH = "NĐ", "Nghị định"
    THONG_TU = "TT", "Thông tư"
    KHAC = "KHAC", "Văn bản khác"


#: Kinds whose symbol carries no kind abbreviation ("05/BNV-VP").
WITHOUT_ABBREVIATION = {DocumentKind.CONG_VAN, DocumentKind.KHAC}


def kind_from_name(name: str) -> DocumentKind | None:
    """The kind for a Vietnamese kind name ("Báo cáo", "KẾ HOẠCH"), ignoring case and tone placement."""
    from loa.core.vn import fold

    key = fold(name)
    for kind in DocumentKind:
        if fold(kind.label) == key:
            return kind
    return None


def kind_from_abbr(abbr: str) -> DocumentKind | None:
    """The kind for a symbol abbreviation ("KH", "QĐ"); ``None`` when unknown."""
    for kind in DocumentKind:
        if kind.value == abbr and kind not in WITHOUT_ABBREVIATION:
            return kind
    return None

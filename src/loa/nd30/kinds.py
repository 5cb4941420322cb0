"""The one table of document kinds (tên loại văn bản).

Three groups, each in the order of its source:

- the 29 administrative kinds of Nghị định 30/2020/NĐ-CP, Điều 7, with the abbreviation that
  Phụ lục III gives for the symbol (ký hiệu): "4757/KH-UBND";
- the legal normative kinds (văn bản quy phạm pháp luật) that administrative texts cite all the
  time; they follow the law on legal documents, not ND30, and their symbols carry the year
  ("15/2020/NĐ-CP", "05/2024/L-CTN"). A Luật, Bộ luật or Pháp lệnh has no kind abbreviation
  ("69/2025/QH15", "02/2022/UBTVQH15"); Nghị quyết, Quyết định and Chỉ thị share the ND30 ones;
- the copy forms of ND30 (Phụ lục III): bản sao y, bản trích sao, bản sao lục;
- the other kinds that agencies issue and cite outside those lists: licences and certificates
  (Giấy phép "15/GP-UBND", Giấy chứng nhận, Giấy xác nhận), the Party's conclusions ("01-KL/TW";
  its resolutions, directives and guidance share the ND30 rows: "57-NQ/TW", "12-HD/BTGTW") and
  the national technical regulations and standards, numbered "QCVN 01:2019/BCT", "TCVN 5574:2018".

Every kind has a ``code``: the stable key under which the register stores it. For a kind with an
abbreviation the code is that abbreviation; a kind without one has a word ("CV" for Công văn).
The code "L" is Luật's for historical reasons: it is *not* an abbreviation. In a symbol "L" is
Lệnh (of the President: "05/2024/L-CTN"), whose code is "LENH".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from loa.core.vn import fold

__all__ = [
    "ADMINISTRATIVE_KINDS",
    "ALL_KINDS",
    "CONG_VAN",
    "COPY_KINDS",
    "ISSUED_KINDS",
    "LEGAL_KINDS",
    "OTHER_KINDS",
    "Kind",
    "KindGroup",
    "kind_by_abbr",
    "kind_by_code",
    "kind_by_name",
]


class KindGroup(StrEnum):
    """Where a kind comes from."""

    ADMINISTRATIVE = "administrative"  # Nghị định 30/2020, Điều 7
    LEGAL = "legal"  # văn bản quy phạm pháp luật
    COPY = "copy"  # bản sao (Nghị định 30/2020, Điều 25 and Phụ lục III)
    OTHER = "other"  # issued and cited by agencies, in no list above


@dataclass(frozen=True)
class Kind:
    """One document kind: ``name`` as written in sentence case, ``abbr`` as written in a symbol
    (``None`` when the symbol carries none), ``code`` as stored in the register."""

    name: str
    abbr: str | None
    code: str
    group: KindGroup

    @property
    def upper_name(self) -> str:
        """The name as printed under the header ("KẾ HOẠCH")."""
        return self.name.upper()

    @property
    def member_name(self) -> str:
        """A Python identifier for the kind ("Kế hoạch" → "KE_HOACH"), used by ``DocumentKind``."""
        return re.sub(r"\W+", "_", fold(self.name)).upper()


def _admin(name: str, abbr: str | None, code: str | None = None) -> Kind:
    return Kind(name=name, abbr=abbr, code=code or abbr or name, group=KindGroup.ADMINISTRATIVE)


def _legal(name: str, abbr: str | None, code: str | None = None) -> Kind:
    return Kind(name=name, abbr=abbr, code=code or abbr or name, group=KindGroup.LEGAL)


ADMINISTRATIVE_KINDS: Final[tuple[Kind, ...]] = (
    _admin("Nghị quyết", "NQ"),
    _admin("Quyết định", "QĐ"),
    _admin("Chỉ thị", "CT"),
    _admin("Quy chế", "QC"),
    _admin("Quy định", "QyĐ"),
    _admin("Thông cáo", "TC"),
    _admin("Thông báo", "TB"),
    _admin("Hướng dẫn", "HD"),
    _admin("Chương trình", "CTr"),
    _admin("Kế hoạch", "KH"),
    _admin("Phương án", "PA"),
    _admin("Đề án", "ĐA"),
    _admin("Dự án", "DA"),
    _admin("Báo cáo", "BC"),
    _admin("Biên bản", "BB"),
    _admin("Tờ trình", "TTr"),
    _admin("Hợp đồng", "HĐ"),
    # A công văn's symbol is the issuer and the drafting unit or field: "05/BNV-VP".
    _admin("Công văn", None, "CV"),
    _admin("Công điện", "CĐ"),
    _admin("Bản ghi nhớ", "BGN"),
    _admin("Bản thỏa thuận", "BTT"),
    _admin("Giấy ủy quyền", "GUQ"),
    _admin("Giấy mời", "GM"),
    _admin("Giấy giới thiệu", "GGT"),
    _admin("Giấy nghỉ phép", "GNP"),
    _admin("Phiếu gửi", "PG"),
    _admin("Phiếu chuyển", "PC"),
    _admin("Phiếu báo", "PB"),
    # Listed in Điều 7 but absent from the abbreviation table of Phụ lục III.
    _admin("Thư công", None, "THUCONG"),
)
"""The 29 administrative kinds of Nghị định 30/2020, Điều 7, in the decree's order."""

LEGAL_KINDS: Final[tuple[Kind, ...]] = (
    _legal("Hiến pháp", None, "HIENPHAP"),
    _legal("Bộ luật", None, "BOLUAT"),
    _legal("Luật", None, "L"),  # code kept from the first register; "L" in a symbol is Lệnh
    _legal("Pháp lệnh", None, "PHAPLENH"),
    _legal("Lệnh", "L", "LENH"),
    _legal("Nghị quyết liên tịch", "NQLT"),
    _legal("Nghị định", "NĐ"),
    _legal("Thông tư", "TT"),
    _legal("Thông tư liên tịch", "TTLT"),
)
"""Legal normative kinds cited by administrative texts (Luật Ban hành văn bản quy phạm pháp luật,
Điều 4) that are not also ND30 kinds. Nghị quyết, Quyết định and Chỉ thị of the legal system use
the ND30 rows."""

COPY_KINDS: Final[tuple[Kind, ...]] = (
    Kind(name="Bản sao y", abbr="SY", code="SY", group=KindGroup.COPY),
    Kind(name="Bản trích sao", abbr="TrS", code="TrS", group=KindGroup.COPY),
    Kind(name="Bản sao lục", abbr="SL", code="SL", group=KindGroup.COPY),
)
"""Copy forms (Phụ lục III), numbered like documents: "05/SY-VP"."""

OTHER_KINDS: Final[tuple[Kind, ...]] = (
    Kind(name="Giấy phép", abbr="GP", code="GP", group=KindGroup.OTHER),
    Kind(name="Giấy chứng nhận", abbr="GCN", code="GCN", group=KindGroup.OTHER),
    Kind(name="Giấy xác nhận", abbr="GXN", code="GXN", group=KindGroup.OTHER),
    Kind(name="Kết luận", abbr="KL", code="KL", group=KindGroup.OTHER),
    # Numbered by their own scheme ("QCVN 01:2019/BCT"): no abbreviation in a symbol.
    Kind(name="Quy chuẩn", abbr=None, code="QCVN", group=KindGroup.OTHER),
    Kind(name="Tiêu chuẩn", abbr=None, code="TCVN", group=KindGroup.OTHER),
)
"""Kinds agencies issue and cite that neither ND30 nor the law on legal documents lists."""

ALL_KINDS: Final[tuple[Kind, ...]] = ADMINISTRATIVE_KINDS + LEGAL_KINDS + COPY_KINDS + OTHER_KINDS

ISSUED_KINDS: Final[tuple[Kind, ...]] = ADMINISTRATIVE_KINDS + LEGAL_KINDS + OTHER_KINDS
"""Every kind a document's own header may name ("GIẤY PHÉP", "THÔNG TƯ", "LUẬT"): all but the copy
forms, which are printed as a note on a copy, not as its kind line."""

CONG_VAN: Final[Kind] = next(k for k in ADMINISTRATIVE_KINDS if k.code == "CV")

_BY_CODE: Final[dict[str, Kind]] = {k.code: k for k in ALL_KINDS}
_BY_ABBR: Final[dict[str, Kind]] = {k.abbr: k for k in ALL_KINDS if k.abbr is not None}
_BY_FOLDED_ABBR: Final[dict[str, Kind]] = {k.abbr.casefold(): k for k in ALL_KINDS if k.abbr is not None}
_BY_FOLDED_NAME: Final[dict[str, Kind]] = {fold(k.name): k for k in ALL_KINDS}


def kind_by_code(code: str) -> Kind | None:
    """The kind stored under ``code`` ("KH", "CV", "L"); ``None`` when there is none."""
    return _BY_CODE.get(code)


def kind_by_abbr(abbr: str, *, ignore_case: bool = False) -> Kind | None:
    """The kind whose symbol abbreviation is ``abbr`` ("KH" → Kế hoạch, "L" → Lệnh).

    Abbreviations are case-sensitive in the decree (QyĐ, CTr, TTr, TrS); ``ignore_case`` accepts
    "ttr" or "QYĐ" as found in damaged texts.
    """
    if ignore_case:
        return _BY_FOLDED_ABBR.get(abbr.casefold())
    return _BY_ABBR.get(abbr)


def kind_by_name(name: str) -> Kind | None:
    """The kind named ``name`` ("Báo cáo", "KẾ HOẠCH", "Bản thoả thuận"), ignoring case, accents and
    tone placement; ``None`` when the name is not in the table."""
    return _BY_FOLDED_NAME.get(fold(name))

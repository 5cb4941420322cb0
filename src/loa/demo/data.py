"""The demo world's facts: the founding report's year (Phòng Văn hoá và Thông tin, thị xã Hương Trà, 2022)
and the 2025 restructuring that put Hương Trà's area directly under thành phố Huế.

Facts come from Báo cáo 297/BC-VHTT (tests/fixtures/examples/docs/000.txt); the individual activities
behind its figures (:mod:`loa.demo.activity_data`) are reconstructed. :mod:`loa.demo.loader` writes
them through the services.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from loa.documents.kinds import DocumentKind
from loa.documents.models import CitationRelation
from loa.organizations.models import AdminType, Role, SuccessionKind, UnitKind

D = dt.date
DEMO_PASSWORD = "Loa@2022"
MARKER_UNIT = "huongtra-vhtt"

# code, name, abbr, kind, place, leader title, leader name, parent code, linked from, linked to, valid_to
UNITS: tuple[
    tuple[str, str, str, str, str, str, str, str | None, dt.date | None, dt.date | None, dt.date | None], ...
] = (
    (
        "ubnd-tth",
        "Ủy ban nhân dân tỉnh Thừa Thiên Huế",
        "UBND",
        UnitKind.PROVINCE,
        "Thừa Thiên Huế",
        "CHỦ TỊCH",
        "Nguyễn Văn Phương",
        None,
        None,
        None,
        D(2024, 12, 31),
    ),
    (
        "huongtra",
        "Ủy ban nhân dân thị xã Hương Trà",
        "UBND",
        UnitKind.DISTRICT,
        "Hương Trà",
        "CHỦ TỊCH",
        "",
        "ubnd-tth",
        D(2011, 3, 29),
        D(2024, 12, 31),
        D(2025, 6, 30),
    ),
    (
        "huongtra-vhtt",
        "Phòng Văn hoá và Thông tin",
        "VHTT",
        UnitKind.DEPARTMENT,
        "Hương Trà",
        "TRƯỞNG PHÒNG",
        "Nguyễn Văn Duật",
        "huongtra",
        D(2011, 3, 29),
        D(2025, 6, 30),
        D(2025, 6, 30),
    ),
    (
        "huongtra-noivu",
        "Phòng Nội vụ",
        "NV",
        UnitKind.DEPARTMENT,
        "Hương Trà",
        "TRƯỞNG PHÒNG",
        "",
        "huongtra",
        D(2011, 3, 29),
        D(2025, 6, 30),
        D(2025, 6, 30),
    ),
    (
        "huongtra-ttvhtt",
        "Trung tâm Văn hóa, Thông tin và Thể thao",
        "TTVHTTTT",
        UnitKind.CENTRE,
        "Hương Trà",
        "GIÁM ĐỐC",
        "",
        "huongtra",
        D(2011, 3, 29),
        D(2025, 6, 30),
        D(2025, 6, 30),
    ),
    (
        "huongtra-tthcc",
        "Trung tâm Hành chính công",
        "TTHCC",
        UnitKind.CENTRE,
        "Hương Trà",
        "GIÁM ĐỐC",
        "",
        "huongtra",
        D(2019, 1, 1),
        D(2025, 6, 30),
        D(2025, 6, 30),
    ),
    # After 01/01/2025 the province became thành phố Huế (centrally run); after 01/07/2025 two tiers.
    (
        "ubnd-hue",
        "Ủy ban nhân dân thành phố Huế",
        "UBND",
        UnitKind.PROVINCE,
        "Huế",
        "CHỦ TỊCH",
        "",
        None,
        None,
        None,
        None,
    ),
    (
        "hue-snv",
        "Sở Nội vụ thành phố Huế",
        "SNV",
        UnitKind.DEPARTMENT,
        "Huế",
        "GIÁM ĐỐC",
        "",
        "ubnd-hue",
        D(2025, 1, 1),
        None,
        None,
    ),
    (
        "phuong-huong-tra",
        "Ủy ban nhân dân phường Hương Trà",
        "UBND",
        UnitKind.COMMUNE,
        "Hương Trà",
        "CHỦ TỊCH",
        "",
        "ubnd-hue",
        D(2025, 7, 1),
        None,
        None,
    ),
    (
        "phuong-kim-tra",
        "Ủy ban nhân dân phường Kim Trà",
        "UBND",
        UnitKind.COMMUNE,
        "Kim Trà",
        "CHỦ TỊCH",
        "",
        "ubnd-hue",
        D(2025, 7, 1),
        None,
        None,
    ),
    (
        "xa-binh-dien",
        "Ủy ban nhân dân xã Bình Điền",
        "UBND",
        UnitKind.COMMUNE,
        "Bình Điền",
        "CHỦ TỊCH",
        "",
        "ubnd-hue",
        D(2025, 7, 1),
        None,
        None,
    ),
)

# The town's communes and wards in 2022 (until the 07/2025 merger).
COMMUNES_2022 = (
    ("phuong-tu-ha", "Ủy ban nhân dân phường Tứ Hạ"),
    ("phuong-huong-van", "Ủy ban nhân dân phường Hương Văn"),
    ("phuong-huong-van-2", "Ủy ban nhân dân phường Hương Vân"),
    ("phuong-huong-xuan", "Ủy ban nhân dân phường Hương Xuân"),
    ("phuong-huong-chu", "Ủy ban nhân dân phường Hương Chữ"),
    ("xa-huong-toan", "Ủy ban nhân dân xã Hương Toàn"),
    ("xa-huong-phong", "Ủy ban nhân dân xã Hương Phong"),
    ("xa-huong-tho", "Ủy ban nhân dân xã Hương Thọ"),
    ("xa-binh-tien", "Ủy ban nhân dân xã Bình Tiến"),
    ("xa-binh-thanh", "Ủy ban nhân dân xã Bình Thành"),
    ("xa-huong-binh", "Ủy ban nhân dân xã Hương Bình"),
)

# Official codes (mã đơn vị hành chính) and types, so `loa units import-official` matches these units
# instead of duplicating them. Hương Phong and Hương Thọ have none: by the official list they were
# wards of Huế, not of the town, when the list was closed.
OFFICIAL = {
    "ubnd-hue": ("46", AdminType.TP_TW),
    "huongtra": ("480", AdminType.THI_XA),
    "phuong-huong-tra": ("19996", AdminType.PHUONG),
    "phuong-kim-tra": ("20017", AdminType.PHUONG),
    "xa-binh-dien": ("20035", AdminType.XA),
    "phuong-tu-ha": ("19996", AdminType.PHUONG),
    "phuong-huong-van": ("20011", AdminType.PHUONG),
    "phuong-huong-van-2": ("20008", AdminType.PHUONG),
    "phuong-huong-xuan": ("20017", AdminType.PHUONG),
    "phuong-huong-chu": ("20020", AdminType.PHUONG),
    "xa-huong-toan": ("20005", AdminType.XA),
    "xa-huong-binh": ("20026", AdminType.XA),
    "xa-binh-tien": ("20035", AdminType.XA),
    "xa-binh-thanh": ("20041", AdminType.XA),
}

# Units that began with a restructuring (the province became thành phố Huế on 01/01/2025; the new
# wards and communes on 01/07/2025).
VALID_FROM = {
    "ubnd-hue": D(2025, 1, 1),
    "hue-snv": D(2025, 1, 1),
    "phuong-huong-tra": D(2025, 7, 1),
    "phuong-kim-tra": D(2025, 7, 1),
    "xa-binh-dien": D(2025, 7, 1),
}

# Lineage (predecessor, successor, day, kind): the 2025 conversion table for the town's wards and
# communes, the town's offices (their work went to the ward at the town's seat) and the province.
SUCCESSIONS = (
    ("ubnd-tth", "ubnd-hue", D(2025, 1, 1), SuccessionKind.RENAME),
    *(
        (old, new, D(2025, 7, 1), SuccessionKind.MERGE)
        for new, olds in (
            ("phuong-huong-tra", ("phuong-tu-ha", "phuong-huong-van", "phuong-huong-van-2")),
            ("phuong-kim-tra", ("xa-huong-toan", "phuong-huong-xuan", "phuong-huong-chu")),
            ("xa-binh-dien", ("xa-huong-binh", "xa-binh-tien", "xa-binh-thanh")),
            ("phuong-huong-tra", ("huongtra-vhtt", "huongtra-noivu", "huongtra-ttvhtt", "huongtra-tthcc")),
        )
        for old in olds
    ),
)

USERS = (
    ("canbo.vhtt", "Lê Thị Hoa", "huongtra-vhtt", Role.OFFICER),
    ("lanhdao.vhtt", "Nguyễn Văn Duật", "huongtra-vhtt", Role.LEADER),
    ("vanthu.vhtt", "Trần Thị Mai", "huongtra-vhtt", Role.CLERK),
    ("noivu.huongtra", "Hoàng Văn Nam", "huongtra", Role.COORDINATOR),
    ("canbo.ttvhtt", "Phan Văn Bình", "huongtra-ttvhtt", Role.OFFICER),
    ("canbo.phuonghuongtra", "Võ Thị Lan", "phuong-huong-tra", Role.OFFICER),
    ("noivu.hue", "Đặng Thị Thu", "ubnd-hue", Role.COORDINATOR),
    ("quantri", "Quản trị hệ thống", "ubnd-hue", Role.ADMIN),
)


@dataclass(frozen=True)
class DocSpec:
    key: str
    kind: DocumentKind
    symbol: str
    date: dt.date
    issuer: str  # a unit code, or external issuer text
    subject: str


DOCUMENTS = (
    DocSpec(
        "nq09",
        DocumentKind.NGHI_QUYET,
        "09-NQ/TU",
        D(2021, 9, 23),
        "=Thị uỷ Hương Trà",
        "Điều chỉnh, bổ sung các chỉ tiêu, nhiệm vụ, giải pháp của Nghị quyết Đại hội đại biểu Đảng bộ "
        "thị xã Hương Trà lần thứ XIV",
    ),
    DocSpec(
        "qd2243",
        DocumentKind.QUYET_DINH,
        "2243/QĐ-UBND",
        D(2021, 9, 10),
        "ubnd-tth",
        "Ban hành Kế hoạch cải cách hành chính giai đoạn 2021 - 2025, định hướng đến năm 2030 "
        "của tỉnh Thừa Thiên Huế",
    ),
    DocSpec(
        "qd1406",
        DocumentKind.QUYET_DINH,
        "1406/QĐ-UBND",
        D(2021, 10, 20),
        "huongtra",
        "Ban hành Kế hoạch cải cách hành chính giai đoạn 2021 - 2025, định hướng đến năm 2030 "
        "của thị xã Hương Trà",
    ),
    DocSpec(
        "kh405",
        DocumentKind.KE_HOACH,
        "405/KH-UBND",
        D(2021, 12, 30),
        "ubnd-tth",
        "Tuyên truyền cải cách hành chính tỉnh Thừa Thiên Huế năm 2022",
    ),
    DocSpec(
        "kh4757",
        DocumentKind.KE_HOACH,
        "4757/KH-UBND",
        D(2021, 12, 27),
        "huongtra",
        "Tuyên truyền cải cách hành chính (CCHC) năm 2022 trên địa bàn thị xã Hương Trà",
    ),
    DocSpec(
        "kh07",
        DocumentKind.KE_HOACH,
        "07/KH-VHTT",
        D(2022, 1, 13),
        "huongtra-vhtt",
        "Tuyên truyền cải cách hành chính năm 2022",
    ),
    DocSpec(
        "kh170",
        DocumentKind.KE_HOACH,
        "170/KH-UBND",
        D(2022, 4, 25),
        "ubnd-tth",
        "Tuyên truyền cải cách hành chính tỉnh Thừa Thiên Huế năm 2022",
    ),
)

CITATIONS = (
    ("qd1406", "qd2243", CitationRelation.IMPLEMENTS),
    ("kh405", "qd2243", CitationRelation.BASED_ON),
    ("kh4757", "kh405", CitationRelation.IMPLEMENTS),
    ("kh4757", "qd1406", CitationRelation.BASED_ON),
    ("kh4757", "nq09", CitationRelation.BASED_ON),
    ("kh07", "kh4757", CitationRelation.IMPLEMENTS),
    ("kh07", "kh405", CitationRelation.BASED_ON),
    ("kh170", "qd2243", CitationRelation.BASED_ON),
)

# Monthly orientations sent by the office (Jan–Oct 2022), with the CCHC areas they stressed.
ORIENTATIONS_2022 = (
    (
        1,
        "Tuyên truyền Kế hoạch CCHC năm 2022 của thị xã; kết quả Chỉ số CCHC năm 2021",
        ("INSTITUTIONS", "PROCEDURES"),
    ),
    (2, "Tuyên truyền thực hiện dịch vụ công trực tuyến mức độ 3, 4", ("PROCEDURES", "DIGITAL_GOVERNMENT")),
    (3, "Tuyên truyền cơ chế một cửa, một cửa liên thông tại Trung tâm Hành chính công", ("PROCEDURES",)),
    (4, "Tuyên truyền đổi mới lề lối, phương thức làm việc của cán bộ, công chức", ("CIVIL_SERVICE",)),
    (5, "Tuyên truyền cơ chế tự chủ tài chính, thực hành tiết kiệm, chống lãng phí", ("PUBLIC_FINANCE",)),
    (
        6,
        "Tuyên truyền ứng dụng CNTT, hệ thống quản lý chất lượng ISO trong cơ quan hành chính",
        ("DIGITAL_GOVERNMENT",),
    ),
    (7, "Tuyên truyền sắp xếp tổ chức bộ máy, tinh giản biên chế", ("ORGANISATION",)),
    (
        8,
        "Tuyên truyền Chỉ số hài lòng của người dân (SIPAS) và kênh tiếp nhận phản ánh, kiến nghị",
        ("PROCEDURES",),
    ),
    (9, "Tuyên truyền xây dựng chính quyền điện tử, chính quyền số thị xã", ("DIGITAL_GOVERNMENT",)),
    (
        10,
        "Tuyên truyền Cuộc thi trực tuyến tìm hiểu CCHC của tỉnh năm 2022",
        ("INSTITUTIONS", "CIVIL_SERVICE"),
    ),
)

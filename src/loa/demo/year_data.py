"""The town's 2022 year beyond the founding report: every unit's plan, tasks and recorded work, the
acknowledgements of the monthly orientations, the reports in their states, and the portal's feed.

Small tables; :mod:`loa.demo.year` turns them into records by deterministic rules (one
``random.Random(2022)``), so every load gives the same figures. Titles are illustrative.
"""

from __future__ import annotations

import datetime as dt

from loa.reporting.models import ReportStatus

D = dt.date
SEED = 2022

# Plans of the town's units other than the province, the town and Phòng VHTT (loader.py has those).
# code → (title, {channel: target})
OFFICE_PLANS: dict[str, tuple[str, dict[str, int]]] = {
    "huongtra-noivu": (
        "Kế hoạch tuyên truyền CCHC năm 2022 của Phòng Nội vụ",
        {"PORTAL": 4, "MEETING": 4, "TRAINING": 1, "REVIEW": 2, "INSPECTION": 2},
    ),
    "huongtra-ttvhtt": (
        "Kế hoạch tuyên truyền CCHC năm 2022 của Trung tâm Văn hóa, Thông tin và Thể thao",
        {"RADIO": 48, "LED": 24, "PANEL": 2, "MOBILE": 2, "PORTAL": 4},
    ),
    "huongtra-tthcc": (
        "Kế hoạch tuyên truyền CCHC năm 2022 của Trung tâm Hành chính công",
        {"TTHC_POSTING": 4, "LEAFLET": 1000, "SOCIAL": 12, "TALK": 1},
    ),
}
# The mid-year handover the founding report records (its date is not in the report: 01/07/2022).
PANEL_TRANSFER = (
    "huongtra-vhtt",
    "huongtra-ttvhtt",
    "PANEL",
    dt.date(2022, 7, 1),
    "Công tác cổ động trực quan, tuyên truyền trên các pano của thị xã",
)
COMMUNE_TARGETS = {"RADIO": 48, "MEETING": 16, "PANEL": 2, "TTHC_POSTING": 2, "PORTAL": 4}
WARD_TARGETS = {**COMMUNE_TARGETS, "SOCIAL": 12}

# How diligent each commune or ward was in 2022: 2 = did more than planned, 1 = about the plan,
# 0 = fell short (and acknowledged orientations late or not at all).
DILIGENCE = {
    "phuong-tu-ha": 2,
    "phuong-huong-van": 1,
    "phuong-huong-van-2": 1,
    "phuong-huong-xuan": 2,
    "phuong-huong-chu": 1,
    "xa-huong-toan": 2,
    "xa-huong-phong": 1,
    "xa-huong-tho": 0,
    "xa-binh-tien": 1,
    "xa-binh-thanh": 0,
    "xa-huong-binh": 0,
}

# What each month's commune broadcasts spoke about (the orientation's theme; Nov–Dec without one).
MONTH_THEMES = (
    "Kế hoạch CCHC năm 2022 và kết quả Chỉ số CCHC năm 2021",
    "dịch vụ công trực tuyến mức độ 3, 4",
    "cơ chế một cửa, một cửa liên thông",
    "đổi mới lề lối, phương thức làm việc của cán bộ, công chức",
    "thực hành tiết kiệm, chống lãng phí",
    "ứng dụng CNTT và ISO trong cơ quan hành chính",
    "sắp xếp tổ chức bộ máy, tinh giản biên chế",
    "Chỉ số hài lòng của người dân (SIPAS), kênh tiếp nhận phản ánh",
    "xây dựng chính quyền điện tử, chính quyền số",
    "Cuộc thi trực tuyến tìm hiểu CCHC năm 2022",
    "thanh toán trực tuyến phí, lệ phí thủ tục hành chính",
    "kết quả CCHC năm 2022 của thị xã",
)
MONTH_AREAS = (
    ("INSTITUTIONS", "PROCEDURES"),
    ("PROCEDURES", "DIGITAL_GOVERNMENT"),
    ("PROCEDURES",),
    ("CIVIL_SERVICE",),
    ("PUBLIC_FINANCE",),
    ("DIGITAL_GOVERNMENT",),
    ("ORGANISATION",),
    ("PROCEDURES",),
    ("DIGITAL_GOVERNMENT",),
    ("INSTITUTIONS", "CIVIL_SERVICE"),
    ("DIGITAL_GOVERNMENT", "PUBLIC_FINANCE"),
    ("INSTITUTIONS",),
)
QUARTERS = ("I", "II", "III", "IV")

# unit, date, channel, title, quantity, areas, reach, evidence URL — the offices' and the town's work
# beyond the founding report (Phòng VHTT's own figures stay those of Báo cáo 297/BC-VHTT).
A = tuple[str, dt.date, str, str, int, tuple[str, ...], int | None, str]
PORTAL = "https://huongtra.thuathienhue.gov.vn/?demo="
OFFICE_ACTIVITIES: tuple[A, ...] = (
    (
        "huongtra",
        D(2022, 1, 20),
        "MEETING",
        "Hội nghị triển khai nhiệm vụ CCHC năm 2022 của thị xã",
        1,
        ("INSTITUTIONS",),
        150,
        "",
    ),
    (
        "huongtra",
        D(2022, 5, 26),
        "TRAINING",
        "Tập huấn nghiệp vụ CCHC cho cán bộ, công chức thị xã, xã, phường",
        1,
        ("INSTITUTIONS", "PROCEDURES"),
        120,
        "",
    ),
    (
        "huongtra",
        D(2022, 7, 21),
        "CONTEST",
        "Phát động Cuộc thi trực tuyến tìm hiểu CCHC năm 2022 trên địa bàn thị xã",
        1,
        ("INSTITUTIONS", "CIVIL_SERVICE"),
        2450,
        f"{PORTAL}cuoc-thi-cchc-2022",
    ),
    (
        "huongtra",
        D(2022, 7, 15),
        "MEETING",
        "Hội nghị sơ kết công tác CCHC 6 tháng đầu năm 2022",
        1,
        ("INSTITUTIONS", "CIVIL_SERVICE"),
        110,
        "",
    ),
    (
        "huongtra-noivu",
        D(2022, 2, 25),
        "PORTAL",
        "Công bố kết quả Chỉ số CCHC năm 2021 của các cơ quan, đơn vị, xã, phường",
        1,
        ("INSTITUTIONS",),
        None,
        f"{PORTAL}chi-so-cchc-2021",
    ),
    (
        "huongtra-noivu",
        D(2022, 3, 30),
        "MEETING",
        "Giao ban công tác CCHC quý I với các xã, phường",
        1,
        ("CIVIL_SERVICE",),
        35,
        "",
    ),
    (
        "huongtra-noivu",
        D(2022, 6, 29),
        "MEETING",
        "Giao ban công tác CCHC quý II với các xã, phường",
        1,
        ("CIVIL_SERVICE",),
        35,
        "",
    ),
    (
        "huongtra-noivu",
        D(2022, 9, 29),
        "MEETING",
        "Giao ban công tác CCHC quý III với các xã, phường",
        1,
        ("CIVIL_SERVICE",),
        34,
        "",
    ),
    (
        "huongtra-noivu",
        D(2022, 6, 8),
        "REVIEW",
        "Rà soát vị trí việc làm và cơ cấu ngạch công chức",
        1,
        ("ORGANISATION", "CIVIL_SERVICE"),
        None,
        "",
    ),
    (
        "huongtra-noivu",
        D(2022, 8, 18),
        "INSPECTION",
        "Kiểm tra công tác CCHC tại UBND xã Hương Thọ và phường Hương Chữ",
        2,
        ("CIVIL_SERVICE",),
        None,
        "",
    ),
    (
        "huongtra-noivu",
        D(2022, 10, 12),
        "INSPECTION",
        "Kiểm tra công vụ đột xuất tại Bộ phận một cửa các xã, phường",
        1,
        ("CIVIL_SERVICE", "PROCEDURES"),
        None,
        "",
    ),
    (
        "huongtra-noivu",
        D(2022, 8, 5),
        "PORTAL",
        "Hướng dẫn cán bộ, công chức tham gia Cuộc thi trực tuyến tìm hiểu CCHC",
        1,
        ("INSTITUTIONS",),
        None,
        f"{PORTAL}huong-dan-cuoc-thi",
    ),
    (
        "huongtra-ttvhtt",
        D(2022, 3, 31),
        "RADIO",
        "Phát chuyên mục CCHC trên Đài truyền thanh thị xã quý I",
        12,
        ("INSTITUTIONS", "PROCEDURES"),
        None,
        "",
    ),
    (
        "huongtra-ttvhtt",
        D(2022, 12, 28),
        "RADIO",
        "Phát chuyên mục CCHC trên Đài truyền thanh thị xã quý IV",
        12,
        ("DIGITAL_GOVERNMENT",),
        None,
        "",
    ),
    (
        "huongtra-ttvhtt",
        D(2022, 1, 25),
        "LED",
        "Trình chiếu khẩu hiệu CCHC chào mừng Xuân Nhâm Dần",
        6,
        ("INSTITUTIONS",),
        None,
        "",
    ),
    (
        "huongtra-ttvhtt",
        D(2022, 8, 26),
        "LED",
        "Trình chiếu khẩu hiệu CCHC dịp Quốc khánh 2/9",
        6,
        ("DIGITAL_GOVERNMENT",),
        None,
        "",
    ),
    (
        "huongtra-ttvhtt",
        D(2022, 4, 14),
        "MOBILE",
        "Tuyên truyền lưu động về dịch vụ công trực tuyến tại các xã vùng gò đồi",
        1,
        ("DIGITAL_GOVERNMENT",),
        300,
        "",
    ),
    (
        "huongtra-ttvhtt",
        D(2022, 11, 10),
        "MOBILE",
        "Tuyên truyền lưu động về CCHC tại phường Hương Văn và xã Hương Toàn",
        1,
        ("PROCEDURES",),
        260,
        "",
    ),
    (
        "huongtra-ttvhtt",
        D(2022, 9, 16),
        "PORTAL",
        "Trung tâm Văn hóa, Thông tin và Thể thao đổi mới nội dung cổ động trực quan",
        1,
        ("INSTITUTIONS",),
        None,
        f"{PORTAL}ttvhtt-co-dong",
    ),
    (
        "huongtra-tthcc",
        D(2022, 6, 1),
        "TTHC_POSTING",
        "Cập nhật niêm yết TTHC sửa đổi, bổ sung quý II",
        1,
        ("PROCEDURES",),
        None,
        "",
    ),
    (
        "huongtra-tthcc",
        D(2022, 9, 5),
        "TTHC_POSTING",
        "Cập nhật niêm yết TTHC sửa đổi, bổ sung quý III",
        1,
        ("PROCEDURES",),
        None,
        "",
    ),
    (
        "huongtra-tthcc",
        D(2022, 12, 5),
        "TTHC_POSTING",
        "Cập nhật niêm yết TTHC sửa đổi, bổ sung quý IV",
        1,
        ("PROCEDURES",),
        None,
        "",
    ),
    (
        "huongtra-tthcc",
        D(2022, 4, 8),
        "LEAFLET",
        "In, phát tờ gấp hướng dẫn nộp hồ sơ trực tuyến",
        500,
        ("PROCEDURES", "DIGITAL_GOVERNMENT"),
        None,
        "",
    ),
    (
        "huongtra-tthcc",
        D(2022, 10, 3),
        "LEAFLET",
        "In, phát tờ gấp hướng dẫn thanh toán phí, lệ phí trực tuyến",
        300,
        ("DIGITAL_GOVERNMENT", "PUBLIC_FINANCE"),
        None,
        "",
    ),
    (
        "huongtra-tthcc",
        D(2022, 11, 24),
        "TALK",
        "Đối thoại với người dân, doanh nghiệp về giải quyết TTHC",
        1,
        ("PROCEDURES",),
        70,
        "",
    ),
)

# Tasks of each plan: unit of the plan, title, owner unit, deadline, status.
TASKS: tuple[tuple[str, str, str, dt.date, str], ...] = (
    (
        "huongtra",
        "Ban hành định hướng tuyên truyền CCHC hằng tháng",
        "huongtra-vhtt",
        D(2022, 12, 31),
        "doing",
    ),
    (
        "huongtra",
        "Duy trì chuyên mục CCHC trên Đài truyền thanh thị xã",
        "huongtra-ttvhtt",
        D(2022, 12, 31),
        "done",
    ),
    (
        "huongtra",
        "Tổ chức Cuộc thi trực tuyến tìm hiểu CCHC năm 2022",
        "huongtra-noivu",
        D(2022, 9, 30),
        "done",
    ),
    (
        "huongtra",
        "Làm mới cụm pano tuyên truyền CCHC tại trung tâm thị xã",
        "huongtra-ttvhtt",
        D(2022, 9, 30),
        "done",
    ),
    (
        "huongtra",
        "Tổng hợp, báo cáo kết quả tuyên truyền CCHC năm 2022",
        "huongtra-noivu",
        D(2022, 12, 15),
        "doing",
    ),
    (
        "huongtra-vhtt",
        "Xây dựng và gửi định hướng tuyên truyền hằng tháng",
        "huongtra-vhtt",
        D(2022, 12, 31),
        "doing",
    ),
    (
        "huongtra-vhtt",
        "Đăng tin, bài về CCHC trên cổng thông tin điện tử thị xã",
        "huongtra-vhtt",
        D(2022, 12, 31),
        "doing",
    ),
    (
        "huongtra-vhtt",
        "Phối hợp làm mới cụm pano tại công viên trung tâm",
        "huongtra-ttvhtt",
        D(2022, 6, 30),
        "done",
    ),
    ("huongtra-vhtt", "Báo cáo kết quả tuyên truyền CCHC năm 2022", "huongtra-vhtt", D(2022, 10, 25), "done"),
    ("huongtra-noivu", "Công bố kết quả Chỉ số CCHC năm 2021", "huongtra-noivu", D(2022, 3, 31), "done"),
    ("huongtra-noivu", "Kiểm tra công tác CCHC tại 4 xã, phường", "huongtra-noivu", D(2022, 11, 30), "doing"),
    (
        "huongtra-noivu",
        "Tập huấn nghiệp vụ CCHC cho công chức xã, phường",
        "huongtra-noivu",
        D(2022, 6, 30),
        "cancelled",
    ),
    ("huongtra-ttvhtt", "Phát chuyên mục CCHC 4 lượt mỗi tháng", "huongtra-ttvhtt", D(2022, 12, 31), "done"),
    (
        "huongtra-ttvhtt",
        "Tiếp nhận công tác cổ động trực quan từ Phòng VHTT",
        "huongtra-ttvhtt",
        D(2022, 6, 30),
        "done",
    ),
    ("huongtra-ttvhtt", "Tổ chức 2 đợt tuyên truyền lưu động", "huongtra-ttvhtt", D(2022, 11, 30), "done"),
    ("huongtra-tthcc", "Niêm yết, cập nhật TTHC hằng quý", "huongtra-tthcc", D(2022, 12, 31), "done"),
    (
        "huongtra-tthcc",
        "In tờ gấp hướng dẫn dịch vụ công trực tuyến",
        "huongtra-tthcc",
        D(2022, 10, 31),
        "done",
    ),
    (
        "huongtra-tthcc",
        "Đối thoại với người dân về giải quyết TTHC",
        "huongtra-tthcc",
        D(2022, 12, 15),
        "todo",
    ),
)
# Every commune's plan has these tasks; their state follows the commune's diligence.
COMMUNE_TASKS = (
    ("Phát thanh tuyên truyền CCHC trên hệ thống truyền thanh cơ sở hằng tháng", D(2022, 12, 31)),
    ("Lồng ghép tuyên truyền CCHC trong họp thôn, tổ dân phố hằng quý", D(2022, 12, 31)),
    ("Niêm yết, cập nhật TTHC tại Bộ phận tiếp nhận và trả kết quả", D(2022, 9, 30)),
    ("Làm mới băng rôn, khẩu hiệu tuyên truyền CCHC tại trụ sở", D(2022, 10, 31)),
)
TASK_STATES = {
    2: ("done", "done", "done", "done"),
    1: ("doing", "done", "done", "todo"),
    0: ("doing", "doing", "todo", "cancelled"),
}

# The 2022 reports the coordinator sees besides the issued 297/BC-VHTT: unit → (state, report date,
# leader's note). Units not listed have not opened theirs.
REPORTS_2022: dict[str, tuple[str, dt.date, str]] = {
    "huongtra-ttvhtt": (ReportStatus.SUBMITTED, D(2022, 12, 12), ""),
    "huongtra-tthcc": (ReportStatus.APPROVED, D(2022, 12, 9), "Đồng ý, trình ký ban hành."),
    "huongtra-noivu": (ReportStatus.DRAFT, D(2022, 12, 15), ""),
    "phuong-tu-ha": (ReportStatus.SUBMITTED, D(2022, 12, 8), ""),
    "phuong-huong-xuan": (ReportStatus.DRAFT, D(2022, 12, 14), ""),
    "xa-huong-toan": (ReportStatus.APPROVED, D(2022, 12, 7), "Đồng ý."),
    "xa-huong-tho": (
        ReportStatus.RETURNED,
        D(2022, 12, 13),
        "Bổ sung số liệu phát thanh quý IV và minh chứng các cuộc họp thôn.",
    ),
    "phuong-huong-chu": (ReportStatus.DRAFT, D(2022, 12, 15), ""),
}

# The town portal's feed (never fetched by the demo: its entries are read from the text below).
FEED_URL = "https://huongtra-vhtt.example/rss/cai-cach-hanh-chinh.xml"
FEED_TITLE = "Cổng thông tin điện tử thị xã Hương Trà — chuyên mục CCHC"
FEED_ITEMS = (
    (
        D(2022, 11, 8),
        "Thị xã Hương Trà đẩy mạnh thanh toán trực tuyến phí, lệ phí TTHC",
        f"{PORTAL}tin-cchc-03",
    ),
    (D(2022, 11, 22), "Trao giải Cuộc thi trực tuyến tìm hiểu CCHC năm 2022", f"{PORTAL}tin-cchc-04"),
    (
        D(2022, 12, 14),
        "Hương Trà: 100% hồ sơ TTHC được tiếp nhận qua Trung tâm Hành chính công",
        f"{PORTAL}tin-cchc-05",
    ),
)


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def feed_rss() -> bytes:
    """The feed's RSS 2.0 text, as the portal would serve it."""
    items = "".join(
        f"<item><title>{title}</title><link>{url.replace('&', '&amp;')}</link>"
        f"<pubDate>{day.day:02d} {_MONTHS[day.month - 1]} {day.year} 08:00:00 +0700</pubDate></item>"
        for day, title, url in FEED_ITEMS
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{FEED_TITLE}</title><link>{PORTAL}rss</link>{items}</channel></rss>"
    ).encode()

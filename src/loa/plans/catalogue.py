"""The seed catalogues: communication channels (../shared/domain/cchc-communication.md §4) and the
six CCHC content areas of Nghị quyết 76/NQ-CP. Installed by a data migration; editable afterwards
by administrators (codes stay stable, names and order may change)."""

from __future__ import annotations

# (code, name, unit of measure, group, order)
CHANNELS: tuple[tuple[str, str, str, str, int], ...] = (
    ("ORIENTATION", "Văn bản chỉ đạo, định hướng tuyên truyền", "văn bản", "direction", 10),
    ("PORTAL", "Tin, bài trên Cổng/Trang thông tin điện tử", "tin, bài", "online", 20),
    ("PRESS", "Tin, bài, phóng sự trên báo chí", "tin, bài", "online", 30),
    ("TV", "Phóng sự, chuyên mục truyền hình", "phóng sự", "online", 40),
    ("RADIO", "Phát thanh, truyền thanh cơ sở", "lượt phát", "traditional", 50),
    ("SOCIAL", "Bài đăng trên mạng xã hội (Facebook, Zalo)", "bài đăng", "online", 60),
    ("BULLETIN", "Bản tin, chuyên trang, chuyên mục CCHC", "số", "online", 70),
    ("LED", "Trình chiếu trên màn hình LED", "khẩu hiệu", "visual", 80),
    ("PANEL", "Cổ động trực quan: pano, áp phích, băng rôn", "cụm pano", "visual", 90),
    ("LEAFLET", "Tờ rơi, tờ gấp, sổ tay", "tờ", "visual", 100),
    ("TTHC_POSTING", "Niêm yết công khai thủ tục hành chính", "lượt niêm yết", "traditional", 110),
    ("MEETING", "Lồng ghép trong hội nghị, cuộc họp", "cuộc", "traditional", 120),
    ("TRAINING", "Hội nghị quán triệt, tập huấn, bồi dưỡng", "lớp", "traditional", 130),
    ("CONTEST", "Cuộc thi, hội thi tìm hiểu CCHC", "cuộc thi", "traditional", 140),
    ("TALK", "Tọa đàm, đối thoại, giao lưu trực tuyến", "buổi", "traditional", 150),
    ("MOBILE", "Tuyên truyền lưu động", "buổi", "traditional", 160),
    ("REVIEW", "Rà soát, kiểm soát thủ tục hành chính", "đợt", "direction", 170),
    ("INSPECTION", "Kiểm tra, giám sát công tác CCHC", "cuộc", "direction", 180),
    ("OTHER", "Hình thức khác", "lượt", "traditional", 190),
)

# (code, full name, short name, order)
CONTENT_AREAS: tuple[tuple[str, str, str, int], ...] = (
    ("INSTITUTIONS", "Cải cách thể chế", "Thể chế", 1),
    ("PROCEDURES", "Cải cách thủ tục hành chính", "Thủ tục hành chính", 2),
    ("ORGANISATION", "Cải cách tổ chức bộ máy hành chính nhà nước", "Tổ chức bộ máy", 3),
    ("CIVIL_SERVICE", "Cải cách chế độ công vụ", "Chế độ công vụ", 4),
    ("PUBLIC_FINANCE", "Cải cách tài chính công", "Tài chính công", 5),
    (
        "DIGITAL_GOVERNMENT",
        "Xây dựng và phát triển Chính phủ điện tử, Chính phủ số",
        "Chính phủ điện tử, số",
        6,
    ),
)


def install_catalogues(channel_model, area_model) -> None:  # type: ignore[no-untyped-def]
    """Create the seed rows that are missing; never overwrite an administrator's edits."""
    for code, name, measure, group, order in CHANNELS:
        channel_model.objects.get_or_create(
            code=code, defaults={"name": name, "measure": measure, "group": group, "sort_order": order}
        )
    for code, name, short, order in CONTENT_AREAS:
        area_model.objects.get_or_create(
            code=code, defaults={"name": name, "short_name": short, "sort_order": order}
        )

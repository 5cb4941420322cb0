"""The seed catalogues: communication channels (the CCHC communication domain notes, §4) and the
six CCHC content areas of Nghị quyết 76/NQ-CP. Installed by a data migration; editable afterwards
by administrators (codes stay stable, names, order and report sentences may change).

Each channel carries the sentence a report writes for it (section 2, "Công tác tuyên truyền CCHC"),
with ``{số lượng}`` and ``{đơn vị tính}`` standing for the period's figure: a channel added later
needs no code to be reported (:func:`report_sentence`).
"""

from __future__ import annotations

import re

QUANTITY = "{số lượng}"
MEASURE = "{đơn vị tính}"
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")

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

Q, M = QUANTITY, MEASURE
# How a clerk words each channel's line in section 2 of a report (the founding report's wording
# where it has one). Copied into ``Channel.report_sentence``; administrators may reword them there.
REPORT_SENTENCES: dict[str, str] = {
    "ORIENTATION": f"Ban hành {Q} {M} chỉ đạo, định hướng tuyên truyền CCHC",
    "PORTAL": f"Đăng tải {Q} {M} tuyên truyền CCHC trên Cổng/Trang thông tin điện tử",
    "PRESS": f"Phối hợp đăng, phát {Q} {M}, phóng sự về CCHC trên báo chí",
    "TV": f"Thực hiện {Q} {M}, chuyên mục về CCHC trên truyền hình",
    "RADIO": f"Tuyên truyền CCHC trên hệ thống phát thanh, truyền thanh cơ sở ({Q} {M})",
    "SOCIAL": f"Đăng tải thông tin CCHC trên mạng xã hội ({Q} {M})",
    "BULLETIN": f"Phát hành {Q} {M} bản tin, chuyên trang, chuyên mục về CCHC",
    "LED": f"Trình chiếu nội dung tuyên truyền CCHC trên màn hình LED ({Q} {M})",
    "PANEL": f"Tuyên truyền cổ động trực quan về CCHC bằng pano, áp phích, băng rôn ({Q} {M})",
    "LEAFLET": f"Phát hành tờ rơi, tờ gấp, sổ tay tuyên truyền CCHC ({Q} {M})",
    "TTHC_POSTING": (
        "Niêm yết công khai, đầy đủ, thường xuyên cập nhật TTHC mới ban hành hoặc được sửa đổi, "
        f"bổ sung ({Q} {M})"
    ),
    "MEETING": f"Lồng ghép thông tin về CCHC trong các hội nghị, cuộc họp, sinh hoạt chi bộ ({Q} {M})",
    "TRAINING": f"Tổ chức, tham gia hội nghị quán triệt, lớp tập huấn, bồi dưỡng về CCHC ({Q} {M})",
    "CONTEST": f"Tổ chức, hưởng ứng cuộc thi, hội thi tìm hiểu về CCHC ({Q} {M})",
    "TALK": f"Tổ chức tọa đàm, đối thoại, giao lưu trực tuyến về CCHC ({Q} {M})",
    "MOBILE": f"Tuyên truyền lưu động về CCHC ({Q} {M})",
    "REVIEW": f"Tăng cường công tác rà soát, kiểm soát TTHC ({Q} {M} rà soát)",
    "INSPECTION": f"Tăng cường kiểm tra, giám sát việc thực hiện công tác CCHC ({Q} {M} kiểm tra)",
    "OTHER": f"Tuyên truyền CCHC bằng các hình thức khác ({Q} {M})",
}


def report_sentence(*, template: str, name: str, measure: str, quantity: str) -> str:
    """The section-2 sentence of a channel, without the final full stop.

    ``template`` is the channel's ``report_sentence``; empty, Loa words one from the channel's name
    and measure ("Tuyên truyền CCHC qua hình thức tin nhắn Zalo (250 tin nhắn)"). A template that
    omits ``{số lượng}`` gets the figure in brackets, so no report line is without its number.
    """
    template = " ".join(template.split()).rstrip(" .;")
    if not template:
        lowered = name[:1].lower() + name[1:] if name[:2] != name[:2].upper() else name
        template = f"Tuyên truyền CCHC qua hình thức {lowered} ({QUANTITY} {MEASURE})"
    elif QUANTITY not in template:
        template = f"{template} ({QUANTITY} {MEASURE})"
    return template.replace(QUANTITY, quantity).replace(MEASURE, measure)


def report_sentence_errors(template: str) -> list[str]:
    """What is wrong with a sentence an administrator typed (Vietnamese), or nothing."""
    unknown = sorted({m for m in _PLACEHOLDER.findall(template) if m not in (QUANTITY, MEASURE)})
    if unknown:
        return [f"Không hiểu {', '.join(unknown)}: chỉ dùng {QUANTITY} và {MEASURE} để chèn số liệu vào câu."]
    return []


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
    """Create the seed rows that are missing; never overwrite an administrator's edits.

    Works with the historical models of any migration: the report sentence is written only once the
    channel table has that column.
    """
    with_sentence = any(f.name == "report_sentence" for f in channel_model._meta.get_fields())
    for code, name, measure, group, order in CHANNELS:
        defaults = {"name": name, "measure": measure, "group": group, "sort_order": order}
        if with_sentence:
            defaults["report_sentence"] = REPORT_SENTENCES.get(code, "")
        channel_model.objects.get_or_create(code=code, defaults=defaults)
    for code, name, short, order in CONTENT_AREAS:
        area_model.objects.get_or_create(
            code=code, defaults={"name": name, "short_name": short, "sort_order": order}
        )


def fill_report_sentences(channel_model) -> None:  # type: ignore[no-untyped-def]
    """Give the seeded channels that have none their report sentence (data migration)."""
    for code, sentence in REPORT_SENTENCES.items():
        channel_model.objects.filter(code=code, report_sentence="").update(report_sentence=sentence)

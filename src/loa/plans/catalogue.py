"""The seed catalogues: communication channels (the CCHC communication domain notes, §4), the six
CCHC content areas of Nghị quyết 76/NQ-CP and the rows of Biểu 02 they are counted in. Installed by
data migrations; editable afterwards by administrators (codes stay stable; names, order, report
sentences, annex rows and columns may change). This module is seed data: behaviour never branches on
a code written here (the few codes the code must know are in :mod:`loa.plans.codes`).

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


# Biểu 02 (results by CCHC content, report-structure.md §3): (code, label, order). Six rows take the
# six content areas; the others are rows the report keeps, which an area can be mapped to later.
ANNEX_ROWS: tuple[tuple[str, str, int], ...] = (
    ("DIRECTION", "Chỉ đạo điều hành", 10),
    ("INSTITUTIONS", "Thể chế", 20),
    ("PROCEDURES", "Thủ tục hành chính", 30),
    ("ORGANISATION", "Tổ chức bộ máy", 40),
    ("CIVIL_SERVICE", "Công vụ", 50),
    ("PUBLIC_FINANCE", "Tài chính công", 60),
    ("DIGITAL_GOVERNMENT", "Chính phủ điện tử, chính phủ số", 70),
    ("INDICES", "Chỉ số CCHC, SIPAS, PAPI, PCI", 80),
    ("MODELS", "Mô hình, sáng kiến", 90),
)
# Content area code → Biểu 02 row code.
AREA_ANNEX_ROWS: dict[str, str] = {code: code for code, *_ in CONTENT_AREAS}
# Channel code → Biểu 02 column its quantities are added to (other channels: "other").
CHANNEL_ANNEX_COLUMNS: dict[str, str] = {
    "PORTAL": "articles",
    "PRESS": "articles",
    "TV": "articles",
    "SOCIAL": "articles",
    "BULLETIN": "articles",
    "RADIO": "broadcasts",
    "MEETING": "meetings",
    "TRAINING": "meetings",
}
# The channel an item pulled from a unit's news feed is counted in, unless the feed says otherwise.
FEED_CHANNEL = "PORTAL"


def _has_field(model, name: str) -> bool:  # type: ignore[no-untyped-def]
    return any(f.name == name for f in model._meta.get_fields())


def install_catalogues(channel_model, area_model) -> None:  # type: ignore[no-untyped-def]
    """Create the seed rows that are missing; never overwrite an administrator's edits.

    Works with the historical models of any migration: the report sentence, the annex rows and the
    feed default are written only once the tables have those columns.
    """
    with_sentence = _has_field(channel_model, "report_sentence")
    for code, name, measure, group, order in CHANNELS:
        defaults = {"name": name, "measure": measure, "group": group, "sort_order": order}
        if with_sentence:
            defaults["report_sentence"] = REPORT_SENTENCES.get(code, "")
        channel_model.objects.get_or_create(code=code, defaults=defaults)
    for code, name, short, order in CONTENT_AREAS:
        area_model.objects.get_or_create(
            code=code, defaults={"name": name, "short_name": short, "sort_order": order}
        )
    if _has_field(area_model, "annex_row"):
        install_annex_catalogue(
            channel_model, area_model, area_model._meta.get_field("annex_row").related_model
        )


def install_annex_catalogue(channel_model, area_model, annex_row_model) -> None:  # type: ignore[no-untyped-def]
    """Biểu 02 rows, the areas' and channels' place in them, and the feeds' default channel.

    Fills only what is unset: an area already mapped, a channel already given a column (other than
    the default "other") or a default feed channel already chosen stay as the administrator left them.
    """
    rows = {}
    for code, label, order in ANNEX_ROWS:
        rows[code], _ = annex_row_model.objects.get_or_create(
            code=code, defaults={"label": label, "sort_order": order}
        )
    for area_code, row_code in AREA_ANNEX_ROWS.items():
        area_model.objects.filter(code=area_code, annex_row__isnull=True).update(annex_row=rows[row_code])
    for channel_code, column in CHANNEL_ANNEX_COLUMNS.items():
        channel_model.objects.filter(code=channel_code, annex_column="other").update(annex_column=column)
    if not channel_model.objects.filter(feed_default=True).exists():
        channel_model.objects.filter(code=FEED_CHANNEL).update(feed_default=True)


def fill_report_sentences(channel_model) -> None:  # type: ignore[no-untyped-def]
    """Give the seeded channels that have none their report sentence (data migration)."""
    for code, sentence in REPORT_SENTENCES.items():
        channel_model.objects.filter(code=code, report_sentence="").update(report_sentence=sentence)

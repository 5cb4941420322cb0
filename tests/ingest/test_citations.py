"""Every kind of citation (issue 14, item 2): technical standards, laws and resolutions of the
National Assembly and its Standing Committee, Party documents, symbols with dots, "&" or spaces —
each with its kind, date and the issuer as the citing phrase writes it."""

from __future__ import annotations

import pytest

from loa.ingest import parse_text

HEADER = (
    "ỦY BAN NHÂN DÂN\nTỈNH CÀ MAU\nSố: 12/KH-UBND\nCà Mau, ngày 05 tháng 01 năm 2026\n"
    "KẾ HOẠCH\nTUYÊN TRUYỀN CẢI CÁCH HÀNH CHÍNH NĂM 2026\n"
)


def _cited(sentence: str) -> list[dict[str, object]]:
    return list(parse_text(HEADER + sentence + "\n").record["cited_documents"])


@pytest.mark.parametrize(
    ("sentence", "want"),
    [
        (
            "Căn cứ Quy chuẩn kỹ thuật quốc gia QCVN 01:2019/BCT của Bộ Công Thương về an toàn;",
            ("Quy chuẩn", "QCVN 01:2019/BCT", None, "Bộ Công Thương"),
        ),
        (
            "Thiết kế theo Tiêu chuẩn TCVN 5574:2018 về kết cấu bê tông.",
            ("Tiêu chuẩn", "TCVN 5574:2018", None, None),
        ),
        (
            "Căn cứ Luật số 69/2025/QH15 ngày 19/02/2025 của Quốc hội;",
            ("Luật", "69/2025/QH15", "2025-02-19", "Quốc hội"),
        ),
        (
            "Căn cứ Luật Đất đai số 31/2024/QH15 ngày 18/01/2024 của Quốc hội;",
            ("Luật", "31/2024/QH15", "2024-01-18", "Quốc hội"),
        ),
        (
            "Căn cứ Nghị quyết số 27/2022/UBTVQH15 ngày 21/9/2022 của Ủy ban Thường vụ Quốc hội;",
            ("Nghị quyết", "27/2022/UBTVQH15", "2022-09-21", "Ủy ban Thường vụ Quốc hội"),
        ),
        (
            "Căn cứ Pháp lệnh số 02/2022/UBTVQH15 của Ủy ban Thường vụ Quốc hội;",
            ("Pháp lệnh", "02/2022/UBTVQH15", None, "Ủy ban Thường vụ Quốc hội"),
        ),
        (
            "Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;",
            ("Nghị quyết", "57-NQ/TW", "2024-12-22", "Bộ Chính trị"),
        ),
        (
            "Thực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị;",
            ("Chỉ thị", "05-CT/TW", "2016-05-15", "Bộ Chính trị"),
        ),
        (
            "Thực hiện Kết luận số 01-KL/TW ngày 18/5/2021 của Bộ Chính trị;",
            ("Kết luận", "01-KL/TW", "2021-05-18", "Bộ Chính trị"),
        ),
        (
            "Thực hiện Nghị quyết số 09-NQ/TU ngày 23/9/2021 của Tỉnh ủy Cà Mau;",
            ("Nghị quyết", "09-NQ/TU", "2021-09-23", "Tỉnh ủy Cà Mau"),
        ),
        (
            "Thực hiện Hướng dẫn số 12-HD/BTGTW ngày 02/3/2023 của Ban Tuyên giáo Trung ương;",
            ("Hướng dẫn", "12-HD/BTGTW", "2023-03-02", "Ban Tuyên giáo Trung ương"),
        ),
        (
            "Căn cứ Quyết định số 01.6/GĐN/KSYB ngày 02/01/2020 của Công ty Điện lực Yên Bái;",
            ("Quyết định", "01.6/GĐN/KSYB", "2020-01-02", "Công ty Điện lực Yên Bái"),
        ),
        (
            "Thực hiện Công văn số 45/SVHTTDL & DL-QLVH ngày 03/4/2023 của Sở Văn hóa, Thể thao và Du lịch;",
            ("Công văn", "45/SVHTTDL&DL-QLVH", "2023-04-03", "Sở Văn hóa, Thể thao và Du lịch"),
        ),
        (
            "Theo Tờ trình số 67 /TTr - UBND ngày 10/3/2023 của UBND huyện;",
            ("Tờ trình", "67/TTr-UBND", "2023-03-10", "UBND huyện"),
        ),
        (
            "Căn cứ Giấy phép số 15/GP-UBND ngày 01/02/2024 của UBND tỉnh;",
            ("Giấy phép", "15/GP-UBND", "2024-02-01", "UBND tỉnh"),
        ),
    ],
)
def test_every_kind_of_citation_with_its_issuer(sentence: str, want: tuple[object, ...]) -> None:
    cited = _cited(sentence)
    assert [(c["doc_type"], c["symbol"], c["date"], c["issuer"]) for c in cited] == [want]


def test_several_kinds_in_one_sentence_are_each_cited_once() -> None:
    cited = _cited(
        "Căn cứ Luật số 69/2025/QH15 của Quốc hội, QCVN 06:2022/BXD của Bộ Xây dựng và Kết luận số "
        "01-KL/TW ngày 18/5/2021 của Bộ Chính trị; Luật số 69/2025/QH15 đã nêu."
    )
    assert [c["symbol"] for c in cited] == ["69/2025/QH15", "QCVN 06:2022/BXD", "01-KL/TW"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Giờ làm việc từ 7:30 đến 11:30, năm 2024:2025 là năm học mới.",
        "Tỷ lệ đạt 01.6 phần trăm trong năm.",
        "Căn cứ Luật Đất đai năm 2024;",
    ],
)
def test_things_that_are_not_citations(sentence: str) -> None:
    assert _cited(sentence) == []

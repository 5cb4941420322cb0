"""Sample documents for the docgen tests: the founding report and one of each other kind.

``founding_report()`` is Báo cáo 297/BC-VHTT (Phòng Văn hóa và Thông tin, thị xã Hương Trà,
21/10/2022), sections 1–3 as in ``shared/examples/docs/000.txt``. The typos the domain notes list
are mended as a clerk would before issuing: no space before "/" in symbols, "Phòng"/"Trung tâm"
capitalised, one tone placement ("hóa"), and "Lưu: VT, VHTT" in place of "Lưu VT".
"""

from __future__ import annotations

import datetime as dt

from loa.nd30.spec import (
    Appendix,
    Authority,
    Heading,
    OfficialDocument,
    Paragraph,
    Signature,
    Table,
)


def _dash(text: str) -> Paragraph:
    return Paragraph(text, "dash")


def founding_report(**changes: object) -> OfficialDocument:
    """Báo cáo 297/BC-VHTT, as issued; ``changes`` replace fields (for broken variants)."""
    fields: dict[str, object] = dict(
        kind="Báo cáo",
        kind_abbr="BC",
        issuer="Phòng Văn hóa và Thông tin",
        parent_body="UBND thị xã Hương Trà",
        code="BC-VHTT",
        number="297",
        place="Hương Trà",
        date=dt.date(2022, 10, 21),
        subject="Công tác tuyên truyền cải cách hành chính năm 2022",
        blocks=(
            Paragraph(
                "Thực hiện Kế hoạch số 4757/KH-UBND ngày 27/12/2021 của UBND thị xã Hương Trà về việc "
                "tuyên truyền cải cách hành chính (CCHC) năm 2022 trên địa bàn thị xã Hương Trà. Phòng "
                "Văn hóa và Thông tin thị xã Hương Trà báo cáo công tác tuyên truyền CCHC năm 2022, với "
                "những nội dung sau:"
            ),
            Heading(2, "1", "Công tác chỉ đạo điều hành:"),
            _dash(
                "Phòng Văn hóa và Thông tin đã ban hành Kế hoạch số 07/KH-VHTT ngày 13/01/2022 về việc "
                "tuyên truyền CCHC năm 2022. Qua đó, xác định rõ trách nhiệm, đối tượng và nội dung tuyên "
                "truyền CCHC của đơn vị."
            ),
            _dash(
                "Lãnh đạo phòng đã chỉ đạo bộ phận tuyên truyền tiến hành thực hiện định hướng tuyên "
                "truyền hàng tháng gửi đến các cơ quan, đơn vị và các xã, phường; tiến hành cổ động trực "
                "quan tại trụ sở cơ quan."
            ),
            _dash(
                "Quán triệt các văn bản chỉ đạo của Tỉnh và Thị xã như: Kế hoạch số 405/KH-UBND ngày "
                "30/12/2021 của UBND tỉnh về tuyên truyền CCHC tỉnh Thừa Thiên Huế năm 2022; Kế hoạch số "
                "170/KH-UBND ngày 25/4/2022 của UBND tỉnh về tuyên truyền CCHC tỉnh Thừa Thiên Huế năm "
                "2022; Kế hoạch số 4757/KH-UBND ngày 27/12/2021 của UBND thị xã Hương Trà về việc tuyên "
                "truyền CCHC năm 2022 trên địa bàn thị xã Hương Trà và một số văn bản khác như Quyết định "
                "số 2243/QĐ-UBND ngày 10/9/2021 về ban hành Kế hoạch cải cách hành chính giai đoạn 2021 - "
                "2025, định hướng đến năm 2030 của tỉnh Thừa Thiên Huế; Quyết định số 1406/QĐ-UBND ngày "
                "20/10/2021 về việc ban hành Kế hoạch cải cách hành chính giai đoạn 2021 - 2025, định "
                "hướng đến năm 2030 của thị xã Hương Trà; Nghị quyết Đại hội đại biểu Đảng bộ thị xã Hương "
                "Trà lần thứ XIV, nhiệm kỳ 2020 - 2025; Nghị quyết số 09-NQ/TU ngày 23/9/2021 của Thị ủy "
                "Hương Trà về việc điều chỉnh, bổ sung các chỉ tiêu, nhiệm vụ, giải pháp của Nghị quyết "
                "Đại hội đại biểu Đảng bộ thị xã Hương Trà lần thứ XIV... đồng thời bám sát các Chương "
                "trình, Nghị quyết về công tác CCHC trong giai đoạn mới để tiếp tục đẩy mạnh công tác "
                "tuyên truyền về CCHC trong các buổi họp cơ quan, chi bộ."
            ),
            Heading(2, "2", "Công tác tuyên truyền CCHC:"),
            _dash("Đưa thông tin về CCHC một cách thích hợp trong các buổi họp định kỳ của cơ quan."),
            _dash(
                "Niêm yết công khai, đầy đủ, thường xuyên cập nhật TTHC mới ban hành hoặc được sửa đổi, "
                "bổ sung tại cơ quan và Trung tâm Hành chính công."
            ),
            _dash("Tăng cường công tác rà soát, kiểm soát TTHC."),
            _dash("Tăng cường kiểm tra, giám sát việc thực hiện công tác CCHC."),
            _dash(
                "Tuyên truyền các chủ trương, biện pháp về CCHC và đẩy mạnh CCHC gắn liền với ứng dụng "
                "CNTT và áp dụng ISO nhằm nâng cao hiệu lực, hiệu quả quản lý của bộ máy nhà nước trên địa "
                "bàn thị xã; tuyên truyền ứng dụng CNTT trong tiếp nhận và giải quyết hồ sơ TTHC tại Trung "
                "tâm Hành chính công thị xã."
            ),
            _dash(
                "Tuyên truyền việc đổi mới lề lối và phương thức làm việc trong cơ quan; ứng dụng CNTT "
                "trong hoạt động của cơ quan góp phần đẩy mạnh hiện đại hóa nền hành chính của thị xã."
            ),
            _dash(
                "Tuyên truyền cải cách tài chính công, cơ chế tự chủ tài chính của cơ quan; việc thực hiện "
                "quyền tự chủ của cơ quan thực hiện dân chủ, công khai, minh bạch về tài chính công thực "
                "hành tiết kiệm, chống lãng phí..."
            ),
            _dash(
                "Thông qua Đài truyền thanh; cổng thông tin điện tử của thị xã, thông qua các cuộc họp... "
                "để lồng ghép tuyên truyền, phổ biến về chương trình tổng thể CCHC của tỉnh và địa phương."
            ),
            _dash("Tham gia đầy đủ các lớp tập huấn do thị xã và cấp trên tổ chức."),
            Heading(2, "3", "Thống kê số lượng tin, bài, phóng sự thực hiện công tác tuyên truyền:"),
            _dash(
                "Nhận thức được tầm quan trọng của công tác CCHC, Lãnh đạo Phòng Văn hóa và Thông tin thị "
                "xã thường xuyên quan tâm, chỉ đạo các bộ phận chuyên môn tăng cường hơn nữa trong công "
                "tác tuyên truyền CCHC."
            ),
            _dash(
                "Năm 2022, công tác tuyên truyền CCHC vẫn được thực hiện trên trang thông tin điện tử của "
                "thị xã, Phòng Văn hóa và Thông tin, màn hình Led tại trung tâm thị xã và cụm pano tuyên "
                "truyền tại công viên trung tâm thị xã."
            ),
            Paragraph(
                "Số lượng tin, bài được đăng trên cổng thông tin điện tử của thị xã, của phòng: 2.", "plus"
            ),
            Paragraph("Làm mới 01 cụm pano tuyên truyền CCHC.", "plus"),
            _dash(
                "Công tác cổ động trực quan, tuyên truyền trên các pano của thị xã đã được chuyển giao sang "
                "Trung tâm Văn hóa, Thông tin và Thể thao thị xã, tuy nhiên, công tác phối hợp thực hiện vẫn "
                "được phát huy hiệu quả."
            ),
            Paragraph(
                "Trên đây là kết quả thực hiện công tác tuyên truyền CCHC năm 2022 của Phòng Văn hóa và "
                "Thông tin thị xã Hương Trà."
            ),
        ),
        signature=Signature(title="TRƯỞNG PHÒNG", name="Nguyễn Văn Duật"),
        recipients=("Phòng Nội vụ thị xã", "Lưu: VT, VHTT"),
    )
    fields.update(changes)
    return OfficialDocument(**fields)  # type: ignore[arg-type]


def cong_van() -> OfficialDocument:
    """A công văn of the town People's Committee: "V/v" under the number, Kính gửi, KT. signature."""
    return OfficialDocument(
        kind="Công văn",
        kind_abbr=None,
        issuer="Ủy ban nhân dân thị xã Hương Trà",
        code="UBND-VX",
        number="5",
        place="Hương Trà",
        date=dt.date(2023, 2, 3),
        subject="V/v báo cáo kết quả công tác tuyên truyền cải cách hành chính năm 2022",
        addressees=(
            "Phòng Văn hóa và Thông tin thị xã",
            "Trung tâm Văn hóa, Thông tin và Thể thao thị xã",
            "Ủy ban nhân dân các xã, phường",
        ),
        blocks=(
            Paragraph(
                "Thực hiện Kế hoạch số 4757/KH-UBND ngày 27/12/2021 của UBND thị xã về tuyên truyền cải "
                "cách hành chính năm 2022, UBND thị xã đề nghị các cơ quan, đơn vị, địa phương báo cáo kết "
                "quả thực hiện (theo Biểu 01, Biểu 02 kèm theo), gửi về Phòng Nội vụ thị xã trước ngày "
                "15/02/2023 để tổng hợp, báo cáo UBND tỉnh."
            ),
            Paragraph("Đề nghị các cơ quan, đơn vị, địa phương quan tâm, thực hiện đúng thời gian quy định."),
        ),
        signature=Signature(
            authority=Authority.SIGNING_FOR,
            on_behalf_of="CHỦ TỊCH",
            title="PHÓ CHỦ TỊCH",
            name="Trần Thị Hoa",
        ),
        recipients=("Như trên", "CT, các PCT UBND thị xã", "Lưu: VT, VX"),
    )


def quyet_dinh() -> OfficialDocument:
    """A quyết định cá biệt: authority line, căn cứ, "QUYẾT ĐỊNH:", articles; TM./KT. signature."""
    return OfficialDocument(
        kind="Quyết định",
        kind_abbr="QĐ",
        issuer="Ủy ban nhân dân thị xã Hương Trà",
        code="QĐ-UBND",
        number="1406",
        place="Hương Trà",
        date=dt.date(2021, 10, 20),
        subject=(
            "Về việc ban hành Kế hoạch cải cách hành chính giai đoạn 2021 - 2025, định hướng đến năm 2030 "
            "của thị xã Hương Trà"
        ),
        enacting_authority="Ủy ban nhân dân thị xã Hương Trà",
        legal_bases=(
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015",
            "Căn cứ Nghị quyết số 76/NQ-CP ngày 15 tháng 7 năm 2021 của Chính phủ ban hành Chương trình "
            "tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030",
            "Căn cứ Quyết định số 2243/QĐ-UBND ngày 10 tháng 9 năm 2021 của UBND tỉnh Thừa Thiên Huế",
            "Theo đề nghị của Trưởng phòng Nội vụ thị xã",
        ),
        blocks=(
            Paragraph(
                "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch cải cách hành chính giai đoạn 2021 - "
                "2025, định hướng đến năm 2030 của thị xã Hương Trà."
            ),
            Paragraph("Điều 2. Quyết định này có hiệu lực kể từ ngày ký."),
            Paragraph(
                "Điều 3. Chánh Văn phòng HĐND và UBND thị xã, Trưởng phòng Nội vụ, Thủ trưởng các cơ quan, "
                "đơn vị có liên quan và Chủ tịch UBND các xã, phường chịu trách nhiệm thi hành Quyết định "
                "này."
            ),
        ),
        signature=Signature(
            authority=Authority.ON_BEHALF,
            on_behalf_of="ỦY BAN NHÂN DÂN",
            signing_for="CHỦ TỊCH",
            title="PHÓ CHỦ TỊCH",
            name="Lê Văn Thọ",
        ),
        recipients=("Như Điều 3", "UBND tỉnh (b/c)", "Sở Nội vụ", "CT, các PCT UBND thị xã", "Lưu: VT, NV"),
    )


def ke_hoach() -> OfficialDocument:
    """A kế hoạch with headings I./1./a) and a landscape appendix table (Biểu 01 shape)."""
    appendix = Appendix(
        label="I",
        title="Chỉ tiêu tuyên truyền cải cách hành chính năm 2023 theo hình thức",
        landscape=True,
        blocks=(
            Table(
                header=(
                    "STT",
                    "Hình thức tuyên truyền",
                    "Đơn vị tính",
                    "Kế hoạch năm",
                    "Đơn vị chủ trì",
                    "Thời gian thực hiện",
                    "Ghi chú",
                ),
                rows=(
                    (
                        "1",
                        "Tin, bài trên cổng thông tin điện tử thị xã",
                        "tin/bài",
                        "24",
                        "Phòng VH&TT",
                        "Cả năm",
                        "",
                    ),
                    ("2", "Cụm pano tuyên truyền làm mới", "cụm", "02", "Trung tâm VH-TT&TT", "Quý II", ""),
                    ("3", "Định hướng tuyên truyền hằng tháng", "kỳ", "12", "Phòng VH&TT", "Hằng tháng", ""),
                    ("4", "Phát thanh chuyên mục CCHC", "lượt", "48", "Đài truyền thanh", "Hằng tuần", ""),
                ),
                total=("", "Tổng số hoạt động", "", "86", "", "", ""),
                widths_mm=(14, 80, 24, 26, 45, 33, 30),
            ),
        ),
    )
    return OfficialDocument(
        kind="Kế hoạch",
        kind_abbr="KH",
        issuer="Phòng Văn hóa và Thông tin",
        parent_body="UBND thị xã Hương Trà",
        code="KH-VHTT",
        number="07",
        place="Hương Trà",
        date=dt.date(2023, 1, 13),
        subject="Tuyên truyền cải cách hành chính năm 2023",
        blocks=(
            Paragraph(
                "Thực hiện Kế hoạch số 4757/KH-UBND ngày 27/12/2022 của UBND thị xã Hương Trà, Phòng Văn "
                "hóa và Thông tin xây dựng Kế hoạch tuyên truyền cải cách hành chính năm 2023 như sau:"
            ),
            Heading(1, "I", "Mục đích, yêu cầu"),
            Heading(2, "1", "Mục đích"),
            Paragraph("Nâng cao nhận thức của cán bộ, công chức và Nhân dân về cải cách hành chính.", "dash"),
            Heading(2, "2", "Yêu cầu"),
            Paragraph("Tuyên truyền thường xuyên, đúng định hướng, bám sát nhiệm vụ chính trị.", "dash"),
            Heading(1, "II", "Nội dung và hình thức tuyên truyền"),
            Heading(3, "a", "Nội dung"),
            Paragraph("Sáu lĩnh vực cải cách hành chính theo Chương trình tổng thể giai đoạn 2021 - 2030."),
            Heading(3, "b", "Hình thức"),
            Paragraph("Các chỉ tiêu theo hình thức tuyên truyền tại Phụ lục I kèm theo Kế hoạch này."),
            Heading(1, "III", "Tổ chức thực hiện"),
            Paragraph(
                "Bộ phận tuyên truyền chủ trì, phối hợp với các cơ quan, đơn vị liên quan triển khai thực "
                "hiện Kế hoạch này; định kỳ báo cáo kết quả về Phòng Nội vụ thị xã."
            ),
        ),
        signature=Signature(
            authority=Authority.SIGNING_FOR,
            on_behalf_of="TRƯỞNG PHÒNG",
            title="PHÓ TRƯỞNG PHÒNG",
            name="Hoàng Thị Mai",
        ),
        recipients=("Phòng Nội vụ thị xã", "UBND các xã, phường", "Lưu: VT, VHTT"),
        appendices=(appendix,),
    )


def thong_bao() -> OfficialDocument:
    """A thông báo with no parent body line."""
    return OfficialDocument(
        kind="Thông báo",
        kind_abbr="TB",
        issuer="Sở Nội vụ",
        parent_body="UBND tỉnh Thừa Thiên Huế",
        code="TB-SNV",
        number="12",
        place="Thừa Thiên Huế",
        date=dt.date(2022, 3, 9),
        subject="Kết luận của Giám đốc Sở tại cuộc họp giao ban công tác cải cách hành chính quý I năm 2022",
        blocks=(
            Paragraph(
                "Ngày 08 tháng 3 năm 2022, Giám đốc Sở Nội vụ chủ trì cuộc họp giao ban công tác cải cách "
                "hành chính quý I năm 2022. Giám đốc Sở kết luận như sau:"
            ),
            Paragraph("Các phòng, đơn vị hoàn thành báo cáo quý I trước ngày 15/3/2022.", "dash"),
            Paragraph("Văn phòng Sở theo dõi, đôn đốc việc thực hiện."),
        ),
        signature=Signature(
            authority=Authority.BY_ORDER, on_behalf_of="GIÁM ĐỐC", title="CHÁNH VĂN PHÒNG", name="Phan Văn An"
        ),
        recipients=("Các phòng, đơn vị thuộc Sở", "Lưu: VT, VP"),
    )


def to_trinh() -> OfficialDocument:
    """A tờ trình sent upward, with one addressee on the Kính gửi line."""
    return OfficialDocument(
        kind="Tờ trình",
        kind_abbr="TTr",
        issuer="Phòng Nội vụ",
        parent_body="UBND thị xã Hương Trà",
        code="TTr-NV",
        number="3",
        place="Hương Trà",
        date=dt.date(2022, 12, 1),
        subject="Về việc ban hành Kế hoạch cải cách hành chính năm 2023",
        addressees=("Ủy ban nhân dân thị xã Hương Trà",),
        blocks=(
            Paragraph(
                "Phòng Nội vụ kính trình UBND thị xã xem xét, ban hành Kế hoạch cải cách hành chính năm "
                "2023 (dự thảo kèm theo)."
            ),
        ),
        signature=Signature(
            authority=Authority.ACTING, on_behalf_of="TRƯỞNG PHÒNG", title="", name="Võ Thị Lan"
        ),
        recipients=("Như trên", "Lưu: VT, NV"),
    )


def all_samples() -> dict[str, OfficialDocument]:
    """Every sample by a short name, for tests that run over all of them."""
    return {
        "bao-cao": founding_report(),
        "cong-van": cong_van(),
        "quyet-dinh": quyet_dinh(),
        "ke-hoach": ke_hoach(),
        "thong-bao": thong_bao(),
        "to-trinh": to_trinh(),
    }

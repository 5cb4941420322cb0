"""``parse(render(doc)) == doc``: every document Loa writes reads back into the same
:class:`OfficialDocument` (the property promised in ``nd30/spec.py``)."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loa.docgen.render_docx import render_docx
from loa.ingest import parse_text, read_file
from loa.nd30.spec import Authority, Heading, OfficialDocument, Paragraph, Signature

# (issuer, parent, symbol unit, place, place unit as written after a bare "ỦY BAN NHÂN DÂN")
BODIES = [
    ("Phòng Văn hóa và Thông tin", "UBND thị xã Hương Trà", "VHTT", "Hương Trà"),
    ("Phòng Nội vụ", "UBND huyện Phú Vang", "PNV", "Phú Vang"),
    ("Sở Công Thương", "UBND tỉnh Lào Cai", "SCT", "Lào Cai"),
    ("Sở Giáo dục và Đào tạo", "UBND tỉnh Nghệ An", "SGDĐT", "Nghệ An"),
    ("Trung tâm Văn hóa, Thông tin và Thể thao", "UBND thị xã Hương Trà", "TTVH", "Hương Trà"),
    ("Ủy ban nhân dân tỉnh Quảng Ngãi", None, "UBND", "Quảng Ngãi"),
    ("Ủy ban nhân dân xã Tân Phú", None, "UBND", "Tân Phú"),
]
KINDS = [
    ("Báo cáo", "BC"),
    ("Kế hoạch", "KH"),
    ("Thông báo", "TB"),
    ("Tờ trình", "TTr"),
    ("Hướng dẫn", "HD"),
    ("Chương trình", "CTr"),
    ("Công văn", None),
    ("Quyết định", "QĐ"),
]
WORDS = (
    "tuyên truyền cải cách hành chính công tác thực hiện kế hoạch nhiệm vụ kết quả đơn vị cơ quan "
    "người dân doanh nghiệp thủ tục hồ sơ dịch vụ công trực tuyến chuyển đổi số nâng cao chất lượng "
    "hiệu quả phối hợp triển khai đánh giá kiểm tra giám sát địa bàn xã phường thị trấn"
).split()
NAMES = [
    "Nguyễn Văn Duật",
    "Hoàng Văn Thuân",
    "Trần Thị Thu Hà",
    "Lê Minh Tuấn",
    "Phạm Quốc Bảo",
    "Đỗ Ngọc An",
]
TITLES = ["TRƯỞNG PHÒNG", "GIÁM ĐỐC", "CHỦ TỊCH", "CHÁNH VĂN PHÒNG"]
ROMAN = ["I", "II", "III", "IV", "V"]

phrase = st.lists(st.sampled_from(WORDS), min_size=3, max_size=14).map(" ".join)
sentence = phrase.map(lambda s: s[0].upper() + s[1:] + ".")
subject_text = phrase.map(lambda s: s[0].upper() + s[1:])


@st.composite
def blocks(draw: st.DrawFn) -> tuple[Heading | Paragraph, ...]:
    out: list[Heading | Paragraph] = []
    for _ in range(draw(st.integers(0, 8))):
        level = draw(st.integers(0, 3))
        if level == 1:
            out.append(Heading(1, draw(st.sampled_from(ROMAN)), draw(phrase).upper()))
        elif level == 2:
            out.append(Heading(2, str(draw(st.integers(1, 9))), draw(subject_text)))
        elif level == 3:
            out.append(Heading(3, draw(st.sampled_from("abcdeg")), draw(subject_text)))
        else:
            out.append(Paragraph(draw(sentence), draw(st.sampled_from(["body", "dash", "plus"]))))
    out.append(Paragraph(draw(sentence)))  # the body ends with a paragraph ("…./.")
    return tuple(out)


@st.composite
def signatures(draw: st.DrawFn, kind: str) -> Signature:
    name = draw(st.sampled_from(NAMES))
    form = draw(st.sampled_from(["head", "KT", "TM", "TM+KT", "Q", "TL"]))
    head = draw(st.sampled_from(TITLES))
    if form == "head":
        return Signature(title=head, name=name)
    if form == "KT":
        return Signature(title=f"PHÓ {head}", name=name, authority=Authority.SIGNING_FOR, on_behalf_of=head)
    if form == "TM":
        return Signature(
            title="CHỦ TỊCH", name=name, authority=Authority.ON_BEHALF, on_behalf_of="ỦY BAN NHÂN DÂN"
        )
    if form == "TM+KT":
        return Signature(
            title="PHÓ CHỦ TỊCH",
            name=name,
            authority=Authority.ON_BEHALF,
            on_behalf_of="ỦY BAN NHÂN DÂN",
            signing_for="CHỦ TỊCH",
        )
    if form == "Q":
        return Signature(title=head, name=name, authority=Authority.ACTING)
    return Signature(
        title="CHÁNH VĂN PHÒNG", name=name, authority=Authority.BY_ORDER, on_behalf_of="CHỦ TỊCH"
    )


@st.composite
def documents(draw: st.DrawFn) -> OfficialDocument:
    kind, abbr = draw(st.sampled_from(KINDS))
    issuer, parent, unit, place = draw(st.sampled_from(BODIES))
    year = draw(st.integers(2015, 2030))
    draft = draw(st.booleans())
    date = None if draft else draw(st.dates(dt.date(year, 1, 1), dt.date(year, 12, 31)))
    number = None if draft else f"{draw(st.integers(1, 4999)):02d}"
    code = (
        f"{year}/QĐ-{unit}"
        if kind == "Quyết định" and draw(st.booleans())
        else f"{abbr}-{unit}"
        if abbr
        else f"{unit}-VP"
    )
    subject = draw(subject_text)
    if kind == "Công văn":
        subject = "V/v " + subject[0].lower() + subject[1:]
    addressees = (
        tuple(draw(st.lists(subject_text, min_size=1, max_size=3, unique=True))) if kind == "Công văn" else ()
    )
    recipients = [*draw(st.lists(subject_text, min_size=0, max_size=3, unique=True))]
    if addressees:
        recipients.insert(0, "Như trên")
    recipients.append(f"Lưu: VT, {unit}")
    bases = tuple("Căn cứ " + draw(phrase) for _ in range(draw(st.integers(0, 3))))
    signature = draw(signatures(kind))
    enacting = None
    if kind == "Quyết định":
        enacting = issuer.upper() if issuer.startswith("Ủy ban") else f"GIÁM ĐỐC {issuer.upper()}"
    return OfficialDocument(
        kind=kind,
        kind_abbr=abbr,
        issuer=issuer,
        code=code,
        subject=subject,
        parent_body=parent,
        number=number,
        place=place,
        date=date,
        legal_bases=bases,
        addressees=addressees,
        blocks=draw(blocks()),
        signature=signature,
        recipients=tuple(dict.fromkeys(recipients)),
        enacting_authority=enacting,
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_rendered_document_reads_back_equal(doc: OfficialDocument) -> None:
    """render_docx → read → parse gives back the same document, field for field."""
    result = read_file(render_docx(doc), filename="van-ban.docx")
    parsed = parse_text(result.text, hard_wrapped=result.hard_wrapped).document
    assert parsed is not None
    for name in OfficialDocument.__dataclass_fields__:
        assert getattr(parsed, name) == getattr(doc, name), f"{name}:\n{result.text}"
    assert parsed == doc

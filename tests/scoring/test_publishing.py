"""Publishing a closed round: the result report in the Nghị định 30 format, numbered from the
coordinating unit's register, its ranking annex; and the evidence pack of one unit."""

import io
import zipfile

import pytest
from docx import Document as Docx
from openpyxl import load_workbook

from loa.core.errors import Conflict, NotFound, PermissionDenied
from loa.scoring.evidence import TOC_NAME, evidence_pack
from loa.scoring.publishing import round_publish
from loa.scoring.services import round_close


def _text(document):
    out = []
    for block in Docx(document.file.open("rb")).iter_inner_content():
        if hasattr(block, "text"):
            out.append(block.text)
        else:
            out.extend(cell.text for row in block.rows for cell in row.cells)
    return "\n".join(out)


@pytest.fixture
def clerk(opened, make_user):
    return make_user(opened["town"], "clerk", username="vanthu-tx")


def test_a_closed_round_is_published_as_a_numbered_report_with_its_annex(opened, clerk):
    with pytest.raises(Conflict) as caught:
        round_publish(actor=clerk, scoring_round=opened["round"])
    assert "chưa kết thúc" in caught.value.message
    round_close(actor=opened["coordinator"], scoring_round=opened["round"])
    with pytest.raises(PermissionDenied):
        round_publish(actor=opened["coordinator"], scoring_round=opened["round"])  # the clerk numbers
    published = round_publish(actor=clerk, scoring_round=opened["round"])
    document = published.document
    assert published.status == "published"
    assert document.symbol == "01/BC-UBND" and document.register_number == 1
    text = _text(document)
    assert "Kết quả chấm điểm chỉ số cải cách hành chính năm 2022".upper() in text.upper()
    assert "Phòng Văn hóa thử" in text and "Loại Khá: 1 đơn vị." in text
    sheet = load_workbook(io.BytesIO(published.annex.open("rb").read())).active
    values = [c for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert "Phòng Văn hóa thử" in values and "Khá" in values
    assert any("01/BC-UBND" in str(v) for v in values)
    with pytest.raises(Conflict) as again:
        round_publish(actor=clerk, scoring_round=published)
    assert "đã được công bố" in again.value.message


def test_the_evidence_pack_has_a_table_of_contents_and_the_files(opened):
    name, data = evidence_pack(user=opened["vhtt_officer"], assessment=opened["a"]["tx-vhtt"])
    assert name == "minh-chung-tx-vhtt-2022.zip"
    pack = zipfile.ZipFile(io.BytesIO(data))
    toc = pack.read(TOC_NAME).decode()
    assert "2.2" in toc and "Hội nghị quán triệt CCHC" in toc
    assert "https://vhtt.example.gov.vn/tin-1" in toc
    files = [n for n in pack.namelist() if n != TOC_NAME]
    assert any(n.startswith("2-2/") and n.endswith(".pdf") for n in files)
    meeting = next(n for n in files if n.startswith("2-2/"))
    assert pack.read(meeting) == b"%PDF-1.4 bien ban hoi nghi"
    assert f"href='{meeting}'" in toc
    assert any(n.endswith(".docx") for n in files)  # the plan as issued
    with pytest.raises(NotFound):
        evidence_pack(user=opened["tp_officer"], assessment=opened["a"]["tx-vhtt"])

"""The clerk's corrections to a parsed record: the kind's abbreviation comes from the ND30 table."""

from __future__ import annotations

import pytest

from loa.documents.kinds import DocumentKind
from loa.web.forms_ingest import corrected_record, correction_initial

FIELDS = {"symbol": "", "issued_date": None, "issuer": "UBND thị xã", "subject": "Về việc …"}


@pytest.mark.parametrize(
    ("kind", "label", "abbr"),
    [
        (DocumentKind.KE_HOACH, "Kế hoạch", "KH"),
        (DocumentKind.CONG_VAN, "Công văn", None),  # stored as "CV", which is no abbreviation
        (DocumentKind.LUAT, "Luật", None),  # stored as "L", which in a symbol means Lệnh
        (DocumentKind.KHAC, "Văn bản khác", None),
    ],
)
def test_a_corrected_kind_carries_the_abbreviation_of_the_table(kind, label, abbr) -> None:
    record = corrected_record({"doc_type": "Báo cáo", "type_abbr": "BC"}, {**FIELDS, "kind": kind.value})
    assert (record["doc_type"], record["type_abbr"]) == (label, abbr)


def test_a_parsed_abbreviation_l_is_read_as_lenh() -> None:
    assert correction_initial({"doc_type": None, "type_abbr": "L"})["kind"] == DocumentKind.LENH

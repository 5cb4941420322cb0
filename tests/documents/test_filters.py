"""The registry's FilterSets: all documents, the outgoing and the incoming register."""

import datetime as dt

import pytest
from django.http import QueryDict

from loa.core.actors import SYSTEM_CLI
from loa.documents.filters import YEAR_MESSAGE, DocumentFilter, IncomingFilter, OutgoingFilter
from loa.documents.models import Direction
from loa.documents.selectors import document_list, incoming_register, outgoing_register
from loa.documents.services import document_create, document_receive

D = dt.date


@pytest.fixture
def office(make_unit):
    return make_unit("Phòng Văn hóa và Thông tin lọc", abbr="VHTT")


@pytest.fixture
def admin(make_user):
    return make_user(None, is_superuser=True)


@pytest.fixture
def registry(office, make_unit):
    plan = document_create(
        actor=SYSTEM_CLI,
        kind="KH",
        subject="Kế hoạch tuyên truyền cải cách hành chính",
        symbol="12/KH-VHTT",
        issued_date=D(2022, 1, 10),
        issuer_unit=office,
        direction=Direction.OUTGOING,
    )
    report = document_create(
        actor=SYSTEM_CLI,
        kind="BC",
        subject="Báo cáo kết quả năm 2023",
        symbol="40/BC-VHTT",
        issued_date=D(2023, 12, 1),
        issuer_unit=office,
        direction=Direction.OUTGOING,
    )
    received = document_create(
        actor=SYSTEM_CLI,
        kind="CV",
        subject="Công văn về chuyển đổi số",
        symbol="07/UBND-VP",
        issued_date=D(2023, 2, 1),
        issuer_text="UBND tỉnh",
    )
    document_receive(actor=SYSTEM_CLI, document=received, unit=office, received_date=D(2023, 2, 3))
    return {"plan": plan, "report": report, "received": received}


def test_all_documents_by_kind_year_and_words_without_diacritics(admin, registry):
    def subjects(query):
        return {d.subject for d in DocumentFilter(QueryDict(query), queryset=document_list(user=admin)).qs}

    assert subjects("loai=KH") == {"Kế hoạch tuyên truyền cải cách hành chính"}
    assert subjects("nam=2023") == {"Báo cáo kết quả năm 2023", "Công văn về chuyển đổi số"}
    assert subjects("q=CAI CACH hanh chinh") == {"Kế hoạch tuyên truyền cải cách hành chính"}
    assert subjects("q=40/bc") == {"Báo cáo kết quả năm 2023"}


def test_the_registers_filter_on_their_own_year_and_on_the_document(admin, registry):
    outgoing = OutgoingFilter(QueryDict("nam=2022"), queryset=outgoing_register(user=admin))
    assert [d.symbol for d in outgoing.qs] == ["12/KH-VHTT"]
    incoming = IncomingFilter(QueryDict("q=chuyen doi so&nam=2023"), queryset=incoming_register(user=admin))
    assert [r.document.symbol for r in incoming.qs] == ["07/UBND-VP"]
    assert IncomingFilter(QueryDict("nam=2022"), queryset=incoming_register(user=admin)).qs.count() == 0


@pytest.mark.parametrize("year", ["abc", "99999999999999999999", "20.5", "-2022", "999"])
@pytest.mark.parametrize(
    ("cls", "selector"),
    [
        (DocumentFilter, document_list),
        (OutgoingFilter, outgoing_register),
        (IncomingFilter, incoming_register),
    ],
)
def test_an_unreadable_year_is_explained_in_vietnamese_and_not_applied(admin, registry, cls, selector, year):
    filterset = cls(QueryDict(f"nam={year}"), queryset=selector(user=admin))
    assert filterset.messages == [YEAR_MESSAGE]
    assert filterset.qs.count() == selector(user=admin).count() > 0


def test_an_unknown_kind_is_explained_in_vietnamese(admin, registry):
    filterset = DocumentFilter(QueryDict("loai=XYZ"), queryset=document_list(user=admin))
    assert filterset.messages == ["Tên loại văn bản này không có trong danh mục."]
    assert filterset.qs.count() == 3

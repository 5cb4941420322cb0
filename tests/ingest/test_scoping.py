"""An import matches and cites only the documents the importer may read (ADR 0020): citing another
unit's document opens nothing, a matching symbol reveals no subject, and a document pre-registered
by another unit never swallows the real one."""

from __future__ import annotations

import datetime as dt

import pytest

from loa.core.errors import Conflict
from loa.documents.models import Citation, Direction, Document
from loa.documents.selectors import document_list
from loa.documents.services import document_create
from loa.ingest.services import ingest_commit

D = dt.date


@pytest.fixture
def secret(cycle_world):
    """A "MẬT" letter of the police received by Phòng Văn hóa."""
    w = cycle_world
    return document_create(
        actor=w["vhtt_clerk"],
        kind="CV",
        subject="MẬT — Danh sách đối tượng theo dõi",
        symbol="12/CV-CAT",
        issued_date=D(2026, 3, 2),
        issuer_text="Công an tỉnh",
        direction=Direction.INCOMING,
        received_by=w["vhtt"],
        received_date=D(2026, 3, 3),
    )


def _record(**fields):
    base = {
        "doc_type": "Báo cáo",
        "symbol": "40/BC-TP",
        "issuer": "Phòng Tư pháp thử",
        "date": "2026-04-01",
        "title": "Báo cáo của Phòng Tư pháp",
        "cited_documents": [],
        "signer_name": "",
    }
    return {**base, **fields}


CITES_SECRET = [
    {"doc_type": "Công văn", "symbol": "12/CV-CAT", "date": "2026-03-02", "issuer": "Công an tỉnh"}
]


def test_citing_another_units_letter_records_no_citation_and_opens_nothing(cycle_world, secret):
    w = cycle_world
    result = ingest_commit(actor=w["tp_clerk"], extractions=[_record(cited_documents=CITES_SECRET)])
    assert len(result.created) == 1
    assert not Citation.objects.filter(target=secret).exists()
    assert secret.pk not in set(document_list(user=w["tp_clerk"]).values_list("pk", flat=True))
    assert "Danh sách đối tượng" not in str(result.as_dict())


def test_a_loosely_named_citation_does_not_match_another_units_letter(cycle_world, secret):
    w = cycle_world
    loose = [{"doc_type": "Công văn", "symbol": "12/CV-CAT", "date": "2026-03-02", "issuer": None}]
    result = ingest_commit(actor=w["tp_clerk"], extractions=[_record(cited_documents=loose)])
    assert not Citation.objects.filter(target=secret).exists()
    [stub] = result.stubs  # the office's own reference, not the other office's letter
    assert stub.pk != secret.pk and stub.holder == w["tp"]
    assert secret.pk not in set(document_list(user=w["tp_clerk"]).values_list("pk", flat=True))


def test_importing_a_copy_of_another_units_letter_reveals_no_subject(cycle_world, secret):
    w = cycle_world
    copy = _record(
        doc_type="Công văn", symbol="12/CV-CAT", issuer="Công an tỉnh", date="2026-03-02", title="?"
    )
    with pytest.raises(Conflict) as err:
        ingest_commit(actor=w["tp_clerk"], extractions=[copy])
    assert "Danh sách" not in err.value.message
    assert Document.objects.filter(symbol="12/CV-CAT").count() == 1


def test_a_fake_pre_registered_by_another_unit_does_not_swallow_the_real_document(cycle_world):
    w = cycle_world
    fake = document_create(
        actor=w["tp_clerk"],
        kind="BC",
        subject="Báo cáo giả",
        symbol="297/BC-VHTT",
        issued_date=D(2026, 5, 4),
        issuer_text="Phòng Văn hóa thử",
        direction=Direction.EXTERNAL,
    )
    real = _record(
        symbol="297/BC-VHTT", issuer="Phòng Văn hóa thử", date="2026-05-04", title="Báo cáo thật của Văn hóa"
    )
    result = ingest_commit(actor=w["vhtt_clerk"], extractions=[real], issuer_unit=w["vhtt"])
    assert result.merged == []
    [doc] = result.created
    assert doc.pk != fake.pk and doc.issuer_unit == w["vhtt"] and doc.subject == "Báo cáo thật của Văn hóa"
    fake.refresh_from_db()
    assert fake.subject == "Báo cáo giả"

"""Committing read documents into the registry: created, merged, stubbed, all or nothing, permitted."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from loa.core.actors import SYSTEM_CLI
from loa.core.errors import PermissionDenied, ValidationError
from loa.core.models import AuditEvent
from loa.documents.models import CitationRelation, Direction, Document
from loa.ingest import ingest_file
from loa.ingest.services import STUB_SUBJECT, ingest_commit, issuer_fold, relation_for

EXAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "examples"
FOUNDING = EXAMPLES / "docs" / "000.txt"


def _record(**fields):
    base = {
        "doc_type": "Kế hoạch",
        "symbol": "12/KH-UBND",
        "issuer": "Ủy ban nhân dân tỉnh Quảng Trị",
        "parent_issuer": None,
        "date": "2023-02-01",
        "title": "Tuyên truyền cải cách hành chính năm 2023",
        "cited_documents": [],
        "signer_name": "Nguyễn Văn A",
    }
    return {**base, **fields}


def test_the_founding_report_is_registered_under_the_office_with_its_citations(demo_world_unissued):
    office = demo_world_unissued["huongtra-vhtt"]
    Document.objects.filter(symbol="297/BC-VHTT").delete()
    result = ingest_commit(actor=SYSTEM_CLI, extractions=[ingest_file(FOUNDING)])

    [report] = result.created
    assert report.symbol == "297/BC-VHTT" and report.issuer_unit == office
    assert report.issued_date == dt.date(2022, 10, 21) and report.direction == Direction.OUTGOING
    assert report.subject == "Công tác tuyên truyền cải cách hành chính năm 2022"
    # The demo registered every document the report cites: no stub, "UBND tỉnh" matches the province's plan.
    assert result.stubs == [] and result.citations == 7
    relations = dict(report.citations.values_list("target__symbol", "relation"))
    assert relations["4757/KH-UBND"] == CitationRelation.IMPLEMENTS
    assert AuditEvent.objects.filter(verb="ingest.commit").count() == 1


def test_importing_the_same_file_twice_merges_instead_of_duplicating(demo_world_unissued):
    Document.objects.filter(symbol="297/BC-VHTT").delete()
    ingest_commit(actor=SYSTEM_CLI, extractions=[ingest_file(FOUNDING)])
    count = Document.objects.count()
    again = ingest_commit(actor=SYSTEM_CLI, extractions=[ingest_file(FOUNDING), ingest_file(FOUNDING)])
    assert again.created == [] and [d.symbol for d in again.merged] == ["297/BC-VHTT"]
    assert Document.objects.count() == count


def test_cited_unknown_documents_become_stubs_and_a_later_import_completes_them(db):
    citing = _record(
        cited_documents=[
            {"doc_type": "Quyết định", "symbol": "99/QĐ-UBND", "date": "2022-12-30", "issuer": "UBND tỉnh"},
            {"doc_type": "Công văn", "symbol": "05/SNV-CCHC", "date": None, "issuer": None},
        ]
    )
    first = ingest_commit(actor=SYSTEM_CLI, extractions=[citing])
    assert [d.symbol for d in first.stubs] == ["99/QĐ-UBND", "05/SNV-CCHC"]
    stub = first.stubs[0]
    assert stub.is_stub and stub.direction == Direction.EXTERNAL and stub.subject == STUB_SUBJECT
    assert first.citations == 2

    own = _record(
        doc_type="Quyết định",
        symbol="99/QĐ-UBND",
        date="2022-12-30",
        title="Ban hành Kế hoạch cải cách hành chính năm 2023",
    )
    second = ingest_commit(actor=SYSTEM_CLI, extractions=[own])
    assert second.created == [] and [d.pk for d in second.completed] == [stub.pk]
    stub.refresh_from_db()
    assert not stub.is_stub and stub.subject.startswith("Ban hành Kế hoạch")
    assert stub.issuer_text == "Ủy ban nhân dân tỉnh Quảng Trị"
    assert Document.objects.filter(symbol="99/QĐ-UBND").count() == 1


def test_a_stub_cited_earlier_in_the_same_batch_is_completed_by_its_own_file(db):
    citing = _record(
        cited_documents=[
            {"doc_type": "Kế hoạch", "symbol": "03/KH-UBND", "date": "2023-01-05", "issuer": None}
        ]
    )
    own = _record(symbol="03/KH-UBND", date="2023-01-05", title="Kế hoạch gốc")
    result = ingest_commit(actor=SYSTEM_CLI, extractions=[citing, own])
    assert result.stubs == [] and [d.symbol for d in result.completed] == ["03/KH-UBND"]


def test_an_error_in_one_document_rolls_back_the_whole_batch(db):
    good = _record()
    bad = _record(symbol="13/KH-UBND", title="")
    with pytest.raises(ValidationError, match="văn bản thứ 2"):
        ingest_commit(actor=SYSTEM_CLI, extractions=[good, bad])
    assert Document.objects.count() == 0


def test_the_unit_own_documents_need_the_right_to_record_there(demo_world_unissued, make_user):
    office = demo_world_unissued["huongtra-vhtt"]
    outsider = make_user(demo_world_unissued["phuong-huong-tra"], "officer")
    Document.objects.filter(symbol="297/BC-VHTT").delete()
    with pytest.raises(PermissionDenied):
        ingest_commit(actor=outsider, extractions=[ingest_file(FOUNDING)], issuer_unit=office)
    assert not Document.objects.filter(symbol="297/BC-VHTT").exists()
    officer = make_user(office, "officer")
    result = ingest_commit(actor=officer, extractions=[ingest_file(FOUNDING)], issuer_unit=office)
    assert result.created[0].created_by == officer


def test_external_documents_need_only_a_signed_in_actor(make_unit, make_user):
    from django.contrib.auth.models import AnonymousUser

    user = make_user(make_unit(), "officer")
    assert ingest_commit(actor=user, extractions=[_record()]).created[0].issuer_unit is None
    with pytest.raises(PermissionDenied):
        ingest_commit(actor=AnonymousUser(), extractions=[_record(symbol="14/KH-UBND")])


def test_a_corrected_record_is_what_gets_registered(db):
    extraction = ingest_file(FOUNDING)
    corrected = replace(
        extraction, record={**extraction.record, "title": "Tiêu đề đã sửa", "symbol": "298/BC-VHTT"}
    )
    [doc] = ingest_commit(actor=SYSTEM_CLI, extractions=[corrected]).created
    assert doc.subject == "Tiêu đề đã sửa" and doc.symbol == "298/BC-VHTT"


def test_relation_and_issuer_rules():
    text = "Thực hiện Kế hoạch số 1/KH-UBND.\nCăn cứ Quyết định số 2/QĐ-UBND;\nNhư Công văn 3/UBND"
    assert relation_for(text, (10, 30)) == CitationRelation.IMPLEMENTS
    assert relation_for(text, (40, 60)) == CitationRelation.BASED_ON
    assert relation_for(text, (text.index("Công"), len(text))) == CitationRelation.MENTIONS
    assert issuer_fold("UBND thị xã Hương Trà") == issuer_fold("Ủy ban nhân dân thị xã Hương Trà")

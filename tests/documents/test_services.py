"""Registry writes: duplicates refused, numbering from the register, citations."""

import datetime as dt
import threading

import pytest
from django.db import connection

from loa.core.actors import SYSTEM_CLI
from loa.core.errors import Conflict, PermissionDenied, ValidationError
from loa.core.models import AuditEvent
from loa.documents.kinds import DocumentKind
from loa.documents.models import Citation, Document
from loa.documents.services import citation_add, document_create, document_issue


def test_a_document_is_registered_with_its_canonical_symbol_and_audited(make_unit, make_user):
    office = make_unit("Phòng Văn hoá", abbr="VHTT")
    clerk = make_user(office, "clerk")  # only the clerk enters a number of the unit's register
    doc = document_create(
        actor=clerk,
        kind=DocumentKind.KE_HOACH,
        subject="Tuyên truyền  CCHC năm 2022",
        symbol="7 /KH - VHTT",
        issued_date=dt.date(2022, 1, 13),
        issuer_unit=office,
    )
    assert doc.symbol == "07/KH-VHTT" and doc.number == "07"
    assert doc.subject == "Tuyên truyền CCHC năm 2022"
    assert AuditEvent.objects.filter(verb="document.create", target_id=str(doc.pk), actor=clerk).exists()


def test_the_same_symbol_issuer_and_date_is_refused_with_a_clear_message(db):
    kwargs = dict(
        actor=SYSTEM_CLI,
        kind="KH",
        subject="A",
        symbol="4757/KH-UBND",
        issued_date=dt.date(2021, 12, 27),
        issuer_text="UBND thị xã Hương Trà",
    )
    document_create(**kwargs)
    with pytest.raises(Conflict) as err:
        document_create(**{**kwargs, "issuer_text": "ubnd THỊ XÃ Hương Trà", "subject": "B"})
    assert err.value.code == "documents.duplicate"
    assert "4757/KH-UBND" in err.value.message and "đã có" in err.value.message
    assert Document.objects.count() == 1


def test_a_document_without_subject_or_issuer_is_refused(db):
    with pytest.raises(ValidationError):
        document_create(actor=SYSTEM_CLI, kind="BC", subject="  ", issuer_text="X")
    with pytest.raises(ValidationError):
        document_create(actor=SYSTEM_CLI, kind="BC", subject="Báo cáo")
    assert not Document.objects.exists()


def test_an_officer_cannot_register_for_another_unit(make_unit, make_user):
    office, other = make_unit(), make_unit()
    with pytest.raises(PermissionDenied):
        document_create(actor=make_user(office), kind="BC", subject="X", issuer_unit=other)


def test_issuing_takes_the_next_number_with_a_leading_zero(make_unit, make_user):
    office = make_unit(abbr="VHTT")
    leader = make_user(office, "leader")
    first = document_create(actor=leader, kind="BC", subject="Báo cáo một", issuer_unit=office)
    second = document_create(actor=leader, kind="CV", subject="V/v hai", issuer_unit=office)
    document_issue(actor=leader, document=first, issued_date=dt.date(2022, 10, 21))
    document_issue(actor=leader, document=second, issued_date=dt.date(2022, 10, 22))
    assert first.symbol == "01/BC-VHTT"
    assert second.symbol == "02/VHTT"  # công văn: no kind abbreviation
    with pytest.raises(Conflict):
        document_issue(actor=leader, document=first)


def test_a_register_restarts_at_01_each_year(make_unit, make_user):
    office = make_unit(abbr="VHTT")
    leader = make_user(office, "leader")
    a = document_create(actor=leader, kind="BC", subject="A", issuer_unit=office)
    b = document_create(actor=leader, kind="BC", subject="B", issuer_unit=office)
    document_issue(actor=leader, document=a, issued_date=dt.date(2022, 12, 30))
    document_issue(actor=leader, document=b, issued_date=dt.date(2023, 1, 3))
    assert (a.number, b.number) == ("01", "01")


def test_an_officer_may_not_issue(make_unit, make_user):
    office = make_unit()
    doc = document_create(actor=SYSTEM_CLI, kind="BC", subject="A", issuer_unit=office)
    with pytest.raises(PermissionDenied):
        document_issue(actor=make_user(office, "officer"), document=doc)


def test_a_citation_is_stored_once_and_never_to_itself(db):
    a = document_create(actor=SYSTEM_CLI, kind="KH", subject="A", symbol="1/KH-X", issuer_text="X")
    b = document_create(actor=SYSTEM_CLI, kind="KH", subject="B", symbol="2/KH-X", issuer_text="X")
    citation_add(actor=SYSTEM_CLI, source=a, target=b, relation="implements")
    citation_add(actor=SYSTEM_CLI, source=a, target=b, relation="implements")
    assert Citation.objects.count() == 1
    with pytest.raises(ValidationError):
        citation_add(actor=SYSTEM_CLI, source=a, target=a, relation="based_on")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_parallel_numberings_give_twenty_consecutive_numbers(make_unit):
    office = make_unit(abbr="VHTT")
    docs = [
        document_create(actor=SYSTEM_CLI, kind="BC", subject=f"Báo cáo {i}", issuer_unit=office)
        for i in range(20)
    ]
    barrier = threading.Barrier(20)
    errors = []

    def issue(doc):
        try:
            barrier.wait()
            document_issue(
                actor=SYSTEM_CLI, document=Document.objects.get(pk=doc.pk), issued_date=dt.date(2022, 5, 5)
            )
        except Exception as exc:  # reported below; a thread cannot fail the test itself
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue, args=(d,)) for d in docs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    numbers = sorted(Document.objects.values_list("register_number", flat=True))
    assert numbers == list(range(1, 21))

"""Registers (Nghị định 30, Điều 15, 16, 22): numbers entered or imported are known to the register,
numbers follow dates, incoming documents get số đến and ngày đến, 50 clerks at once get 50 numbers."""

import datetime as dt
import threading

import pytest
from django.db import connection

from loa.core.actors import SYSTEM_CLI
from loa.core.errors import Conflict, PermissionDenied, ValidationError
from loa.core.models import AuditEvent
from loa.documents.models import Direction, Document, Receipt, Register
from loa.documents.services import document_create, document_issue, document_receive

D = dt.date


@pytest.fixture
def office(make_unit):
    return make_unit("Phòng Văn hóa và Thông tin", abbr="VHTT")


def _draft(office, subject="Báo cáo"):
    return document_create(actor=SYSTEM_CLI, kind="BC", subject=subject, issuer_unit=office)


def _enter(office, symbol, date, actor=SYSTEM_CLI, **kw):
    return document_create(
        actor=actor,
        kind="BC",
        subject=kw.pop("subject", f"Báo cáo {symbol}"),
        symbol=symbol,
        issued_date=date,
        issuer_unit=office,
        direction=Direction.OUTGOING,
        **kw,
    )


def test_an_entered_number_is_known_to_the_register_and_the_next_issue_follows_it(office):
    entered = _enter(office, "297/BC-VHTT", D(2022, 10, 21))
    assert entered.register.year == 2022 and entered.register_number == 297
    issued = document_issue(actor=SYSTEM_CLI, document=_draft(office), issued_date=D(2022, 10, 25))
    assert issued.symbol == "298/BC-VHTT"


def test_an_entered_number_already_in_the_register_is_refused_with_a_message(office):
    _enter(office, "297/BC-VHTT", D(2022, 10, 21))
    with pytest.raises(Conflict) as err:
        _enter(office, "297/CV-VHTT", D(2022, 11, 2), subject="Công văn khác")
    assert err.value.code == "documents.number_taken"
    assert "Số 297 đã dùng trong sổ văn bản đi năm 2022" in err.value.message
    assert "297/BC-VHTT ngày 21/10/2022" in err.value.message
    assert Document.objects.count() == 1


def test_an_issued_number_cannot_be_entered_again(office):
    document_issue(actor=SYSTEM_CLI, document=_draft(office), issued_date=D(2022, 3, 1))
    with pytest.raises(Conflict):
        _enter(office, "01/KH-VHTT", D(2022, 3, 2))


def test_the_same_number_in_another_year_is_another_register(office):
    _enter(office, "05/BC-VHTT", D(2021, 5, 5))
    assert _enter(office, "05/BC-VHTT", D(2022, 5, 5)).register.year == 2022


def test_an_entered_number_below_the_counter_does_not_move_it_back(office):
    Register.objects.create(unit=office, year=2022, direction=Direction.OUTGOING, last_number=296)
    _enter(office, "07/KH-VHTT", D(2022, 1, 13))
    assert Register.objects.get(unit=office, year=2022).last_number == 296


def test_an_issue_dated_before_the_latest_numbered_document_is_refused(office):
    document_issue(actor=SYSTEM_CLI, document=_draft(office, "A"), issued_date=D(2022, 12, 15))
    late = _draft(office, "B")
    with pytest.raises(ValidationError) as err:
        document_issue(actor=SYSTEM_CLI, document=late, issued_date=D(2022, 6, 20))
    assert err.value.code == "documents.date_order"
    assert "01/BC-VHTT ngày 15/12/2022" in err.value.message
    late.refresh_from_db()
    assert late.register_id is None and late.symbol == ""
    # The refused issue gave its number back: the next one is 02.
    assert document_issue(actor=SYSTEM_CLI, document=late, issued_date=D(2022, 12, 16)).number == "02"


def test_an_issue_dated_in_the_future_is_refused(office):
    with pytest.raises(ValidationError) as err:
        document_issue(
            actor=SYSTEM_CLI, document=_draft(office), issued_date=dt.date.today() + dt.timedelta(days=3)
        )
    assert err.value.code == "documents.future_date"


def test_an_incoming_document_gets_the_next_so_den_and_its_ngay_den(office, make_user):
    clerk = make_user(office, "clerk")
    doc = document_create(
        actor=clerk,
        kind="KH",
        subject="Tuyên truyền CCHC năm 2022",
        symbol="4757/KH-UBND",
        issued_date=D(2021, 12, 27),
        issuer_text="UBND thị xã Hương Trà",
        direction=Direction.INCOMING,
        received_by=office,
        received_date=D(2022, 1, 4),
    )
    receipt = doc.receipts.get()
    assert (receipt.number, receipt.received_date, receipt.register.direction) == (
        1,
        D(2022, 1, 4),
        "incoming",
    )
    other = document_create(
        actor=clerk,
        kind="CV",
        subject="V/v khác",
        issuer_text="Sở Nội vụ",
        received_by=office,
        received_date=D(2022, 1, 5),
    )
    assert other.receipts.get().number == 2
    assert AuditEvent.objects.filter(verb="document.receive", actor=clerk).count() == 2


def test_one_document_is_received_by_several_units_each_in_its_own_register(office, make_unit):
    centre = make_unit(abbr="TTVH")
    plan = document_create(actor=SYSTEM_CLI, kind="KH", subject="KH", symbol="1/KH-UBND", issuer_text="UBND")
    document_receive(actor=SYSTEM_CLI, document=plan, unit=office, received_date=D(2022, 1, 3))
    document_receive(actor=SYSTEM_CLI, document=plan, unit=centre, received_date=D(2022, 1, 4))
    assert sorted(Receipt.objects.values_list("register__unit__abbr", flat=True)) == ["TTVH", "VHTT"]
    with pytest.raises(Conflict) as err:
        document_receive(actor=SYSTEM_CLI, document=plan, unit=office, received_date=D(2022, 1, 5))
    assert "đã vào sổ văn bản đến" in err.value.message


def test_a_hand_entered_so_den_is_accepted_once_and_the_counter_moves_past_it(office):
    a = document_create(actor=SYSTEM_CLI, kind="CV", subject="A", issuer_text="X")
    b = document_create(actor=SYSTEM_CLI, kind="CV", subject="B", issuer_text="X")
    c = document_create(actor=SYSTEM_CLI, kind="CV", subject="C", issuer_text="X")
    document_receive(actor=SYSTEM_CLI, document=a, unit=office, received_date=D(2022, 3, 1), number=120)
    with pytest.raises(Conflict) as err:
        document_receive(actor=SYSTEM_CLI, document=b, unit=office, received_date=D(2022, 3, 2), number=120)
    assert "Số đến 120 đã dùng" in err.value.message
    assert (
        document_receive(actor=SYSTEM_CLI, document=c, unit=office, received_date=D(2022, 3, 2)).number == 121
    )


def test_so_den_follows_the_date_of_arrival_and_never_precedes_the_document(office):
    a = document_create(actor=SYSTEM_CLI, kind="CV", subject="A", issuer_text="X")
    b = document_create(
        actor=SYSTEM_CLI, kind="CV", subject="B", issuer_text="X", issued_date=D(2022, 5, 1), symbol="9/X"
    )
    document_receive(actor=SYSTEM_CLI, document=a, unit=office, received_date=D(2022, 5, 10))
    with pytest.raises(ValidationError) as err:
        document_receive(actor=SYSTEM_CLI, document=b, unit=office, received_date=D(2022, 5, 3))
    assert err.value.code == "documents.date_order"
    with pytest.raises(ValidationError) as err:
        document_receive(actor=SYSTEM_CLI, document=b, unit=office, received_date=D(2022, 4, 30))
    assert err.value.code == "documents.received_before_issued"
    assert Receipt.objects.count() == 1


def test_an_incoming_entry_that_fails_saves_no_document(office):
    document_receive(
        actor=SYSTEM_CLI,
        document=document_create(actor=SYSTEM_CLI, kind="CV", subject="A", issuer_text="X"),
        unit=office,
        received_date=D(2022, 5, 10),
    )
    with pytest.raises(ValidationError):
        document_create(
            actor=SYSTEM_CLI,
            kind="CV",
            subject="B",
            issuer_text="Y",
            received_by=office,
            received_date=D(2022, 5, 1),
        )
    assert not Document.objects.filter(subject="B").exists()


def test_the_clerk_registers_but_a_stranger_may_not(office, make_unit, make_user):
    clerk = make_user(office, "clerk")
    assert _enter(office, "12/BC-VHTT", D(2022, 2, 2), actor=clerk).register_number == 12
    stranger = make_user(make_unit(), "clerk")
    with pytest.raises(PermissionDenied):
        _enter(office, "13/BC-VHTT", D(2022, 2, 3), actor=stranger)
    plan = document_create(actor=SYSTEM_CLI, kind="KH", subject="KH", issuer_text="UBND")
    with pytest.raises(PermissionDenied):
        document_receive(actor=stranger, document=plan, unit=office, received_date=D(2022, 1, 3))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_fifty_clerks_issuing_at_once_get_fifty_distinct_consecutive_numbers(make_unit):
    office = make_unit(abbr="VHTT")
    docs = [_draft(office, f"Báo cáo {i}") for i in range(50)]
    barrier = threading.Barrier(50)
    errors = []

    def issue(doc):
        try:
            barrier.wait()
            document_issue(
                actor=SYSTEM_CLI, document=Document.objects.get(pk=doc.pk), issued_date=D(2022, 5, 5)
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
    assert numbers == list(range(1, 51))
    assert Register.objects.get(unit=office, year=2022).last_number == 50
    assert AuditEvent.objects.filter(verb="document.issue").count() == 50  # each issue audited

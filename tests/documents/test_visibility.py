"""Who may read a document (ADR 0020): the units that issued it, received it or hold it in their
registers, the units below an issuer (its directives reach them), and the coordinators above those
units. A document of another unit — a "MẬT" letter received by a sibling office — is never listed,
opened, searched or cited by anyone else; citing a document never grants access to it."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile

from loa.core.actors import SYSTEM_CLI
from loa.core.errors import NotFound, PermissionDenied
from loa.documents.models import Citation, CitationRelation, Direction
from loa.documents.selectors import document_citations, document_get, document_list
from loa.documents.services import citation_add, document_create

D = dt.date


@pytest.fixture
def secret(cycle_world):
    """A "MẬT" letter from the police received by Phòng Văn hóa (entered by its clerk)."""
    w = cycle_world
    return document_create(
        actor=w["vhtt_clerk"],
        kind="CV",
        subject="MẬT — Về việc bảo vệ bí mật nhà nước",
        symbol="12/CV-CAT",
        issued_date=D(2026, 3, 2),
        issuer_text="Công an tỉnh",
        direction=Direction.INCOMING,
        received_by=w["vhtt"],
        received_date=D(2026, 3, 3),
        file=ContentFile(b"%PDF-1.4 mat", name="mat.pdf"),
    )


def _ids(user, **kw):
    return set(document_list(user=user, **kw).values_list("pk", flat=True))


def test_a_received_letter_is_read_by_the_receiving_unit_and_its_coordinators_only(cycle_world, secret):
    w = cycle_world
    assert secret.pk in _ids(w["vhtt_officer"])
    assert secret.pk in _ids(w["coordinator"])  # Nội vụ of the town, above the office
    assert secret.pk in _ids(w["province_coordinator"])
    for outsider in (w["tp_officer"], w["tp_clerk"], w["ward_leader"]):
        assert secret.pk not in _ids(outsider)
        assert secret.pk not in _ids(outsider, q="bí mật")
        with pytest.raises(NotFound):
            document_get(user=outsider, pk=secret.pk)


def test_an_external_reference_is_read_only_by_the_unit_that_registered_it(cycle_world):
    w = cycle_world
    ref = document_create(
        actor=w["vhtt_officer"],
        kind="KH",
        subject="Kế hoạch của Sở (bản tham chiếu)",
        symbol="55/KH-SVHTT",
        issued_date=D(2026, 1, 5),
        issuer_text="Sở Văn hóa và Thể thao",
        direction=Direction.EXTERNAL,
    )
    assert ref.pk in _ids(w["vhtt_leader"])
    assert ref.pk in _ids(w["coordinator"])
    assert ref.pk not in _ids(w["tp_officer"])


def test_a_units_own_documents_stay_with_it_its_coordinators_and_the_units_below(cycle_world):
    w = cycle_world
    town_plan = document_create(
        actor=SYSTEM_CLI, kind="KH", subject="Kế hoạch CCHC của thị xã", issuer_unit=w["town"]
    )
    office_note = document_create(
        actor=w["tp_clerk"], kind="CV", subject="Công văn nội bộ", issuer_unit=w["tp"]
    )
    assert town_plan.pk in _ids(w["vhtt_officer"])  # a directive of the unit above reaches the office
    assert office_note.pk not in _ids(w["vhtt_officer"])
    assert office_note.pk in _ids(w["coordinator"])


def test_citing_a_document_grants_no_access_to_it(cycle_world, secret):
    w = cycle_world
    own = document_create(actor=w["tp_clerk"], kind="BC", subject="Báo cáo của Tư pháp", issuer_unit=w["tp"])
    with pytest.raises((NotFound, PermissionDenied)):
        citation_add(actor=w["tp_clerk"], source=own, target=secret, relation=CitationRelation.BASED_ON)
    assert not Citation.objects.exists()
    # Even a citation recorded by the system (an import of the whole town) opens nothing.
    Citation.objects.create(source=own, target=secret, relation=CitationRelation.BASED_ON)
    assert secret.pk not in _ids(w["tp_officer"])
    cites, _ = document_citations(user=w["tp_officer"], document=own)
    assert cites == []


def test_the_registry_pages_and_files_refuse_another_units_letter(client, cycle_world, secret):
    w = cycle_world
    client.force_login(w["tp_officer"])
    for url in (f"/van-ban/{secret.pk}/", f"/van-ban/{secret.pk}/tep/", f"/van-ban/{secret.pk}/tep.pdf"):
        assert client.get(url).status_code == 404, url
    listing = client.get("/van-ban/", {"q": "mật"}).content.decode()
    assert "bảo vệ bí mật" not in listing
    listing = client.get("/van-ban/", {"so": "tham-chieu"}).content.decode()
    assert "12/CV-CAT" not in listing
    client.force_login(w["vhtt_officer"])
    assert client.get(f"/van-ban/{secret.pk}/").status_code == 200


def test_registering_a_copy_of_another_units_letter_says_it_exists_but_not_what_it_is(cycle_world, secret):
    from loa.core.errors import Conflict

    w = cycle_world
    with pytest.raises(Conflict) as err:
        document_create(
            actor=w["tp_clerk"],
            kind="CV",
            subject="?",
            symbol="12/CV-CAT",
            issued_date=D(2026, 3, 2),
            issuer_text="Công an tỉnh",
            direction=Direction.INCOMING,
            received_by=w["tp"],
            received_date=D(2026, 3, 4),
        )
    assert err.value.code == "documents.duplicate_elsewhere"
    assert "bí mật" not in err.value.message and "Phòng Văn hóa" not in err.value.message

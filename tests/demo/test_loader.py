"""The demo loader: ``demo_reset`` removes what the demo wrote and nothing else."""

from loa.core.actors import SYSTEM_DEMO
from loa.core.models import AuditEvent
from loa.demo import demo_load, demo_reset, is_loaded
from loa.documents.kinds import DocumentKind
from loa.documents.models import Direction, Document
from loa.documents.services import document_create


def test_reset_keeps_every_audit_record(db):
    demo_load()
    before = set(AuditEvent.objects.values_list("id", flat=True))
    assert before  # the load went through the audited services

    demo_reset()

    assert not is_loaded()
    assert before <= set(AuditEvent.objects.values_list("id", flat=True))


def test_reset_keeps_a_document_the_demo_did_not_create(db):
    demo_load()
    other = document_create(
        actor=SYSTEM_DEMO,
        kind=DocumentKind.CONG_VAN,
        subject="Văn bản của cơ quan khác, không thuộc dữ liệu mẫu",
        symbol="12/UBND-VP",
        issued_date=None,
        issuer_unit=None,
        issuer_text="Ủy ban nhân dân huyện khác",
        direction=Direction.EXTERNAL,
    )

    demo_reset()

    assert Document.objects.filter(pk=other.pk).exists()
    assert not Document.objects.filter(symbol="07/KH-VHTT").exists()


def test_reset_then_load_gives_the_same_world(db):
    demo_load()
    documents = Document.objects.count()
    demo_reset()
    demo_load()
    assert Document.objects.count() == documents

"""The demo loader: ``demo_reset`` removes what the demo wrote and nothing else."""

import datetime as dt
import io

from django.core.management import call_command

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


def test_reset_removes_only_what_the_demo_created(db, make_unit, make_user, channels):
    from django.contrib.auth import get_user_model

    from loa.activities.models import Activity
    from loa.activities.services import activity_record
    from loa.organizations.models import Unit

    demo_load()
    audit_rows = set(AuditEvent.objects.values_list("id", flat=True))
    unit = make_unit("Sở Nội vụ tỉnh thật", code="so-noi-vu-that")
    user = make_user(unit, "officer", username="canbo.that")
    activity = activity_record(
        actor=user, unit=unit, date=dt.date(2022, 5, 4), channel=channels["PORTAL"], title="Tin thật"
    )
    demo_units = set(Unit.objects.exclude(pk=unit.pk).values_list("pk", flat=True))

    call_command("demo", "--reset", stdout=io.StringIO())

    assert Unit.objects.filter(pk=unit.pk).exists()
    assert get_user_model().objects.filter(pk=user.pk).exists()
    assert Activity.objects.filter(pk=activity.pk).exists()
    assert audit_rows <= set(AuditEvent.objects.values_list("id", flat=True))
    # the demo is loaded again, as new rows
    assert is_loaded() and not Unit.objects.filter(pk__in=demo_units).exists()


def test_a_real_unit_with_a_demo_code_is_not_the_demos(db, make_unit):
    from loa.organizations.models import Unit

    real = make_unit("Phòng Văn hoá và Thông tin (thật)", code="huongtra-vhtt")
    demo_reset()
    assert Unit.objects.filter(pk=real.pk).exists()


def test_the_load_is_deterministic(db):
    from loa.activities.models import Activity
    from loa.plans.models import OrientationRecipient

    def world():
        return (
            sorted(Activity.objects.values_list("unit__code", "date", "channel__code", "title", "quantity")),
            sorted(
                OrientationRecipient.objects.values_list(
                    "orientation__month", "unit__code", "acknowledged_at"
                )
            ),
        )

    demo_load()
    first = world()
    demo_reset()
    demo_load()
    assert world() == first

"""A service given no actor at all fails loudly (``TypeError``) and writes nothing: ``None`` is a
programming error, not an anonymous visitor (Django's ``AnonymousUser``) nor background work (a
system actor from ``loa.core.actors``)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from loa.core.actors import SYSTEM_CLI, actor_name
from loa.core.errors import PermissionDenied
from loa.core.models import AuditEvent


def _calls(unit, channels):
    from loa.activities.feeds import feed_register, feeds_pull
    from loa.activities.services import activity_record
    from loa.documents.services import document_create
    from loa.ingest.services import ingest_commit
    from loa.organizations.accounts import membership_grant
    from loa.organizations.services import unit_create
    from loa.plans.services import plan_create
    from loa.reporting.services import report_open

    return {
        "activity_record": lambda actor: activity_record(
            actor=actor, unit=unit, date=dt.date(2022, 3, 1), channel=channels["PORTAL"], title="Tin"
        ),
        "plan_create": lambda actor: plan_create(actor=actor, unit=unit, title="Kế hoạch", year_from=2022),
        "report_open": lambda actor: report_open(actor=actor, unit=unit, period="2022"),
        "unit_create_top": lambda actor: unit_create(
            actor=actor, name="Tỉnh mới", code="tinh-moi", abbr="UBND", kind="province"
        ),
        "unit_create_below": lambda actor: unit_create(
            actor=actor, name="Phòng mới", code="phong-moi", abbr="P", kind="department", parent=unit
        ),
        "membership_grant": lambda actor: membership_grant(
            actor=actor, user=_someone(), unit=unit, role="officer"
        ),
        "document_create_external": lambda actor: document_create(
            actor=actor, kind="KH", subject="Kế hoạch của tỉnh", issuer_text="UBND tỉnh"
        ),
        "ingest_commit": lambda actor: ingest_commit(actor=actor, extractions=[]),
        "feed_register": lambda actor: feed_register(actor=actor, unit=unit, url="https://x.vn/rss"),
        "feeds_pull": lambda actor: feeds_pull(actor=actor, feeds=[]),
    }


def _someone():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get_or_create(username="nguoi-duoc-giao")[0]


SERVICES = [
    "activity_record",
    "plan_create",
    "report_open",
    "unit_create_top",
    "unit_create_below",
    "membership_grant",
    "document_create_external",
    "ingest_commit",
    "feed_register",
    "feeds_pull",
]


@pytest.mark.parametrize("service", SERVICES)
def test_a_service_given_none_raises_type_error_and_writes_nothing(make_unit, channels, service):
    unit = make_unit()
    events = AuditEvent.objects.count()
    with pytest.raises(TypeError, match="không được là None"):
        _calls(unit, channels)[service](None)
    assert AuditEvent.objects.count() == events


@pytest.mark.parametrize(
    "service",
    ["activity_record", "plan_create", "report_open", "unit_create_top", "document_create_external"],
)
def test_an_anonymous_visitor_is_refused_not_crashed(make_unit, channels, service):
    unit = make_unit()
    events = AuditEvent.objects.count()
    with pytest.raises(PermissionDenied):
        _calls(unit, channels)[service](AnonymousUser())
    assert AuditEvent.objects.count() == events


@pytest.mark.parametrize("service", ["activity_record", "plan_create", "unit_create_top", "membership_grant"])
def test_a_system_actor_passes_the_checks_and_is_audited_under_its_name(make_unit, channels, service):
    unit = make_unit()
    _calls(unit, channels)[service](SYSTEM_CLI)
    assert AuditEvent.objects.latest("id").actor_name == SYSTEM_CLI.name


def test_only_a_superuser_or_the_system_creates_a_unit_at_the_top(make_unit, make_user):
    from loa.organizations.services import unit_create

    admin = make_user(make_unit(), "admin")
    with pytest.raises(PermissionDenied):
        unit_create(actor=admin, name="Tỉnh khác", code="tinh-khac", abbr="UBND", kind="province")
    assert actor_name(admin) == admin.username

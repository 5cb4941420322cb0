"""Fixtures shared by the whole suite: factories for units and users, the demo world, and a real SMTP
server on loopback (aiosmtpd) for the reminder e-mails."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import itertools
import os
import socket
from dataclasses import dataclass, field
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller

from loa.core.actors import SYSTEM_CLI
from scoring_fixtures import opened, scoring_world  # noqa: F401  (CCHC scoring's fixtures)

# Playwright's sync API runs an event loop in the test thread; Django must allow ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

_seq = itertools.count(1)


@pytest.fixture
def make_unit(db):
    """``make_unit(parent=…, kind=…)`` → a new unit, linked under ``parent`` from 2000."""
    from loa.organizations.models import UnitKind
    from loa.organizations.services import unit_create

    def make(name: str | None = None, *, parent=None, kind=UnitKind.DEPARTMENT, abbr="DV", **fields):
        n = next(_seq)
        return unit_create(
            actor=SYSTEM_CLI,
            name=name or f"Đơn vị thử {n}",
            code=fields.pop("code", f"dv-{n}"),
            abbr=abbr,
            kind=kind,
            parent=parent,
            linked_from=fields.pop("linked_from", dt.date(2000, 1, 1)),
            linked_to=fields.pop("linked_to", None),
            **fields,
        )

    return make


@pytest.fixture
def make_user(db):
    """``make_user(unit, role)`` → a user holding ``role`` in ``unit`` (no role when unit is None)."""
    from django.contrib.auth import get_user_model

    from loa.organizations.accounts import membership_grant

    def make(unit=None, role="officer", **fields):
        n = next(_seq)
        user = get_user_model().objects.create_user(
            username=fields.pop("username", f"user{n}"),
            password=fields.pop("password", "matkhau-thu-123"),
            **fields,
        )
        if unit is not None:
            membership_grant(actor=SYSTEM_CLI, user=user, unit=unit, role=role)
        return user

    return make


@pytest.fixture
def cycle_world(make_unit, make_user):
    """A town (Nội vụ coordinates) with two offices and a ward that report to it, a centre that does
    not, and a province above; each reporting unit has a leader and a clerk, the ward an officer."""
    from loa.organizations.models import UnitKind

    province = make_unit("Tỉnh thử", kind=UnitKind.PROVINCE, abbr="UBND", code="tinh-thu")
    town = make_unit("Thị xã thử", kind=UnitKind.DISTRICT, abbr="UBND", code="tx-thu", parent=province)
    vhtt = make_unit("Phòng Văn hóa thử", parent=town, abbr="VHTT", code="tx-vhtt")
    tp = make_unit("Phòng Tư pháp thử", parent=town, abbr="TP", code="tx-tp")
    ward = make_unit("Phường thử", kind=UnitKind.COMMUNE, parent=town, abbr="UBND", code="tx-phuong")
    centre = make_unit("Trung tâm thử", kind=UnitKind.CENTRE, parent=town, abbr="TT", code="tx-tt")
    other = make_unit("Huyện khác", kind=UnitKind.DISTRICT, parent=province, abbr="UBND", code="huyen-khac")
    world = {
        "province": province,
        "town": town,
        "vhtt": vhtt,
        "tp": tp,
        "ward": ward,
        "centre": centre,
        "other": other,
        "coordinator": make_user(town, "coordinator", username="noivu-tx"),
        "province_coordinator": make_user(province, "coordinator", username="noivu-tinh"),
    }
    for key in ("vhtt", "tp", "ward"):
        world[f"{key}_leader"] = make_user(world[key], "leader", username=f"{key}-lanhdao")
        world[f"{key}_clerk"] = make_user(world[key], "clerk", username=f"{key}-vanthu")
        world[f"{key}_officer"] = make_user(world[key], "officer", username=f"{key}-canbo")
    return world


@pytest.fixture
def demo_world(db):
    """The demo: Hương Trà 2022 and the 2025 restructuring, loaded through the services (once per
    session; later tests get the same rows back from memory, see ``tests/demo_snapshot.py``)."""
    from demo_snapshot import load_demo

    load_demo("issued")
    from loa.organizations.models import Unit

    return {u.code: u for u in Unit.objects.all()}


@pytest.fixture
def demo_world_unissued(db):
    """The demo stopped before the clerk numbered Báo cáo 297/BC-VHTT: Phòng VHTT has no 2022 report
    yet (where the tests of drafting, approving and issuing start)."""
    from demo_snapshot import load_demo

    load_demo("unissued", issue_report=False)
    from loa.organizations.models import Unit

    return {u.code: u for u in Unit.objects.all()}


@pytest.fixture
def channels(db):
    from loa.plans.models import Channel

    return {c.code: c for c in Channel.objects.all()}


@pytest.fixture
def areas(db):
    from loa.plans.models import ContentArea

    return {a.code: a for a in ContentArea.objects.all()}


@pytest.fixture
def cycle_request(db):
    """``cycle_request(coordinator, units, deadline=…)`` → a ReportRequest with one expected
    Submission per unit, written as model rows (the reporting cycle's own test data)."""
    from loa.reporting.models import ReportRequest, Submission

    def make(coordinator, units, *, period="2022", deadline=dt.date(2022, 12, 15), window="nd09", **fields):
        request = ReportRequest.objects.create(
            coordinator_unit=coordinator,
            period=period,
            window=window,
            title=fields.pop("title", f"Báo cáo công tác tuyên truyền CCHC {period}"),
            deadline=deadline,
            **fields,
        )
        Submission.objects.bulk_create([Submission(request=request, unit=u) for u in units])
        return request

    return make


@pytest.fixture
def send_report(db):
    """``send_report(request, unit, on=date, actual={"PORTAL": 15}, state="accepted")``: the unit's
    submission as sent, its figures frozen in the agreed shape (``Submission.figures``)."""
    from loa.plans.models import Channel
    from loa.reporting.models import Report, ReportStatus, Submission

    def send(request, unit, *, on, actual, state="accepted", target=None, narrative=None):
        names = {c.code: c for c in Channel.objects.filter(code__in=list(actual))}
        report, _ = Report.objects.get_or_create(
            unit=unit,
            period=request.period,
            status=ReportStatus.ISSUED,
            defaults={"window": request.window, "report_date": on, "narrative": narrative or {}},
        )
        submission = Submission.objects.get(request=request, unit=unit)
        submission.state = state
        submission.report = report
        submission.submitted_on = on
        submission.figures = {
            "channels": [
                {
                    "code": code,
                    "name": names[code].name,
                    "unit": names[code].measure,
                    "target": (target or {}).get(code),
                    "actual": n,
                }
                for code, n in actual.items()
            ],
            "window": ["2021-12-15", "2022-12-14"],
        }
        submission.save()
        return submission

    return send


def pytest_collection_modifyitems(config, items):
    """A test marked ``postgres`` run against another database fails loudly instead of passing vacuously."""
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"]
    for item in items:
        if item.get_closest_marker("postgres") and "postgresql" not in engine:
            item.add_marker(
                pytest.mark.usefixtures("_require_postgres"),
            )


@pytest.fixture
def _require_postgres():
    pytest.fail(
        "Kiểm thử này cần PostgreSQL: chạy với LOA_DATABASE_URL=postgres://… (make test làm việc này), "
        "hoặc loại nó bằng -m 'not postgres' khi chạy trên SQLite."
    )


@dataclass
class Sink:
    """Collects every message the server accepted, parsed."""

    messages: list[EmailMessage] = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd calls this hook by name
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        message["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        self.messages.append(message)  # type: ignore[arg-type]
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    """Start an SMTP server on 127.0.0.1 and point Django's SMTP backend at it; yields the sink."""
    sink = Sink()
    port = _free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 10},
        }
    }
    settings.DEFAULT_FROM_EMAIL = "Loa <loa@huongtra.gov.vn>"
    settings.LOA_BASE_URL = "https://loa.huongtra.gov.vn"
    try:
        yield sink
    finally:
        controller.stop()

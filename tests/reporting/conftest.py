"""A real SMTP server on loopback for the reminder e-mails (aiosmtpd), and a small reporting world."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import socket
from dataclasses import dataclass, field
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller


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


@pytest.fixture
def cycle(make_unit, make_user):
    """A town (coordinator) asking two offices for the 2022 report, due 15/12/2022. The rows are
    written directly: the services that open requests belong to the cycle's module."""
    from loa.organizations.models import UnitKind
    from loa.reporting.models import ReportRequest, Submission

    town = make_unit("Thị xã Hương Trà", code="huongtra", kind=UnitKind.DISTRICT, abbr="UBND")
    vh = make_unit("Phòng Văn hóa và Thông tin", code="huongtra-vhtt", parent=town, abbr="VHTT")
    tp = make_unit("Phòng Tư pháp", code="huongtra-tp", parent=town, abbr="TP")
    people = {
        "coordinator": make_user(town, "coordinator", email="noivu@huongtra.gov.vn", first_name="Lan"),
        "vh_leader": make_user(vh, "leader", email="lanhdao.vh@huongtra.gov.vn", first_name="Minh"),
        "vh_officer": make_user(vh, "officer", email="canbo.vh@huongtra.gov.vn"),
        "vh_clerk": make_user(vh, "clerk", email=""),  # no address: the inbox only
        "tp_officer": make_user(tp, "officer", email="canbo.tp@huongtra.gov.vn"),
    }
    request = ReportRequest.objects.create(
        coordinator_unit=town,
        period="2022",
        title="Báo cáo công tác tuyên truyền CCHC năm 2022",
        deadline=dt.date(2022, 12, 15),
    )
    subs = {u.code: Submission.objects.create(request=request, unit=u) for u in (vh, tp)}
    return {"town": town, "vh": vh, "tp": tp, "request": request, "subs": subs, **people}

"""The e-mail digest, received by a real SMTP server on loopback: one message per person per day."""

import datetime as dt
import threading

import pytest
from django.db import connection
from django.utils import timezone

from loa.core.actors import SYSTEM_WORKER
from loa.core.models import AuditEvent
from loa.reporting.digest import send_digests
from loa.reporting.models import Notice
from loa.reporting.notices import on_submission_event, reminders_due
from loa.reporting.transitions import Step

D = dt.date
TITLE = "«Báo cáo công tác tuyên truyền CCHC năm 2022»"


def _plain(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def _html(message) -> str:
    return message.get_body(preferencelist=("html",)).get_content()


def test_a_reminder_arrives_in_vietnamese_with_a_link_to_loa(cycle, smtp_server, settings):
    settings.LOA_REMINDER_DAYS_BEFORE = (3,)
    reminders_due(D(2022, 12, 12), actor=SYSTEM_WORKER)
    result = send_digests(D(2022, 12, 12), actor=SYSTEM_WORKER)
    # Four people were reminded; the VH clerk has no address and only gets the inbox.
    assert (result.sent, result.notices, result.failed) == (3, 3, [])
    by_to = {m["To"]: m for m in smtp_server.messages}
    assert set(by_to) == {
        "lanhdao.vh@huongtra.gov.vn",
        "canbo.vh@huongtra.gov.vn",
        "canbo.tp@huongtra.gov.vn",
    }
    message = by_to["lanhdao.vh@huongtra.gov.vn"]
    assert message["Subject"] == "[Loa] 1 thông báo mới ngày 12/12/2022"
    assert message["From"] == "Loa <loa@huongtra.gov.vn>"
    assert message["X-Envelope-To"] == "lanhdao.vh@huongtra.gov.vn"
    lines = _plain(message).splitlines()
    assert lines[0] == "Kính gửi Minh,"
    assert f"- Còn 3 ngày đến hạn gửi báo cáo {TITLE} cho Thị xã Hương Trà (hạn 15/12/2022)." in lines
    assert "  https://loa.huongtra.gov.vn/don-vi/huongtra-vhtt/" in lines
    assert "Xem tất cả thông báo: https://loa.huongtra.gov.vn/thong-bao/" in lines
    html = _html(message)
    assert "Còn 3 ngày đến hạn gửi báo cáo «Báo cáo" in html
    assert '<a href="https://loa.huongtra.gov.vn/don-vi/huongtra-vhtt/">Mở trong Loa</a>' in html
    # Marked as mailed, the clerk's stays unmailed; one audit row per message, as the worker.
    assert Notice.objects.filter(emailed_at__isnull=True).get().user == cycle["vh_clerk"]
    audits = AuditEvent.objects.filter(verb="notices.email")
    assert audits.count() == 3 and {a.actor_name for a in audits} == {SYSTEM_WORKER.name}


def test_two_notices_make_one_message(cycle, smtp_server, settings):
    settings.LOA_REMINDER_DAYS_BEFORE = (3,)
    today = timezone.localdate()
    # The coordinator hears of two reports arriving the same day: one message lists both.
    on_submission_event(cycle["subs"]["huongtra-vhtt"], Step.SUBMIT)
    on_submission_event(cycle["subs"]["huongtra-tp"], Step.SUBMIT)
    result = send_digests(today, actor=SYSTEM_WORKER)
    assert (result.sent, result.notices) == (1, 2)
    (message,) = smtp_server.messages
    assert message["To"] == "noivu@huongtra.gov.vn"
    assert message["Subject"] == f"[Loa] 2 thông báo mới ngày {today:%d/%m/%Y}"
    body = _plain(message)
    assert f"- Đơn vị Phòng Văn hóa và Thông tin đã gửi báo cáo {TITLE}." in body
    assert f"- Đơn vị Phòng Tư pháp đã gửi báo cáo {TITLE}." in body


def test_at_most_one_message_per_person_per_day_and_nothing_twice(cycle, smtp_server):
    today = timezone.localdate()
    on_submission_event(cycle["subs"]["huongtra-vhtt"], Step.SUBMIT)
    assert send_digests(today, actor=SYSTEM_WORKER).sent == 1
    assert send_digests(today, actor=SYSTEM_WORKER).sent == 0  # nothing new: nothing sent
    # A report arriving later that day waits for tomorrow's message.
    on_submission_event(cycle["subs"]["huongtra-tp"], Step.SUBMIT)
    assert send_digests(today, actor=SYSTEM_WORKER).sent == 0
    assert len(smtp_server.messages) == 1
    tomorrow = send_digests(today + dt.timedelta(days=1), actor=SYSTEM_WORKER)
    assert (tomorrow.sent, tomorrow.notices) == (1, 1)
    assert "Phòng Tư pháp" in _plain(smtp_server.messages[1])
    assert "Phòng Văn hóa" not in _plain(smtp_server.messages[1])


def test_without_an_address_only_the_inbox(cycle, smtp_server):
    on_submission_event(cycle["subs"]["huongtra-vhtt"], Step.ACCEPT)
    cycle["vh_leader"].email = ""
    cycle["vh_leader"].save()
    cycle["vh_officer"].is_active = False
    cycle["vh_officer"].save()
    assert send_digests(timezone.localdate(), actor=SYSTEM_WORKER).sent == 0
    assert smtp_server.messages == []
    assert Notice.objects.filter(emailed_at__isnull=True).count() == 3  # still in the inboxes


def test_without_a_mail_server_configured_nothing_is_sent_or_marked(cycle, settings):
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.dummy.EmailBackend"}}
    on_submission_event(cycle["subs"]["huongtra-vhtt"], Step.SUBMIT)
    assert send_digests(timezone.localdate(), actor=SYSTEM_WORKER).sent == 0
    assert Notice.objects.get().emailed_at is None


def test_a_server_that_refuses_leaves_the_notices_for_the_next_day(cycle, settings):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 2},
        }
    }
    on_submission_event(cycle["subs"]["huongtra-vhtt"], Step.SUBMIT)
    result = send_digests(timezone.localdate(), actor=SYSTEM_WORKER)
    assert result.sent == 0 and result.failed == ["noivu@huongtra.gov.vn"]
    assert Notice.objects.get().emailed_at is None


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_sending_at_once_mail_each_person_once(cycle, smtp_server, settings):
    settings.LOA_REMINDER_DAYS_BEFORE = (3,)
    reminders_due(D(2022, 12, 12), actor=SYSTEM_WORKER)
    barrier = threading.Barrier(2)
    results = []

    def run():
        try:
            barrier.wait()
            results.append(send_digests(D(2022, 12, 12), actor=SYSTEM_WORKER))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(r.sent for r in results) == 3
    assert sorted(m["To"] for m in smtp_server.messages) == [
        "canbo.tp@huongtra.gov.vn",
        "canbo.vh@huongtra.gov.vn",
        "lanhdao.vh@huongtra.gov.vn",
    ]

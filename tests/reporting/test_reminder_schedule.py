"""The daily reminder run in ``loa worker``: queued on start, run as the worker, next day queued;
and ``loa reminders`` for installs that use cron instead."""

import datetime as dt
import io
import json
import zoneinfo

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from loa.core.actors import SYSTEM_CLI, SYSTEM_WORKER
from loa.core.models import AuditEvent
from loa.reporting.models import Notice, ReportRequest
from loa.reporting.tasks import next_run_at, reminder_schedule

# The worker loop closes connections it finds inside a transaction: commit for real.
pytestmark = pytest.mark.django_db(transaction=True)

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
TASK = "loa.reporting.tasks.send_reminders"


@override_settings(LOA_REMINDER_HOUR=7)
def test_the_next_run_is_the_next_seven_oclock_local_time():
    assert next_run_at(dt.datetime(2022, 12, 12, 6, 59, tzinfo=VN)) == dt.datetime(2022, 12, 12, 7, tzinfo=VN)
    assert next_run_at(dt.datetime(2022, 12, 12, 7, 0, tzinfo=VN)) == dt.datetime(2022, 12, 13, 7, tzinfo=VN)
    # 23:30 UTC on the 12th is 06:30 on the 13th in Việt Nam.
    assert next_run_at(dt.datetime(2022, 12, 12, 23, 30, tzinfo=dt.UTC)) == dt.datetime(
        2022, 12, 13, 7, tzinfo=VN
    )


def test_without_a_database_queue_no_schedule_is_kept():
    assert reminder_schedule() is False  # the immediate backend of the tests keeps nothing


@override_settings(TASKS=DB_TASKS, LOA_REMINDER_HOUR=0, LOA_REMINDER_DAYS_BEFORE=(3,))
def test_the_worker_reminds_and_mails_today_and_queues_tomorrow(cycle, smtp_server):
    from django_tasks_db.models import DBTaskResult

    today = timezone.localdate()
    ReportRequest.objects.filter(pk=cycle["request"].pk).update(deadline=today + dt.timedelta(days=3))
    out = io.StringIO()
    call_command("worker", "--once", "--no-feeds", stdout=out)
    assert "Đã xếp lịch nhắc hạn báo cáo" in out.getvalue()
    runs = DBTaskResult.objects.filter(task_path=TASK)
    assert sorted(runs.values_list("status", flat=True)) == ["READY", "SUCCESSFUL"]
    waiting = runs.get(status="READY")
    assert timezone.localtime(waiting.run_after) == timezone.make_aware(
        dt.datetime.combine(today + dt.timedelta(days=1), dt.time(0))
    )
    assert Notice.objects.filter(kind="due_soon", day=today).count() == 4
    assert sorted(m["To"] for m in smtp_server.messages) == [
        "canbo.tp@huongtra.gov.vn",
        "canbo.vh@huongtra.gov.vn",
        "lanhdao.vh@huongtra.gov.vn",
    ]
    assert smtp_server.messages[0]["Subject"] == f"[Loa] 1 thông báo mới ngày {today:%d/%m/%Y}"
    assert {
        a.actor_name for a in AuditEvent.objects.filter(verb__in=["reminders.notify", "notices.email"])
    } == {SYSTEM_WORKER.name}
    # Started again today: tomorrow's run is waiting, nothing runs, nobody is mailed twice.
    call_command("worker", "--once", "--no-feeds", stdout=io.StringIO())
    assert runs.count() == 2 and len(smtp_server.messages) == 3


@override_settings(LOA_REMINDER_DAYS_BEFORE=(3,))
def test_loa_reminders_by_hand_is_idempotent(cycle, smtp_server):
    out = io.StringIO()
    call_command("reminders", "--date", "2022-12-16", "--json", stdout=out)
    assert json.loads(out.getvalue()) == {
        "date": "2022-12-16",
        "notices": {"due_soon": 0, "overdue": 4},
        "emails": 3,
        "failed": [],
    }
    out = io.StringIO()
    call_command("reminders", "--date", "2022-12-16", stdout=out)
    assert out.getvalue().splitlines() == [
        "Ngày 16/12/2022: 0 thông báo sắp đến hạn, 0 thông báo quá hạn.",
        "Đã gửi 0 thư (0 thông báo).",
    ]
    assert len(smtp_server.messages) == 3
    assert {a.actor_name for a in AuditEvent.objects.filter(verb="reminders.notify")} == {SYSTEM_CLI.name}


def test_loa_reminders_refuses_a_bad_date(db):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="Ngày không hợp lệ"):
        call_command("reminders", "--date", "16/12/2022")

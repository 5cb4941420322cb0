"""``loa reminders [--date YYYY-MM-DD] [--no-email] [--json]``: the day's reminder run by hand or cron.

``loa worker`` runs it every day by itself (``LOA_REMINDER_HOUR``); installs without a worker can
run this command once a day from cron. Idempotent: running it twice a day makes and mails nothing new.
"""

from __future__ import annotations

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from loa.core.actors import SYSTEM_CLI
from loa.reporting.digest import send_digests
from loa.reporting.notices import NoticeKind, reminders_due


class Command(BaseCommand):
    help = "Nhắc hạn gửi báo cáo (trước hạn và sau khi quá hạn) và gửi thư thông báo trong ngày."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Ngày chạy, dạng YYYY-MM-DD (mặc định: hôm nay)")
        parser.add_argument("--no-email", action="store_true", help="Chỉ ghi thông báo, không gửi thư")
        parser.add_argument("--json", action="store_true", help="In kết quả dạng JSON")

    def handle(self, *args, date=None, no_email=False, json=False, **options):
        try:
            today = dt.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError as exc:
            raise CommandError(f"Ngày không hợp lệ: {date} (cần dạng YYYY-MM-DD).") from exc
        made = reminders_due(today, actor=SYSTEM_CLI)
        mailed = None if no_email else send_digests(today, actor=SYSTEM_CLI)
        if json:
            self.stdout.write(_dumps(today, made, mailed))
            return
        self.stdout.write(
            f"Ngày {today:%d/%m/%Y}: {made[NoticeKind.DUE_SOON]} thông báo sắp đến hạn, "
            f"{made[NoticeKind.OVERDUE]} thông báo quá hạn."
        )
        if mailed is not None:
            self.stdout.write(f"Đã gửi {mailed.sent} thư ({mailed.notices} thông báo).")
            if mailed.failed:
                self.stdout.write(f"Không gửi được thư tới: {', '.join(mailed.failed)}.")


def _dumps(today, made, mailed) -> str:
    out = {"date": today.isoformat(), "notices": made}
    if mailed is not None:
        out["emails"] = mailed.sent
        out["failed"] = mailed.failed
    return json.dumps(out, ensure_ascii=False)

"""``loa worker [--once]``: run the background work queued in the database (django-tasks-db).

PDF rendering of issued documents, reading uploaded import files, the scheduled feed pull
(every ``LOA_FEEDS_EVERY`` minutes) and the daily reminders and e-mail digests (at
``LOA_REMINDER_HOUR`` o'clock) wait in the database until a worker runs them, so any number
of app servers and workers can share the work. ``make run`` starts one beside the web server.
``--once`` runs what is due now, then exits (tests, cron).
"""

from __future__ import annotations

from django.core.management.base import CommandError
from django.tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django.utils.crypto import get_random_string
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from loa.activities.tasks import feed_pull_schedule
from loa.reporting.cycle_tasks import requests_open_schedule
from loa.reporting.tasks import reminder_schedule


class Command(DbWorkerCommand):
    help = (
        "Chạy tác vụ nền của Loa (tạo PDF, đọc tệp nhập, lấy tin RSS định kỳ, nhắc hạn báo cáo và gửi "
        "thư thông báo hằng ngày) từ hàng đợi trong CSDL."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--once",
            action="store_true",
            help="Chạy hết các tác vụ đến hạn rồi dừng (không chờ tác vụ mới).",
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=1.0,
            help="Số giây chờ giữa hai lần xem hàng đợi khi không có việc (mặc định 1).",
        )
        parser.add_argument(
            "--max-tasks",
            type=int,
            default=None,
            help="Dừng sau khi chạy chừng này tác vụ (mặc định: không giới hạn).",
        )
        parser.add_argument(
            "--queue-name",
            default="default",
            help="Các hàng đợi cần chạy, cách nhau bởi dấu phẩy; '*' là mọi hàng đợi (mặc định: default).",
        )
        parser.add_argument(
            "--reload",
            action="store_true",
            help="Tự khởi động lại khi mã nguồn thay đổi (chỉ dùng khi phát triển).",
        )
        parser.add_argument(
            "--no-feeds",
            action="store_true",
            help="Không tự xếp lịch lấy tin RSS (LOA_FEEDS_EVERY phút một lần).",
        )
        parser.add_argument(
            "--no-reminders",
            action="store_true",
            help="Không tự xếp lịch nhắc hạn báo cáo và gửi thư thông báo (LOA_REMINDER_HOUR giờ mỗi ngày).",
        )

    def handle(self, *args, once=False, interval=1.0, max_tasks=None, queue_name="default", **options):
        backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
        if not isinstance(backend, DatabaseBackend):
            raise CommandError(
                "Hàng đợi tác vụ không lưu trong CSDL (TASKS không dùng django_tasks_db.DatabaseBackend): "
                "không có gì để loa worker chạy."
            )
        if interval < 0:
            raise CommandError("--interval phải từ 0 trở lên.")
        if max_tasks is not None and max_tasks <= 0:
            raise CommandError("--max-tasks phải lớn hơn 0.")
        # Each heavy file is read in a child forked from a small fork server that has imported the
        # readers and the Excel check once (ADR 0028): start it now, while the worker is still small.
        import loa.activities.importers.xlsx
        import loa.ingest.pipeline  # noqa: F401
        from loa.core.budget import budget_warm

        budget_warm()
        if requests_open_schedule() and options["verbosity"] >= 2:
            self.stdout.write("Đã xếp lịch mở các yêu cầu báo cáo định kỳ.")
        if not options["no_feeds"] and feed_pull_schedule():
            if options["verbosity"] >= 1:
                self.stdout.write("Đã xếp lịch lấy tin RSS từ các nguồn đến hạn.")
        if not options["no_reminders"] and reminder_schedule():
            if options["verbosity"] >= 1:
                self.stdout.write("Đã xếp lịch nhắc hạn báo cáo và gửi thư thông báo hằng ngày.")
        super().handle(
            verbosity=options["verbosity"],
            queue_name=queue_name,
            interval=interval,
            batch=once,
            backend_name=backend.alias,
            startup_delay=not once,
            reload=bool(options["reload"]) and not once,
            max_tasks=max_tasks,
            worker_id=get_random_string(32),
            exclude_queues="",
        )

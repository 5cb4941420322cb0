"""``loa feeds pull [--timeout S]``: read every active feed and add new items as drafts (hourly, by cron)."""

from django.core.management.base import BaseCommand

from loa.activities.feeds import feeds_pull
from loa.cli.actors import add_as_argument, command_actor
from loa.core.actors import SYSTEM_FEEDS


class Command(BaseCommand):
    help = "Lấy tin mới từ các nguồn RSS/Atom của đơn vị, tạo tin chờ xác nhận."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, title="thao tác")
        pull = sub.add_parser("pull", help="Lấy tin từ mọi nguồn đang bật")
        pull.add_argument("--timeout", type=float, default=10, help="Giây chờ mỗi nguồn (mặc định 10)")
        add_as_argument(pull)

    def handle(self, *args, action, timeout, as_user=None, **options):
        # The hourly pull (cron) runs as the feeds' own system actor; --as reads only the feeds of
        # the units where that user may record.
        result = feeds_pull(actor=command_actor(as_user, default=SYSTEM_FEEDS), timeout=timeout)
        self.stdout.write(
            f"Đã đọc {result.feeds} nguồn tin: {result.created} tin mới chờ xác nhận, {result.failed} nguồn lỗi."
        )

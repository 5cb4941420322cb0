"""``loa files orphans [--delete] [--older-than PHÚT]``: stored files no row refers to (left by a
killed process or a rolled-back write the hooks could not see), listed or deleted."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from loa.cli.actors import add_as_argument, command_actor
from loa.core.errors import DomainError
from loa.core.files import orphans, orphans_delete


class Command(BaseCommand):
    help = "Tìm (và xoá) các tệp đã lưu nhưng không còn bản ghi nào dùng đến."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, title="thao tác")
        found = sub.add_parser("orphans", help="Liệt kê tệp không còn dùng; --delete để xoá")
        found.add_argument("--delete", action="store_true", help="Xoá các tệp tìm được")
        found.add_argument(
            "--older-than",
            type=int,
            default=60,
            metavar="PHÚT",
            help="Chỉ tệp cũ hơn số phút này (mặc định 60)",
        )
        add_as_argument(found)

    def handle(self, *args, action, delete=False, older_than=60, as_user=None, **options):
        age = dt.timedelta(minutes=max(older_than, 0))
        if not delete:
            names = orphans(older_than=age)
            for name in names:
                self.stdout.write(name)
            self.stdout.write(f"{len(names)} tệp không còn dùng.")
            return
        try:
            names = orphans_delete(actor=command_actor(as_user), older_than=age)
        except DomainError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(f"Đã xoá {len(names)} tệp không còn dùng.")

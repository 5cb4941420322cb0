"""``loa restore IN [--force]``: put a backup made by ``loa backup`` back, into an empty database
(a database that holds data is refused unless ``--force``, which replaces everything)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from loa.core.backup import backup_restore
from loa.core.errors import DomainError


class Command(BaseCommand):
    help = "Phục hồi cơ sở dữ liệu và các tệp từ một bản sao lưu của Loa."

    def add_arguments(self, parser):
        parser.add_argument("archive", metavar="IN", help="Tệp sao lưu (.tar.gz) do lệnh loa backup tạo")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Phục hồi cả khi cơ sở dữ liệu đã có dữ liệu (toàn bộ dữ liệu và tệp hiện có bị thay thế)",
        )

    def handle(self, *args, archive, force, **options):
        path = Path(archive)
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp sao lưu “{archive}”.")
        try:
            summary = backup_restore(path, force=force)
        except DomainError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(
            f"Đã phục hồi {summary.tables} bảng ({summary.rows} dòng) và {summary.files} tệp từ {archive}."
        )

"""``loa backup OUT``: the whole database and the stored files in one archive (``.tar.gz``)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from loa.core.backup import backup_write
from loa.core.errors import DomainError


class Command(BaseCommand):
    help = "Sao lưu toàn bộ cơ sở dữ liệu và các tệp đã lưu vào một tệp .tar.gz."

    def add_arguments(self, parser):
        parser.add_argument("out", help="Tệp sao lưu sẽ tạo, ví dụ loa-2026-01-05.tar.gz")

    def handle(self, *args, out, **options):
        path = Path(out)
        if path.is_dir() or not path.parent.is_dir():
            raise CommandError(f"Không ghi được “{out}”: cần đường dẫn một tệp trong thư mục có sẵn.")
        try:
            summary = backup_write(path)
        except (DomainError, OSError) as exc:
            raise CommandError(f"Sao lưu không thành công: {getattr(exc, 'message', exc)}") from None
        self.stdout.write(
            f"Đã sao lưu {summary.tables} bảng ({summary.rows} dòng) và {summary.files} tệp vào {out} "
            f"({summary.size // 1024} KB)."
        )

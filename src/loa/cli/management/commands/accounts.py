"""``loa accounts template --out FILE`` and ``loa accounts import FILE [--dry-run] --as USER --json``."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from loa.cli.actors import add_as_argument, command_actor
from loa.core.errors import DomainError
from loa.organizations.account_import import accounts_import, accounts_template


class Command(BaseCommand):
    help = "Tải mẫu và nhập danh sách tài khoản, vai trò từ tệp Excel (.xlsx) hoặc CSV."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, title="thao tác")
        template = sub.add_parser("template", help="Ghi tệp mẫu (.xlsx hoặc .csv theo đuôi tệp)")
        template.add_argument("--out", required=True, help="Tệp sẽ ghi, ví dụ mau-tai-khoan.xlsx")
        imp = sub.add_parser("import", help="Nhập tài khoản và vai trò từ tệp đã điền")
        imp.add_argument("file", help="Tệp .xlsx hoặc .csv")
        imp.add_argument(
            "--dry-run", action="store_true", help="Chỉ kiểm tra và cho biết sẽ tạo gì, không lưu"
        )
        imp.add_argument("--no-invite", action="store_true", help="Không gửi thư mời cho tài khoản mới")
        imp.add_argument("--json", action="store_true", help="In kết quả dạng JSON")
        add_as_argument(imp)

    def handle(self, *args, action, **options):
        if action == "template":
            out = Path(options["out"])
            out.write_bytes(accounts_template(fmt="csv" if out.suffix.lower() == ".csv" else "xlsx"))
            self.stdout.write(f"Đã ghi mẫu nhập tài khoản: {out}")
            return
        try:
            data = Path(options["file"]).read_bytes()
        except OSError:
            raise CommandError(f"Không đọc được tệp {options['file']}.") from None
        try:
            result = accounts_import(
                actor=command_actor(options.get("as_user")),
                data=data,
                filename=options["file"],
                dry_run=options["dry_run"],
                invite=not options["no_invite"],
            )
        except DomainError as exc:
            if options["json"]:
                self.stdout.write(json.dumps(exc.as_dict(), ensure_ascii=False))
            raise CommandError(exc.message) from None
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
        else:
            for error in result.errors:
                self.stdout.write(error)
            for row in result.rows:
                self.stdout.write(
                    f"Dòng {row.line}: {row.action_label} — {row.username}, {row.role_label}, {row.unit_name}"
                )
        if result.errors:
            raise CommandError(f"Tệp có {len(result.errors)} lỗi nên không nhập dòng nào.")
        if not options["json"]:
            if result.dry_run:
                self.stdout.write(f"Kiểm tra xong {len(result.rows)} dòng, không có lỗi; chưa lưu gì.")
            else:
                self.stdout.write(
                    f"Đã nhập {len(result.rows)} dòng: {result.count('create')} tài khoản mới, "
                    f"{result.count('create') + result.count('grant')} phân công mới."
                )

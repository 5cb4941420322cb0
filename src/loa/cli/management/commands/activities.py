"""``loa activities template UNIT --out FILE.xlsx`` and ``loa activities import FILE.xlsx --unit UNIT``."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from loa.activities.importers.xlsx import activities_import, activities_template
from loa.cli.actors import add_as_argument, command_actor
from loa.core.errors import DomainError
from loa.organizations.selectors import unit_get
from loa.plans.selectors import area_list, channel_list


class Command(BaseCommand):
    help = "Tải mẫu Excel và nhập hoạt động tuyên truyền từ Excel."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, title="thao tác")
        template = sub.add_parser("template", help="Ghi tệp mẫu Excel của một đơn vị")
        template.add_argument("unit", help="Mã đơn vị, ví dụ huongtra-vhtt")
        template.add_argument("--out", required=True, help="Tệp .xlsx sẽ ghi")
        imp = sub.add_parser("import", help="Nhập hoạt động từ tệp Excel đã điền")
        imp.add_argument("file", help="Tệp .xlsx")
        imp.add_argument("--unit", required=True, help="Mã đơn vị nhận các hoạt động")
        imp.add_argument("--dry-run", action="store_true", help="Chỉ kiểm tra, không lưu")
        imp.add_argument("--only-valid", action="store_true", help="Lưu các dòng hợp lệ, bỏ qua dòng lỗi")
        imp.add_argument(
            "--keep-duplicates",
            action="store_true",
            help="Vẫn nhập các dòng trùng với hoạt động đã ghi nhận (mặc định: bỏ qua)",
        )
        add_as_argument(imp)

    def handle(self, *args, action, **options):
        try:
            unit = unit_get(code=options["unit"])
            if action == "template":
                data = activities_template(unit=unit, channels=channel_list(), areas=area_list())
                Path(options["out"]).write_bytes(data)
                self.stdout.write(f"Đã ghi mẫu nhập hoạt động của {unit.name}: {options['out']}")
                return
            try:
                data = Path(options["file"]).read_bytes()
            except OSError:
                raise CommandError(f"Không đọc được tệp {options['file']}.") from None
            result = activities_import(
                actor=command_actor(options.get("as_user")),
                unit=unit,
                data=data,
                only_valid=options["only_valid"],
                dry_run=options["dry_run"],
                keep_duplicates=options["keep_duplicates"],
            )
        except DomainError as exc:
            raise CommandError(exc.message) from None
        for problem in result.problems:
            self.stdout.write(str(problem))
        for duplicate in result.duplicates:
            self.stdout.write(str(duplicate) + (" Vẫn nhập." if result.kept_duplicates else " Bỏ qua."))
        if result.duplicates and not result.kept_duplicates:
            self.stdout.write(
                f"Bỏ qua {len(result.duplicates)} dòng trùng (dùng --keep-duplicates nếu đúng là hoạt động khác)."
            )
        if result.dry_run:
            self.stdout.write(f"Kiểm tra xong {result.total} dòng, {len(result.problems)} lỗi; chưa lưu gì.")
        else:
            self.stdout.write(f"Đã nhập {result.created}/{result.total} hoạt động vào {unit.name}.")
        if result.problems and result.created == 0:
            raise CommandError(
                "Tệp còn lỗi nên không dòng nào được lưu (dùng --only-valid để lưu các dòng hợp lệ)."
            )

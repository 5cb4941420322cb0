"""``loa units import-official [--province CODE] [--era 2025|legacy] [--dry-run] [--with-departments] --json``
and ``loa units lineage add|remove PREDECESSOR SUCCESSOR [--date YYYY-MM-DD] [--kind merge|split|rename]``.
"""

import datetime as dt
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from loa.cli.actors import add_as_argument, command_actor
from loa.core.errors import DomainError, NotFound
from loa.organizations.lineage import succession_create, succession_delete
from loa.organizations.models import SuccessionKind, UnitSuccession
from loa.organizations.official import official_import
from loa.organizations.selectors import unit_get


class Command(BaseCommand):
    help = "Nạp danh mục đơn vị hành chính chính thức; ghi quan hệ kế thừa giữa các đơn vị."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, title="thao tác")
        imp = sub.add_parser("import-official", help="Nạp danh mục đơn vị hành chính (tỉnh, huyện, xã)")
        imp.add_argument("--province", help="Chỉ nạp một tỉnh, thành phố (mã đơn vị hành chính, ví dụ 46)")
        imp.add_argument(
            "--era",
            choices=["2025", "legacy"],
            default="2025",
            help="2025: 34 tỉnh và 3.321 xã từ 01/07/2025; legacy: 63 tỉnh, huyện và xã đến 30/06/2025",
        )
        imp.add_argument("--dry-run", action="store_true", help="Chỉ đếm, không lưu")
        imp.add_argument("--with-departments", action="store_true", help="Tạo các sở theo danh sách mẫu")
        imp.add_argument(
            "--with-commune-offices",
            action="store_true",
            help="Tạo các phòng của xã, phường theo danh sách mẫu",
        )
        imp.add_argument(
            "--departments", help="Tệp CSV danh sách phòng, ban mẫu (level,name,abbr) thay cho tệp có sẵn"
        )
        imp.add_argument("--json", action="store_true", help="In kết quả dạng JSON")
        add_as_argument(imp)
        lineage = sub.add_parser("lineage", help="Thêm hoặc xoá quan hệ kế thừa giữa hai đơn vị")
        lineage.add_argument("op", choices=["add", "remove"])
        lineage.add_argument("predecessor", help="Mã đơn vị tiền thân")
        lineage.add_argument("successor", help="Mã đơn vị kế thừa")
        lineage.add_argument("--date", help="Ngày kế thừa (YYYY-MM-DD), mặc định 2025-07-01")
        lineage.add_argument("--kind", choices=[k.value for k in SuccessionKind], default="merge")
        add_as_argument(lineage)

    def handle(self, *args, action, **options):
        actor = command_actor(options.get("as_user"))
        try:
            if action == "import-official":
                result = official_import(
                    actor=actor,
                    era=options["era"],
                    province=options["province"],
                    dry_run=options["dry_run"],
                    with_departments=options["with_departments"],
                    with_commune_offices=options["with_commune_offices"],
                    departments_file=Path(options["departments"]) if options["departments"] else None,
                )
                if options["json"]:
                    self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False))
                else:
                    verb = "Sẽ tạo" if result.dry_run else "Đã tạo"
                    self.stdout.write(
                        f"{verb} {result.created} đơn vị, khớp {result.matched} đơn vị đã có; "
                        f"{result.provinces} tỉnh, thành phố, {result.communes} xã, phường; "
                        f"{result.successions} quan hệ kế thừa."
                    )
                return
            self._lineage(actor, **options)
        except DomainError as exc:
            raise CommandError(exc.message) from None

    def _lineage(self, actor, *, op, predecessor, successor, date, kind, **options):
        pred, succ = unit_get(code=predecessor), unit_get(code=successor)
        if op == "remove":
            row = UnitSuccession.objects.filter(predecessor=pred, successor=succ).first()
            if row is None:
                raise NotFound(
                    f"Chưa ghi {succ.name} kế thừa {pred.name}.", code="units.succession_not_found"
                )
            succession_delete(actor=actor, succession=row)
            self.stdout.write(f"Đã xoá quan hệ kế thừa {pred.name} → {succ.name}.")
            return
        try:
            day = dt.date.fromisoformat(date) if date else dt.date(2025, 7, 1)
        except ValueError:
            raise CommandError(f"Ngày “{date}” không hợp lệ (cần dạng YYYY-MM-DD).") from None
        row = succession_create(actor=actor, predecessor=pred, successor=succ, date=day, kind=kind)
        self.stdout.write(f"Đã ghi: {row}.")

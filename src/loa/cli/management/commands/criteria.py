"""``loa criteria import FILE [--replace] | export CODE --out FILE | list``: criteria sets as JSON or
XLSX (by the file's extension). A set whose points do not add up is refused with every problem listed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from loa.cli.actors import add_as_argument, command_actor
from loa.core.errors import DomainError
from loa.scoring.formats import set_from_json, set_from_xlsx, set_to_json, set_to_xlsx
from loa.scoring.models import CriteriaSet
from loa.scoring.rules import fmt
from loa.scoring.services import criteria_set_spec, criteria_set_store


class Command(BaseCommand):
    help = "Bộ tiêu chí chấm điểm CCHC: nhập, xuất (JSON hoặc Excel), liệt kê."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, title="thao tác")
        imp = sub.add_parser("import", help="Nhập bộ tiêu chí từ tệp .json hoặc .xlsx")
        imp.add_argument("file")
        imp.add_argument(
            "--replace", action="store_true", help="Thay bộ cùng mã (khi chưa dùng trong đợt nào)"
        )
        exp = sub.add_parser("export", help="Xuất bộ tiêu chí ra tệp .json hoặc .xlsx")
        exp.add_argument("code")
        exp.add_argument("--out", required=True)
        listing = sub.add_parser("list", help="Liệt kê các bộ tiêu chí")
        for p in (imp, exp, listing):
            p.add_argument("--json", action="store_true", help="In kết quả dạng JSON")
            add_as_argument(p)

    def handle(self, *args, action, **options):
        actor = command_actor(options.get("as_user"))
        try:
            payload, text = getattr(self, f"_{action}")(actor, **options)
        except DomainError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) if options["json"] else text)

    def _import(self, actor: Any, *, file, replace, **_: Any):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Không có tệp “{file}”.")
        data = path.read_bytes()
        spec = set_from_xlsx(data) if path.suffix.lower() == ".xlsx" else set_from_json(data)
        stored = criteria_set_store(actor=actor, spec=spec, replace=replace)
        payload = {"code": stored.code, "year": stored.year, "total": float(stored.total_points)}
        return (
            payload,
            f"Đã nhập bộ tiêu chí “{stored.name}” ({stored.code}), tổng {fmt(stored.total_points)} điểm.",
        )

    def _export(self, actor: Any, *, code, out, **_: Any):
        found = CriteriaSet.objects.select_related("province").filter(code=code).first()
        if found is None:
            raise CommandError(f"Không có bộ tiêu chí mã “{code}”.")
        spec = criteria_set_spec(found)
        path = Path(out)
        path.write_bytes(set_to_xlsx(spec) if path.suffix.lower() == ".xlsx" else set_to_json(spec))
        return {"code": code, "out": str(path)}, f"Đã xuất bộ tiêu chí {code} ra {path}."

    def _list(self, actor: Any, **_: Any):
        rows = list(CriteriaSet.objects.select_related("province").order_by("-year", "code"))
        payload = [
            {
                "code": s.code,
                "name": s.name,
                "province": s.province.code,
                "year": s.year,
                "unit_kinds": s.unit_kinds,
            }
            for s in rows
        ]
        text = (
            "\n".join(f"{s.code}: {s.name} — {s.province.name}, năm {s.year}" for s in rows)
            or "Chưa có bộ tiêu chí."
        )
        return payload, text

"""``loa audit [--unit CODE] [--limit N] [--json] [--as USERNAME]``: the latest entries of the audit
log (nhật ký thao tác), newest first — who did what to which record, with the changed fields."""

import json

from django.core.management.base import BaseCommand, CommandError

from loa.cli.actors import add_as_argument, command_actor
from loa.core.history import events_as_dicts, verb_label
from loa.organizations.audit_log import audit_log
from loa.organizations.models import Unit


class Command(BaseCommand):
    help = "Nhật ký thao tác: ai đã ghi, sửa, xoá gì, lúc nào (mới nhất trước)."

    def add_arguments(self, parser):
        parser.add_argument("--unit", metavar="MÃ_ĐƠN_VỊ", help="Chỉ các thao tác của đơn vị này")
        parser.add_argument("--limit", type=int, default=50, help="Số dòng tối đa (mặc định 50)")
        parser.add_argument("--json", action="store_true", help="In kết quả dạng JSON")
        add_as_argument(parser)

    def handle(self, *args, unit, limit, json: bool, as_user, **options):
        if limit < 1 or limit > 100_000:
            raise CommandError("--limit phải là số từ 1 đến 100000.")
        actor = command_actor(as_user)
        events = audit_log(user=actor)
        if unit:
            found = Unit.objects.filter(code=unit).first()
            if found is None:
                raise CommandError(f"Không có đơn vị mã “{unit}”.")
            events = events.filter(unit_id=found.pk)
        rows = events_as_dicts(events[:limit])
        if json:
            self.stdout.write(_dumps(rows))
            return
        for r in rows:
            self.stdout.write(
                f"{r['at'][:19].replace('T', ' ')}  {r['actor']:<24} {verb_label(r['verb']):<34} {r['object']['repr']}"
            )


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)

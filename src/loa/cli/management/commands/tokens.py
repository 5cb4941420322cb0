"""``loa tokens create|revoke|list``: personal API access codes (mã truy cập API).

- ``create USERNAME [--name N] [--json]``: prints the code once (``{"token": "loa_…"}`` with
  ``--json``); only its hash is kept;
- ``revoke ID``: stops a code at once;
- ``list USERNAME [--json]``: the user's codes (name, start of the code, created, last used, revoked).

Run as the command line's system actor by default, or ``--as USERNAME`` (then only one's own codes,
unless an administrator).
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from loa.cli.actors import add_as_argument, command_actor
from loa.core.errors import DomainError
from loa.organizations.models import ApiToken
from loa.organizations.tokens import token_create, token_get, token_list, token_revoke, user_by_username


def _row(token: ApiToken) -> dict[str, Any]:
    return {
        "id": token.pk,
        "name": token.name,
        "prefix": token.prefix,
        "created_at": token.created_at.isoformat(),
        "last_used_at": token.last_used_at.isoformat() if token.last_used_at else None,
        "revoked_at": token.revoked_at.isoformat() if token.revoked_at else None,
    }


class Command(BaseCommand):
    help = "Mã truy cập API: tạo, thu hồi, liệt kê."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, title="thao tác")
        create = sub.add_parser("create", help="Tạo mã truy cập API cho người dùng (chỉ hiện một lần)")
        create.add_argument("username", help="Tên đăng nhập")
        create.add_argument("--name", default="", help="Tên gợi nhớ, ví dụ “Cổng thông tin tỉnh”")
        revoke = sub.add_parser("revoke", help="Thu hồi một mã truy cập")
        revoke.add_argument("id", type=int, help="Số của mã (xem loa tokens list)")
        listing = sub.add_parser("list", help="Các mã truy cập của người dùng")
        listing.add_argument("username", help="Tên đăng nhập")
        for p in (create, revoke, listing):
            p.add_argument("--json", action="store_true", help="In kết quả dạng JSON")
            add_as_argument(p)

    def handle(self, *args, action, **options):
        actor = command_actor(options.get("as_user"))
        try:
            if action == "create":
                user = user_by_username(options["username"])
                token, raw = token_create(actor=actor, user=user, name=options["name"])
                if options["json"]:
                    self.stdout.write(json.dumps({"token": raw, "id": token.pk, "name": token.name}))
                else:
                    self.stdout.write(f"Mã truy cập API của {user.username} (“{token.name}”, số {token.pk}):")
                    self.stdout.write(raw)
                    self.stdout.write("Hãy lưu mã này ngay: Loa không hiển thị lại.")
            elif action == "revoke":
                token = token_revoke(actor=actor, token=token_get(actor=actor, pk=options["id"]))
                if options["json"]:
                    self.stdout.write(json.dumps(_row(token), ensure_ascii=False))
                else:
                    self.stdout.write(f"Đã thu hồi mã số {token.pk} (“{token.name}”).")
            else:
                user = user_by_username(options["username"])
                rows = [_row(t) for t in token_list(actor=actor, user=user)]
                if options["json"]:
                    self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
                for r in [] if options["json"] else rows:
                    state = f"thu hồi {r['revoked_at'][:10]}" if r["revoked_at"] else "đang dùng"
                    self.stdout.write(f"{r['id']:>5}  {r['prefix']}…  {r['name']}  ({state})")
        except DomainError as exc:
            raise CommandError(exc.message) from None

"""Who a command acts as: ``--as USERNAME`` (checked and audited as that user) or the command line's
own system actor (:data:`loa.core.actors.SYSTEM_CLI`).

Every command that writes adds the option with :func:`add_as_argument` and resolves it with
:func:`command_actor`; a refusal by the services then reaches the terminal as a Vietnamese message
and a non-zero exit code, like any other domain error.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from loa.core.actors import SYSTEM_CLI, SystemActor


def add_as_argument(parser: Any) -> None:
    parser.add_argument(
        "--as",
        dest="as_user",
        metavar="TÊN_ĐĂNG_NHẬP",
        help=(
            "Thực hiện với quyền của người dùng này (kiểm tra quyền và ghi nhật ký dưới tên họ); "
            "mặc định: hệ thống (dòng lệnh)"
        ),
    )


def command_actor(username: str | None, *, default: SystemActor = SYSTEM_CLI) -> Any:
    """The active user called ``username``, or ``default`` when none is given."""
    if not username:
        return default
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"Không có người dùng “{username}”.")
    if not user.is_active:
        raise CommandError(f"Tài khoản “{username}” đã bị khoá, không thể thực hiện lệnh.")
    return user

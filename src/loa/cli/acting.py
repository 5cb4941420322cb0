"""Who a command acts as: ``--as USERNAME`` (checked and audited as that user, as in the browser),
else the command line's system actor (``SYSTEM_CLI``)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from loa.core.actors import SYSTEM_CLI


def acting_as(username: str | None) -> Any:
    if not username:
        return SYSTEM_CLI
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(f"Không có người dùng “{username}” (hoặc tài khoản đã bị khoá).")
    return user

"""Personal API access codes (mã truy cập API): create, list, revoke, and find the user behind one.

A code is ``loa_`` followed by 43 random URL-safe characters (256 bits). Only its SHA-256 hash is
stored (ADR 0019): a fast hash is enough for a random code of that length, and it lets the API find
the code with one indexed lookup per request. A person creates and revokes their own codes; an
administrator (or the command line's system actor) may do it for anyone. Every write is audited.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from loa.core import vn
from loa.core.audit import audit_record, snapshot
from loa.core.errors import NotFound, PermissionDenied, ValidationError
from loa.organizations.access import sees_everything
from loa.organizations.models import ApiToken

TOKEN_PREFIX = "loa_"
DEFAULT_NAME = "Mã truy cập API"
_FIELDS = ["user", "name", "prefix", "created_at", "last_used_at", "revoked_at"]


def token_hash(raw: str) -> str:
    """The stored form of a code."""
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def _require_owner_or_admin(actor: Any, user: Any) -> None:
    if sees_everything(actor):
        return
    if not getattr(actor, "is_authenticated", False) or getattr(actor, "pk", None) != user.pk:
        raise PermissionDenied(
            "Chỉ người dùng hoặc quản trị viên mới quản lý được mã truy cập API của họ.",
            code="tokens.forbidden",
        )


@transaction.atomic
def token_create(*, actor: Any, user: Any, name: str = "") -> tuple[ApiToken, str]:
    """A new code for ``user``: the record and the code itself (shown once, never stored)."""
    _require_owner_or_admin(actor, user)
    if not user.is_active:
        raise ValidationError(
            f"Tài khoản “{user.username}” đã bị khoá, không tạo được mã truy cập.",
            code="tokens.inactive_user",
        )
    name = vn.collapse_ws(vn.nfc(name or "")) or DEFAULT_NAME
    if len(name) > 100:
        raise ValidationError(
            "Tên gợi nhớ dài tối đa 100 ký tự.", code="tokens.invalid", fields={"name": name}
        )
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, prefix=raw[:12], token_hash=token_hash(raw))
    audit_record(actor=actor, verb="token.create", target=token, after=snapshot(token, _FIELDS))
    return token, raw


@transaction.atomic
def token_revoke(*, actor: Any, token: ApiToken) -> ApiToken:
    """Stop a code at once; revoking it again changes nothing."""
    _require_owner_or_admin(actor, token.user)
    if token.revoked_at is not None:
        return token
    before = snapshot(token, _FIELDS)
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_record(
        actor=actor, verb="token.revoke", target=token, before=before, after=snapshot(token, _FIELDS)
    )
    return token


def token_list(*, actor: Any, user: Any) -> QuerySet[ApiToken]:
    """``user``'s codes, newest first (theirs alone, or anyone's for an administrator)."""
    _require_owner_or_admin(actor, user)
    return ApiToken.objects.filter(user=user)


def token_get(*, actor: Any, pk: int) -> ApiToken:
    """One code ``actor`` may manage (their own; any for an administrator), or ``NotFound``."""
    qs = ApiToken.objects.select_related("user")
    if not sees_everything(actor):
        qs = qs.filter(user_id=getattr(actor, "pk", None))
    token = qs.filter(pk=pk).first()
    if token is None:
        raise NotFound("Không tìm thấy mã truy cập.", code="tokens.not_found")
    return token


def token_user(raw: str) -> Any:
    """The active user a code in force belongs to, or ``None``; notes the time it was used.

    Two queries: the code with its user, and the "last used" time.
    """
    if not raw or not raw.startswith(TOKEN_PREFIX) or len(raw) > 100:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=token_hash(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user


def user_by_username(username: str) -> Any:
    """The user called ``username`` or ``NotFound``."""
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise NotFound(f"Không có người dùng “{username}”.", code="users.not_found")
    return user

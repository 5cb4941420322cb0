"""Invitations (thư mời): an e-mail with a link where a new person sets a password.

The link carries Django's password-reset token (``PasswordResetTokenGenerator``): it is signed with
the server's secret key, expires after ``PASSWORD_RESET_TIMEOUT`` (``LOA_INVITATION_DAYS`` days) and
stops working as soon as the password is set or the person signs in, so nothing is stored (ADR 0024).
The message leaves after the commit: a refused write mails nobody.
"""

from __future__ import annotations

import logging
import smtplib
from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from loa.core.actors import actor_name
from loa.core.audit import audit_record
from loa.core.errors import ValidationError
from loa.organizations.accounts import account_unit_id, require_account_manageable
from loa.organizations.models import Membership

log = logging.getLogger(__name__)


def invitation_days() -> int:
    return max(1, round(settings.PASSWORD_RESET_TIMEOUT / 86400))


def invitation_link(*, user: Any) -> str:
    """The absolute set-password address for ``user`` (valid until it expires or is used)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("web:password_set", kwargs={"uidb64": uid, "token": token})
    return f"{settings.LOA_BASE_URL}{path}"


def invitation_message(*, user: Any, link: str, inviter: str) -> EmailMessage:
    """The Vietnamese invitation e-mail."""
    roles = [
        f"- {m.get_role_display()}, {m.unit.name}"
        + (f" (từ ngày {m.valid_from:%d/%m/%Y})" if m.valid_from else "")
        for m in Membership.objects.filter(user=user).select_related("unit").order_by("unit__name")
        if m.valid_to is None
    ]
    name = user.get_full_name() or user.username
    lines = [
        f"Kính gửi {name},",
        "",
        f"{inviter} đã tạo cho anh/chị tài khoản trên Loa — hệ thống lập kế hoạch, ghi nhận và báo cáo "
        "công tác tuyên truyền cải cách hành chính.",
        "",
        f"Tên đăng nhập: {user.username}",
        *(["Vai trò:", *roles] if roles else []),
        "",
        "Để bắt đầu, anh/chị mở liên kết dưới đây và đặt mật khẩu:",
        link,
        "",
        f"Liên kết có hiệu lực trong {invitation_days()} ngày và chỉ dùng được một lần. Nếu liên kết đã hết "
        "hạn, đề nghị người quản trị đơn vị gửi lại thư mời.",
        "",
        "Thư này được gửi tự động từ Loa, xin đừng trả lời thư.",
    ]
    return EmailMessage(
        subject="Mời sử dụng Loa: đặt mật khẩu cho tài khoản của anh/chị",
        body="\n".join(lines) + "\n",
        to=[user.email],
    )


def _deliver(message: EmailMessage) -> None:
    try:
        mail.mailers.default.send_messages([message])
    except (smtplib.SMTPException, OSError) as exc:  # the account exists; the invitation can be resent
        log.warning("Invitation not sent to %s: %s", message.to, exc)


@transaction.atomic
def invitation_send(*, actor: Any, user: Any) -> str:
    """Mail ``user`` a set-password link after the commit (audited); returns the link, which the
    administrator can also hand over when the server has no e-mail configured."""
    require_account_manageable(actor, user)
    if not user.is_active:
        raise ValidationError(
            f"Tài khoản “{user.username}” đã bị khoá; mở khoá trước khi gửi thư mời.",
            code="accounts.inactive",
        )
    if not user.email:
        raise ValidationError(
            f"Tài khoản “{user.username}” chưa có thư điện tử; không gửi được thư mời.",
            code="accounts.no_email",
        )
    link = invitation_link(user=user)
    inviter = getattr(actor, "get_full_name", lambda: "")() or actor_name(actor)
    message = invitation_message(user=user, link=link, inviter=inviter)
    audit_record(
        actor=actor,
        verb="account.invite",
        target=user,
        unit_id=account_unit_id(user),
        after={"email": user.email},
    )
    transaction.on_commit(lambda: _deliver(message))
    return link

"""The e-mail digest: at most one message per person per day, carrying the notices not yet mailed.

Sent by the daily reminder run (``loa worker``, or ``loa reminders``) through Django's mail
(``LOA_EMAIL_HOST``/``LOA_EMAIL_PORT``). A person without an e-mail address only has the inbox. A
notice is marked ``emailed_at`` once its message was accepted by the SMTP server; a person who was
already mailed today is not mailed again that day (the notices made later wait for tomorrow's).
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from loa.core.actors import require_actor
from loa.core.audit import audit_record
from loa.reporting.models import Notice

__all__ = ["DigestResult", "digest_message", "send_digests"]

log = logging.getLogger(__name__)

# Notices older than this are no longer mailed (the inbox still shows them): e-mail configured late
# must not flood people with last month's reminders.
LOOKBACK_DAYS = 7


@dataclass
class DigestResult:
    sent: int = 0
    notices: int = 0
    failed: list[str] = field(default_factory=list)


def _link(path: str) -> str:
    return f"{settings.LOA_BASE_URL}{path}" if path.startswith("/") else path


DUMMY_BACKEND = "django.core.mail.backends.dummy.EmailBackend"


def _mail_configured() -> bool:
    """E-mail is sent only when the default mailer is a real one (``LOA_EMAIL_HOST`` given)."""
    config = getattr(settings, "MAILERS", {}).get("default")
    return config is not None and config.get("BACKEND") != DUMMY_BACKEND


def digest_message(user: Any, notices: list[Notice], today: dt.date) -> EmailMultiAlternatives:
    """The Vietnamese message listing ``notices`` for ``user`` (plain text and simple HTML)."""
    name = user.get_full_name() or user.username
    n = len(notices)
    inbox = _link(reverse("web:notice_inbox"))
    subject = f"[Loa] {n} thông báo mới ngày {today:%d/%m/%Y}"
    lines = [f"Kính gửi {name},", "", f"Loa có {n} thông báo mới cho anh/chị:", ""]
    for notice in notices:
        lines.append(f"- {notice.text}")
        if notice.url:
            lines.append(f"  {_link(notice.url)}")
    lines += [
        "",
        f"Xem tất cả thông báo: {inbox}",
        "",
        "Thư này do Loa gửi tự động, mỗi ngày nhiều nhất một thư; vui lòng không trả lời.",
    ]
    items = format_html_join(
        "\n",
        "<li>{}{}</li>",
        (
            (n.text, format_html(' — <a href="{}">Mở trong Loa</a>', _link(n.url)) if n.url else "")
            for n in notices
        ),
    )
    html = format_html(
        '<!doctype html><html lang="vi"><body style="font-family: sans-serif">'
        "<p>Kính gửi {},</p><p>Loa có {} thông báo mới cho anh/chị:</p><ul>\n{}\n</ul>"
        '<p><a href="{}">Xem tất cả thông báo</a></p>'
        '<p style="color:#555">Thư này do Loa gửi tự động, mỗi ngày nhiều nhất một thư; vui lòng không trả lời.</p>'
        "</body></html>",
        name,
        n,
        items,
        inbox,
    )
    message = EmailMultiAlternatives(subject, "\n".join(lines) + "\n", to=[user.email])
    message.attach_alternative(str(html), "text/html")
    return message


def send_digests(today: dt.date, *, actor: Any) -> DigestResult:
    """Mail each person with an address one digest of their notices not yet mailed (from the last
    ``LOOKBACK_DAYS`` days up to ``today``), unless they were already mailed today; mark them mailed.
    """
    require_actor(actor)
    result = DigestResult()
    if not _mail_configured():
        return result
    now = timezone.now()
    start_of_day = timezone.make_aware(dt.datetime.combine(today, dt.time.min))
    end_of_day = start_of_day + dt.timedelta(days=1)
    pending = Notice.objects.filter(
        emailed_at__isnull=True,
        day__lte=today,
        day__gt=today - dt.timedelta(days=LOOKBACK_DAYS),
        user__is_active=True,
    ).exclude(user__email="")
    mailed_today = Notice.objects.filter(emailed_at__gte=start_of_day, emailed_at__lt=end_of_day)
    user_ids = set(pending.values_list("user_id", flat=True)) - set(
        mailed_today.values_list("user_id", flat=True)
    )
    if not user_ids:
        return result
    users = get_user_model().objects.filter(pk__in=user_ids).order_by("pk")
    mailer = mail.mailers.default
    try:
        mailer.open()
    except (smtplib.SMTPException, OSError) as exc:
        log.warning("Mail server unreachable, no digest sent: %s", exc)
        result.failed = [u.email for u in users]
        return result
    try:
        for user in users:
            _send_one(mailer, user, pending.filter(user_id=user.pk), today, now, actor, result)
    finally:
        mailer.close()
    return result


def _send_one(
    mailer: Any, user: Any, pending: Any, today: dt.date, now: dt.datetime, actor: Any, result: DigestResult
) -> None:
    """Mail ``user`` their pending notices. The rows stay locked while the message is sent, so two
    workers running at once never mail the same person the same notices (PostgreSQL)."""
    with transaction.atomic():
        notices = list(
            pending.select_for_update(skip_locked=True, of=("self",)).order_by("day", "created_at", "id")
        )
        if not notices:
            return  # another worker holds them, or sent them meanwhile
        message = digest_message(user, notices, today)
        try:
            mailer.send_messages([message])
        except (smtplib.SMTPException, OSError) as exc:
            log.warning("Digest to %s not sent: %s", user.email, exc)
            result.failed.append(user.email)
            return
        Notice.objects.filter(pk__in=[n.pk for n in notices]).update(emailed_at=now)
        audit_record(
            actor=actor,
            verb="notices.email",
            target=user,
            after={"to": user.email, "notices": len(notices), "day": today.isoformat()},
        )
    result.sent += 1
    result.notices += len(notices)

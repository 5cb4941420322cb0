"""Web addresses given by users or read from outside (evidence links, feed addresses).

An address shown as a link in Loa must be ``http`` or ``https`` with a host: a ``javascript:``,
``data:``, ``vbscript:`` or ``file:`` address would run or open something in the reader's browser.
"""

from __future__ import annotations

import urllib.parse

from loa.core.errors import ValidationError

MAX_URL = 500
WEB_ONLY = "Đường dẫn phải là địa chỉ web, bắt đầu bằng http:// hoặc https://."


def web_url(link: str) -> str:
    """``link`` without surrounding spaces if it is an http(s) address with a host; "" otherwise."""
    link = (link or "").strip()
    if not link or len(link) > MAX_URL or any(ch.isspace() or ord(ch) < 32 for ch in link):
        return ""
    try:
        parts = urllib.parse.urlsplit(link)
        host = parts.hostname
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not host:
        return ""
    return link


def require_web_url(link: str, *, code: str, field: str = "evidence_url") -> str:
    """The cleaned address ("" stays ""), or a :class:`ValidationError` naming ``field``."""
    if not (link or "").strip():
        return ""
    cleaned = web_url(link)
    if not cleaned:
        raise ValidationError(WEB_ONLY, code=code, fields={field: WEB_ONLY})
    return cleaned

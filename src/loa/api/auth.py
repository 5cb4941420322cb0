"""Who calls the API: the user behind ``Authorization: Bearer <mã truy cập>``, and how often.

The user is put on ``request.user`` as well as ``request.auth``, so the selectors and services get
the same actor the web would give them. Rates are per access code, counted in the cache named by
``LOA_API_CACHE`` (the database cache by default, shared by every gunicorn worker and machine).
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest
from ninja.security import HttpBearer
from ninja.throttling import SimpleRateThrottle

from loa.core.errors import ValidationError
from loa.organizations.tokens import token_user


def refuse_unreadable_address(request: HttpRequest) -> None:
    """A NUL character in the path or a query parameter is invalid input (422): no database stores
    or compares it (PostgreSQL refuses it outright), so it must not reach a query."""
    values = [request.path, *(v for _, vs in request.GET.lists() for v in vs)]
    if any("\x00" in v for v in values):
        raise ValidationError("Địa chỉ gửi lên chứa ký tự không hợp lệ (NUL).", code="api.invalid")


class TokenAuth(HttpBearer):
    """A personal access code (``loa tokens create`` or the "Mã truy cập API" page)."""

    openapi_description = "Mã truy cập API của người dùng: `Authorization: Bearer loa_…`."

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        refuse_unreadable_address(request)  # the first step of every endpoint, before any query
        user = token_user(token)
        if user is not None:
            request.user = user
            request.loa_token = token  # type: ignore[attr-defined]
        return user


class TokenRateThrottle(SimpleRateThrottle):
    """At most ``LOA_API_RATE`` requests (e.g. ``600/min``) per access code.

    The rate and the cache are read from the settings at each request, so an operator changes them
    without touching code (and a test can lower them).
    """

    scope = "loa_api"
    cache_format = "loa-api-throttle-%(ident)s"

    def __init__(self) -> None:
        super().__init__(rate=settings.LOA_API_RATE)

    def allow_request(self, request: HttpRequest) -> bool:
        self.rate = settings.LOA_API_RATE
        self.num_requests, self.duration = self.parse_rate(self.rate)
        self.cache = caches[settings.LOA_API_CACHE]
        return super().allow_request(request)

    def get_cache_key(self, request: HttpRequest) -> str | None:
        token = getattr(request, "loa_token", None)
        if token is None:
            return None
        return self.cache_format % {"ident": hashlib.sha256(token.encode()).hexdigest()[:32]}

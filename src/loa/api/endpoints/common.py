"""Helpers shared by the endpoints: the caller, a FilterSet applied the API way, lookups by code."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest

from loa.core.errors import NotFound, ValidationError
from loa.core.filters import LoaFilterSet
from loa.organizations.access import units_visible_to
from loa.organizations.models import Unit


def actor(request: HttpRequest) -> Any:
    """The user behind the access code (set by :class:`loa.api.auth.TokenAuth`)."""
    return request.auth  # type: ignore[attr-defined]


def filtered(filterset: LoaFilterSet) -> QuerySet[Any]:
    """The filtered rows; a value that cannot be read is refused (422) with the web's messages, where
    the web page would show them beside the list."""
    if not filterset.is_valid():
        fields = {name: [str(m) for m in messages] for name, messages in filterset.errors.items()}
        raise ValidationError(" ".join(filterset.messages), code="loa.invalid", fields=fields)
    return filterset.qs


def visible_unit(user: Any, code: str) -> Unit:
    """The unit ``code`` when the user may see it; otherwise 404 (no hint that it exists)."""
    unit = units_visible_to(user).filter(code=code).first()
    if unit is None:
        raise NotFound("Không tìm thấy đơn vị.", code="units.not_found")
    return unit

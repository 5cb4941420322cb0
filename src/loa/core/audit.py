"""Audit: every service write records one :class:`AuditEvent` inside the same transaction."""

from __future__ import annotations

import datetime as dt
import decimal
from typing import Any

from django.db import models
from django.db.models.fields.files import FieldFile

from loa.core.actors import actor_name, user_of
from loa.core.models import AuditEvent


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    if isinstance(value, FieldFile):
        return value.name or None
    return value


def snapshot(instance: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """The values of a record's concrete fields, ready for JSON (foreign keys as ids)."""
    out: dict[str, Any] = {}
    for f in instance._meta.concrete_fields:
        if fields and f.name not in fields:
            continue
        out[f.attname] = _jsonable(getattr(instance, f.attname))
    return out


def audit_record(
    *,
    actor: Any,
    verb: str,
    target: models.Model,
    unit_id: int | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEvent:
    """Write one audit row. Call inside the service's ``transaction.atomic`` block."""
    name = actor_name(actor)
    user = user_of(actor)
    return AuditEvent.objects.create(
        actor=user,
        actor_name=name,
        verb=verb,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_repr=str(target)[:300],
        unit_id=unit_id,
        before=before,
        after=after,
    )

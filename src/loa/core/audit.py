"""Audit: every write records one :class:`AuditEvent` inside the same transaction (ADR 0022).

Services call :func:`audit_record` with whole snapshots of the record before and after the write
(:func:`snapshot`); the admin pages that still write do the same through
:class:`loa.core.admin.AuditedAdmin`. Which fields changed is worked out when the log is read
(:mod:`loa.core.history`).
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
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


# Columns whose value must not be copied into the log; a short fingerprint still shows a change.
SECRET_FIELDS = {"password"}


def _fingerprint(value: Any) -> str | None:
    if not value:
        return None
    return "#" + hashlib.sha256(str(value).encode()).hexdigest()[:8]


def snapshot(
    instance: models.Model, fields: list[str] | None = None, *, many: bool = False
) -> dict[str, Any]:
    """The values of a record's concrete fields, ready for JSON (foreign keys as ids); with
    ``many``, its many-to-many links too (sorted ids, read from the database)."""
    out: dict[str, Any] = {}
    for f in instance._meta.concrete_fields:
        if fields and f.name not in fields:
            continue
        value = getattr(instance, f.attname)
        out[f.attname] = _fingerprint(value) if f.name in SECRET_FIELDS else _jsonable(value)
    if many and instance.pk is not None:
        for m2m in instance._meta.many_to_many:
            if fields and m2m.name not in fields:
                continue
            out[m2m.name] = sorted(getattr(instance, m2m.name).values_list("pk", flat=True))
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

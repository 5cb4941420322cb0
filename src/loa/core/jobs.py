"""What the background jobs a person starts have in common (an Excel import, a draft's PDF): a key
in the address that must be a UUID, and the daily removal of old ones by the worker, audited once
per unit. Their own modules keep the rest: :mod:`loa.activities.import_jobs`,
:mod:`loa.reporting.draft_pdf`."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from django.db import models

from loa.core.actors import is_system, require_actor
from loa.core.audit import audit_record
from loa.core.errors import NotFound, PermissionDenied

__all__ = ["job_key", "jobs_sweep"]


def job_key(job_id: str | None, *, user: Any, message: str, code: str) -> uuid.UUID:
    """The job's key from the address; :class:`NotFound` (``code``) for a malformed one or a user
    who is not signed in, as for a job that is not theirs: nothing tells them apart."""
    try:
        key = uuid.UUID(hex=job_id or "")
    except ValueError:
        raise NotFound(message, code=code) from None
    if getattr(user, "pk", None) is None:
        raise NotFound(message, code=code)
    return key


def jobs_sweep(*, actor: Any, verb: str, jobs: Iterable[models.Model], refusal: str, code: str) -> int:
    """Delete ``jobs`` (their files go once this commits: :mod:`loa.core.files`), one audit row per
    unit listing them; only the system may (``refusal``, ``code`` otherwise). Call inside the
    caller's transaction. The number deleted."""
    require_actor(actor)
    if not is_system(actor):
        raise PermissionDenied(refusal, code=code)
    by_unit: dict[Any, list[Any]] = {}
    for job in jobs:
        by_unit.setdefault(job.unit_id, []).append(job)  # type: ignore[attr-defined]
    for unit_id, some in by_unit.items():
        audit_record(
            actor=actor,
            verb=verb,
            target=some[0],
            unit_id=unit_id,
            before={"jobs": [str(j.pk) for j in some]},
        )
        for job in some:
            job.delete()
    return sum(len(some) for some in by_unit.values())

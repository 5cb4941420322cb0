"""Locked windows: a seam through which a higher app refuses writes to activities of locked days.

Activities sit below reporting in the layers (pyproject ``importlinter``), so they cannot ask the
reporting cycle directly whether a day is locked. The reporting app registers its check here when
Django starts (``ReportingConfig.ready``); every write of activities (record, edit, delete, import)
calls :func:`assert_unlocked` or :func:`lock_problem`. With nothing registered, nothing is locked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from loa.core.errors import Conflict

LockCheck = Callable[[int, dt.date], str | None]

_checks: list[LockCheck] = []


def register(check: LockCheck) -> None:
    """Add ``check(unit_id, day) -> message | None`` (idempotent)."""
    if check not in _checks:
        _checks.append(check)


def lock_problem(unit_id: int, day: dt.date) -> str | None:
    """Why ``unit_id``'s activities of ``day`` may not change (Vietnamese), or ``None``."""
    for check in _checks:
        message = check(unit_id, day)
        if message:
            return message
    return None


def assert_unlocked(unit_id: int, day: dt.date) -> None:
    """Raise :class:`Conflict` (code ``activities.locked``) when the day is locked for the unit."""
    message = lock_problem(unit_id, day)
    if message:
        raise Conflict(message, code="activities.locked", unit_id=unit_id, day=day.isoformat())

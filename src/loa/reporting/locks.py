"""The lock of a submitted window (issue 10 §3).

While a unit's report for a request is received (submitted, resubmitted or accepted), its activities
dated inside the request's window may not be recorded, changed or deleted; nor those of the units its
report counted (its subtree during the window, frozen with the figures). A lock exception granted by
the coordinator (valid until a date) lifts it; returning the report lifts it too.

Registered with :mod:`loa.activities.locks` by :class:`loa.reporting.apps.ReportingConfig` (ADR 0018).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from loa.activities.locks import assert_unlocked as _assert
from loa.organizations.selectors import unit_ancestor_ids
from loa.reporting.cycle import request_window
from loa.reporting.models import Submission
from loa.reporting.transitions import LOCKING_STATES


def locking_submission(unit_id: int, day: dt.date, *, today: dt.date | None = None) -> Submission | None:
    """The received submission that locks ``unit_id``'s activities of ``day``, if any."""
    today = today or timezone.localdate()
    owners = {unit_id} | unit_ancestor_ids(unit_ids=[unit_id])
    candidates = (
        Submission.objects.filter(unit_id__in=owners, state__in=[s.value for s in LOCKING_STATES])
        .exclude(lock_exceptions__until__gte=today)
        .select_related("request__coordinator_unit", "unit", "report__document")
        .order_by("id")
    )
    for sub in candidates:
        figures = sub.figures or {}
        start, end = request_window(sub.request)
        if not start <= day <= end:
            continue
        if sub.unit_id == unit_id or unit_id in set(figures.get("units") or ()):
            return sub
    return None


def lock_message(unit_id: int, day: dt.date) -> str | None:
    """The Vietnamese refusal for a locked day, naming the report; ``None`` when not locked."""
    sub = locking_submission(unit_id, day)
    if sub is None:
        return None
    document = sub.report.document if sub.report else None
    named = f"số {document.symbol}" if document and document.symbol else f"kỳ {sub.request.period}"
    return (
        f"Số liệu ngày {day:%d/%m/%Y} đã khoá: {sub.unit.name} đã gửi báo cáo {named} theo yêu cầu "
        f"«{sub.request.title}». Muốn sửa, đề nghị {sub.request.coordinator_unit.name} cho phép sửa "
        "hoặc trả lại báo cáo."
    )


def assert_unlocked(unit_id: int, day: dt.date) -> None:
    """Refuse (``Conflict``, code ``activities.locked``) a write to ``unit_id``'s activities of ``day``."""
    _assert(unit_id, day)

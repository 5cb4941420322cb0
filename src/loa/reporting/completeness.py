"""Completeness and timeliness of a reporting request (tình hình gửi báo cáo): who was asked, who
sent, on time or how many days late, who is missing, and each unit's record in the coordinator's
earlier requests.

Counted from the submission rows alone, in a fixed number of queries whatever the number of units
(a province's 3,500 communes and departments cost the same four queries as a town's twelve):

- ``expected``: every unit the request names (one :class:`Submission` row each);
- ``received``: its report has arrived (submitted, resubmitted or accepted — ``RECEIVED_STATES``);
- ``on_time`` / ``late``: received on or before the deadline / after it;
- ``missing``: not received (never sent, or returned and not yet sent again).

``days_late`` of a unit is how many days after the deadline its report arrived; for a unit still
missing once the deadline has passed, how many days it is overdue as of ``today``; ``0`` when on
time; ``None`` for a missing unit before the deadline.

Only coordinators (Nội vụ) of the requesting unit or a unit above it read this (``COORDINATE``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, Count, DateField, F, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce

from loa.core.errors import NotFound, PermissionDenied
from loa.organizations.access import Action, can
from loa.reporting.models import ReportRequest, Submission
from loa.reporting.transitions import RECEIVED_STATES, STATE_LABELS, SubmissionState

HISTORY_DEPTH = 4
_LISTED_UNITS = 500  # up to this many rows (a page), the history query lists their units
_RECEIVED = [s.value for s in RECEIVED_STATES]
_RECEIVED_ON = Case(When(state__in=_RECEIVED, then=F("submitted_on")), default=None, output_field=DateField())


@dataclass(frozen=True)
class Counts:
    expected: int
    received: int
    on_time: int
    late: int
    missing: int

    def as_dict(self) -> dict[str, int]:
        return {
            "expected": self.expected,
            "received": self.received,
            "on_time": self.on_time,
            "late": self.late,
            "missing": self.missing,
        }


@dataclass(frozen=True)
class PastStatus:
    """The unit's answer to one earlier request of the same coordinator."""

    period: str
    state: str
    label: str
    on_time: bool | None  # None: not received

    @property
    def mark(self) -> str:
        """One character for the compact history column: ✓ on time, ! late, ✗ not received."""
        if self.on_time is None:
            return "✗"
        return "✓" if self.on_time else "!"


@dataclass(frozen=True)
class CompletenessRow:
    submission_id: int
    unit_id: int
    unit_code: str
    unit_name: str
    state: str
    submitted_on: dt.date | None
    received: bool
    on_time: bool | None
    days_late: int | None
    history: tuple[PastStatus | None, ...] = ()

    @property
    def label(self) -> str:
        return STATE_LABELS[SubmissionState(self.state)]

    @property
    def accepted(self) -> bool:
        return self.state == SubmissionState.ACCEPTED

    def as_dict(self) -> dict[str, Any]:
        return {
            "unit": self.unit_code,
            "status": self.state,
            "submitted_on": self.submitted_on.isoformat() if self.submitted_on else None,
            "days_late": self.days_late,
        }


@dataclass(frozen=True)
class Completeness:
    request: ReportRequest
    counts: Counts
    rows: list[CompletenessRow]
    history_periods: tuple[str, ...]
    today: dt.date

    def as_dict(self) -> dict[str, Any]:
        return {**self.counts.as_dict(), "rows": [r.as_dict() for r in self.rows]}


def request_for_coordinator(*, user: Any, pk: int) -> ReportRequest:
    """The request, for a coordinator of its unit or above; ``NotFound`` for anyone who does not see
    the requesting unit, ``PermissionDenied`` for one who sees it but does not coordinate."""
    request = ReportRequest.objects.select_related("coordinator_unit").filter(pk=pk).first()
    if request is None or not can(user, Action.VIEW, request.coordinator_unit_id):
        raise NotFound(
            "Không tìm thấy yêu cầu báo cáo hoặc bạn không có quyền xem.", code="requests.not_found"
        )
    if not can(user, Action.COORDINATE, request.coordinator_unit_id):
        raise PermissionDenied(
            "Chỉ cán bộ điều phối (Nội vụ) của đơn vị yêu cầu hoặc cấp trên mới xem được tình hình gửi báo cáo.",
            code="requests.coordinate_denied",
        )
    return request


def completeness_counts(*, request: ReportRequest) -> Counts:
    """Expected, received, on time, late and missing for the request: one query."""
    received = Q(state__in=_RECEIVED)
    totals = Submission.objects.filter(request=request).aggregate(
        expected=Count("id"),
        received=Count("id", filter=received),
        on_time=Count("id", filter=received & Q(submitted_on__lte=request.deadline)),
        late=Count("id", filter=received & Q(submitted_on__gt=request.deadline)),
    )
    return Counts(
        expected=totals["expected"],
        received=totals["received"],
        on_time=totals["on_time"],
        late=totals["late"],
        missing=totals["expected"] - totals["received"],
    )


def completeness_submissions(*, request: ReportRequest, today: dt.date) -> QuerySet[Any]:
    """The request's submission rows as plain values (never the frozen figures' JSON), with
    ``lateness_date`` (the day that counts for lateness: the arrival for a received report,
    ``today`` for a missing one), ready to filter, sort and page."""
    return (
        Submission.objects.filter(request=request)
        .annotate(
            unit_name=F("unit__name"),
            unit_code=F("unit__code"),
            # The arrival of a received report; today for a missing one (a returned report keeps
            # its old submitted_on but is not received: it is late as of today).
            lateness_date=Coalesce(_RECEIVED_ON, Value(today)),
        )
        .order_by("unit__name", "unit_id")
        .values("id", "unit_id", "state", "submitted_on", "unit_name", "unit_code", "lateness_date")
    )


def completeness_rows(
    *,
    request: ReportRequest,
    submissions: Iterable[dict[str, Any]],
    today: dt.date,
    history: int = HISTORY_DEPTH,
) -> tuple[list[CompletenessRow], tuple[str, ...]]:
    """Rows for ``submissions`` (all, or one page of them), each with the unit's status in the
    coordinator's ``history`` earlier requests: two more queries, whatever the number of rows."""
    items = list(submissions)
    past = list(
        ReportRequest.objects.filter(
            coordinator_unit_id=request.coordinator_unit_id, deadline__lt=request.deadline
        )
        .exclude(pk=request.pk)
        .order_by("-deadline", "-id")
        .values("id", "period", "deadline")[:history]
    )
    seen: dict[tuple[int, int], PastStatus] = {}
    if past and items:
        deadlines = {p["id"]: p["deadline"] for p in past}
        periods = {p["id"]: p["period"] for p in past}
        earlier = Submission.objects.filter(request_id__in=list(deadlines))
        if len(items) <= _LISTED_UNITS:
            earlier = earlier.filter(unit_id__in=[s["unit_id"] for s in items])
        else:  # every unit of a large request: a subquery, not thousands of parameters
            earlier = earlier.filter(unit_id__in=Submission.objects.filter(request=request).values("unit_id"))
        for request_id, unit_id, state, sent in earlier.values_list(
            "request_id", "unit_id", "state", "submitted_on"
        ):
            arrived = state in _RECEIVED and sent is not None
            seen[(request_id, unit_id)] = PastStatus(
                period=periods[request_id],
                state=state,
                label=STATE_LABELS[SubmissionState(state)],
                on_time=(sent <= deadlines[request_id]) if arrived else None,
            )
    rows = []
    for s in items:
        sent_on: dt.date | None = s["submitted_on"]
        received = s["state"] in _RECEIVED
        on_time: bool | None = None
        if received and sent_on is not None:
            on_time = sent_on <= request.deadline
            days_late: int | None = max(0, (sent_on - request.deadline).days)
        elif today > request.deadline:
            days_late = (today - request.deadline).days
        else:
            days_late = None
        rows.append(
            CompletenessRow(
                submission_id=s["id"],
                unit_id=s["unit_id"],
                unit_code=s["unit_code"],
                unit_name=s["unit_name"],
                state=s["state"],
                submitted_on=sent_on,
                received=received,
                on_time=on_time,
                days_late=days_late,
                history=tuple(seen.get((p["id"], s["unit_id"])) for p in past),
            )
        )
    return rows, tuple(p["period"] for p in past)


def completeness(*, user: Any, pk: int, today: dt.date | None = None) -> Completeness:
    """The whole picture of request ``pk`` for a coordinator: counts and one row per unit, by unit name."""
    request = request_for_coordinator(user=user, pk=pk)
    today = today or dt.date.today()
    rows, periods = completeness_rows(
        request=request, submissions=completeness_submissions(request=request, today=today), today=today
    )
    return Completeness(
        request=request,
        counts=completeness_counts(request=request),
        rows=rows,
        history_periods=periods,
        today=today,
    )

"""Reads of the reporting cycle, scoped to the user: the coordinator's requests and their rows, and
what each unit must send (the "Báo cáo phải gửi" box of the home page)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from loa.core.errors import NotFound
from loa.organizations.access import Action, can, membership_in_force, units_for, units_visible_to
from loa.organizations.models import Membership
from loa.reporting.models import LockException, Report, ReportRequest, ReportStatus, RequestStatus, Submission
from loa.reporting.transitions import RECEIVED_STATES, Side, SubmissionState, Transition, steps_from

_RECEIVED = [s.value for s in RECEIVED_STATES]


def requests_for(*, user: Any) -> QuerySet[ReportRequest]:
    """Requests opened by units the user coordinates (newest deadline first), with counts."""
    qs = ReportRequest.objects.select_related("coordinator_unit").annotate(
        expected_count=Count("submissions"),
        received_count=Count("submissions", filter=Q(submissions__state__in=_RECEIVED)),
    )
    return qs.filter(coordinator_unit_id__in=units_for(user, Action.COORDINATE).values("id"))


def _visible_ids(user: Any) -> Any:
    return units_visible_to(user).values("id")


def days_late(submission: Submission, *, today: dt.date | None = None) -> int:
    """Days after the deadline the report arrived (or, when still missing, by today); 0 when in time."""
    day = submission.submitted_on or (today or timezone.localdate())
    return max(0, (day - submission.request.deadline).days)


@dataclass(frozen=True)
class SubmissionRow:
    submission: Submission
    days_late: int
    on_time: bool | None
    steps: list[Transition]
    exception: LockException | None


def request_rows(*, user: Any, request: ReportRequest, today: dt.date | None = None) -> list[SubmissionRow]:
    """One row per expected unit the user may see, with the coordinator's buttons when allowed."""
    today = today or timezone.localdate()
    coordinator = can(user, Action.COORDINATE, request.coordinator_unit_id)
    subs = request.submissions.select_related("unit", "report__document", "request").prefetch_related(
        "lock_exceptions"
    )
    if not coordinator:
        subs = subs.filter(unit_id__in=_visible_ids(user))
    rows = []
    for sub in subs:
        valid = [e for e in sub.lock_exceptions.all() if e.until >= today]
        rows.append(
            SubmissionRow(
                submission=sub,
                days_late=days_late(sub, today=today),
                on_time=None if sub.submitted_on is None else sub.submitted_on <= request.deadline,
                steps=steps_from(sub.state, Side.COORDINATOR) if coordinator else [],
                exception=max(valid, key=lambda e: e.until) if valid else None,
            )
        )
    return rows


@dataclass(frozen=True)
class DueItem:
    """One report a unit must send: the request, its submission, the days left and whether the
    unit's report is issued (then "Gửi báo cáo" shows)."""

    submission: Submission
    days_left: int
    report: Report | None
    can_send: bool

    @property
    def when(self) -> str:
        if self.days_left > 0:
            return f"còn {self.days_left} ngày"
        if self.days_left == 0:
            return "hạn cuối hôm nay"
        return f"quá hạn {-self.days_left} ngày"


def due_for(*, user: Any, today: dt.date | None = None) -> list[DueItem]:
    """Open requests the units the user belongs to still owe (expected or returned), nearest deadline first."""
    today = today or timezone.localdate()
    if not getattr(user, "is_authenticated", False):
        return []
    # The user's own units (memberships in force), not those seen from above.
    own = set(
        Membership.objects.filter(membership_in_force(today), user_id=user.pk).values_list(
            "unit_id", flat=True
        )
    )
    issuers = {uid for uid in own if can(user, Action.ISSUE, uid)}
    subs = (
        Submission.objects.filter(
            unit_id__in=own,
            request__status=RequestStatus.OPEN,
            state__in=[SubmissionState.EXPECTED.value, SubmissionState.RETURNED.value],
        )
        .select_related("request__coordinator_unit", "unit")
        .order_by("request__deadline", "unit__name")
    )
    items = []
    for sub in subs:
        report = (
            Report.objects.select_related("document")
            .filter(unit_id=sub.unit_id, period=sub.request.period, status=ReportStatus.ISSUED)
            .exclude(pk=sub.report_id or 0)
            .first()
        )
        items.append(
            DueItem(
                submission=sub,
                days_left=(sub.request.deadline - today).days,
                report=report,
                can_send=report is not None and sub.unit_id in issuers,
            )
        )
    return items


def request_list(*, user: Any) -> QuerySet[ReportRequest]:
    """Requests the user may read: opened by a unit the user sees, or expecting a report from one
    (an office sees the town's request it must answer), newest deadline first."""
    visible = _visible_ids(user)
    expecting = Submission.objects.filter(unit_id__in=visible).values("request_id")
    return (
        ReportRequest.objects.select_related("coordinator_unit")
        .filter(Q(coordinator_unit_id__in=visible) | Q(id__in=expecting))
        .order_by("-deadline", "-id")
    )


def request_get(*, user: Any, pk: int) -> ReportRequest:
    """One request the user may read (see :func:`request_list`), or ``NotFound``."""
    found = request_list(user=user).filter(pk=pk).first()
    if found is None:
        raise NotFound(
            "Không tìm thấy yêu cầu báo cáo hoặc bạn không có quyền xem.", code="requests.not_found"
        )
    return found


def request_submissions(*, user: Any, request: ReportRequest) -> QuerySet[Submission]:
    """The request's expected units the user may read: all of them for its coordinators, else those
    of the user's units."""
    subs = request.submissions.select_related("unit", "report__document").order_by("unit__name", "id")
    if can(user, Action.COORDINATE, request.coordinator_unit_id):
        return subs
    return subs.filter(unit_id__in=_visible_ids(user))


def submission_get(*, user: Any, request: ReportRequest, unit_code: str) -> Submission:
    """The submission of the unit ``unit_code`` to ``request``, when the user may read it."""
    found = request_submissions(user=user, request=request).filter(unit__code=unit_code).first()
    if found is None:
        raise NotFound(
            "Đơn vị này không có trong yêu cầu báo cáo hoặc bạn không có quyền xem.",
            code="requests.submission_not_found",
        )
    return found

"""Reminders and the in-app inbox (hộp thư thông báo) of the reporting cycle.

Two sources fill a person's inbox with :class:`~loa.reporting.models.Notice` rows:

- :func:`reminders_due` (run once a day by ``loa worker``, or ``loa reminders``): for each open
  request, the units still expected to report (or whose report was returned) hear it
  ``LOA_REMINDER_DAYS_BEFORE`` days before the deadline, and again the day after it;
- :func:`on_submission_event` (called by the cycle's services after commit): the coordinators hear
  that a report arrived; the unit hears that its report was returned (with the reason) or accepted.

A notice is unique per person × kind × request × unit × day (a database constraint), so running
either twice makes nothing new. The e-mail digest (:mod:`loa.reporting.digest`) carries the notices.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from loa.core.actors import SYSTEM_WORKER, require_actor
from loa.core.audit import audit_record
from loa.organizations.access import membership_in_force
from loa.organizations.models import Membership, Role, Unit
from loa.reporting.models import Notice, ReportRequest, RequestStatus, Submission
from loa.reporting.transitions import Step, SubmissionState

__all__ = [
    "NoticeKind",
    "notice_open",
    "notices_for",
    "notices_mark_all_read",
    "on_submission_event",
    "reminders_due",
    "unread_count",
]


class NoticeKind:
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    RECEIVED = "received"
    RESUBMITTED = "resubmitted"
    RETURNED = "returned"
    ACCEPTED = "accepted"


# Who in a reporting unit hears about its report: those who write, approve and send it.
UNIT_ROLES = (Role.LEADER, Role.OFFICER, Role.CLERK)
# States in which a unit still owes the request a report.
STILL_DUE = (SubmissionState.EXPECTED.value, SubmissionState.RETURNED.value)
TEXT_MAX = 500


def _days_before() -> tuple[int, ...]:
    return tuple(int(d) for d in getattr(settings, "LOA_REMINDER_DAYS_BEFORE", (3,)))


def _recipients(unit_ids: Iterable[int], roles: Iterable[str], day: dt.date) -> dict[int, set[int]]:
    """unit id → ids of the active users holding one of ``roles`` there on ``day`` (one query)."""
    out: dict[int, set[int]] = {}
    rows = (
        Membership.objects.filter(membership_in_force(day), unit_id__in=list(unit_ids), role__in=list(roles))
        .filter(user__is_active=True)
        .values_list("unit_id", "user_id")
    )
    for unit_id, user_id in rows:
        out.setdefault(unit_id, set()).add(user_id)
    return out


def _unit_url(unit: Unit) -> str:
    """Where a notice about ``unit``'s reporting leads: the unit's home page, which shows what is due."""
    return reverse("web:unit_dashboard", args=[unit.code])


def _title(request: ReportRequest) -> str:
    return f"«{request.title}» cho {request.coordinator_unit.name}"


def _text(value: str) -> str:
    return value if len(value) <= TEXT_MAX else value[: TEXT_MAX - 1] + "…"


def _create(rows: list[Notice], scope: QuerySet[Notice]) -> int:
    """Insert the notices not made yet (the unique constraint drops the others); how many are new.

    ``scope`` holds every row of ``rows`` (same kind, request and day), to count before and after.
    """
    if not rows:
        return 0
    before = scope.count()
    Notice.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
    return scope.count() - before


def _reminder_text(kind: str, request: ReportRequest, today: dt.date) -> str:
    deadline = f"{request.deadline:%d/%m/%Y}"
    if kind == NoticeKind.OVERDUE:
        return _text(f"Đã quá hạn gửi báo cáo {_title(request)} (hạn {deadline}).")
    left = (request.deadline - today).days
    if left == 0:
        return _text(f"Hôm nay là hạn gửi báo cáo {_title(request)} (hạn {deadline}).")
    return _text(f"Còn {left} ngày đến hạn gửi báo cáo {_title(request)} (hạn {deadline}).")


def reminders_due(today: dt.date, *, actor: Any) -> dict[str, int]:
    """Write today's deadline reminders into the inboxes of the units that still owe a report.

    A unit is reminded on each of the ``LOA_REMINDER_DAYS_BEFORE`` days before the deadline (and on
    the deadline itself when 0 is listed), and once the day after it. Idempotent: a second run on
    the same day makes nothing new. Returns how many notices of each kind were made.
    """
    require_actor(actor)
    kinds = {today + dt.timedelta(days=n): NoticeKind.DUE_SOON for n in _days_before() if n >= 0}
    kinds[today - dt.timedelta(days=1)] = NoticeKind.OVERDUE
    requests = list(
        ReportRequest.objects.filter(status=RequestStatus.OPEN, deadline__in=list(kinds)).select_related(
            "coordinator_unit"
        )
    )
    made: Counter[str] = Counter()
    for request in requests:
        kind = kinds[request.deadline]
        owing = list(Submission.objects.filter(request=request, state__in=STILL_DUE).select_related("unit"))
        people = _recipients([s.unit_id for s in owing], UNIT_ROLES, today)
        text = _reminder_text(kind, request, today)
        rows = [
            Notice(
                user_id=user_id,
                kind=kind,
                text=text,
                url=_unit_url(s.unit),
                request=request,
                unit=s.unit,
                day=today,
            )
            for s in owing
            for user_id in sorted(people.get(s.unit_id, ()))
        ]
        with transaction.atomic():
            new = _create(rows, Notice.objects.filter(kind=kind, request=request, day=today))
            if new:
                audit_record(
                    actor=actor,
                    verb="reminders.notify",
                    target=request,
                    unit_id=request.coordinator_unit_id,
                    after={"kind": kind, "day": today.isoformat(), "notices": new},
                )
        made[kind] += new
    return {NoticeKind.DUE_SOON: made[NoticeKind.DUE_SOON], NoticeKind.OVERDUE: made[NoticeKind.OVERDUE]}


def on_submission_event(submission: Submission, step: Step | str, *, actor: Any = SYSTEM_WORKER) -> int:
    """Tell the people concerned that ``step`` was taken on ``submission`` (call after commit).

    submit / resubmit → the coordinators of the requesting unit; return (with the reason) / accept →
    the reporting unit's leaders, officers and clerks. Returns how many notices were made (0 when
    the same event was already noticed today).
    """
    require_actor(actor)
    step = Step(step)
    submission = Submission.objects.select_related("request__coordinator_unit", "unit").get(pk=submission.pk)
    request, unit = submission.request, submission.unit
    today = timezone.localdate()
    if step in (Step.SUBMIT, Step.RESUBMIT):
        kind = NoticeKind.RECEIVED if step is Step.SUBMIT else NoticeKind.RESUBMITTED
        verb = "đã gửi" if step is Step.SUBMIT else "đã gửi lại"
        text = _text(f"Đơn vị {unit.name} {verb} báo cáo «{request.title}».")
        people = _recipients([request.coordinator_unit_id], [Role.COORDINATOR], today)
        users = people.get(request.coordinator_unit_id, set())
        url = _unit_url(request.coordinator_unit)
    else:
        if step is Step.RETURN:
            kind = NoticeKind.RETURNED
            text = _text(
                f"Báo cáo «{request.title}» bị trả lại: {submission.return_reason or 'không ghi lý do'}"
            )
        else:
            kind = NoticeKind.ACCEPTED
            text = _text(f"Báo cáo «{request.title}» đã được tiếp nhận.")
        users = _recipients([unit.pk], UNIT_ROLES, today).get(unit.pk, set())
        url = _unit_url(unit)
    rows = [
        Notice(user_id=u, kind=kind, text=text, url=url, request=request, unit=unit, day=today)
        for u in sorted(users)
    ]
    with transaction.atomic():
        new = _create(rows, Notice.objects.filter(kind=kind, request=request, unit=unit, day=today))
        if new:
            audit_record(
                actor=actor,
                verb="reminders.notify",
                target=request,
                unit_id=unit.pk,
                after={"kind": kind, "day": today.isoformat(), "notices": new},
            )
    return new


# --- The inbox -----------------------------------------------------------------------------------


def notices_for(*, user: Any) -> QuerySet[Notice]:
    """The person's own notices, newest first (nobody reads another's inbox)."""
    return Notice.objects.filter(user_id=user.pk).order_by("-day", "-created_at", "-id")


def unread_count(*, user: Any) -> int:
    return Notice.objects.filter(user_id=user.pk, read_at__isnull=True).count()


def notice_open(*, actor: Any, pk: int) -> Notice:
    """The actor's notice ``pk``, marked read (``Notice.DoesNotExist`` when it is not theirs).

    Reading one's own notice changes only one's own inbox: it is not an audited record.
    """
    notice = notices_for(user=actor).get(pk=pk)
    if notice.read_at is None:
        notice.read_at = timezone.now()
        Notice.objects.filter(pk=notice.pk, read_at__isnull=True).update(read_at=notice.read_at)
    return notice


def notices_mark_all_read(*, actor: Any) -> int:
    """Mark every unread notice of the actor read; how many were unread."""
    return Notice.objects.filter(user_id=actor.pk, read_at__isnull=True).update(read_at=timezone.now())

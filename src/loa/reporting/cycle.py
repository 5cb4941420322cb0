"""Writes of the reporting cycle: open a request, submit, return, accept, grant a lock exception.

One service per step, atomic, checked with :func:`~loa.organizations.access.require` and audited.
Steps move a submission only as :mod:`loa.reporting.transitions` allows. Who may act:

- opening a request, returning, accepting and granting a lock exception: coordinators (Nội vụ) of the
  requesting unit or of a unit above it (``Action.COORDINATE``);
- submitting (and resubmitting): those who may issue the unit's documents, its leader or clerk
  (``Action.ISSUE``): sending the issued report upward is the văn thư's job, as sending any document.

Expected units by default (the units "with a reporting duty"): every unit below the requesting unit
on the period's last day, itself excluded, of kind department, district (town), or commune (ward,
commune, town-commune); centres and other bodies report to their own office, not to the request.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from loa.activities.comparison import channel_comparison, channel_imported
from loa.activities.selectors import channel_figures
from loa.core import vn
from loa.core.actors import user_of
from loa.core.audit import audit_record, snapshot
from loa.core.errors import Conflict, ValidationError
from loa.core.periods import Period, PeriodKind, parse_period
from loa.organizations.access import Action, require
from loa.organizations.models import Unit, UnitKind
from loa.organizations.selectors import unit_subtree_ids
from loa.reporting.consolidation import frozen_figures_for, frozen_previous_for
from loa.reporting.drafting.comparing import with_imported
from loa.reporting.models import (
    LockException,
    PeriodKindChoice,
    Report,
    ReportRequest,
    ReportStatus,
    RequestSchedule,
    RequestStatus,
    Submission,
)
from loa.reporting.transitions import Step, SubmissionState, transition_for

# Kinds of unit that owe a report to a request opened above them (see the module docstring).
DUTY_KINDS = (UnitKind.DEPARTMENT, UnitKind.DISTRICT, UnitKind.COMMUNE)


def request_window(request: ReportRequest) -> tuple[dt.date, dt.date]:
    """The days whose activities the request's period counts (ND09 or calendar window)."""
    period = parse_period(request.period)
    return period.window(request.window or None)  # type: ignore[arg-type]


def expected_units_default(*, coordinator_unit: Unit, period: Period) -> list[Unit]:
    """The units below ``coordinator_unit`` on the period's last day that owe it a report."""
    end = period.window("calendar")[1]
    ids = unit_subtree_ids(unit_ids=[coordinator_unit.pk], on=end) - {coordinator_unit.pk}
    alive = (Q(valid_from__isnull=True) | Q(valid_from__lte=end)) & (
        Q(valid_to__isnull=True) | Q(valid_to__gte=end)
    )
    return list(Unit.objects.filter(alive, pk__in=ids, kind__in=DUTY_KINDS).order_by("name"))


def _default_title(period: Period) -> str:
    return f"Báo cáo công tác tuyên truyền cải cách hành chính {period.label_vi}"


@transaction.atomic
def request_open(
    *,
    actor: Any,
    coordinator_unit: Unit,
    period: str,
    deadline: dt.date,
    title: str | None = None,
    units: Iterable[Unit] | None = None,
    outline: str = "",
    schedule: RequestSchedule | None = None,
) -> ReportRequest:
    """Open a request for ``period`` to ``units`` (default: :func:`expected_units_default`)."""
    require(actor, Action.COORDINATE, coordinator_unit)
    the_period = parse_period(period)
    first_day = the_period.window("calendar")[0]
    if deadline < first_day:
        message = (
            f"Hạn gửi {deadline:%d/%m/%Y} trước ngày bắt đầu kỳ báo cáo ({first_day:%d/%m/%Y}): "
            "hãy chọn hạn gửi sau khi kỳ bắt đầu."
        )
        raise ValidationError(message, code="requests.deadline_before_period", fields={"deadline": message})
    if units is None:
        chosen = expected_units_default(coordinator_unit=coordinator_unit, period=the_period)
    else:
        chosen = list(dict.fromkeys(units))
        allowed = unit_subtree_ids(unit_ids=[coordinator_unit.pk]) - {coordinator_unit.pk}
        outside = [u for u in chosen if u.pk not in allowed]
        if outside:
            names = ", ".join(u.name for u in outside)
            message = f"Đơn vị không trực thuộc {coordinator_unit.name}, không yêu cầu báo cáo được: {names}."
            raise ValidationError(message, code="requests.outside_subtree", fields={"units": message})
    if not chosen:
        message = f"{coordinator_unit.name} không có đơn vị trực thuộc nào phải báo cáo kỳ này."
        raise ValidationError(message, code="requests.no_units", fields={"units": message})
    request = ReportRequest.objects.create(
        coordinator_unit=coordinator_unit,
        period=str(the_period),
        title=vn.collapse_ws(vn.nfc(title or "")) or _default_title(the_period),
        deadline=deadline,
        outline=vn.nfc(outline or "").strip(),
        schedule=schedule,
        opened_by=user_of(actor),
    )
    Submission.objects.bulk_create([Submission(request=request, unit=u) for u in chosen])
    after = snapshot(request)
    after["expected"] = [u.code for u in chosen]
    audit_record(actor=actor, verb="request.open", target=request, unit_id=coordinator_unit.pk, after=after)
    return request


def _periods_of(kind: str, year: int) -> list[Period]:
    if kind == PeriodKindChoice.YEAR:
        return [Period(kind=PeriodKind.YEAR, year=year)]
    if kind == PeriodKindChoice.HALF:
        return [Period(kind=PeriodKind.HALF, year=year, index=i) for i in (1, 2)]
    if kind == PeriodKindChoice.NINE_MONTHS:
        return [Period(kind=PeriodKind.NINE_MONTHS, year=year)]
    return [Period(kind=PeriodKind.QUARTER, year=year, index=i) for i in (1, 2, 3, 4)]


def schedule_deadline(schedule: RequestSchedule, period: Period) -> dt.date:
    return period.window("calendar")[1] + dt.timedelta(days=schedule.deadline_days_after_period_end)


def schedule_open_due(*, actor: Any, today: dt.date) -> list[ReportRequest]:
    """Open the requests of active schedules whose opening day has come (idempotent: a schedule opens
    one request per period). Run by the worker each day and by ``loa requests open-due``."""
    opened = []
    for schedule in RequestSchedule.objects.filter(active=True).select_related("coordinator_unit"):
        for year in (today.year - 1, today.year, today.year + 1):
            for period in _periods_of(schedule.kind, year):
                deadline = schedule_deadline(schedule, period)
                opens = deadline - dt.timedelta(days=schedule.open_days_before_deadline)
                if not opens <= today <= deadline:
                    continue
                if ReportRequest.objects.filter(schedule=schedule, period=str(period)).exists():
                    continue
                title = schedule.title_template.replace("{ky}", period.label_vi)
                opened.append(
                    request_open(
                        actor=actor,
                        coordinator_unit=schedule.coordinator_unit,
                        period=str(period),
                        deadline=deadline,
                        title=title,
                        schedule=schedule,
                    )
                )
    return opened


def notify_after(submission: Submission, step: Step) -> None:
    """After commit, tell the people concerned (the reminders' seam in :mod:`loa.reporting.notices`)."""
    from loa.reporting.notices import on_submission_event

    transaction.on_commit(lambda: on_submission_event(submission, step))


def _locked(submission: Submission) -> Submission:
    return (
        Submission.objects.select_for_update(of=("self",))
        .select_related("request__coordinator_unit", "unit", "report__document")
        .get(pk=submission.pk)
    )


def _move(*, actor: Any, submission: Submission, step: Step, refusal: str, **changes: Any) -> Submission:
    transition = transition_for(submission.state, step)
    if transition is None:
        raise Conflict(refusal, code=f"requests.{step.value}_refused", state=submission.state)
    before = snapshot(submission)
    submission.state = transition.target.value
    for name, value in changes.items():
        setattr(submission, name, value)
    submission.save()
    audit_record(
        actor=actor,
        verb=f"submission.{step.value}",
        target=submission,
        unit_id=submission.unit_id,
        before=before,
        after=snapshot(submission),
    )
    notify_after(submission, step)
    return submission


def freeze_figures(*, actor: Any, request: ReportRequest, report: Report) -> dict[str, Any]:
    """The figures the unit's report shows, per channel, as counted at this moment, with the window
    and the units counted (the lock reads them)."""
    period = parse_period(request.period)
    # The window the report itself counted (its own, else the request's), up to the report's date.
    start, end = period.window(report.window or request.window or None)  # type: ignore[arg-type]
    end = max(start, min(end, report.report_date))
    unit = report.unit
    counted = unit_subtree_ids(unit_ids=[unit.pk], start=start, end=end)
    subtree = len(counted) > 1
    # A consolidated report sent upward freezes the figures it shows: the sum of the accepted
    # submissions below (ADR consolidation), never the coordinator unit's live activities.
    frozen = frozen_figures_for(report)
    mode = report.window or request.window or period.default_window()
    if frozen is not None:
        rows = frozen[0]
        previous = frozen_previous_for(report)
    else:
        # The report's own figures: activities, and imported figures where they exceed them (ADR 0029).
        known = {"user": actor, "unit": unit, "end": end, "subtree": subtree, "mode": mode}
        rows = with_imported(
            channel_figures(user=actor, unit=unit, start=start, end=end, year=period.year, subtree=subtree),
            channel_imported(period=period, **known),
        )
        # Its "cùng kỳ" freezes too: a later import or lineage change never moves a sent report.
        previous = channel_comparison(period=period, **known).as_dict()
    return {
        "start": start.isoformat(),
        "end": end.isoformat(),
        "subtree": subtree,
        "units": sorted(counted),
        "channels": [
            {"code": f.channel, "name": f.name, "unit": f.measure, "target": f.target, "actual": f.actual}
            for f in rows
        ],
        **({"previous": previous} if previous else {}),
    }


@transaction.atomic
def submission_submit(*, actor: Any, submission: Submission, on: dt.date | None = None) -> Submission:
    """The unit sends its issued report for the request's period; its figures freeze.

    From ``expected`` this is "submit"; from ``returned`` "resubmit", which needs a report issued
    after the return (a replacement), not the one sent back.
    """
    require(actor, Action.ISSUE, submission.unit_id)
    submission = _locked(submission)
    request = submission.request
    if request.status != RequestStatus.OPEN:
        raise Conflict("Yêu cầu báo cáo này đã kết thúc, không nhận báo cáo nữa.", code="requests.closed")
    state = SubmissionState(submission.state)
    if state in (SubmissionState.SUBMITTED, SubmissionState.RESUBMITTED, SubmissionState.ACCEPTED):
        raise Conflict(
            f"{submission.unit.name} đã gửi báo cáo cho yêu cầu này"
            f"{_on(submission.submitted_on)}; không gửi lại được.",
            code="requests.already_submitted",
        )
    report = (
        Report.objects.select_related("document", "unit")
        .filter(unit_id=submission.unit_id, period=request.period, status=ReportStatus.ISSUED)
        .first()
    )
    if report is None:
        raise Conflict(
            f"{submission.unit.name} chưa ban hành báo cáo kỳ {parse_period(request.period).label_vi}: "
            "báo cáo phải được lãnh đạo duyệt và văn thư cấp số trước khi gửi.",
            code="requests.report_not_issued",
        )
    step = Step.SUBMIT if state is SubmissionState.EXPECTED else Step.RESUBMIT
    if step is Step.RESUBMIT and report.pk == submission.report_id:
        raise Conflict(
            "Báo cáo này đã bị trả lại: hãy ban hành văn bản thay thế rồi gửi lại.",
            code="requests.resubmit_same_report",
        )
    day = on or timezone.localdate()
    return _move(
        actor=actor,
        submission=submission,
        step=step,
        refusal="Không gửi được báo cáo ở tình trạng hiện tại.",
        report=report,
        submitted_on=day,
        figures=freeze_figures(actor=actor, request=request, report=report),
    )


def _on(day: dt.date | None) -> str:
    return f" ngày {day:%d/%m/%Y}" if day else ""


@transaction.atomic
def submission_return(*, actor: Any, submission: Submission, reason: str) -> Submission:
    """The coordinator sends the report back with a reason; the unit's window unlocks."""
    require(actor, Action.COORDINATE, submission.request.coordinator_unit_id)
    reason = vn.collapse_ws(vn.nfc(reason or ""))
    if not reason:
        message = "Cần ghi lý do trả lại để đơn vị biết cần sửa gì."
        raise ValidationError(message, code="requests.reason_required", fields={"reason": message})
    submission = _locked(submission)
    return _move(
        actor=actor,
        submission=submission,
        step=Step.RETURN,
        refusal="Chỉ trả lại được báo cáo đã gửi và đang chờ tiếp nhận.",
        return_reason=reason,
        decided_by=user_of(actor),
        decided_at=timezone.now(),
    )


@transaction.atomic
def submission_accept(*, actor: Any, submission: Submission) -> Submission:
    """The coordinator takes the report: it counts in the consolidated report."""
    require(actor, Action.COORDINATE, submission.request.coordinator_unit_id)
    submission = _locked(submission)
    return _move(
        actor=actor,
        submission=submission,
        step=Step.ACCEPT,
        refusal=(
            "Chỉ tiếp nhận được báo cáo đơn vị đã gửi (đã ban hành và gửi theo yêu cầu); "
            f"báo cáo của {submission.unit.name} đang ở tình trạng “{submission.get_state_display()}”."
        ),
        decided_by=user_of(actor),
        decided_at=timezone.now(),
    )


@transaction.atomic
def lock_exception_grant(
    *, actor: Any, submission: Submission, reason: str, until: dt.date, today: dt.date | None = None
) -> LockException:
    """The coordinator lets the unit edit the submitted window's activities until ``until``."""
    require(actor, Action.COORDINATE, submission.request.coordinator_unit_id)
    reason = vn.collapse_ws(vn.nfc(reason or ""))
    if not reason:
        message = "Cần ghi lý do cho phép sửa số liệu đã khoá."
        raise ValidationError(message, code="requests.reason_required", fields={"reason": message})
    if until < (today or timezone.localdate()):
        message = "Ngày được sửa đến phải từ hôm nay trở đi."
        raise ValidationError(message, code="requests.until_past", fields={"until": message})
    submission = _locked(submission)
    if SubmissionState(submission.state) not in (
        SubmissionState.SUBMITTED,
        SubmissionState.RESUBMITTED,
        SubmissionState.ACCEPTED,
    ):
        raise Conflict(
            "Số liệu của đơn vị chưa bị khoá (chưa gửi báo cáo), không cần cho phép sửa.",
            code="requests.not_locked",
        )
    granted = LockException.objects.create(
        submission=submission, reason=reason, until=until, granted_by=user_of(actor)
    )
    audit_record(
        actor=actor,
        verb="submission.lock_exception",
        target=submission,
        unit_id=submission.unit_id,
        after=snapshot(granted),
    )
    return granted

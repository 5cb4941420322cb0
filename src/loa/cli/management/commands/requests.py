"""``loa requests open|submit|return|accept|open-due``: the reporting cycle from the command line.

- ``open UNIT PERIOD --deadline YYYY-MM-DD [--units A,B] [--title T] [--json]``
- ``submit ID UNIT [--date YYYY-MM-DD] [--json]``: the unit's report for the request's period,
  issued first when it is not yet (submitted, approved and numbered through the report services);
- ``return ID UNIT --reason TEXT``, ``accept ID UNIT``;
- ``open-due [--date YYYY-MM-DD]``: open the requests of recurring schedules whose day has come.

Every step goes through :mod:`loa.reporting.cycle`, checked against ``--as USERNAME`` when given.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from loa.cli.actors import add_as_argument, command_actor
from loa.core.errors import DomainError
from loa.core.periods import parse_period
from loa.organizations.selectors import unit_get
from loa.reporting.cycle import (
    request_open,
    schedule_open_due,
    submission_accept,
    submission_return,
    submission_submit,
)
from loa.reporting.models import OPEN_STATUSES, Report, ReportRequest, ReportStatus, Submission
from loa.reporting.transitions import STATE_LABELS, SubmissionState


def _date(text: str | None, name: str) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{name} “{text}” không hợp lệ (dùng YYYY-MM-DD, ví dụ 2022-12-15).") from None


class Command(BaseCommand):
    help = "Yêu cầu báo cáo: mở yêu cầu, gửi, trả lại, tiếp nhận báo cáo của đơn vị."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, title="thao tác")
        opening = sub.add_parser("open", help="Mở yêu cầu báo cáo một kỳ cho các đơn vị trực thuộc")
        opening.add_argument("unit", help="Mã đơn vị yêu cầu, ví dụ huongtra")
        opening.add_argument("period", help="Kỳ: 2022, 2022-Q1, 2022-H1, 2022-9M")
        opening.add_argument("--deadline", required=True, help="Hạn gửi, YYYY-MM-DD")
        opening.add_argument("--units", help="Mã các đơn vị phải báo cáo, cách nhau bởi dấu phẩy")
        opening.add_argument("--title", help="Tên yêu cầu (mặc định theo kỳ)")
        submit = sub.add_parser("submit", help="Gửi báo cáo của đơn vị theo yêu cầu (ban hành trước nếu cần)")
        submit.add_argument("id", type=int, help="Số yêu cầu")
        submit.add_argument("unit", help="Mã đơn vị gửi")
        submit.add_argument("--date", help="Ngày gửi, YYYY-MM-DD (mặc định hôm nay)")
        back = sub.add_parser("return", help="Trả lại báo cáo của đơn vị, kèm lý do")
        back.add_argument("id", type=int)
        back.add_argument("unit")
        back.add_argument("--reason", required=True, help="Lý do trả lại")
        accept = sub.add_parser("accept", help="Tiếp nhận báo cáo của đơn vị")
        accept.add_argument("id", type=int)
        accept.add_argument("unit")
        due = sub.add_parser("open-due", help="Mở các yêu cầu định kỳ đã đến ngày mở")
        due.add_argument("--date", help="Ngày xét, YYYY-MM-DD (mặc định hôm nay)")
        for p in (opening, submit, back, accept, due):
            p.add_argument("--json", action="store_true", help="In kết quả dạng JSON")
            add_as_argument(p)

    def handle(self, *args, action, **options):
        actor = command_actor(options.get("as_user"))
        handler = {
            "open": self._open,
            "submit": self._submit,
            "return": self._return,
            "accept": self._accept,
            "open-due": self._open_due,
        }[action]
        try:
            payload, text = handler(actor, **options)
        except DomainError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) if options["json"] else text)

    def _open(self, actor: Any, *, unit, period, deadline, units, title, **_: Any):
        coordinator = unit_get(code=unit)
        chosen = [unit_get(code=c.strip()) for c in units.split(",") if c.strip()] if units else None
        request = request_open(
            actor=actor,
            coordinator_unit=coordinator,
            period=str(parse_period(period)),
            deadline=_date(deadline, "Hạn gửi"),
            title=title,
            units=chosen,
        )
        expected = list(request.submissions.order_by("unit__code").values_list("unit__code", flat=True))
        payload = {
            "id": request.pk,
            "period": request.period,
            "deadline": request.deadline.isoformat(),
            "expected": expected,
        }
        text = (
            f"Đã mở yêu cầu số {request.pk} «{request.title}», hạn gửi {request.deadline:%d/%m/%Y}; "
            f"{len(expected)} đơn vị phải báo cáo: {', '.join(expected)}."
        )
        return payload, text

    def _submit(self, actor: Any, *, id, unit, date, **_: Any):
        on = _date(date, "Ngày gửi") or timezone.localdate()
        with transaction.atomic():
            # One sender at a time per unit and request: a second waits here, then finds it sent.
            found = _submission(id, unit)
            submission = Submission.objects.select_for_update(of=("self",)).select_related("request", "unit")
            submission = submission.get(pk=found.pk)
            if submission.state in (SubmissionState.EXPECTED, SubmissionState.RETURNED):
                _issue_if_needed(actor, submission, on)
            submission = submission_submit(actor=actor, submission=submission, on=on)
        on_time = submission.submitted_on <= submission.request.deadline
        symbol = submission.report.document.symbol
        payload = {"status": submission.state, "on_time": on_time, "symbol": symbol}
        late = (submission.submitted_on - submission.request.deadline).days
        when = "đúng hạn" if on_time else f"quá hạn {late} ngày"
        text = (
            f"{submission.unit.name} đã gửi báo cáo số {symbol} ngày {submission.submitted_on:%d/%m/%Y} "
            f"({when})."
        )
        return payload, text

    def _return(self, actor: Any, *, id, unit, reason, **_: Any):
        submission = submission_return(actor=actor, submission=_submission(id, unit), reason=reason)
        return _state(
            submission
        ), f"Đã trả lại báo cáo của {submission.unit.name}: {submission.return_reason}"

    def _accept(self, actor: Any, *, id, unit, **_: Any):
        submission = submission_accept(actor=actor, submission=_submission(id, unit))
        return _state(submission), f"Đã tiếp nhận báo cáo của {submission.unit.name}."

    def _open_due(self, actor: Any, *, date, **_: Any):
        opened = schedule_open_due(actor=actor, today=_date(date, "Ngày") or timezone.localdate())
        payload = {
            "opened": [{"id": r.pk, "period": r.period, "deadline": r.deadline.isoformat()} for r in opened]
        }
        text = (
            "\n".join(f"Đã mở yêu cầu số {r.pk} «{r.title}»." for r in opened)
            or "Không có yêu cầu nào đến ngày mở."
        )
        return payload, text


def _state(submission: Submission) -> dict[str, Any]:
    return {"status": submission.state, "label": STATE_LABELS[SubmissionState(submission.state)]}


def _submission(request_id: int, unit_code: str) -> Submission:
    unit = unit_get(code=unit_code)
    request = ReportRequest.objects.filter(pk=request_id).first()
    if request is None:
        raise CommandError(f"Không có yêu cầu báo cáo số {request_id}.")
    submission = (
        Submission.objects.select_related("request", "unit").filter(request=request, unit=unit).first()
    )
    if submission is None:
        raise CommandError(f"{unit.name} không thuộc các đơn vị phải báo cáo theo yêu cầu số {request_id}.")
    return submission


def _issue_if_needed(actor: Any, submission: Submission, on: dt.date) -> None:
    """Issue the unit's report for the request's period when it is not issued yet (or when the issued
    one was returned: then a replacement), through the report use-case, as ``loa report --issue``."""
    from loa.reporting.dates import default_report_date
    from loa.reporting.producing import report_issue_drafted
    from loa.reporting.services import report_approve, report_open, report_replace, report_submit

    unit, period = submission.unit, parse_period(submission.request.period)
    issued = Report.objects.filter(unit=unit, period=str(period), status=ReportStatus.ISSUED).first()
    if issued is not None and issued.pk != submission.report_id:
        return
    report = Report.objects.filter(unit=unit, period=str(period), status__in=OPEN_STATUSES).first()
    if report is None:
        if issued is not None:
            report = report_replace(actor=actor, report=issued, report_date=on)
        else:
            report_date = min(on, default_report_date(unit=unit, period=period))
            report = report_open(actor=actor, unit=unit, period=str(period), report_date=report_date)
    if report.is_editable:
        report = report_submit(actor=actor, report=report)
    if report.status == ReportStatus.SUBMITTED:
        report = report_approve(actor=actor, report=report, note="Duyệt từ dòng lệnh.")
    report_issue_drafted(actor=actor, report=report)

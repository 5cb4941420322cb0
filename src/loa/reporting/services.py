"""Writes of reports: open the draft, keep the officer's edits, submit, approve or return, issue,
replace. Atomic, checked, audited.

The workflow follows Nghị định 30: the officer drafts and submits ("Trình duyệt"); the leader
approves ("Duyệt") or returns it with a reason ("Trả lại"); the clerk (văn thư) takes the number
from the outgoing register and issues it ("Cấp số và ban hành"). One issued report per unit and
period: a correction is a new report that replaces the issued one and cites it ("thay thế").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from loa.core import vn
from loa.core.actors import user_of
from loa.core.audit import audit_record, snapshot
from loa.core.errors import Conflict, ValidationError
from loa.core.files import files_atomic
from loa.core.periods import parse_period
from loa.documents.models import CitationRelation, Direction, Document
from loa.documents.services import citation_add, document_create, document_issue
from loa.organizations.access import Action, require
from loa.organizations.lifetime import require_alive_on
from loa.organizations.models import Unit
from loa.reporting.dates import default_report_date
from loa.reporting.models import EDITABLE_STATUSES, OPEN_STATUSES, Report, ReportStatus

MAX_NARRATIVE = 20_000
WINDOWS = ("", "nd09", "calendar")


@transaction.atomic
def report_open(*, actor: Any, unit: Unit, period: str, report_date: dt.date | None = None) -> Report:
    """The unit's draft report for the period, created when there is none yet."""
    require(actor, Action.RECORD, unit)
    code = str(parse_period(period))
    if report_date is not None:
        require_alive_on(unit, report_date, doing="lập báo cáo", field="report_date")
    report = Report.objects.filter(unit=unit, period=code, status__in=OPEN_STATUSES).first()
    if report:
        return report
    _refuse_if_issued(unit=unit, period=code)
    report = Report.objects.create(
        unit=unit,
        period=code,
        report_date=report_date or default_report_date(unit=unit, period=parse_period(period)),
        created_by=user_of(actor),
    )
    audit_record(actor=actor, verb="report.open", target=report, unit_id=unit.pk, after=snapshot(report))
    return report


@transaction.atomic
def report_edit(
    *,
    actor: Any,
    report: Report,
    narrative: dict[str, str],
    report_date: dt.date | None = None,
    window: str | None = None,
) -> Report:
    """Keep the officer's wording. An empty text restores the drafted paragraph.

    ``window`` is how the figures are cut (``"nd09"``, ``"calendar"``; empty: the period's default).
    """
    require(actor, Action.RECORD, report.unit_id)
    _require_editable(report)
    cleaned = {}
    for key, text in narrative.items():
        text = vn.nfc(text or "").strip()
        if len(text) > MAX_NARRATIVE:
            raise ValidationError(
                "Đoạn văn quá dài (tối đa 20.000 ký tự).", code="reports.too_long", fields={key: "Quá dài."}
            )
        if text:
            cleaned[key] = text
    before = snapshot(report)
    report.narrative = cleaned
    if report_date:
        require_alive_on(report.unit, report_date, doing="lập báo cáo", field="report_date")
        report.report_date = report_date
    if window is not None:
        if window not in WINDOWS:
            raise ValidationError(
                "Cách chốt số liệu không hợp lệ (nd09 hoặc calendar).",
                code="reports.window",
                fields={"window": window},
            )
        report.window = window
    report.save()
    audit_record(
        actor=actor,
        verb="report.edit",
        target=report,
        unit_id=report.unit_id,
        before=before,
        after=snapshot(report),
    )
    return report


def _refuse_if_issued(*, unit: Unit, period: str) -> None:
    issued = Report.objects.filter(unit=unit, period=period, status=ReportStatus.ISSUED).first()
    if issued is not None:
        raise Conflict(
            f"Báo cáo kỳ này đã ban hành ({_symbol(issued)}). Muốn sửa, hãy ban hành văn bản thay thế.",
            code="reports.already_issued",
        )


def _symbol(report: Report) -> str:
    doc = report.document
    if doc is None:
        return "chưa có số"
    return f"số {doc.symbol} ngày {doc.issued_date:%d/%m/%Y}" if doc.issued_date else f"số {doc.symbol}"


def _require_editable(report: Report) -> None:
    if report.status in EDITABLE_STATUSES:
        return
    if report.status == ReportStatus.SUBMITTED:
        message = "Báo cáo đang chờ lãnh đạo duyệt, không sửa được. Đề nghị lãnh đạo trả lại nếu cần sửa."
    elif report.status == ReportStatus.APPROVED:
        message = "Báo cáo đã được duyệt, chờ văn thư cấp số; không sửa được nữa."
    else:
        message = "Báo cáo đã ban hành, không sửa được nữa. Muốn sửa, hãy ban hành văn bản thay thế."
    raise Conflict(message, code="reports.not_editable")


def _transition(
    *, actor: Any, report: Report, verb: str, to: ReportStatus, allowed: Iterable[ReportStatus], refusal: str
) -> Report:
    """Move a report to ``to`` from one of ``allowed`` (re-read under lock), audited."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status not in set(allowed):
        raise Conflict(refusal, code=f"reports.{verb}_refused", status=report.status)
    before = snapshot(report)
    report.status = to
    return _save_audited(actor=actor, report=report, verb=verb, before=before)


def _save_audited(*, actor: Any, report: Report, verb: str, before: dict[str, Any]) -> Report:
    report.save()
    audit_record(
        actor=actor,
        verb=f"report.{verb}",
        target=report,
        unit_id=report.unit_id,
        before=before,
        after=snapshot(report),
    )
    return report


@transaction.atomic
def report_submit(*, actor: Any, report: Report) -> Report:
    """The officer sends the draft to the leader for approval ("Trình duyệt")."""
    require(actor, Action.RECORD, report.unit_id)
    return _transition(
        actor=actor,
        report=report,
        verb="submit",
        to=ReportStatus.SUBMITTED,
        allowed=EDITABLE_STATUSES,
        refusal="Chỉ trình duyệt được báo cáo đang soạn hoặc bị trả lại.",
    )


@transaction.atomic
def report_approve(*, actor: Any, report: Report, note: str = "") -> Report:
    """The leader approves the submitted report for issue ("Duyệt")."""
    require(actor, Action.APPROVE, report.unit_id)
    report = _transition(
        actor=actor,
        report=report,
        verb="approve",
        to=ReportStatus.APPROVED,
        allowed=(ReportStatus.SUBMITTED,),
        refusal="Chỉ duyệt được báo cáo đã trình duyệt.",
    )
    return _note_review(actor=actor, report=report, note=note)


@transaction.atomic
def report_return(*, actor: Any, report: Report, reason: str) -> Report:
    """The leader sends the report back to the officer with a reason ("Trả lại")."""
    require(actor, Action.APPROVE, report.unit_id)
    reason = vn.collapse_ws(vn.nfc(reason or ""))
    if not reason:
        message = "Cần ghi lý do trả lại để cán bộ biết cần sửa gì."
        raise ValidationError(message, code="reports.reason_required", fields={"reason": message})
    report = _transition(
        actor=actor,
        report=report,
        verb="return",
        to=ReportStatus.RETURNED,
        allowed=(ReportStatus.SUBMITTED, ReportStatus.APPROVED),
        refusal="Chỉ trả lại được báo cáo đang chờ duyệt hoặc chờ cấp số.",
    )
    return _note_review(actor=actor, report=report, note=reason)


def _note_review(*, actor: Any, report: Report, note: str) -> Report:
    report.review_note = vn.nfc(note or "").strip()
    report.reviewed_by = user_of(actor)
    report.reviewed_at = timezone.now()
    report.save(update_fields=["review_note", "reviewed_by", "reviewed_at", "updated_at"])
    return report


@files_atomic
def report_issue(
    *,
    actor: Any,
    report: Report,
    subject: str,
    signer_name: str = "",
    render: Any = None,
    cites: Iterable[tuple[Document, CitationRelation | str]] = (),
) -> Report:
    """Take the next number from the unit's outgoing register and freeze the approved report.

    ``render(number) -> bytes`` renders the issued DOCX; it is stored on the document, so the issued
    report keeps the figures of the day it was signed while the live figures move on. ``cites``
    are the registered documents the report's text cites, recorded as its citations. A report that
    replaces an issued one cites it ("thay thế") and marks it replaced.
    """
    require(actor, Action.ISSUE, report.unit_id)
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status in (ReportStatus.ISSUED, ReportStatus.REPLACED):
        raise Conflict(f"Báo cáo đã được ban hành ({_symbol(report)}).", code="reports.issued")
    if report.status != ReportStatus.APPROVED:
        raise Conflict(
            "Báo cáo chưa được lãnh đạo duyệt: cán bộ trình duyệt, lãnh đạo duyệt rồi văn thư mới cấp số.",
            code="reports.not_approved",
        )
    old = None
    if report.replaces_id:
        old = Report.objects.select_for_update().get(pk=report.replaces_id)
        if old.status != ReportStatus.ISSUED:
            raise Conflict(
                "Báo cáo được thay thế không còn là báo cáo đang có hiệu lực.", code="reports.replace_stale"
            )
    else:
        _refuse_if_issued(unit=report.unit, period=report.period)
    document = document_create(
        actor=actor,
        kind="BC",
        subject=subject,
        issuer_unit=report.unit,
        direction=Direction.OUTGOING,
        signer_name=signer_name,
    )
    document = document_issue(actor=actor, document=document, issued_date=report.report_date)
    if render is not None:
        document.file.save(document.download_name("docx"), ContentFile(render(document.number)), save=True)
    for target, relation in cites:
        if target.pk != document.pk:
            citation_add(actor=actor, source=document, target=target, relation=relation)
    if old is not None:
        old_before = snapshot(old)
        old.status = ReportStatus.REPLACED
        _save_audited(actor=actor, report=old, verb="replaced", before=old_before)
        assert old.document is not None
        citation_add(actor=actor, source=document, target=old.document, relation=CitationRelation.REPLACES)
    before = snapshot(report)
    report.document = document
    report.status = ReportStatus.ISSUED
    return _save_audited(actor=actor, report=report, verb="issue", before=before)


@transaction.atomic
def report_replace(*, actor: Any, report: Report, report_date: dt.date | None = None) -> Report:
    """Open the draft of a report that will replace the issued ``report`` ("Ban hành văn bản thay thế").

    The draft starts from the issued report's wording; when issued, it cites the one it replaces.
    """
    require(actor, Action.RECORD, report.unit_id)
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status != ReportStatus.ISSUED:
        raise Conflict("Chỉ thay thế được báo cáo đang có hiệu lực.", code="reports.replace_refused")
    existing = Report.objects.filter(unit_id=report.unit_id, period=report.period, status__in=OPEN_STATUSES)
    draft = existing.first()
    if draft is not None:
        return draft
    draft = Report.objects.create(
        unit_id=report.unit_id,
        period=report.period,
        window=report.window,
        # A replacement is signed after the report it replaces, inside the unit's life.
        report_date=report_date
        or max(report.report_date, default_report_date(unit=report.unit, period=parse_period(report.period))),
        narrative=dict(report.narrative),
        replaces=report,
        created_by=user_of(actor),
    )
    audit_record(actor=actor, verb="report.open", target=draft, unit_id=draft.unit_id, after=snapshot(draft))
    return draft

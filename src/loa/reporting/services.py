"""Writes of reports: open the draft, keep the officer's edits, issue. Atomic, checked, audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction

from loa.core import vn
from loa.core.audit import audit_record, snapshot
from loa.core.errors import Conflict, ValidationError
from loa.core.periods import parse_period
from loa.documents.models import Direction
from loa.documents.services import document_create, document_issue
from loa.organizations.access import Action, require
from loa.organizations.lifetime import require_alive_on
from loa.organizations.models import Unit
from loa.reporting.dates import default_report_date
from loa.reporting.models import Report, ReportStatus

MAX_NARRATIVE = 20_000


@transaction.atomic
def report_open(*, actor: Any, unit: Unit, period: str, report_date: dt.date | None = None) -> Report:
    """The unit's draft report for the period, created when there is none yet."""
    if actor is not None:
        require(actor, Action.RECORD, unit)
    code = str(parse_period(period))
    if report_date is not None:
        require_alive_on(unit, report_date, doing="lập báo cáo", field="report_date")
    report = Report.objects.filter(unit=unit, period=code, status=ReportStatus.DRAFT).first()
    if report:
        return report
    report = Report.objects.create(
        unit=unit,
        period=code,
        report_date=report_date or default_report_date(unit=unit, period=parse_period(period)),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_record(actor=actor, verb="report.open", target=report, unit_id=unit.pk, after=snapshot(report))
    return report


@transaction.atomic
def report_edit(
    *, actor: Any, report: Report, narrative: dict[str, str], report_date: dt.date | None = None
) -> Report:
    """Keep the officer's wording. An empty text restores the drafted paragraph."""
    if actor is not None:
        require(actor, Action.RECORD, report.unit_id)
    if report.status != ReportStatus.DRAFT:
        raise Conflict("Báo cáo đã ban hành, không sửa được nữa.", code="reports.issued")
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


@transaction.atomic
def report_issue(
    *, actor: Any, report: Report, subject: str, signer_name: str = "", render: Any = None
) -> Report:
    """Take the next number from the unit's outgoing register and freeze the report.

    ``render(number) -> bytes`` renders the issued DOCX; it is stored on the document, so the issued
    report keeps the figures of the day it was signed while the live figures move on.
    """
    if actor is not None:
        require(actor, Action.ISSUE, report.unit_id)
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status != ReportStatus.DRAFT:
        raise Conflict("Báo cáo đã được ban hành.", code="reports.issued")
    document = document_create(
        actor=None,
        kind="BC",
        subject=subject,
        issuer_unit=report.unit,
        direction=Direction.OUTGOING,
        signer_name=signer_name,
    )
    document = document_issue(actor=actor, document=document, issued_date=report.report_date)
    if render is not None:
        name = f"bao-cao-{document.number}-{report.unit.abbr}-{report.period}.docx".lower()
        document.file.save(name, ContentFile(render(document.number)), save=True)
    before = snapshot(report)
    report.document = document
    report.status = ReportStatus.ISSUED
    report.save()
    audit_record(
        actor=actor,
        verb="report.issue",
        target=report,
        unit_id=report.unit_id,
        before=before,
        after=snapshot(report),
    )
    return report

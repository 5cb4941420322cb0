"""Deleting plans, targets and tasks, which an issued report may rely on.

A report relies on a plan when an issued report of the plan's unit covers one of the plan's years:
its frozen figures were measured against that plan's targets and its text cites the plan. Deleting
the plan (or a target or task of it) would leave that issued report pointing at nothing, so it is
refused; the plan can still be edited. The rule lives here, above ``plans``, because it is about
reports (ARCHITECTURE §4: plans know nothing of reports).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Q

from loa.core.audit import audit_record, snapshot
from loa.core.errors import Conflict
from loa.organizations.access import Action, require, visible_q
from loa.plans.models import Plan, Target, Task
from loa.reporting.models import Report, ReportStatus


def plan_relied_on_by(*, user: Any, plan: Plan) -> Report | None:
    """The earliest issued report of the plan's unit for a period within the plan's years, if any
    (among the reports ``user`` may see: the check before a deletion runs as its actor, who records
    for the plan's unit and so sees its reports)."""
    years = Q()
    for year in range(plan.year_from, plan.year_to + 1):
        # Period codes start with their year: "2022", "2022-Q3", "2022-09", "2022-2025".
        years |= Q(period=str(year)) | Q(period__startswith=f"{year}-")
    return (
        Report.objects.filter(years, visible_q(user), unit_id=plan.unit_id, status=ReportStatus.ISSUED)
        .select_related("document")
        .order_by("report_date", "id")
        .first()
    )


def _refuse_if_relied_on(actor: Any, plan: Plan, what: str) -> None:
    report = plan_relied_on_by(user=actor, plan=plan)
    if report is None:
        return
    name = (
        f"báo cáo số {report.document.symbol}" if report.document_id and report.document.symbol else "báo cáo"
    )
    raise Conflict(
        f"Không thể xoá {what}: {name} kỳ {report.period} của đơn vị đã ban hành dựa trên "
        "kế hoạch này. Bạn vẫn có thể sửa kế hoạch.",
        code="plans.relied_on",
        report=report.pk,
    )


@transaction.atomic
def plan_delete(*, actor: Any, plan: Plan) -> None:
    """Delete a plan with its targets and tasks, unless an issued report relies on it."""
    require(actor, Action.RECORD, plan.unit_id)
    _refuse_if_relied_on(actor, plan, "kế hoạch")
    before = {
        **snapshot(plan),
        "targets": {t.channel_id: t.quantity for t in plan.targets.filter(area__isnull=True)},
        "tasks": list(plan.tasks.values_list("title", flat=True)),
    }
    audit_record(actor=actor, verb="plan.delete", target=plan, unit_id=plan.unit_id, before=before)
    plan.delete()


@transaction.atomic
def target_delete(*, actor: Any, target: Target) -> None:
    """Remove one target of a plan, unless an issued report relies on the plan."""
    plan = target.plan
    require(actor, Action.RECORD, plan.unit_id)
    _refuse_if_relied_on(actor, plan, "chỉ tiêu")
    audit_record(
        actor=actor, verb="target.delete", target=target, unit_id=plan.unit_id, before=snapshot(target)
    )
    target.delete()


@transaction.atomic
def task_delete(*, actor: Any, task: Task) -> None:
    """Remove one task of a plan, unless an issued report relies on the plan."""
    plan = task.plan
    require(actor, Action.RECORD, plan.unit_id)
    _refuse_if_relied_on(actor, plan, "nhiệm vụ")
    audit_record(actor=actor, verb="task.delete", target=task, unit_id=plan.unit_id, before=snapshot(task))
    task.delete()

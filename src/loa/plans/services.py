"""Writes of plans, targets, tasks and orientations. Each is atomic, checked and audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from loa.core import vn
from loa.core.audit import audit_record, snapshot
from loa.core.errors import ValidationError
from loa.documents.models import Document
from loa.organizations.access import Action, require
from loa.organizations.models import Unit
from loa.plans.models import (
    Channel,
    ContentArea,
    Orientation,
    OrientationRecipient,
    Plan,
    Target,
    Task,
    TaskStatus,
)
from loa.plans.selectors import orientation_scope_ids


@transaction.atomic
def plan_create(
    *,
    actor: Any,
    unit: Unit,
    title: str,
    year_from: int,
    year_to: int | None = None,
    document: Document | None = None,
    parents: Iterable[Plan] = (),
) -> Plan:
    """Create a unit's plan, optionally from its Kế hoạch document and citing its parent plans."""
    if actor is not None:
        require(actor, Action.RECORD, unit)
    title = vn.collapse_ws(vn.nfc(title))
    year_to = year_to or year_from
    if not title:
        raise ValidationError("Cần nhập tên kế hoạch.", code="plans.title_required")
    if year_to < year_from:
        raise ValidationError("Năm kết thúc phải sau năm bắt đầu.", code="plans.years")
    plan = Plan.objects.create(
        unit=unit, title=title, year_from=year_from, year_to=year_to, document=document
    )
    plan.parents.set(list(parents))
    audit_record(actor=actor, verb="plan.create", target=plan, unit_id=unit.pk, after=snapshot(plan))
    return plan


@transaction.atomic
def target_set(
    *,
    actor: Any,
    plan: Plan,
    channel: Channel,
    quantity: int,
    area: ContentArea | None = None,
    note: str = "",
) -> Target:
    """Set (create or change) the plan's target for a channel (and content area)."""
    if actor is not None:
        require(actor, Action.RECORD, plan.unit_id)
    if quantity < 0:
        raise ValidationError("Chỉ tiêu không thể âm.", code="plans.target_negative")
    target, created = Target.objects.get_or_create(
        plan=plan, channel=channel, area=area, defaults={"quantity": quantity, "note": note}
    )
    before = None if created else snapshot(target)
    if not created:
        target.quantity, target.note = quantity, note
        target.save()
    audit_record(
        actor=actor,
        verb="target.set",
        target=target,
        unit_id=plan.unit_id,
        before=before,
        after=snapshot(target),
    )
    return target


@transaction.atomic
def task_add(
    *,
    actor: Any,
    plan: Plan,
    title: str,
    owner_unit: Unit,
    deadline: dt.date | None = None,
    output: str = "",
    status: TaskStatus | str = TaskStatus.TODO,
) -> Task:
    """Add a task (nhiệm vụ) to the plan."""
    if actor is not None:
        require(actor, Action.RECORD, plan.unit_id)
    task = Task.objects.create(
        plan=plan,
        title=vn.collapse_ws(vn.nfc(title)),
        owner_unit=owner_unit,
        deadline=deadline,
        output=output,
        status=TaskStatus(status),
    )
    audit_record(actor=actor, verb="task.add", target=task, unit_id=plan.unit_id, after=snapshot(task))
    return task


@transaction.atomic
def orientation_send(
    *,
    actor: Any,
    unit: Unit,
    month: dt.date,
    topics: str,
    recipients: Iterable[Unit],
    document: Document | None = None,
) -> Orientation:
    """Issue the month's communication orientation to the chosen units."""
    if actor is not None:
        require(actor, Action.RECORD, unit)
    topics = vn.nfc(topics).strip()
    if not topics:
        raise ValidationError("Cần nhập nội dung định hướng.", code="orientations.topics_required")
    recipients = [u for u in recipients if u.pk != unit.pk]
    if not recipients:
        raise ValidationError("Cần chọn ít nhất một đơn vị nhận.", code="orientations.recipients_required")
    scope = orientation_scope_ids(unit=unit)
    outside = [u for u in recipients if u.pk not in scope]
    if outside:
        message = "Không gửi được định hướng cho {names}: chỉ gửi cho các đơn vị trực thuộc.".format(
            names=", ".join(u.name for u in outside)
        )
        raise ValidationError(
            message, code="orientations.recipient_out_of_scope", fields={"recipients": message}
        )
    orientation = Orientation.objects.create(
        unit=unit, month=month.replace(day=1), topics=topics, document=document
    )
    OrientationRecipient.objects.bulk_create(
        [
            OrientationRecipient(orientation=orientation, unit=u)
            for u in {u.pk: u for u in recipients}.values()
        ]
    )
    audit_record(
        actor=actor, verb="orientation.send", target=orientation, unit_id=unit.pk, after=snapshot(orientation)
    )
    return orientation


@transaction.atomic
def task_update_status(*, actor: Any, task: Task, status: TaskStatus | str) -> Task:
    """Change a task's status (tình trạng): to do, in progress, done, or not carried out."""
    if actor is not None:
        require(actor, Action.RECORD, task.plan.unit_id)
    try:
        new = TaskStatus(status)
    except ValueError:
        raise ValidationError("Tình trạng nhiệm vụ không hợp lệ.", code="plans.task_status") from None
    before = snapshot(task)
    if task.status != new:
        task.status = new
        task.save(update_fields=["status"])
    audit_record(
        actor=actor,
        verb="task.status",
        target=task,
        unit_id=task.plan.unit_id,
        before=before,
        after=snapshot(task),
    )
    return task


@transaction.atomic
def orientation_acknowledge(*, actor: Any, orientation: Orientation, unit: Unit) -> OrientationRecipient:
    """Record that ``unit`` has received the orientation ("Đã nhận"). Acknowledging twice keeps the first time."""
    if actor is not None:
        require(actor, Action.RECORD, unit)
    try:
        recipient = OrientationRecipient.objects.select_for_update().get(orientation=orientation, unit=unit)
    except OrientationRecipient.DoesNotExist:
        raise ValidationError(
            "Đơn vị không có trong nơi nhận của định hướng này.", code="orientations.not_recipient"
        ) from None
    if recipient.acknowledged_at is None:
        before = snapshot(recipient)
        recipient.acknowledged_at = timezone.now()
        recipient.save(update_fields=["acknowledged_at"])
        audit_record(
            actor=actor,
            verb="orientation.acknowledge",
            target=recipient,
            unit_id=unit.pk,
            before=before,
            after=snapshot(recipient),
        )
    return recipient

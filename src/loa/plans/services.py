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
from loa.organizations.lifetime import require_alive_in_years
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
    require(actor, Action.RECORD, unit)
    title, year_to = _checked_plan_fields(
        unit=unit, title=title, year_from=year_from, year_to=year_to, document=document
    )
    plan = Plan.objects.create(
        unit=unit, title=title, year_from=year_from, year_to=year_to, document=document
    )
    plan.parents.set(list(parents))
    audit_record(actor=actor, verb="plan.create", target=plan, unit_id=unit.pk, after=snapshot(plan))
    return plan


def _checked_plan_fields(
    *,
    unit: Unit,
    title: str,
    year_from: int,
    year_to: int | None,
    document: Document | None,
    exclude: Plan | None = None,
) -> tuple[str, int]:
    """The plan's cleaned title and last year, once every rule on a plan's fields holds: a title,
    years in order and inside the unit's lifetime, one plan per year, a document not already used."""
    title = vn.collapse_ws(vn.nfc(title))
    year_to = year_to or year_from
    if not title:
        raise ValidationError("Cần nhập tên kế hoạch.", code="plans.title_required")
    if year_to < year_from:
        raise ValidationError("Năm kết thúc phải sau năm bắt đầu.", code="plans.years")
    require_alive_in_years(unit, year_from, year_to)
    _check_one_plan_per_year(unit=unit, year_from=year_from, year_to=year_to, exclude=exclude)
    _check_document_free(document=document, exclude=exclude)
    return title, year_to


def _check_one_plan_per_year(
    *, unit: Unit, year_from: int, year_to: int, exclude: Plan | None = None
) -> None:
    """A unit has one annual plan per year, and one multi-year plan (giai đoạn) at a time.

    An annual plan may sit inside a multi-year one: the figures count the annual plan's targets
    (``activities.selectors._chosen_plans``). Two plans of the same kind for one year would leave
    the figures silently ignoring one of them. The unit row is locked so that two people saving
    at once cannot both pass the check.
    """
    Unit.objects.select_for_update().filter(pk=unit.pk).first()
    annual = year_from == year_to
    others = Plan.objects.filter(unit=unit, year_from__lte=year_to, year_to__gte=year_from)
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    for other in others.order_by("year_from", "id"):
        if (other.year_from == other.year_to) != annual:
            continue
        raise ValidationError(
            f"Đơn vị đã có kế hoạch năm {other.period_label}: «{other.title}». Mỗi đơn vị chỉ có một "
            "kế hoạch cho mỗi năm; hãy sửa kế hoạch đó thay vì lập kế hoạch mới.",
            code="plans.one_per_year",
            fields={"year_from": f"Đơn vị đã có kế hoạch năm {other.period_label}: «{other.title}»."},
        )


def _check_document_free(*, document: Document | None, exclude: Plan | None = None) -> None:
    """A Kế hoạch document is the text of one plan only."""
    if document is None:
        return
    other = Plan.objects.filter(document=document).exclude(pk=exclude.pk if exclude else None).first()
    if other is not None:
        raise ValidationError(
            f"Văn bản này đã là văn bản của kế hoạch «{other.title}».",
            code="plans.document_taken",
            fields={"document": f"Văn bản này đã là văn bản của kế hoạch «{other.title}»."},
        )


@transaction.atomic
def plan_update(
    *,
    actor: Any,
    plan: Plan,
    title: str,
    year_from: int,
    year_to: int | None = None,
    document: Document | None = None,
    parents: Iterable[Plan] = (),
) -> Plan:
    """Change a plan's name, years, document and parent plans (its unit stays)."""
    require(actor, Action.RECORD, plan.unit_id)
    title, year_to = _checked_plan_fields(
        unit=plan.unit, title=title, year_from=year_from, year_to=year_to, document=document, exclude=plan
    )
    parents = [p for p in parents if p.pk != plan.pk]
    before = {**snapshot(plan), "parents": sorted(plan.parents.values_list("pk", flat=True))}
    plan.title, plan.year_from, plan.year_to, plan.document = title, year_from, year_to, document
    plan.save()
    plan.parents.set(parents)
    after = {**snapshot(plan), "parents": sorted(p.pk for p in parents)}
    audit_record(
        actor=actor, verb="plan.update", target=plan, unit_id=plan.unit_id, before=before, after=after
    )
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
def task_update(
    *,
    actor: Any,
    task: Task,
    title: str,
    owner_unit: Unit,
    deadline: dt.date | None = None,
    output: str = "",
) -> Task:
    """Change a task's wording, owner unit, deadline and expected output."""
    require(actor, Action.RECORD, task.plan.unit_id)
    title = vn.collapse_ws(vn.nfc(title))
    if not title:
        raise ValidationError("Cần nhập nội dung nhiệm vụ.", code="plans.task_title_required")
    before = snapshot(task)
    task.title, task.owner_unit, task.deadline, task.output = (
        title,
        owner_unit,
        deadline,
        vn.nfc(output).strip(),
    )
    task.save()
    audit_record(
        actor=actor,
        verb="task.update",
        target=task,
        unit_id=task.plan.unit_id,
        before=before,
        after=snapshot(task),
    )
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
    require(actor, Action.RECORD, unit)
    topics = vn.nfc(topics).strip()
    if not topics:
        raise ValidationError("Cần nhập nội dung định hướng.", code="orientations.topics_required")
    recipients = [u for u in recipients if u.pk != unit.pk]
    if not recipients:
        raise ValidationError("Cần chọn ít nhất một đơn vị nhận.", code="orientations.recipients_required")
    scope = orientation_scope_ids(user=actor, unit=unit)
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
def orientation_acknowledge(
    *, actor: Any, orientation: Orientation, unit: Unit, at: dt.datetime | None = None
) -> OrientationRecipient:
    """Record that ``unit`` has received the orientation ("Đã nhận"). Acknowledging twice keeps the first time.

    ``at`` is when it was received, now unless given (a receipt noted on paper and entered later).
    """
    require(actor, Action.RECORD, unit)
    try:
        recipient = OrientationRecipient.objects.select_for_update().get(orientation=orientation, unit=unit)
    except OrientationRecipient.DoesNotExist:
        raise ValidationError(
            "Đơn vị không có trong nơi nhận của định hướng này.", code="orientations.not_recipient"
        ) from None
    if recipient.acknowledged_at is None:
        before = snapshot(recipient)
        recipient.acknowledged_at = at or timezone.now()
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

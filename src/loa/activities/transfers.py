"""Responsibility transfers (chuyển giao nhiệm vụ): a channel or a task handed to another unit.

Báo cáo 297/BC-VHTT records one: "Công tác cổ động trực quan, tuyên truyền trên các pano của thị
xã đã được chuyển giao sang Trung tâm Văn hóa, Thông tin và Thể thao thị xã". From the transfer's
date the receiving unit answers for the work (ADR 0027):

- **targets move**: the part of the giver's target for the channel that was not yet done by the
  date moves to the receiver's plan of that year (added to its target); the giver keeps what it did;
- **activities count for the unit responsible on their date**: the giver's activities of that
  channel dated from the transfer move to the receiver (each audited), and recording a new one for
  the giver from that date is refused with a message naming the receiver — so every figure, list and
  report reads the responsible unit from the activity itself, and no screen can disagree;
- **a task** changes its ``owner_unit`` to the receiver;
- **both units' reports say it** (:func:`transfers_in_period`, used by the report drafting).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet, Sum

from loa.activities.models import Activity
from loa.core import vn
from loa.core.audit import audit_record, snapshot
from loa.core.errors import Conflict, PermissionDenied, ValidationError
from loa.core.vn import screen_date
from loa.documents.models import Document
from loa.organizations.access import Action, can, require, visible_q
from loa.organizations.lifetime import require_alive_on
from loa.organizations.models import Unit
from loa.organizations.selectors import unit_parent, unit_subtree_ids
from loa.plans.models import Channel, Plan, Target, Task, Transfer


def _lower_first(text: str) -> str:
    """ "Công tác pano" → "công tác pano" inside a sentence; an abbreviation ("UBND") is kept."""
    return text[:1].lower() + text[1:] if text and not text[:2].isupper() else text


def transfer_for(*, unit_id: int, channel_id: int, on: dt.date) -> Transfer | None:
    """The transfer that took ``channel`` away from ``unit`` by ``on``, if any (who answers for it)."""
    return (
        Transfer.objects.filter(from_unit_id=unit_id, channel_id=channel_id, valid_from__lte=on)
        .select_related("to_unit")
        .order_by("-valid_from")
        .first()
    )


def transferred_message(transfer: Transfer) -> str:
    return (
        f"Từ ngày {screen_date(transfer.valid_from)}, {_lower_first(transfer.subject)} đã chuyển giao "
        f"cho {transfer.to_unit.name}: hoạt động này do đơn vị đó ghi nhận."
    )


def assert_responsible(*, unit_id: int, channel_id: int, on: dt.date) -> None:
    """Refuse recording ``channel`` for ``unit`` on a day another unit answers for it."""
    transfer = transfer_for(unit_id=unit_id, channel_id=channel_id, on=on)
    if transfer is not None:
        raise ValidationError(
            transferred_message(transfer), code="activities.transferred", fields={"channel": ""}
        )


def _plan_of(unit: Unit, year: int) -> Plan | None:
    """The unit's plan for ``year``: the annual one over a multi-year one."""
    plans = Plan.objects.filter(unit=unit, year_from__lte=year, year_to__gte=year)
    return min(plans, key=lambda p: (p.year_to - p.year_from, p.pk), default=None)


@transaction.atomic
def transfer_create(
    *,
    actor: Any,
    from_unit: Unit,
    to_unit: Unit,
    valid_from: dt.date,
    channel: Channel | None = None,
    task: Task | None = None,
    subject: str = "",
    document: Document | None = None,
) -> Transfer:
    """Hand ``channel`` (or ``task``) of ``from_unit`` to ``to_unit`` from ``valid_from``.

    The actor records for the giving unit (its staff hand the work over) or coordinates it (the
    home-affairs office of the government that decided it); the receiver is a unit of the same
    government (:func:`transfer_receivers`). Refused: the same unit twice, neither or both of channel and task, a unit closed on
    that date, a second transfer of the same channel from the same unit, a task not of the giver, a
    receiver without a plan for the year when a target must move, and any moved activity in a period
    already reported (its lock).
    """
    from loa.activities.locks import assert_unlocked

    if not (can(actor, Action.RECORD, from_unit) or can(actor, Action.COORDINATE, from_unit)):
        raise PermissionDenied(code="access.record_denied")
    if from_unit.pk == to_unit.pk:
        raise ValidationError(
            "Đơn vị tiếp nhận phải khác đơn vị chuyển giao.",
            code="transfers.same_unit",
            fields={"to_unit": ""},
        )
    if (channel is None) == (task is None):
        raise ValidationError(
            "Chọn một hình thức tuyên truyền hoặc một nhiệm vụ để chuyển giao.", code="transfers.what"
        )
    require_alive_on(from_unit, valid_from, doing="chuyển giao", field="valid_from")
    require_alive_on(to_unit, valid_from, doing="tiếp nhận chuyển giao", field="valid_from")
    if to_unit.pk not in {u.pk for u in transfer_receivers(unit=from_unit, on=valid_from)}:
        raise ValidationError(
            f"{to_unit.name} không cùng cấp chính quyền với {from_unit.name} ngày {screen_date(valid_from)}: "
            "chỉ chuyển giao cho đơn vị thuộc cùng UBND.",
            code="transfers.out_of_scope",
            fields={"to_unit": ""},
        )
    subject = vn.nfc(subject).strip()
    if task is not None:
        if task.owner_unit_id != from_unit.pk:
            raise ValidationError(
                f"Nhiệm vụ “{task.title}” không do {from_unit.name} chủ trì.", code="transfers.task_owner"
            )
        subject = subject or f"Nhiệm vụ “{task.title}”"
    else:
        assert channel is not None
        subject = subject or f"Công tác {_lower_first(channel.name)}"
        earlier = Transfer.objects.filter(from_unit=from_unit, channel=channel).first()
        if earlier is not None:
            raise Conflict(
                f"{channel.name} của {from_unit.name} đã chuyển giao cho {earlier.to_unit.name} từ ngày "
                f"{screen_date(earlier.valid_from)}: không chuyển giao lần thứ hai.",
                code="transfers.overlap",
            )
    transfer = Transfer(
        from_unit=from_unit,
        to_unit=to_unit,
        channel=channel,
        task=task,
        valid_from=valid_from,
        subject=subject[:300],
        document=document,
    )
    if task is not None:
        before = snapshot(task)
        task.owner_unit = to_unit
        task.save(update_fields=["owner_unit"])
        audit_record(
            actor=actor,
            verb="task.transfer",
            target=task,
            unit_id=from_unit.pk,
            before=before,
            after=snapshot(task),
        )
    else:
        assert channel is not None
        transfer.target_moved = _move_target(actor, from_unit, to_unit, channel, valid_from)
        moved = list(Activity.objects.filter(unit=from_unit, channel=channel, date__gte=valid_from))
        for activity in moved:
            assert_unlocked(from_unit.pk, activity.date)
            before = snapshot(activity)
            activity.unit = to_unit
            activity.save(update_fields=["unit", "updated_at"])
            audit_record(
                actor=actor,
                verb="activity.transfer",
                target=activity,
                unit_id=to_unit.pk,
                before=before,
                after=snapshot(activity),
            )
        transfer.activities_moved = len(moved)
    transfer.save()
    audit_record(
        actor=actor, verb="transfer.create", target=transfer, unit_id=from_unit.pk, after=snapshot(transfer)
    )
    return transfer


def _move_target(actor: Any, from_unit: Unit, to_unit: Unit, channel: Channel, day: dt.date) -> int:
    """Move what the giver had not yet done of its target for the year to the receiver's plan."""
    plan = _plan_of(from_unit, day.year)
    target = Target.objects.filter(plan=plan, channel=channel, area__isnull=True).first() if plan else None
    if target is None:
        return 0
    done = (
        Activity.objects.filter(
            unit=from_unit, channel=channel, date__gte=dt.date(day.year, 1, 1), date__lt=day
        )
        .aggregate(total=Sum("quantity"))
        .get("total")
        or 0
    )
    remaining = max(0, target.quantity - done)
    if remaining == 0:
        return 0
    receiving = _plan_of(to_unit, day.year)
    if receiving is None:
        raise ValidationError(
            f"{to_unit.name} chưa có kế hoạch năm {day.year} để nhận chỉ tiêu {channel.name} "
            f"({remaining} {channel.measure}): hãy tạo kế hoạch của đơn vị đó trước.",
            code="transfers.no_plan",
        )
    before = snapshot(target)
    target.quantity = done
    target.note = (target.note + f" Chuyển giao {remaining} {channel.measure} cho {to_unit.name}.").strip()[
        :300
    ]
    target.save(update_fields=["quantity", "note"])
    audit_record(
        actor=actor,
        verb="target.transfer",
        target=target,
        unit_id=from_unit.pk,
        before=before,
        after=snapshot(target),
    )
    theirs, created = Target.objects.get_or_create(
        plan=receiving, channel=channel, area=None, defaults={"quantity": 0}
    )
    before = None if created else snapshot(theirs)
    theirs.quantity += remaining
    theirs.note = (
        theirs.note + f" Nhận chuyển giao {remaining} {channel.measure} từ {from_unit.name}."
    ).strip()[:300]
    theirs.save(update_fields=["quantity", "note"])
    audit_record(
        actor=actor,
        verb="target.transfer",
        target=theirs,
        unit_id=to_unit.pk,
        before=before,
        after=snapshot(theirs),
    )
    return remaining


def transfer_receivers(*, unit: Unit, on: dt.date) -> list[Unit]:
    """Units that may take over work of ``unit`` on ``on``: the units of the government it sits
    under (its parent's subtree, the parent included), working on that day, by name."""
    parent = unit_parent(unit=unit, on=on)
    if parent is None:
        return []
    ids = unit_subtree_ids(unit_ids=[parent.pk], on=on) - {unit.pk}
    return [u for u in Unit.objects.filter(pk__in=ids).order_by("name") if u.is_active_on(on)]


def transfer_list(*, user: Any, unit: Unit) -> QuerySet[Transfer]:
    """Transfers out of and into ``unit`` that ``user`` may see (either side visible), newest first."""
    require(user, Action.VIEW, unit)
    return (
        Transfer.objects.filter(Q(from_unit=unit) | Q(to_unit=unit))
        .filter(visible_q(user, "from_unit_id") | visible_q(user, "to_unit_id"))
        .select_related("from_unit", "to_unit", "channel", "task", "document")
    )


def transfers_in_period(*, user: Any, unit: Unit, start: dt.date, end: dt.date) -> list[Transfer]:
    """Transfers of ``unit`` (given or received) that took effect from ``start`` to ``end``: what its
    report for that period must say."""
    require(user, Action.VIEW, unit)
    return list(
        Transfer.objects.filter(
            Q(from_unit=unit) | Q(to_unit=unit), valid_from__gte=start, valid_from__lte=end
        )
        .select_related("from_unit", "to_unit")
        .order_by("valid_from", "id")
    )


def transfer_sentence(transfer: Transfer, *, unit: Unit) -> str:
    """The report's sentence, from the side of ``unit``."""
    day = f"ngày {transfer.valid_from:%d/%m/%Y}"
    if transfer.from_unit_id == unit.pk:
        return f"{transfer.subject} đã được chuyển giao sang {transfer.to_unit.name} từ {day}."
    return f"Từ {day}, đơn vị tiếp nhận {_lower_first(transfer.subject)} do {transfer.from_unit.name} chuyển giao."

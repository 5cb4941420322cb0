"""Writes of activities: record, update, delete. Each is atomic, checked and audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction

from loa.activities.models import Activity, Source
from loa.core import vn
from loa.core.audit import audit_record, snapshot
from loa.core.errors import ValidationError
from loa.organizations.access import Action, require
from loa.organizations.models import Unit
from loa.plans.models import Channel, ContentArea, Orientation

_EDITABLE = ["date", "channel", "title", "description", "quantity", "reach", "evidence_url", "orientation"]


def _clean(*, title: str, quantity: int, date: dt.date, reach: int | None) -> str:
    title = vn.collapse_ws(vn.nfc(title))
    errors = {}
    if not title:
        errors["title"] = "Cần nhập tên hoạt động."
    if quantity is None or quantity < 1:
        errors["quantity"] = "Số lượng phải từ 1 trở lên."
    if reach is not None and reach < 0:
        errors["reach"] = "Số người được tiếp cận không thể âm."
    if date > dt.date.today() + dt.timedelta(days=1):
        errors["date"] = "Ngày thực hiện không thể ở tương lai."
    if errors:
        raise ValidationError(" ".join(errors.values()), code="activities.invalid", fields=errors)
    return title


def _snapshot(activity: Activity) -> dict[str, Any]:
    data = snapshot(activity)
    data["areas"] = sorted(activity.areas.values_list("code", flat=True))
    return data


@transaction.atomic
def activity_record(
    *,
    actor: Any,
    unit: Unit,
    date: dt.date,
    channel: Channel,
    title: str,
    quantity: int = 1,
    areas: Iterable[ContentArea] = (),
    description: str = "",
    reach: int | None = None,
    evidence_url: str = "",
    evidence_file: Any = None,
    orientation: Orientation | None = None,
    source: Source | str = Source.MANUAL,
) -> Activity:
    """Record one activity of ``unit``; figures on every dashboard change at once."""
    if actor is not None:
        require(actor, Action.RECORD, unit)
    title = _clean(title=title, quantity=quantity, date=date, reach=reach)
    activity = Activity(
        unit=unit,
        date=date,
        channel=channel,
        title=title,
        title_key=vn.fold(title)[:500],
        description=vn.nfc(description).strip(),
        quantity=quantity,
        reach=reach,
        evidence_url=evidence_url.strip(),
        orientation=orientation,
        source=Source(source),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    if evidence_file is not None:
        activity.evidence_file = evidence_file
    activity.save()
    activity.areas.set(list(areas))
    audit_record(
        actor=actor, verb="activity.record", target=activity, unit_id=unit.pk, after=_snapshot(activity)
    )
    return activity


@transaction.atomic
def activity_update(
    *, actor: Any, activity: Activity, areas: Iterable[ContentArea] | None = None, **changes: Any
) -> Activity:
    """Change an activity's fields (``date``, ``channel``, ``title``, ``quantity``…)."""
    require(actor, Action.RECORD, activity.unit_id)
    unknown = set(changes) - set(_EDITABLE) - {"evidence_file"}
    if unknown:
        raise ValidationError(
            f"Không sửa được trường: {', '.join(sorted(unknown))}.", code="activities.field"
        )
    before = _snapshot(activity)
    for name, value in changes.items():
        setattr(activity, name, value)
    activity.title = _clean(
        title=activity.title, quantity=activity.quantity, date=activity.date, reach=activity.reach
    )
    activity.title_key = vn.fold(activity.title)[:500]
    activity.save()
    if areas is not None:
        activity.areas.set(list(areas))
    audit_record(
        actor=actor,
        verb="activity.update",
        target=activity,
        unit_id=activity.unit_id,
        before=before,
        after=_snapshot(activity),
    )
    return activity


@transaction.atomic
def activity_delete(*, actor: Any, activity: Activity) -> None:
    """Delete an activity; the audit row keeps what it was."""
    require(actor, Action.RECORD, activity.unit_id)
    before = _snapshot(activity)
    audit_record(
        actor=actor, verb="activity.delete", target=activity, unit_id=activity.unit_id, before=before
    )
    activity.delete()

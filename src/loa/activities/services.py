"""Writes of activities: record, update, delete. Each is atomic, checked and audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction

from loa.activities.locks import assert_unlocked
from loa.activities.models import Activity, Source
from loa.activities.selectors import activity_duplicate
from loa.activities.transfers import assert_responsible
from loa.core import vn
from loa.core.actors import user_of
from loa.core.audit import audit_record, snapshot
from loa.core.errors import Conflict, ValidationError
from loa.organizations.access import Action, require
from loa.organizations.lifetime import require_alive_on
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


def duplicate_message(same: Activity) -> str:
    """ "Trùng với hoạt động đã ghi nhận ngày 21/10/2022: «…»." """
    return f"Trùng với hoạt động đã ghi nhận ngày {same.date:%d/%m/%Y}: «{same.title}»."


def _refuse_duplicate(
    *,
    actor: Any,
    unit_id: int,
    date: dt.date,
    channel: Channel,
    title: str,
    evidence_url: str,
    exclude_pk: int | None,
) -> None:
    same = activity_duplicate(
        user=actor,
        unit=unit_id,
        date=date,
        channel=channel,
        title=title,
        evidence_url=evidence_url,
        exclude_pk=exclude_pk,
    )
    if same is not None:
        raise Conflict(duplicate_message(same), code="activities.duplicate", duplicate_id=same.pk)


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
    allow_duplicate: bool = False,
) -> Activity:
    """Record one activity of ``unit``; figures on every dashboard change at once.

    Refused when the date is outside the unit's lifetime, and (unless ``allow_duplicate``, the
    user's explicit "not a duplicate") when the unit already recorded the same activity: a
    :class:`Conflict` with code ``activities.duplicate`` and ``duplicate_id`` in its context.
    """
    require(actor, Action.RECORD, unit)
    title = _clean(title=title, quantity=quantity, date=date, reach=reach)
    require_alive_on(unit, date)
    assert_unlocked(unit.pk, date)
    assert_responsible(unit_id=unit.pk, channel_id=channel.pk, on=date)
    if not allow_duplicate:
        _refuse_duplicate(
            actor=actor,
            unit_id=unit.pk,
            date=date,
            channel=channel,
            title=title,
            evidence_url=evidence_url,
            exclude_pk=None,
        )
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
        created_by=user_of(actor),
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
    *,
    actor: Any,
    activity: Activity,
    areas: Iterable[ContentArea] | None = None,
    allow_duplicate: bool = False,
    **changes: Any,
) -> Activity:
    """Change an activity's fields (``date``, ``channel``, ``title``, ``quantity``…).

    The same rules as :func:`activity_record`: the date inside the unit's lifetime, and a change of
    date, channel, title or link that makes it another recorded activity's duplicate is refused
    unless ``allow_duplicate``.
    """
    require(actor, Action.RECORD, activity.unit_id)
    unknown = set(changes) - set(_EDITABLE) - {"evidence_file"}
    if unknown:
        raise ValidationError(
            f"Không sửa được trường: {', '.join(sorted(unknown))}.", code="activities.field"
        )
    assert_unlocked(activity.unit_id, activity.date)
    before = _snapshot(activity)
    before_date = activity.date
    before_identity = (activity.date, activity.channel_id, activity.title, activity.evidence_url)
    for name, value in changes.items():
        setattr(activity, name, value)
    activity.title = _clean(
        title=activity.title, quantity=activity.quantity, date=activity.date, reach=activity.reach
    )
    activity.title_key = vn.fold(activity.title)[:500]
    if activity.date != before_date:
        require_alive_on(activity.unit, activity.date)
        assert_unlocked(activity.unit_id, activity.date)
    if (activity.date, activity.channel_id) != (before_date, before_identity[1]):
        assert_responsible(unit_id=activity.unit_id, channel_id=activity.channel_id, on=activity.date)
    identity = (activity.date, activity.channel_id, activity.title, activity.evidence_url)
    if not allow_duplicate and identity != before_identity:
        _refuse_duplicate(
            actor=actor,
            unit_id=activity.unit_id,
            date=activity.date,
            channel=activity.channel,
            title=activity.title,
            evidence_url=activity.evidence_url,
            exclude_pk=activity.pk,
        )
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
    assert_unlocked(activity.unit_id, activity.date)
    before = _snapshot(activity)
    audit_record(
        actor=actor, verb="activity.delete", target=activity, unit_id=activity.unit_id, before=before
    )
    activity.delete()

"""Writes about units: create, place, move, close. Each is atomic and audited.

Accounts and roles (memberships) are written by :mod:`loa.organizations.accounts`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.db import transaction
from django.db.models import Q

from loa.core import vn
from loa.core.actors import require_actor
from loa.core.audit import audit_record, snapshot
from loa.core.errors import PermissionDenied, ValidationError
from loa.organizations.access import Action, require, sees_everything
from loa.organizations.lifetime import require_alive_on
from loa.organizations.models import Membership, Unit, UnitKind, UnitLink
from loa.organizations.selectors import unit_parent, unit_subtree_ids

_CODE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FAR = dt.date(9999, 12, 31)


def _require_above(actor: Any, unit: Unit, on: dt.date) -> None:
    """Organizing a unit's own place (move, close) needs the right on the unit above it: a Nội vụ
    office arranges the units below it, never itself; a unit at the top is for superusers only."""
    parent = unit_parent(unit=unit, on=on)
    if parent is not None:
        require(actor, Action.ORGANIZE, parent)
    elif not sees_everything(actor):
        raise PermissionDenied(
            f"Chỉ quản trị hệ thống mới thay đổi được {unit.name} (đơn vị cấp cao nhất).",
            code="access.organize_denied",
        )


def unit_code_suggest(*, name: str) -> str:
    """A URL code from a unit's name: "UBND xã Phong Thái" → "ubnd-xa-phong-thai"."""
    return re.sub(r"[^a-z0-9]+", "-", vn.fold(name)).strip("-")[:64]


@transaction.atomic
def unit_create(
    *,
    actor: Any,
    name: str,
    code: str,
    abbr: str,
    kind: str,
    parent: Unit | None = None,
    linked_from: dt.date | None = None,
    linked_to: dt.date | None = None,
    **fields: Any,
) -> Unit:
    """Create a unit (optionally placed under ``parent`` from ``linked_from``).

    An administrator, or a coordinator (Nội vụ) within its subtree, creates units below its own;
    a unit at the top of the tree is for superusers and system actors. The command line installs a
    province's catalogue as :data:`loa.core.actors.SYSTEM_CLI`.
    """
    if parent is not None:
        require(actor, Action.ORGANIZE, parent)
    else:
        # A unit at the top of the tree is above every administrator: superusers and system only.
        require_actor(actor)
        if not (getattr(actor, "is_authenticated", False) and getattr(actor, "is_superuser", False)):
            raise PermissionDenied(code="access.manage_denied")
    name = vn.collapse_ws(vn.nfc(name or ""))
    code = (code or "").strip().lower()
    abbr = vn.nfc(abbr or "").strip()
    errors: dict[str, str] = {}
    if not name:
        errors["name"] = "Nhập tên đơn vị."
    if not _CODE.match(code) or len(code) > 64:
        errors["code"] = "Mã đơn vị chỉ gồm chữ thường không dấu, số và dấu gạch ngang (ví dụ xa-phong-thai)."
    elif Unit.objects.filter(code=code).exists():
        errors["code"] = f"Mã đơn vị “{code}” đã có; chọn mã khác."
    if not abbr:
        errors["abbr"] = "Nhập chữ viết tắt dùng trong ký hiệu văn bản (ví dụ UBND)."
    if kind not in UnitKind.values:
        errors["kind"] = "Chọn loại đơn vị."
    valid_from, valid_to = fields.get("valid_from"), fields.get("valid_to")
    if valid_from and valid_to and valid_to < valid_from:
        errors["valid_to"] = "Ngày kết thúc phải sau ngày bắt đầu hoạt động."
    if errors:
        raise ValidationError(next(iter(errors.values())), code="units.invalid", fields=errors)
    unit = Unit.objects.create(name=name, code=code, abbr=abbr, kind=kind, search_key=vn.fold(name), **fields)
    if parent is not None:
        UnitLink.objects.create(
            child=unit,
            parent=parent,
            valid_from=linked_from or dt.date(2000, 1, 1),
            valid_to=linked_to,
        )
    audit_record(actor=actor, verb="unit.create", target=unit, unit_id=unit.pk, after=snapshot(unit))
    return unit


@transaction.atomic
def unit_link(
    *, actor: Any, child: Unit, parent: Unit, valid_from: dt.date, valid_to: dt.date | None = None
) -> UnitLink:
    """Place ``child`` under ``parent`` over a period (a restructuring adds links; it never edits history)."""
    require(actor, Action.MANAGE, parent)
    link = UnitLink.objects.create(child=child, parent=parent, valid_from=valid_from, valid_to=valid_to)
    audit_record(actor=actor, verb="unit.link", target=link, unit_id=child.pk, after=snapshot(link))
    return link


@transaction.atomic
def unit_move(*, actor: Any, unit: Unit, parent: Unit, on: dt.date) -> UnitLink:
    """Place ``unit`` under ``parent`` from ``on``: the link in force ends the day before, a new one
    starts (an effective-dated re-link; the history before ``on`` keeps the old parent).

    Refused: a move under the unit itself or under one of its descendants (on or after ``on``), a
    day outside the unit's life, a parent closed on that day, a parent the actor does not organize.
    """
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    _require_above(actor, unit, on)
    require(actor, Action.ORGANIZE, parent)
    require_alive_on(unit, on, doing="chuyển đơn vị", field="on")
    if not parent.is_active_on(on):
        message = f"{parent.name} không hoạt động ngày {on:%d/%m/%Y}; không chuyển đơn vị về đó."
        raise ValidationError(message, code="units.parent_closed", fields={"parent": message})
    if parent.pk == unit.pk or parent.pk in unit_subtree_ids(unit_ids=[unit.pk], start=on, end=FAR):
        message = (
            f"Không thể chuyển {unit.name} về trực thuộc {parent.name}: "
            f"{parent.name} là {unit.name if parent.pk == unit.pk else 'đơn vị cấp dưới của ' + unit.name}."
        )
        raise ValidationError(message, code="units.move_into_own_subtree", fields={"parent": message})
    current = UnitLink.objects.filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=on), child=unit, valid_from__lte=on
    )
    if current.filter(parent=parent).exists():
        message = f"{unit.name} đã trực thuộc {parent.name} vào ngày {on:%d/%m/%Y}."
        raise ValidationError(message, code="units.already_there", fields={"parent": message})
    if UnitLink.objects.filter(child=unit, valid_from__gt=on).exists():
        message = f"{unit.name} đã có thay đổi trực thuộc sau ngày {on:%d/%m/%Y}; chọn ngày muộn hơn."
        raise ValidationError(message, code="units.later_link", fields={"on": message})
    before = [snapshot(link) for link in current]
    for link in current:
        if link.valid_from < on:
            link.valid_to = on - dt.timedelta(days=1)
            link.save(update_fields=["valid_to"])
        else:  # a link that starts the same day is replaced, not kept as a one-day history
            link.delete()
    link = UnitLink.objects.create(child=unit, parent=parent, valid_from=on, valid_to=unit.valid_to)
    audit_record(
        actor=actor,
        verb="unit.move",
        target=unit,
        unit_id=unit.pk,
        before={"links": before},
        after=snapshot(link),
    )
    return link


@transaction.atomic
def unit_close(*, actor: Any, unit: Unit, on: dt.date) -> Unit:
    """Close ``unit`` on ``on`` (its last day of activity: ``valid_to``): its links and the roles held
    in it end the same day. Refused while a unit below it is still active after ``on``."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    _require_above(actor, unit, on)
    if unit.valid_from is not None and on < unit.valid_from:
        message = f"{unit.name} bắt đầu hoạt động từ {unit.valid_from:%d/%m/%Y}; ngày kết thúc phải từ ngày đó trở đi."
        raise ValidationError(message, code="units.dates_reversed", fields={"on": message})
    if unit.valid_to is not None and unit.valid_to <= on:
        message = f"{unit.name} đã kết thúc hoạt động ngày {unit.valid_to:%d/%m/%Y}."
        raise ValidationError(message, code="units.already_closed", fields={"on": message})
    after = on + dt.timedelta(days=1)
    children = UnitLink.objects.filter(Q(valid_to__isnull=True) | Q(valid_to__gt=on), parent=unit).filter(
        Q(child__valid_to__isnull=True) | Q(child__valid_to__gt=on)
    )
    names = sorted({link.child.name for link in children.select_related("child")})
    if names:
        message = (
            f"{unit.name} còn {len(names)} đơn vị trực thuộc hoạt động sau ngày {on:%d/%m/%Y} "
            f"({', '.join(names[:5])}{'…' if len(names) > 5 else ''}); chuyển hoặc kết thúc các đơn vị đó trước."
        )
        raise ValidationError(message, code="units.has_active_children", fields={"on": message})
    before = snapshot(unit)
    unit.valid_to = on
    unit.save(update_fields=["valid_to", "updated_at"])
    UnitLink.objects.filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=on), child=unit, valid_from__lte=on
    ).update(valid_to=on)
    UnitLink.objects.filter(child=unit, valid_from__gte=after).delete()
    Membership.objects.filter(Q(valid_to__isnull=True) | Q(valid_to__gt=on), unit=unit).filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=on)
    ).update(valid_to=on)
    audit_record(
        actor=actor, verb="unit.close", target=unit, unit_id=unit.pk, before=before, after=snapshot(unit)
    )
    return unit

"""Writes about units and memberships. Each is atomic and audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from loa.core import vn
from loa.core.actors import require_actor
from loa.core.audit import audit_record, snapshot
from loa.core.errors import PermissionDenied
from loa.organizations.access import Action, require
from loa.organizations.models import Membership, Role, Unit, UnitLink


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

    The command line installs a province's catalogue as :data:`loa.core.actors.SYSTEM_CLI`.
    """
    if parent is not None:
        require(actor, Action.MANAGE, parent)
    else:
        # A unit at the top of the tree is above every administrator: superusers and system only.
        require_actor(actor)
        if not (getattr(actor, "is_authenticated", False) and getattr(actor, "is_superuser", False)):
            raise PermissionDenied(code="access.manage_denied")
    name = vn.nfc(name).strip()
    unit = Unit.objects.create(
        name=name, code=code, abbr=vn.nfc(abbr), kind=kind, search_key=vn.fold(name), **fields
    )
    if parent is not None:
        UnitLink.objects.create(
            child=unit, parent=parent, valid_from=linked_from or dt.date(2000, 1, 1), valid_to=linked_to
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
def membership_grant(*, actor: Any, user: Any, unit: Unit, role: Role | str) -> Membership:
    """Give ``user`` the ``role`` in ``unit`` (idempotent)."""
    require(actor, Action.MANAGE, unit)
    membership, created = Membership.objects.get_or_create(user=user, unit=unit, role=Role(role))
    if created:
        audit_record(
            actor=actor,
            verb="membership.grant",
            target=membership,
            unit_id=unit.pk,
            after=snapshot(membership),
        )
    return membership

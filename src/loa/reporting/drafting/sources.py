"""What the unit's report reads from the registry besides its figures: the unit's plan for the year,
the directive documents it studied, and who signs. Used by :mod:`loa.reporting.drafting`."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from loa.documents.kinds import DocumentKind
from loa.documents.models import Document
from loa.nd30.spec import Authority, Signature
from loa.organizations.models import Membership, Role, Unit, UnitKind
from loa.organizations.selectors import unit_ancestor_ids
from loa.plans.models import Plan
from loa.reporting.drafting.wording import short_name

# Bodies that head and sign their own documents: no governing-body line, "TM. ỦY BAN NHÂN DÂN".
_LOCAL_GOVERNMENT = {UnitKind.PROVINCE, UnitKind.DISTRICT, UnitKind.COMMUNE}


def _unit_plan(unit: Unit, year: int) -> Plan | None:
    """The unit's plan for ``year``: the annual one over a multi-year one, the first entered on a tie
    (the plan whose targets :func:`channel_figures` counts)."""
    plans = Plan.objects.filter(unit=unit, year_from__lte=year, year_to__gte=year).select_related(
        "document__issuer_unit"
    )
    return min(plans, key=lambda p: (p.year_to - p.year_from, p.pk), default=None)


def _directives(
    plan: Plan | None, year: int, unit: Unit, start: dt.date, end: dt.date, issued_by: dt.date
) -> list[Document]:
    """Documents the unit studied: those its plan cites (and theirs, two steps up), and the plans
    the bodies above it during ``start``–``end`` issued for the year, as issued by ``issued_by``."""
    found: dict[int, Document] = {}
    if plan and plan.document_id:
        frontier = [plan.document_id]
        for _ in range(3):
            targets = list(
                Document.objects.filter(cited_by__source_id__in=frontier)
                .select_related("issuer_unit")
                .distinct()
            )
            for d in targets:
                found.setdefault(d.pk, d)
            frontier = [d.pk for d in targets]
    ancestors = unit_ancestor_ids(unit_ids=[unit.pk], start=start, end=end) - {unit.pk}
    above = Document.objects.filter(
        Q(kind=DocumentKind.KE_HOACH, issued_date__year=year)
        | Q(plan__year_from__lte=year, plan__year_to__gte=year),
        issuer_unit_id__in=ancestors,
    ).select_related("issuer_unit")
    for d in above:
        found.setdefault(d.pk, d)
    order = {DocumentKind.KE_HOACH: 0, DocumentKind.QUYET_DINH: 1, DocumentKind.NGHI_QUYET: 2}
    return sorted(
        (d for d in found.values() if d.issued_date is None or d.issued_date <= issued_by),
        key=lambda d: (order.get(d.kind, 9), d.issued_date or dt.date.min),
    )


def _leader_name(unit: Unit, on: dt.date) -> str:
    """The head's name: as declared on the unit, else the one leader Loa knows on ``on``."""
    if unit.leader_name.strip():
        return unit.leader_name.strip()
    memberships = (
        Membership.objects.filter(unit=unit, role=Role.LEADER, user__is_active=True)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=on))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        .select_related("user")
    )
    names = {m.user.get_full_name().strip() for m in memberships} - {""}
    return names.pop() if len(names) == 1 else ""


def _signature(unit: Unit, on: dt.date, local_government: bool, warnings: list[str]) -> Signature:
    """The head signs; an Ủy ban nhân dân signs on behalf of the committee ("TM. ỦY BAN NHÂN DÂN")."""
    title = unit.leader_title.strip() or ("CHỦ TỊCH" if local_government else "THỦ TRƯỞNG ĐƠN VỊ")
    if not unit.leader_title.strip():
        warnings.append(f"Đơn vị chưa khai báo chức vụ người ký; tạm ghi “{title}”.")
    name = _leader_name(unit, on)
    if not name:
        warnings.append(
            "Chưa rõ họ tên người ký (đơn vị chưa khai báo người đứng đầu hay lãnh đạo đơn vị trong Loa): "
            "khối chữ ký để trống để ký và ghi tên tay."
        )
    collective = local_government and short_name(unit.name).startswith("UBND")
    return Signature(
        title=title,
        name=name,
        authority=Authority.ON_BEHALF if collective else None,
        on_behalf_of="ỦY BAN NHÂN DÂN" if collective else None,
    )

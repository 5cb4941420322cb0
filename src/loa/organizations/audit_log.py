"""Who may read the audit log (nhật ký thao tác), and its filters.

Administrators and coordinators (those who may coordinate a unit) read the events of the units they
oversee, their subtree; a superuser (and a system actor) reads every event, those tied to no unit
included (users, catalogues). Everyone else reads none. One record's history is read on the
record's own page (:mod:`loa.core.history`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import django_filters
from django.db.models import Q, QuerySet

from loa.core.filters import LoaFilterSet
from loa.core.history import VERBS
from loa.core.models import AuditEvent
from loa.organizations.access import Action, sees_everything, units_for
from loa.organizations.models import Unit


def audit_log(*, user: Any) -> QuerySet[AuditEvent]:
    """The events ``user`` may read, newest first."""
    qs = AuditEvent.objects.select_related("actor").order_by("-at", "-id")
    if sees_everything(user):
        return qs
    return qs.filter(unit_id__in=units_for(user, Action.COORDINATE).values("id"))


def audit_units(*, user: Any) -> QuerySet[Unit]:
    """The units whose events ``user`` may read (the choices of the unit filter)."""
    return units_for(user, Action.COORDINATE).order_by("name")


DATE_MESSAGE = "Ngày phải có dạng dd/mm/yyyy, ví dụ 05/01/2026."


class _DateFilter(django_filters.DateFilter):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", ["%d/%m/%Y", "%Y-%m-%d"])
        kwargs.setdefault("error_messages", {"invalid": DATE_MESSAGE})
        super().__init__(*args, **kwargs)


class AuditFilter(LoaFilterSet):
    """The log's filters: by unit (its subtree is not unfolded: the unit itself), by person, by kind
    of action, by kind of record and by day (from, to)."""

    don_vi = django_filters.ModelChoiceFilter(
        label="Đơn vị",
        field_name="unit_id",
        queryset=Unit.objects.none(),
        to_field_name="code",
        method="filter_unit",
        error_messages={"invalid_choice": "Đơn vị này không có hoặc bạn không được xem nhật ký của đơn vị."},
    )
    nguoi = django_filters.CharFilter(label="Người thực hiện", method="filter_actor")
    thao_tac = django_filters.ChoiceFilter(
        label="Thao tác",
        field_name="verb",
        choices=sorted(VERBS.items(), key=lambda kv: kv[1]),
        error_messages={"invalid_choice": "Thao tác này không có trong danh mục."},
    )
    doi_tuong = django_filters.CharFilter(label="Loại đối tượng", field_name="target_type")
    tu_ngay = _DateFilter(label="Từ ngày", method="filter_from")
    den_ngay = _DateFilter(label="Đến ngày", method="filter_to")

    class Meta:
        model = AuditEvent
        fields: list[str] = []

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["don_vi"].queryset = audit_units(user=user)

    def filter_unit(self, qs: QuerySet[AuditEvent], name: str, value: Unit) -> QuerySet[AuditEvent]:
        return qs.filter(unit_id=value.pk)

    def filter_actor(self, qs: QuerySet[AuditEvent], name: str, value: str) -> QuerySet[AuditEvent]:
        value = value.strip()
        return qs.filter(
            Q(actor_name__icontains=value)
            | Q(actor__last_name__icontains=value)
            | Q(actor__first_name__icontains=value)
        )

    def filter_from(self, qs: QuerySet[AuditEvent], name: str, value: dt.date) -> QuerySet[AuditEvent]:
        return qs.filter(at__date__gte=value)

    def filter_to(self, qs: QuerySet[AuditEvent], name: str, value: dt.date) -> QuerySet[AuditEvent]:
        return qs.filter(at__date__lte=value)

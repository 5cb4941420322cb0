"""The completeness page's filters and sorting (django-filter, ADR 0008), over
:func:`loa.reporting.completeness.completeness_submissions`.

Query parameters, as in the page's addresses: ``tinh-trang`` (a state, or ``da-gui`` / ``chua-gui``),
``tre-han`` (``1``: late only — received after the deadline, or still missing once it has passed)
and ``sap-xep`` (``don-vi``, ``tinh-trang``, ``tre-han``; a leading ``-`` reverses).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import django_filters
from django.db.models import QuerySet

from loa.core.filters import LoaFilterSet
from loa.reporting.models import Submission
from loa.reporting.transitions import RECEIVED_STATES, STATE_LABELS

RECEIVED, MISSING = "da-gui", "chua-gui"
STATUS_CHOICES = [
    (RECEIVED, "Đã gửi (chờ tiếp nhận hoặc đã tiếp nhận)"),
    (MISSING, "Chưa gửi hoặc bị trả lại"),
    *((s.value, label) for s, label in STATE_LABELS.items()),
]
SORTS = (("unit__name", "don-vi"), ("state", "tinh-trang"), ("lateness_date", "tre-han"))
SORT_LABELS = {"don-vi": "Đơn vị", "tinh-trang": "Tình trạng", "tre-han": "Số ngày trễ hạn"}


class CompletenessFilter(LoaFilterSet):
    tinh_trang = django_filters.ChoiceFilter(
        label="Tình trạng",
        choices=STATUS_CHOICES,
        method="filter_status",
        error_messages={"invalid_choice": "Tình trạng này không có trong danh sách."},
    )
    tre_han = django_filters.ChoiceFilter(
        label="Chỉ đơn vị trễ hạn",
        choices=[("1", "Chỉ đơn vị trễ hạn")],
        method="filter_late",
        error_messages={"invalid_choice": "Giá trị lọc trễ hạn không hợp lệ."},
    )
    sap_xep = django_filters.OrderingFilter(
        label="Sắp xếp",
        fields=SORTS,
        field_labels={field: SORT_LABELS[param] for field, param in SORTS},
        error_messages={"invalid_choice": "Cách sắp xếp này không có."},
    )

    class Meta:
        model = Submission
        fields: list[str] = []

    def __init__(self, data: Any = None, *args: Any, deadline: dt.date, **kwargs: Any) -> None:
        # The page's addresses use dashes: "tinh-trang", "tre-han", "sap-xep".
        if data is not None:
            data = {key.replace("-", "_"): value for key, value in data.items()}
        super().__init__(data, *args, **kwargs)
        self.deadline = deadline

    def filter_status(self, qs: QuerySet[Submission], name: str, value: str) -> QuerySet[Submission]:
        received = [s.value for s in RECEIVED_STATES]
        if value == RECEIVED:
            return qs.filter(state__in=received)
        if value == MISSING:
            return qs.exclude(state__in=received)
        return qs.filter(state=value)

    def filter_late(self, qs: QuerySet[Submission], name: str, value: str) -> QuerySet[Submission]:
        return qs.filter(lateness_date__gt=self.deadline) if value == "1" else qs

"""The filters of the activity list (django-filter, ADR 0008): one FilterSet for the list page, its
Excel/CSV export and, next, the API, so the three always select the same activities.

The query parameter names are the ones in the addresses users bookmark and the dashboards link to:
``don_vi`` (unit code, with the units below it), ``ky`` (period code), ``hinh_thuc`` (channel code),
``noi_dung`` (CCHC area code) and ``q`` (words of the title, without diacritics if one likes).
A value that cannot be read is not applied; its Vietnamese message is in ``errors``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet

from loa.activities.models import Activity
from loa.activities.selectors import title_search
from loa.core.errors import DomainError
from loa.core.filters import LoaFilterSet
from loa.core.periods import Period, parse_period
from loa.organizations.access import units_visible_to
from loa.organizations.models import Unit
from loa.organizations.selectors import unit_subtree_ids
from loa.plans.models import Channel, ContentArea

UNIT_NOT_FOUND = "Không tìm thấy đơn vị."


class PeriodField(forms.CharField):
    """A period code ("2022", "2022-Q1", "2022-03", …) cleaned to its :class:`Period`."""

    def clean(self, value: Any) -> Period | None:
        text = super().clean(value)
        if not text:
            return None
        try:
            return parse_period(text)
        except DomainError as exc:
            raise forms.ValidationError(exc.message, code="invalid") from None


class PeriodFilter(django_filters.Filter):
    field_class = PeriodField


def _visible_units(request: Any) -> QuerySet[Unit]:
    user = getattr(request, "user", None)
    return units_visible_to(user) if user is not None else Unit.objects.none()


class ActivityFilter(LoaFilterSet):
    """Filters of a queryset of activities the user may read (``activity_list(user=...)``).

    Pass ``request`` so ``don_vi`` only accepts units the user may see.
    """

    don_vi = django_filters.ModelChoiceFilter(
        label="Đơn vị",
        queryset=_visible_units,
        to_field_name="code",
        method="filter_unit",
        error_messages={"invalid_choice": UNIT_NOT_FOUND},
    )
    ky = PeriodFilter(label="Kỳ", method="filter_period")
    hinh_thuc = django_filters.ModelChoiceFilter(
        label="Hình thức",
        field_name="channel",
        queryset=Channel.objects.all(),
        to_field_name="code",
        error_messages={"invalid_choice": "Hình thức này không có trong danh mục."},
    )
    noi_dung = django_filters.ModelChoiceFilter(
        label="Nội dung CCHC",
        field_name="areas",
        queryset=ContentArea.objects.all(),
        to_field_name="code",
        error_messages={"invalid_choice": "Nội dung CCHC này không có trong danh mục."},
    )
    q = django_filters.CharFilter(label="Tìm theo tên", method="filter_text")

    class Meta:
        model = Activity
        fields: list[str] = []

    def _cleaned(self) -> dict[str, Any]:
        """The values that could be read (an unbound FilterSet has none)."""
        self.is_valid()
        return getattr(self.form, "cleaned_data", {})

    @property
    def window(self) -> tuple[dt.date, dt.date] | None:
        """The first and last day of the period filtered on (its own window, as the dashboard and
        the reports count it), or None."""
        period = self._cleaned().get("ky")
        return period.window() if period is not None else None

    @property
    def unit(self) -> Unit | None:
        """The unit filtered on, when its code was valid."""
        return self._cleaned().get("don_vi")

    def filter_period(self, qs: QuerySet[Activity], name: str, period: Period) -> QuerySet[Activity]:
        start, end = period.window()
        return qs.filter(date__gte=start, date__lte=end)

    def filter_unit(self, qs: QuerySet[Activity], name: str, unit: Unit) -> QuerySet[Activity]:
        # The units below it during the period (the dated hierarchy), or ever when no period is given.
        start, end = self.window or (None, None)
        return qs.filter(unit_id__in=unit_subtree_ids(unit_ids=[unit.id], start=start, end=end))

    def filter_text(self, qs: QuerySet[Activity], name: str, value: str) -> QuerySet[Activity]:
        return title_search(qs, value)

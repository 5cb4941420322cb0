"""The filters of the registry lists (django-filter, ADR 0008): all documents, the outgoing register
(sổ văn bản đi) and the incoming register (sổ văn bản đến), for the web page ``/van-ban/`` and, next,
the API.

The query parameter names are those of the page's addresses: ``q`` (words of the symbol or subject,
without diacritics if one likes), ``nam`` (year) and, on the list of all documents, ``loai`` (kind).
A value that cannot be read is not applied; its Vietnamese message is in ``messages``.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet

from loa.core.filters import LoaFilterSet
from loa.documents.models import Document, Receipt
from loa.documents.selectors import subject_search

YEAR_MESSAGE = "Năm phải là một số có 4 chữ số, ví dụ 2026."


class YearFilter(django_filters.Filter):
    field_class = forms.IntegerField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label", "Năm")
        kwargs.setdefault("min_value", 1000)
        kwargs.setdefault("max_value", 9999)
        kwargs.setdefault(
            "error_messages",
            {"invalid": YEAR_MESSAGE, "min_value": YEAR_MESSAGE, "max_value": YEAR_MESSAGE},
        )
        super().__init__(*args, **kwargs)


class _RegistryFilter(LoaFilterSet):
    """What every registry list shares: the text search and reading back the values typed."""

    q = django_filters.CharFilter(label="Tìm theo số, ký hiệu hoặc trích yếu", method="filter_text")
    search_prefix = ""

    def filter_text(self, qs: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return subject_search(qs, value, self.search_prefix)


class DocumentFilter(_RegistryFilter):
    """All documents the user may read (``document_list``): by kind and year of issue."""

    loai = django_filters.ChoiceFilter(
        label="Tên loại",
        field_name="kind",
        choices=Document._meta.get_field("kind").choices,
        error_messages={"invalid_choice": "Tên loại văn bản này không có trong danh mục."},
    )
    nam = YearFilter(field_name="issued_date__year")

    class Meta:
        model = Document
        fields: list[str] = []


class OutgoingFilter(_RegistryFilter):
    """The outgoing register (``outgoing_register``): by the register's year."""

    nam = YearFilter(field_name="register__year")

    class Meta:
        model = Document
        fields: list[str] = []


class IncomingFilter(_RegistryFilter):
    """The incoming register (``incoming_register``, receipts): by the register's year."""

    nam = YearFilter(field_name="register__year")
    search_prefix = "document__"

    class Meta:
        model = Receipt
        fields: list[str] = []

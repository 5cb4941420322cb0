"""The base of Loa's list filters (django-filter, ADR 0008): what every list page needs from them."""

from __future__ import annotations

import django_filters


class LoaFilterSet(django_filters.FilterSet):
    """A FilterSet that gives back what was typed and says in Vietnamese what could not be read."""

    @property
    def values(self) -> dict[str, str]:
        """The raw value of each filter as typed (to fill the form again)."""
        return {name: str(self.data.get(name) or "").strip() for name in self.filters}

    @property
    def messages(self) -> list[str]:
        """The Vietnamese messages of the values that could not be read."""
        return [str(message) for messages in self.errors.values() for message in messages]

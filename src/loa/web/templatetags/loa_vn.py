"""Template helpers for Vietnamese screens: grouped numbers and the period picker."""

from __future__ import annotations

from typing import Any

from django import template

from loa.core.errors import DomainError
from loa.core.periods import Period, parse_period
from loa.core.vn import group_number
from loa.web.periods import period_groups, unit_years

register = template.Library()


@register.filter(name="so")
def so(value: Any) -> str:
    """5000 → "5.000" (quantities, reach, targets on every screen)."""
    return group_number(value)


@register.inclusion_tag("loa/_period_select.html")
def period_select(
    name: str = "ky",
    current: Period | str | None = None,
    unit: Any = None,
    *,
    field_id: str = "",
    allow_empty: bool = False,
) -> dict[str, Any]:
    """A ``<select>`` of periods ("Năm 2022", "Quý I/2022", "Tháng 3/2022") for ``unit``'s years.

    ``current`` may be a period or its code as it came in the query string (an unreadable code
    selects nothing; the page shows the error).
    """
    if isinstance(current, str):
        try:
            current = parse_period(current) if current.strip() else None
        except DomainError:
            current = None
    return {
        "name": name,
        "field_id": field_id or name,
        "current": current.code if current is not None else "",
        "groups": period_groups(unit_years(unit), current),
        "allow_empty": allow_empty,
    }


@register.filter
def diem(value):  # type: ignore[no-untyped-def]
    """Points as a Vietnamese reads them (0,75; 2; — for none)."""
    from decimal import Decimal

    from loa.scoring.rules import fmt

    if value is None or value == "":
        return "—"
    return fmt(Decimal(str(value)))


@register.filter(name="markdown")
def markdown(text: str) -> str:
    """The guide's small Markdown (paragraphs, lists, `code`, **bold**) as HTML: the API's texts."""
    from loa.web.guide import render_markdown

    return render_markdown(text or "")


@register.filter(name="markdown_inline")
def markdown_inline(text: str) -> str:
    """One line of that Markdown, without a paragraph around it (table cells)."""
    from loa.web.guide import render_inline

    return render_inline(text or "")

"""``{% history_panel record %}``: the history of a record on its own page (who changed what, when).

The page's view has already checked that the user sees the record; whoever sees it sees its history.
"""

from __future__ import annotations

from typing import Any

from django import template

from loa.core.history import event_views, object_history

register = template.Library()


@register.inclusion_tag("loa/audit/_history.html")
def history_panel(record: Any, open: bool = False) -> dict[str, Any]:
    if record is None or getattr(record, "pk", None) is None:
        return {"rows": [], "open": open}
    return {
        "rows": event_views(object_history(record)),
        "own_type": record._meta.label_lower,
        "open": open,
    }

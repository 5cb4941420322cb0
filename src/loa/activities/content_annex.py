"""Figures of Biểu 02 (results by CCHC content), laid out by the catalogue.

The rows are the catalogue's annex rows (``plans.AnnexRow``, in their order), then each content
area mapped to none of them, under its own name: adding a row or an area to the catalogue adds a row
to the annex, with no code. An activity counts in the row of each of its areas (once per row, however
many of its areas map there), its quantity added to the column its channel names
(``Channel.annex_column``). Like :func:`loa.activities.selectors.channel_figures`, the figures
take the user who asks and are refused for a unit the user may not see; with ``subtree`` they are
the unit's own figures (its report's), counting every unit below it during the window.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import connection

from loa.activities.models import Activity
from loa.organizations.access import Action, require
from loa.organizations.models import Unit
from loa.organizations.selectors import unit_subtree_sql
from loa.plans.models import AnnexColumn, AnnexRow, Channel, ContentArea


@dataclass(frozen=True)
class ContentAnnexFigure:
    """One Biểu 02 row: its label and the period's quantities per column."""

    area: str
    articles: int = 0
    broadcasts: int = 0
    meetings: int = 0
    other: int = 0


_COLUMNS = {c.value for c in AnnexColumn}


def content_annex_figures(
    *, user: Any, unit: Unit, start: dt.date, end: dt.date, subtree: bool = False
) -> list[ContentAnnexFigure]:
    """Biểu 02 rows for ``unit`` (and the units below it when ``subtree``) from ``start`` to ``end``.

    Every row of the catalogue is listed, with zeros where nothing was done. Refused
    (:class:`~loa.core.errors.PermissionDenied`) unless ``user`` may see ``unit``.
    """
    require(user, Action.VIEW, unit)
    units_sql, units_params = (
        unit_subtree_sql(unit_id=unit.id, start=start, end=end) if subtree else ("%s", [unit.id])
    )
    activity, channel, area = (
        Activity._meta.db_table,
        Channel._meta.db_table,
        ContentArea._meta.db_table,
    )
    tags = Activity.areas.through._meta.db_table
    # One line per (activity, row), so two areas of an activity mapped to one row count it once;
    # an unmapped area is its own row (keyed by the area).
    sql = (
        "SELECT x.row_id, x.area_id, x.col, SUM(x.qty) FROM ("
        "SELECT DISTINCT a.id AS activity_id, ca.annex_row_id AS row_id, "
        "CASE WHEN ca.annex_row_id IS NULL THEN ca.id END AS area_id, "
        "c.annex_column AS col, a.quantity AS qty "
        f"FROM {activity} a JOIN {tags} t ON t.activity_id = a.id "
        f"JOIN {area} ca ON ca.id = t.contentarea_id JOIN {channel} c ON c.id = a.channel_id "
        f"WHERE a.unit_id IN ({units_sql}) AND a.date >= %s AND a.date <= %s"
        ") x GROUP BY x.row_id, x.area_id, x.col"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*units_params, start, end])
        sums = cursor.fetchall()
    by_key: dict[tuple[str, int], dict[str, int]] = {}
    for row_id, area_id, col, total in sums:
        key = ("row", row_id) if row_id is not None else ("area", area_id)
        column = col if col in _COLUMNS else AnnexColumn.OTHER.value
        counts = by_key.setdefault(key, {})
        counts[column] = counts.get(column, 0) + int(total)
    labelled = [(("row", r.pk), r.label) for r in AnnexRow.objects.order_by("sort_order", "code")]
    labelled += [
        (("area", a.pk), a.short_name)
        for a in ContentArea.objects.filter(annex_row__isnull=True).order_by("sort_order", "code")
    ]
    return [ContentAnnexFigure(area=label, **by_key.get(key, {})) for key, label in labelled]

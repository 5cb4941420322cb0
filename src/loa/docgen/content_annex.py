"""Biểu 02 of a unit's report: results by CCHC content, its rows laid out by the catalogue.

The counterpart of :func:`loa.reporting.drafting.annex_rows` (Biểu 01): same unit, window and
subtree as the drafted report, so both annexes agree with its figures.
"""

from __future__ import annotations

import datetime as dt
import typing

from loa.activities.content_annex import content_annex_figures
from loa.core.periods import Period, WindowMode
from loa.docgen.xlsx import ContentResult
from loa.organizations.models import Unit


def content_annex_rows(
    *,
    user: typing.Any,
    unit: Unit,
    period: Period,
    counted_to: dt.date,
    subtree: bool,
    window: str | None = None,
) -> list[ContentResult]:
    """Biểu 02 rows for the report of ``unit`` over ``period`` counted up to ``counted_to``.

    Pass the draft's ``counted_to`` and ``subtree`` (:class:`~loa.reporting.drafting.ReportDraft`)
    and the window the report was drafted with; refused unless ``user`` may see ``unit``.
    """
    mode = typing.cast(WindowMode, window or period.default_window())
    start = period.window(mode)[0]
    return [
        ContentResult(
            area=f.area, articles=f.articles, broadcasts=f.broadcasts, meetings=f.meetings, other=f.other
        )
        for f in content_annex_figures(user=user, unit=unit, start=start, end=counted_to, subtree=subtree)
    ]

"""The reporting cycle's files and the seam between a report and the figures its document shows.

A unit's report counts its live activities; a consolidated report (báo cáo tổng hợp, linked by
``ReportRequest.consolidated_report``) shows the figures frozen in the accepted submissions
(:mod:`loa.reporting.consolidation`). :func:`loa.reporting.producing.report_draft`, the one path
that drafts a report's document, passes ``**report_figures(report)`` to
:func:`loa.reporting.drafting.build_unit_report`. The completeness list and the consolidation's
Biểu 03 are written here with the annex sheets of :mod:`loa.docgen.xlsx.cycle`.
"""

from __future__ import annotations

from typing import Any

from loa.core.periods import parse_period
from loa.docgen.xlsx import AnnexHeading
from loa.docgen.xlsx.cycle import (
    ChannelColumn,
    CompletenessLine,
    SubmittedUnit,
    completeness_xlsx,
    submission_summary_xlsx,
)
from loa.reporting.completeness import Completeness
from loa.reporting.consolidation import Consolidation, frozen_figures_for, frozen_previous_for
from loa.reporting.models import Report


def report_figures(report: Report | None) -> dict[str, Any]:
    """Keyword arguments for ``build_unit_report``: the frozen figures, their note and their
    "cùng kỳ" for a consolidated report, nothing for any other report (or none)."""
    if report is None or report.pk is None:
        return {}
    frozen = frozen_figures_for(report)
    if frozen is None:
        return {}
    figures, note = frozen
    return {"figures": figures, "figures_note": note, "previous": frozen_previous_for(report)}


def consolidation_annex_xlsx(found: Consolidation) -> bytes:
    """Biểu 03 of the consolidated report: one row per accepted unit, figures per channel."""
    request = found.request
    return submission_summary_xlsx(
        heading=AnnexHeading(
            unit_name=request.coordinator_unit.name,
            period=parse_period(request.period).label_vi,
            reference=f"(Kèm theo báo cáo tổng hợp — {request.title})",
        ),
        channels=[ChannelColumn(code=c.code, name=c.name, measure=c.measure) for c in found.channels],
        rows=[
            SubmittedUnit(
                unit=u.unit_name,
                submitted_on=u.submitted_on,
                on_time=u.on_time,
                actual=u.actual,
                counted=u.counted,
                note=u.note,
            )
            for u in found.units
        ],
    )


def completeness_workbook(found: Completeness) -> bytes:
    """The completeness list of a request as XLSX (Vietnamese headers, dates dd/mm/yyyy)."""
    request = found.request
    return completeness_xlsx(
        heading=AnnexHeading(
            unit_name=request.coordinator_unit.name,
            period=parse_period(request.period).label_vi,
            reference=request.title,
        ),
        deadline=request.deadline,
        rows=[
            CompletenessLine(
                unit=r.unit_name,
                status=r.label,
                submitted_on=r.submitted_on,
                days_late=r.days_late,
                accepted=r.accepted,
                history=" ".join(
                    f"{period}: {cell.mark if cell else '–'}"
                    for period, cell in zip(found.history_periods, r.history, strict=True)
                ),
            )
            for r in found.rows
        ],
    )

"""The seam between a report and the figures its document shows.

A unit's report counts its live activities; a consolidated report (báo cáo tổng hợp, linked by
``ReportRequest.consolidated_report``) shows the figures frozen in the accepted submissions
(:mod:`loa.reporting.consolidation`). Every place that drafts a report's document passes
``**report_figures(report)`` to :func:`loa.docgen.unit_report.build_unit_report`.
"""

from __future__ import annotations

from typing import Any

from loa.reporting.consolidation import frozen_figures_for
from loa.reporting.models import Report


def report_figures(report: Report | None) -> dict[str, Any]:
    """Keyword arguments for ``build_unit_report``: the frozen figures and their note for a
    consolidated report, nothing for any other report (or none)."""
    if report is None or report.pk is None:
        return {}
    frozen = frozen_figures_for(report)
    if frozen is None:
        return {}
    figures, note = frozen
    return {"figures": figures, "figures_note": note}

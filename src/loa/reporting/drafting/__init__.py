"""Drafting a unit's report from its data (the body, the sources it reads, its wording)."""

from loa.reporting.drafting.body import EditablePart, ReportDraft, annex_rows, build_unit_report

__all__ = ["EditablePart", "ReportDraft", "annex_rows", "build_unit_report"]

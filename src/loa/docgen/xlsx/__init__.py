"""Annex workbooks (Biểu 01–04 of a CCHC communication report) written with openpyxl.

One function per annex takes plain rows (the dataclasses below, or dicts with the same keys) and
returns the ``.xlsx`` bytes:

- :func:`channel_results_xlsx` — Biểu 01, results by channel (hình thức) for one unit;
- :func:`content_results_xlsx` — Biểu 02, results by CCHC content area;
- :func:`unit_summary_xlsx` — Biểu 03, a district/commune aggregate, one row per reporting unit;
- :func:`article_log_xlsx` — Biểu 04, the evidence log of articles and broadcasts.

Each sheet carries the annex label, title, the "(Kèm theo …)" line, unit and period; a two-level
header in Vietnamese with a row of column numbers; bordered cells in Times New Roman; a totals row
"Tổng cộng" (except Biểu 01, whose rows have different units of measure and do not add up); A4
print setup (orientation, fit to one page wide, header rows repeated, ND30 margins, page number
top centre from page 2) and frozen header rows.

Totals and ratios are written as values by default: every reader (phone previews, Python, web
viewers) shows them, whereas formulas only show once a spreadsheet program recalculates.
``formulas=True`` writes ``SUM``/ratio formulas instead, for people who keep editing the figures.

The package's seams: ``rows`` (what each annex takes), ``sheet`` (layout and print setup every annex
shares), ``annexes`` (the four annexes' columns and totals). Biểu 02's rows come from the catalogue
(``plans.AnnexRow``), drafted by :mod:`loa.docgen.content_annex`.
"""

from __future__ import annotations

from .annexes import article_log_xlsx, channel_results_xlsx, content_results_xlsx, unit_summary_xlsx
from .rows import AnnexHeading, ArticleEntry, ChannelResult, ContentResult, UnitSummary

__all__ = [
    "AnnexHeading",
    "ArticleEntry",
    "ChannelResult",
    "ContentResult",
    "UnitSummary",
    "article_log_xlsx",
    "channel_results_xlsx",
    "content_results_xlsx",
    "unit_summary_xlsx",
]

"""The one place where exported cells are made safe for spreadsheets (CSV and XLSX).

A spreadsheet runs a cell that starts with ``=`` (and, in CSV, ``+ - @`` or a leading tab or
carriage return) as a formula: a title typed as ``=HYPERLINK(…)`` would become a live link, or
worse, on the computer of whoever opens the export. Every export writes its cells through
:func:`csv_cell` or :func:`xlsx_row` (OWASP "CSV injection").
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

_CSV_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """``value`` for a CSV cell: text a spreadsheet would run gets a leading apostrophe (shown as
    text by Excel and LibreOffice); numbers stay numbers; ``None`` is an empty cell."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_CSV_TRIGGERS):
        return "'" + value
    return value


def csv_row(values: Iterable[Any]) -> list[Any]:
    return [csv_cell(v) for v in values]


def xlsx_cell(ws: Any, value: Any) -> Any:
    """``value`` for an openpyxl row of ``ws``: text starting with ``=`` becomes a text cell
    (openpyxl would store it as a formula); anything else is returned as it is."""
    if isinstance(value, str) and value.startswith("="):
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(ws, value=value)
        cell.data_type = "s"
        return cell
    return value


def xlsx_row(ws: Any, values: Iterable[Any]) -> list[Any]:
    """A row for ``ws.append`` (normal or write-only sheet) with formula-looking text kept as text."""
    return [xlsx_cell(ws, v) for v in values]


def xlsx_text(cell: Any) -> None:
    """Keep an already placed cell's formula-looking text as text (for sheets written cell by cell)."""
    if isinstance(cell.value, str) and cell.value.startswith("="):
        cell.data_type = "s"

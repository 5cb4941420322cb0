"""Activities from and to Excel: the template, the row-by-row check, the import, the exports.

The check (:func:`activities_import_check`) is pure: it reads bytes and the catalogues and returns
every problem of every row, so an officer fixes the whole file at once instead of one error per
upload. :func:`activities_import` is the service that saves.
"""

from loa.activities.importers.xlsx.layout import COLUMNS, MAX_BYTES, MAX_ROWS
from loa.activities.importers.xlsx.reading import ImportCheck, Problem, RowResult, activities_import_check
from loa.activities.importers.xlsx.saving import Duplicate, ImportResult, activities_import
from loa.activities.importers.xlsx.writing import (
    activities_export_csv,
    activities_export_xlsx,
    activities_template,
)

__all__ = [
    "COLUMNS",
    "MAX_BYTES",
    "MAX_ROWS",
    "Duplicate",
    "ImportCheck",
    "ImportResult",
    "Problem",
    "RowResult",
    "activities_export_csv",
    "activities_export_xlsx",
    "activities_import",
    "activities_import_check",
    "activities_template",
]

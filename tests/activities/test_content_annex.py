"""Biểu 02 figures are laid out by the catalogue: rows from AnnexRow and the areas, columns from channels."""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from loa.activities.content_annex import ContentAnnexFigure, content_annex_figures
from loa.activities.services import activity_record
from loa.core.actors import SYSTEM_CLI
from loa.core.periods import parse_period
from loa.docgen.content_annex import content_annex_rows
from loa.docgen.xlsx import AnnexHeading, content_results_xlsx
from loa.organizations.models import UnitKind
from loa.plans.models import AnnexColumn, AnnexRow, ContentArea

YEAR = (dt.date(2022, 1, 1), dt.date(2022, 12, 31))


@pytest.fixture
def unit(make_unit):
    return make_unit("Phòng Văn hóa thử", code="vh-annex")


def _record(unit, channel, areas, quantity=1, day=dt.date(2022, 5, 2), title=None):
    return activity_record(
        actor=SYSTEM_CLI,
        unit=unit,
        date=day,
        channel=channel,
        title=title or f"{channel.code} {[a.code for a in areas]} {quantity}",
        quantity=quantity,
        areas=areas,
    )


def _by_label(figures):
    return {f.area: f for f in figures}


def test_every_row_of_the_catalogue_is_listed_in_order_with_zeros(unit):
    figures = content_annex_figures(user=SYSTEM_CLI, unit=unit, start=YEAR[0], end=YEAR[1])
    assert [f.area for f in figures] == list(AnnexRow.objects.values_list("label", flat=True))
    assert all(f == ContentAnnexFigure(f.area) for f in figures)


def test_quantities_go_to_the_row_of_each_area_and_the_column_of_the_channel(unit, channels, areas):
    _record(unit, channels["PORTAL"], [areas["PROCEDURES"], areas["DIGITAL_GOVERNMENT"]], quantity=2)
    _record(unit, channels["RADIO"], [areas["PROCEDURES"]], quantity=5)
    _record(unit, channels["TRAINING"], [areas["CIVIL_SERVICE"]])
    _record(unit, channels["PANEL"], [areas["INSTITUTIONS"]], quantity=3)
    _record(unit, channels["PORTAL"], [])  # no area: in no row
    _record(unit, channels["PORTAL"], [areas["PROCEDURES"]], day=dt.date(2023, 1, 2))  # outside the window

    rows = _by_label(content_annex_figures(user=SYSTEM_CLI, unit=unit, start=YEAR[0], end=YEAR[1]))

    assert rows["Thủ tục hành chính"] == ContentAnnexFigure("Thủ tục hành chính", articles=2, broadcasts=5)
    assert rows["Chính phủ điện tử, chính phủ số"].articles == 2
    assert rows["Công vụ"].meetings == 1
    assert rows["Thể chế"].other == 3
    assert rows["Chỉ đạo điều hành"] == ContentAnnexFigure("Chỉ đạo điều hành")


def test_an_activity_counts_once_in_a_row_two_of_its_areas_map_to(unit, channels, areas):
    models_row = AnnexRow.objects.get(code="MODELS")
    ContentArea.objects.filter(code__in=["INSTITUTIONS", "PROCEDURES"]).update(annex_row=models_row)
    _record(unit, channels["PORTAL"], [areas["INSTITUTIONS"], areas["PROCEDURES"]], quantity=4)

    rows = _by_label(content_annex_figures(user=SYSTEM_CLI, unit=unit, start=YEAR[0], end=YEAR[1]))

    assert rows["Mô hình, sáng kiến"].articles == 4
    assert rows["Thể chế"].articles == rows["Thủ tục hành chính"].articles == 0


def test_adding_a_catalogue_row_adds_an_annex_row(unit, channels):
    AnnexRow.objects.create(code="SIPAS", label="Đo lường sự hài lòng (SIPAS)", sort_order=85)
    area = ContentArea.objects.create(code="HAPPINESS", name="Sự hài lòng", short_name="Sự hài lòng")
    area.annex_row = AnnexRow.objects.get(code="SIPAS")
    area.save()
    orphan = ContentArea.objects.create(
        code="ZALO", name="Chuyển đổi số cơ sở", short_name="Chuyển đổi số cơ sở"
    )
    _record(unit, channels["SOCIAL"], [area], quantity=7)
    _record(unit, channels["MEETING"], [orphan], quantity=2)

    rows = content_annex_rows(
        user=SYSTEM_CLI,
        unit=unit,
        period=parse_period("2022"),
        counted_to=YEAR[1],
        subtree=False,
        window="calendar",
    )
    heading = AnnexHeading(unit_name=unit.name, period="Năm 2022")
    sheet = load_workbook(io.BytesIO(content_results_xlsx(heading=heading, rows=rows))).active
    lines = [r for r in sheet.iter_rows(values_only=True) if isinstance(r[0], int)]

    labels = [r[1] for r in lines]
    assert labels.index("Đo lường sự hài lòng (SIPAS)") == labels.index("Chỉ số CCHC, SIPAS, PAPI, PCI") + 1
    # An area mapped to no row has its own, after the catalogue's rows.
    assert labels[-1] == "Chuyển đổi số cơ sở" and len(labels) == 11
    assert lines[labels.index("Đo lường sự hài lòng (SIPAS)")][2:6] == (7, 0, 0, 0)
    assert lines[-1][2:6] == (0, 0, 2, 0)


def test_a_channels_column_is_catalogue_data(unit, channels, areas):
    channels["PANEL"].annex_column = AnnexColumn.ARTICLES
    channels["PANEL"].save()
    _record(unit, channels["PANEL"], [areas["INSTITUTIONS"]], quantity=3)
    rows = _by_label(content_annex_figures(user=SYSTEM_CLI, unit=unit, start=YEAR[0], end=YEAR[1]))
    assert (rows["Thể chế"].articles, rows["Thể chế"].other) == (3, 0)


def test_a_subtree_adds_up_the_units_below(make_unit, channels, areas):
    town = make_unit("Thị xã thử", kind=UnitKind.DISTRICT, code="tx-annex")
    ward = make_unit("Phường thử", parent=town, kind=UnitKind.COMMUNE, code="p-annex")
    _record(town, channels["RADIO"], [areas["PROCEDURES"]], quantity=2)
    _record(ward, channels["RADIO"], [areas["PROCEDURES"]], quantity=3)

    alone = _by_label(content_annex_figures(user=SYSTEM_CLI, unit=town, start=YEAR[0], end=YEAR[1]))
    whole = _by_label(
        content_annex_figures(user=SYSTEM_CLI, unit=town, start=YEAR[0], end=YEAR[1], subtree=True)
    )

    assert alone["Thủ tục hành chính"].broadcasts == 2
    assert whole["Thủ tục hành chính"].broadcasts == 5

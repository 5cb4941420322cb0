"""History from old reports (issue 14, item 4; ADR 0026): a past report's figures are read, mapped
to channels, confirmed and stored as its unit's figures for its period; statistics, the dashboard
and ``loa stats`` use them without counting twice what is also recorded as activities."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Sum

from loa.activities.history import historical_extra
from loa.activities.models import Activity, HistoricalFigure
from loa.activities.services import activity_record
from loa.activities.stats import stats_table
from loa.core.errors import DomainError, ValidationError
from loa.core.periods import parse_period
from loa.documents.models import Document
from loa.ingest import ingest_file, parse_text
from loa.ingest.history import map_channel, report_figures_commit, report_figures_preview
from loa.plans.models import Channel

HISTORY = Path(__file__).resolve().parents[1] / "fixtures" / "history"
EXAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "examples"
BC_2020 = HISTORY / "bc-2020.txt"
BC_2021 = HISTORY / "bc-2021.txt"
FIGURES = {
    2020: {"PORTAL": 12, "RADIO": 48, "PANEL": 2, "MEETING": 3},
    2021: {"PORTAL": 18, "RADIO": 60, "PANEL": 1, "MEETING": 4},
}


@pytest.fixture
def officer(demo_world):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="canbo.vhtt")


def _recorded(unit, year: int) -> dict[str, int]:
    return dict(
        Activity.objects.filter(unit=unit, date__year=year)
        .values("channel__code")
        .annotate(total=Sum("quantity"))
        .values_list("channel__code", "total")
    )


def test_the_reports_figures_are_mapped_to_channels(demo_world, officer):
    preview = report_figures_preview(user=officer, extraction=ingest_file(BC_2020))
    assert preview.unit.code == "huongtra-vhtt"
    assert preview.period.code == "2020"
    assert {p.channel.code: p.quantity for p in preview.proposals if p.channel} == FIGURES[2020]
    assert Document.objects.filter(symbol="215/BC-VHTT").count() == 0  # a preview writes nothing


@pytest.mark.parametrize(
    ("phrase", "unit", "code"),
    [
        ("Đăng 5 tin, bài trên cổng thông tin điện tử của huyện", "tin, bài", "PORTAL"),
        ("Phối hợp đăng 3 tin, bài trên báo chí", "tin, bài", "PRESS"),
        ("Đăng 40 bài đăng trên trang Facebook, Zalo", "bài đăng", "SOCIAL"),
        ("Phát 120 lượt phát trên loa truyền thanh", "lượt phát", "RADIO"),
        ("Làm mới 01 cụm pano tuyên truyền", "cụm pano", "PANEL"),
        ("In và phát 2.000 tờ rơi", "tờ rơi", "LEAFLET"),
        ("Tổ chức 02 cuộc thi tìm hiểu CCHC", "cuộc thi", "CONTEST"),
        ("Mở 03 lớp tập huấn nghiệp vụ", "lớp", "TRAINING"),
    ],
)
def test_mapping_uses_the_measure_and_the_channel_names(db, phrase, unit, code):
    channels = list(Channel.objects.filter(active=True).order_by("sort_order", "code"))
    channel, _ = map_channel(phrase, unit, channels)
    assert channel is not None and channel.code == code


@pytest.mark.parametrize(("phrase", "unit"), [("Giải quyết 350 hồ sơ đúng hạn", "hồ sơ"), ("Đạt 98 %", "%")])
def test_a_figure_of_no_channel_maps_to_none(db, phrase, unit):
    channels = list(Channel.objects.filter(active=True))
    assert map_channel(phrase, unit, channels)[0] is None


def test_an_office_imports_its_2020_and_2021_reports_and_sees_them_as_last_years_figures(
    demo_world, officer, client
):
    """The issue's goal: after importing two old reports, "cùng kỳ năm trước" shows them."""
    unit = demo_world["huongtra-vhtt"]
    recorded_2021 = _recorded(unit, 2021)
    for path in (BC_2020, BC_2021):
        report_figures_commit(actor=officer, extraction=ingest_file(path))
    assert Document.objects.filter(symbol__in=["215/BC-VHTT", "231/BC-VHTT"]).count() == 2
    stored = HistoricalFigure.objects.filter(unit=unit)
    assert {(f.period, f.channel.code): f.quantity for f in stored} == {
        (str(year), code): q for year, figures in FIGURES.items() for code, q in figures.items()
    }
    assert all(f.source_document.symbol in {"215/BC-VHTT", "231/BC-VHTT"} for f in stored)

    expected_2021 = {c: max(q, recorded_2021.get(c, 0)) for c, q in FIGURES[2021].items()}
    table_2022 = stats_table(user=officer, unit=unit, period=parse_period("2022"), by="channel")
    previous = {r.key: r.previous for r in table_2022.rows}
    assert {c: previous[c] for c in FIGURES[2021]} == expected_2021
    table_2021 = stats_table(user=officer, unit=unit, period=parse_period("2021"), by="channel")
    assert {r.key: r.actual for r in table_2021.rows if r.key in FIGURES[2021]} == expected_2021
    previous_2020 = {r.key: r.previous for r in table_2021.rows}
    assert {c: previous_2020[c] for c in FIGURES[2020]} == {
        c: max(q, _recorded(unit, 2020).get(c, 0)) for c, q in FIGURES[2020].items()
    }

    client.force_login(officer)
    page = client.get("/don-vi/huongtra-vhtt/", {"ky": "2022", "cap_duoi": "0"}).content.decode()
    assert '<tr data-channel="RADIO">' in page
    row = page.split('<tr data-channel="RADIO">')[1].split("</tr>")[0]
    # The figure, marked as coming (at least partly) from the old report.
    assert f'<td class="num previous">{expected_2021["RADIO"]}<span class="imported-mark"' in row

    out = io.StringIO()
    call_command("stats", "huongtra-vhtt", "2022", "--json", "--as", "canbo.vhtt", stdout=out)
    last_year = {r["channel"]: r["actual"] for r in json.loads(out.getvalue())["previous_year"]["rows"]}
    assert last_year["PORTAL"] == expected_2021["PORTAL"]


def test_recorded_activities_and_imported_figures_count_the_larger_not_the_sum(demo_world, officer):
    unit = demo_world["huongtra-vhtt"]
    report_figures_commit(actor=officer, extraction=ingest_file(BC_2020))
    year = parse_period("2020")
    base = _recorded(unit, 2020).get("PANEL", 0)
    extra = historical_extra(unit_ids={unit.id}, period=year, mode="calendar").get("PANEL", 0)
    assert base + extra == max(2, base)
    channel = Channel.objects.get(code="PANEL")
    activity_record(
        actor=officer, unit=unit, date=dt.date(2020, 6, 1), channel=channel, title="Pano mới", quantity=1
    )
    after = historical_extra(unit_ids={unit.id}, period=year, mode="calendar").get("PANEL", 0)
    assert _recorded(unit, 2020)["PANEL"] + after == max(2, base + 1)
    activity_record(
        actor=officer, unit=unit, date=dt.date(2020, 7, 1), channel=channel, title="Pano thêm", quantity=5
    )
    assert historical_extra(unit_ids={unit.id}, period=year, mode="calendar").get("PANEL", 0) == 0
    # A yearly figure has no months: it does not count in a quarter.
    assert historical_extra(unit_ids={unit.id}, period=parse_period("2020-Q1"), mode="calendar") == {}


def test_importing_the_same_report_again_replaces_its_figures(demo_world, officer):
    report_figures_commit(actor=officer, extraction=ingest_file(BC_2021))
    report_figures_commit(actor=officer, extraction=ingest_file(BC_2021))
    assert HistoricalFigure.objects.filter(period="2021").count() == 4
    assert Document.objects.filter(symbol="231/BC-VHTT").count() == 1


def test_the_users_corrections_are_stored(demo_world, officer):
    extraction = ingest_file(BC_2020)
    choices = [("PORTAL", 12), ("RADIO", 50), (None, 2), ("PORTAL", 3)]
    _, _, saved = report_figures_commit(actor=officer, extraction=extraction, choices=choices)
    assert {f.channel.code: f.quantity for f in saved} == {"PORTAL": 15, "RADIO": 50}


def _counts() -> tuple[int, int]:
    return Document.objects.count(), HistoricalFigure.objects.count()


def test_a_figure_with_no_channel_stops_the_import_and_nothing_is_registered(demo_world, officer, tmp_path):
    text = BC_2020.read_text(encoding="utf-8").replace(
        "2. Kết quả tuyên truyền\n", "2. Kết quả tuyên truyền\n- Giải quyết 350 hồ sơ đúng hạn.\n"
    )
    extraction = parse_text(text)
    before = _counts()
    with pytest.raises(ValidationError, match="không khớp hình thức tuyên truyền nào") as info:
        report_figures_commit(actor=officer, extraction=extraction)
    assert info.value.code == "history.unmapped"
    assert _counts() == before
    _, _, saved = report_figures_commit(actor=officer, extraction=extraction, skip_unmapped=True)
    assert len(saved) == 4


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Hôm nay trời đẹp, chúng tôi đi chơi công viên và ăn kem.", "history.not_a_document"),
        ((EXAMPLES / "docs" / "001.txt").read_text(encoding="utf-8"), "history.not_a_report"),
        (BC_2020.read_text(encoding="utf-8").replace("năm 2020\n\nThực", "\n\nThực"), "history.no_period"),
        (
            BC_2020.read_text(encoding="utf-8").replace(
                "chính năm 2020\n", f"chính năm {dt.date.today().year}\n"
            ),
            "history.period_open",
        ),
    ],
)
def test_bad_reports_are_refused_in_vietnamese_and_nothing_is_registered(demo_world, officer, text, code):
    before = _counts()
    with pytest.raises(DomainError) as info:
        report_figures_commit(actor=officer, extraction=parse_text(text))
    assert info.value.code == code
    assert info.value.message and info.value.message[0].isupper()
    assert _counts() == before


def test_a_report_of_another_unit_is_refused(demo_world, officer):
    before = _counts()
    with pytest.raises(ValidationError, match="không phải của") as info:
        report_figures_commit(
            actor=officer, extraction=ingest_file(BC_2020), unit=demo_world["huongtra-ttvhtt"]
        )
    assert info.value.code == "history.unit_mismatch"
    assert _counts() == before


def test_a_period_already_imported_from_another_report_is_refused(demo_world, officer):
    report_figures_commit(actor=officer, extraction=ingest_file(BC_2021))
    other = BC_2021.read_text(encoding="utf-8").replace("231/BC-VHTT", "232/BC-VHTT")
    before = _counts()
    with pytest.raises(ValidationError, match="đã có số liệu") as info:
        report_figures_commit(actor=officer, extraction=parse_text(other))
    assert info.value.code == "history.already_imported"
    assert _counts() == before


def test_a_user_of_another_unit_may_not_import_its_history(demo_world):
    from django.contrib.auth import get_user_model

    stranger = get_user_model().objects.get(username="canbo.ttvhtt")
    before = _counts()
    with pytest.raises(DomainError):
        report_figures_commit(actor=stranger, extraction=ingest_file(BC_2020))
    assert _counts() == before


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("ingest", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_cli_previews_without_commit_and_stores_with_it(demo_world):
    preview = json.loads(_run(str(BC_2021), "--figures", "--json", "--as", "canbo.vhtt"))
    assert preview["unit"] == "huongtra-vhtt" and preview["period"] == "2021"
    assert {f["channel"]: f["quantity"] for f in preview["figures"]} == FIGURES[2021]
    assert HistoricalFigure.objects.count() == 0
    out = _run(str(BC_2020), str(BC_2021), "--figures", "--commit", "--as", "canbo.vhtt")
    assert "Đã nhập số liệu" in out and "năm 2021" in out
    assert HistoricalFigure.objects.count() == 8


def test_cli_bad_report_exits_with_a_message_and_stores_nothing(demo_world, tmp_path):
    bad = tmp_path / "bc.txt"
    text = BC_2020.read_text(encoding="utf-8")
    bad.write_text(
        text.replace("2. Kết quả tuyên truyền\n", "2. Kết quả tuyên truyền\n- Giải quyết 350 hồ sơ.\n"),
        encoding="utf-8",
    )
    before = _counts()
    with pytest.raises(CommandError):
        _run(str(BC_2021), str(bad), "--figures", "--commit", "--as", "canbo.vhtt")
    assert _counts() == before

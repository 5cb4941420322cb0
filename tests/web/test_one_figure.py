"""One figure, one value: the plan page, the dashboard, its exports, ``loa stats`` and the activity
list show the same figure for the same unit, channel and window."""

import datetime as dt
import io
import json
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from loa.activities.models import Activity
from loa.core.periods import parse_period
from loa.organizations.models import Unit
from loa.organizations.selectors import unit_subtree_ids
from loa.plans.models import Plan


def stats(*args) -> dict:
    out = io.StringIO()
    call_command("stats", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def rows_of(html: str, css: str) -> dict[str, str]:
    """channel → text of the cell with class ``css`` in each ``<tr data-channel>`` row."""
    found = {}
    for code, body in re.findall(r'<tr data-channel="([A-Z_]+)"[^>]*>(.*?)</tr>', html, re.S):
        cell = re.search(rf'<td class="[^"]*\b{css}\b[^"]*">(.*?)</td>', body, re.S)
        if cell:
            found[code] = re.sub(r"<[^>]+>", "", cell.group(1)).strip()
    return found


def svg_labels(html: str, chart_id: str) -> dict[str, str]:
    svg = re.search(rf'<svg id="{chart_id}".*?</svg>', html, re.S).group(0)
    return dict(re.findall(r'class="bar-label" data-key="([^"]+)"[^>]*>([^<]*)<', svg))


@pytest.fixture
def noivu(client, demo_world):
    assert client.login(username="noivu.huongtra", password="Loa@2022")
    return client


@pytest.fixture
def canbo(client, demo_world):
    assert client.login(username="canbo.vhtt", password="Loa@2022")
    return client


def test_the_town_plan_counts_its_subtree_like_the_dashboard(noivu):
    """KH 4757 of the town shows "Thực hiện" from the town's subtree, with the dashboard's %."""
    plan = Plan.objects.get(document__symbol="4757/KH-UBND")
    html = noivu.get(reverse("web:plan_detail", args=[plan.pk])).content.decode()
    expected = {r["channel"]: r for r in stats("huongtra", "2022", "--subtree")["rows"]}
    actual = rows_of(html, "actual")
    assert set(actual) == {t.channel.code for t in plan.targets.all()}
    assert actual == {code: str(expected.get(code, {}).get("actual", 0)) for code in actual}
    assert any(v != "0" for v in actual.values()), "the town's units below did work in 2022"
    percent = rows_of(html, "percent")
    for code in actual:
        target = expected[code]["target"]
        assert percent[code] == f"{round(100 * expected[code]['actual'] / target)}%"


def test_a_quarter_shows_progress_to_date_against_the_annual_target(canbo):
    """Quý IV shows the quarter's work and, labelled "Lũy kế", the year to the end of the quarter."""
    html = canbo.get("/don-vi/huongtra-vhtt/?ky=2022-Q4").content.decode()
    year_start = parse_period("2022").window()[0]
    q4_start, q4_end = parse_period("2022-Q4").window()
    office = Activity.objects.filter(unit__code="huongtra-vhtt", channel__code="ORIENTATION")
    in_quarter = sum(a.quantity for a in office.filter(date__gte=q4_start, date__lte=q4_end))
    to_date = sum(a.quantity for a in office.filter(date__gte=year_start, date__lte=q4_end))
    assert to_date > in_quarter > 0
    assert "Lũy kế" in html
    assert rows_of(html, "actual")["ORIENTATION"] == str(in_quarter)
    assert rows_of(html, "to-date")["ORIENTATION"] == str(to_date)
    assert rows_of(html, "percent")["ORIENTATION"] == f"{round(100 * to_date / 12)}%"
    assert svg_labels(html, "bieu-do-kenh")["ORIENTATION"].startswith(f"Lũy kế {to_date}/12 (")
    data = stats("huongtra-vhtt", "2022-Q4")
    row = next(r for r in data["rows"] if r["channel"] == "ORIENTATION")
    assert (row["actual"], row["to_date"]) == (in_quarter, to_date)


def test_a_year_has_no_separate_progress_to_date(canbo):
    html = canbo.get("/don-vi/huongtra-vhtt/?ky=2022").content.decode()
    assert "Lũy kế" not in html and rows_of(html, "to-date") == {}


@pytest.mark.parametrize("code", ["huongtra-vhtt", "huongtra"])
def test_a_month_has_the_same_figure_on_the_chart_in_loa_stats_and_in_the_activity_list(noivu, code):
    html = noivu.get(f"/don-vi/{code}/?ky=2022").content.decode()
    chart = svg_labels(html, "bieu-do-thang")
    extra = ["--subtree"] if code == "huongtra" else []
    months = stats(code, "2022", *extra, "--by", "month")["rows"]
    assert [int(v) for v in chart.values()] == [r["actual"] for r in months]
    for r in months:
        listed = noivu.get(reverse("web:activity_index"), {"don_vi": code, "ky": r["month"]})
        count = int(re.search(r"(\d+) hoạt động", listed.content.decode()).group(1))
        assert count == r["actual"], r["month"]
    assert sum(r["actual"] for r in months) > 0


def test_by_unit_and_by_month_count_activities_never_add_measures(noivu):
    """A unit's line counts its activities; the ranking of a unit without a plan still shows them."""
    start, end = parse_period("2022").window()
    units = stats("huongtra", "2022", "--subtree", "--by", "unit")["rows"]
    for r in units[1:]:
        ids = unit_subtree_ids(unit_ids=[Unit.objects.get(code=r["unit"]).id], start=start, end=end)
        in_window = Activity.objects.filter(unit_id__in=ids, date__gte=start, date__lte=end)
        assert r["actual"] == in_window.count()
    assert all(r["target"] is None and r["measure"] == "hoạt động" for r in units)
    html = noivu.get("/don-vi/huongtra/?ky=2022").content.decode()
    ranking = svg_labels(html, "bieu-do-don-vi")
    by_code = {r["unit"]: r for r in units}
    for key, text in ranking.items():
        r = by_code[key]
        assert f"{r['actual']} hoạt động" in text
        if r["completion"] is not None:
            assert text.startswith(f"{r['completion']}%")
        else:
            assert "chưa có chỉ tiêu" in text
    assert 'href="/don-vi/huongtra-ttvhtt/?ky=2022"' in html, "ranked unit names are links"


def test_the_ranking_xlsx_never_sums_different_measures(noivu):
    response = noivu.get("/don-vi/huongtra/bieu-do.xlsx?ky=2022&loai=don-vi")
    ws = load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in ws[3]]
    assert "Số lượng" not in header and "Tổng chỉ tiêu" not in header
    assert header[:4] == ["Mã", "Đơn vị", "Mức hoàn thành kế hoạch (%)", "Số hoạt động"]
    expected = {
        r["unit"]: r["actual"] for r in stats("huongtra", "2022", "--subtree", "--by", "unit")["rows"][1:]
    }
    assert {r[0]: r[3] for r in ws.iter_rows(min_row=4, values_only=True)} == expected


@pytest.mark.parametrize(
    ("user", "url"),
    [
        ("noivu.huongtra", "/don-vi/huongtra/?ky=2026"),
        ("noivu.huongtra", "/don-vi/huongtra/?ky=2022"),
        ("noivu.hue", "/don-vi/ubnd-hue/?ky=2022"),
        ("noivu.hue", "/don-vi/ubnd-hue/?ky=2026"),
        ("canbo.vhtt", "/don-vi/huongtra-vhtt/?ky=2022-Q4"),
    ],
)
def test_recent_activities_are_the_ones_the_figures_count(client, demo_world, user, url):
    assert client.login(username=user, password="Loa@2022")
    response = client.get(url)
    ctx = response.context
    figures = {f.key: f.actual for f in ctx["figures"]}
    recent = list(ctx["recent"])
    counted = Activity.objects.filter(
        unit_id__in=ctx["counted_ids"], date__gte=ctx["start"], date__lte=ctx["end"]
    )
    assert sum(figures.values()) == sum(a.quantity for a in counted)
    assert [a.pk for a in recent] == [a.pk for a in counted.order_by("-date", "-id")[:10]]
    html = response.content.decode()
    if not figures:
        assert "Chưa có hoạt động nào trong kỳ này" in html


@pytest.mark.parametrize("url", ["/don-vi/huongtra/?ky=2022", "/don-vi/huongtra-vhtt/?ky=2022-Q4"])
def test_the_whole_list_behind_the_recent_list_holds_exactly_the_counted_activities(noivu, url):
    response = noivu.get(url)
    ctx = response.context
    counted = Activity.objects.filter(
        unit_id__in=ctx["counted_ids"], date__gte=ctx["start"], date__lte=ctx["end"]
    ).count()
    link = re.search(r'href="([^"]+)">Xem tất cả hoạt động', response.content.decode()).group(1)
    listed = noivu.get(link.replace("&amp;", "&")).content.decode()
    assert int(re.search(r"(\d+) hoạt động", listed).group(1)) == counted
    assert f"từ {ctx['start']:%d/%m/%Y} đến {ctx['end']:%d/%m/%Y}" in listed


def test_the_plan_page_of_a_unit_without_units_below_has_no_cascade_block(canbo):
    plan = Plan.objects.get(document__symbol="07/KH-VHTT")
    html = canbo.get(reverse("web:plan_detail", args=[plan.pk])).content.decode()
    assert "Phân cấp chỉ tiêu" not in html and "Thiếu" not in html
    assert rows_of(html, "percent"), "the % column is there"


def test_the_town_plan_page_keeps_its_cascade_block(noivu):
    plan = Plan.objects.get(document__symbol="4757/KH-UBND")
    html = noivu.get(reverse("web:plan_detail", args=[plan.pk])).content.decode()
    assert "Phân cấp chỉ tiêu xuống kế hoạch cấp dưới" in html


def test_a_dissolved_town_opens_on_its_last_working_year_not_on_a_later_one(noivu, demo_world):
    """Work recorded after the town's end (here by its former office) does not pull the town's
    default view into a year it no longer counts anything in."""
    town = demo_world["huongtra"]
    assert town.valid_to is not None
    office = demo_world["huongtra-vhtt"]
    later = Activity.objects.filter(unit=office).first()
    later.pk = None
    later.date = dt.date(town.valid_to.year + 1, 11, 29)
    later.save()
    response = noivu.get("/don-vi/huongtra/")
    assert response.context["period"].year <= town.valid_to.year
    assert response.context["figures"], "the default view shows the town's work"


def test_the_quarter_xlsx_carries_the_year_to_date_and_loa_stats_prints_it(canbo):
    response = canbo.get("/don-vi/huongtra-vhtt/bieu-do.xlsx?ky=2022-Q4&loai=kenh")
    ws = load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in ws[3]]
    assert header[3:5] == ["Chỉ tiêu năm", "Thực hiện trong kỳ"] and header[-1].startswith(
        "Lũy kế từ 15/12/2021"
    )
    rows = {r[0]: r for r in ws.iter_rows(min_row=4, values_only=True)}
    expected = {r["channel"]: r for r in stats("huongtra-vhtt", "2022-Q4")["rows"]}
    assert {k: (r[4], r[-1]) for k, r in rows.items()} == {
        k: (e["actual"], e["to_date"]) for k, e in expected.items()
    }
    out = io.StringIO()
    call_command("stats", "huongtra-vhtt", "2022-Q4", stdout=out)
    assert f"lũy kế từ đầu năm: {expected['ORIENTATION']['to_date']}" in out.getvalue()

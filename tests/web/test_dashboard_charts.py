"""Dashboard charts: accessible SVG drawn on the server, XLSX data, and every figure equal to ``loa stats``."""

import io
import json
import re

import pytest
from django.core.management import call_command
from openpyxl import load_workbook


def stats(*args) -> dict:
    out = io.StringIO()
    call_command("stats", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def table_figures(html: str) -> dict[str, tuple[str, str]]:
    """channel → (target, actual) as the figures table shows them."""
    rows = re.findall(
        r'<tr data-channel="([A-Z_]+)">.*?<td class="num">([^<]*)</td>\s*<td class="num actual">(\d+)</td>',
        html,
        re.S,
    )
    return {code: (target.strip(), actual) for code, target, actual in rows}


def labels(html: str, chart_id: str) -> dict[str, str]:
    svg = re.search(rf'<svg id="{chart_id}".*?</svg>', html, re.S).group(0)
    return dict(re.findall(r'class="bar-label" data-key="([^"]+)"[^>]*>([^<]*)<', svg))


@pytest.fixture
def officer(client, demo_world):
    client.login(username="noivu.huongtra", password="Loa@2022")
    return client


def _vn(n: int) -> str:
    """A figure as the page writes it: thousands grouped with dots ("1.000")."""
    return f"{n:,}".replace(",", ".")


@pytest.mark.parametrize(("code", "subtree"), [("huongtra-vhtt", False), ("huongtra", True)])
def test_every_dashboard_figure_matches_loa_stats(officer, code, subtree):
    flag = "1" if subtree else "0"
    html = officer.get(f"/don-vi/{code}/?ky=2022&cap_duoi={flag}").content.decode()
    extra = ["--subtree"] if subtree else []
    by_channel = stats(code, "2022", *extra)
    expected = {
        r["channel"]: ("—" if r["target"] is None else _vn(r["target"]), _vn(r["actual"]))
        for r in by_channel["rows"]
    }
    assert table_figures(html) == expected and expected
    bars = labels(html, "bieu-do-kenh")
    for r in by_channel["rows"]:
        assert bars[r["channel"]].startswith(
            f"{_vn(r['actual'])}/{_vn(r['target'])} (" if r["target"] else f"{_vn(r['actual'])} "
        )
    months = stats(code, "2022", *extra, "--by", "month")
    month_labels = labels(html, "bieu-do-thang")
    assert [int(v) for v in month_labels.values()] == [r["actual"] for r in months["rows"]]
    if subtree:
        units = {r["unit"]: r for r in stats(code, "2022", "--subtree", "--by", "unit")["rows"][1:]}
        ranking = labels(html, "bieu-do-don-vi")
        assert set(ranking) == set(units)
        for key, text in ranking.items():
            completion = units[key]["completion"]
            share = f"{completion}%" if completion is not None else "chưa có chỉ tiêu"
            assert text == f"{share} · {units[key]['actual']} hoạt động"
    else:
        assert 'id="bieu-do-don-vi"' not in html


def test_charts_are_accessible_svg_with_downloads(officer):
    html = officer.get("/don-vi/huongtra/?ky=2022").content.decode()
    for chart_id in ("bieu-do-kenh", "bieu-do-thang", "bieu-do-don-vi"):
        svg = re.search(rf'<svg id="{chart_id}"[^>]*>\s*<title>([^<]+)</title>', html)
        assert svg, chart_id
        assert f'data-chart="{chart_id}"' in html
    assert 'role="img" aria-label="Chỉ tiêu và thực hiện theo hình thức — năm 2022"' in html
    assert "loa/charts.js" in html and "Cách tính" in html


def test_the_refreshed_fragment_carries_the_charts(officer):
    html = officer.get(
        "/don-vi/huongtra/?ky=2022&cap_duoi=1&phan=so-lieu", HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "<html" not in html and 'id="bieu-do-kenh"' in html and 'id="bieu-do-thang"' in html


@pytest.mark.parametrize(
    ("kind", "stem"), [("kenh", "chi-tieu-va-thuc-hien"), ("thang", "xu-huong-theo-thang")]
)
def test_the_xlsx_download_holds_the_chart_figures(officer, kind, stem):
    response = officer.get(f"/don-vi/huongtra-vhtt/bieu-do.xlsx?ky=2022&cap_duoi=0&loai={kind}")
    assert response.status_code == 200
    assert f'filename="{stem}-huongtra-vhtt-2022.xlsx"' in response["Content-Disposition"]
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(min_row=4, values_only=True))
    if kind == "kenh":
        expected = stats("huongtra-vhtt", "2022")["rows"]
        assert [(r[0], r[3], r[4]) for r in rows] == [
            (e["channel"], e["target"], e["actual"]) for e in expected
        ]
    else:
        expected = stats("huongtra-vhtt", "2022", "--by", "month")["rows"]
        assert [r[1] for r in rows] == [e["actual"] for e in expected]


def test_the_ranking_xlsx_matches_and_a_unit_without_units_below_has_none(officer):
    response = officer.get("/don-vi/huongtra/bieu-do.xlsx?ky=2022&loai=don-vi")
    ws = load_workbook(io.BytesIO(response.content)).active
    got = {r[0]: r[2] for r in ws.iter_rows(min_row=4, values_only=True)}
    expected = {
        r["unit"]: r["completion"] for r in stats("huongtra", "2022", "--subtree", "--by", "unit")["rows"][1:]
    }
    assert got == expected
    assert officer.get("/don-vi/huongtra-vhtt/bieu-do.xlsx?ky=2022&loai=don-vi").status_code == 404
    assert officer.get("/don-vi/huongtra-vhtt/bieu-do.xlsx?loai=khac").status_code == 404

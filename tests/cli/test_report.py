"""``loa report``: the demo office's 2022 report reproduces the founding report, in correct form."""

import io
import json

import pytest
from django.core.management import call_command
from docx import Document as Docx

from loa.docgen.check import check_docx
from loa.documents.models import Document


def _vn(n: int) -> str:
    """A figure as the report writes it: two digits below ten ("02"), thousands grouped with dots."""
    return f"{n:02d}" if n < 10 else f"{n:,}".replace(",", ".")


def _text(path) -> str:
    doc = Docx(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(c.text for c in row.cells)
    return "\n".join(parts)


def test_the_demo_report_has_the_founding_reports_sections_citations_and_figures(demo_world, tmp_path):
    out = tmp_path / "bc.docx"
    call_command(
        "report", "huongtra-vhtt", "2022", "--out", str(out), "--date", "21/10/2022", stdout=io.StringIO()
    )
    text = _text(out)
    for expected in (
        "PHÒNG VĂN HOÁ VÀ THÔNG TIN",
        "UBND THỊ XÃ HƯƠNG TRÀ",
        "BÁO CÁO",
        "Công tác tuyên truyền cải cách hành chính năm 2022",
        "Thực hiện Kế hoạch số 4757/KH-UBND ngày 27/12/2021 của UBND thị xã Hương Trà",
        "Công tác chỉ đạo điều hành",
        "Công tác tuyên truyền CCHC",
        "Thống kê",
        "07/KH-VHTT",
        "405/KH-UBND",
        "170/KH-UBND",
        "2243/QĐ-UBND",
        "1406/QĐ-UBND",
        "09-NQ/TU",
        "Tin, bài trên Cổng/Trang thông tin điện tử: 02 tin, bài",
        "01 cụm pano",
        "Phòng Nội vụ thị xã",
        "Lưu: VT, VHTT",
        "TRƯỞNG PHÒNG",
        "Nguyễn Văn Duật",
        "Hương Trà, ngày 21 tháng 10 năm 2022",
    ):
        assert expected in text, expected
    assert text.count("cải cách hành chính (CCHC)") == 1
    assert check_docx(out) == []


def test_issue_takes_297_from_the_register_and_registers_the_report(demo_world_unissued, tmp_path):
    out = tmp_path / "bc.docx"
    call_command(
        "report",
        "huongtra-vhtt",
        "2022",
        "--out",
        str(out),
        "--date",
        "21/10/2022",
        "--issue",
        stdout=io.StringIO(),
    )
    assert "Số: 297/BC-VHTT" in _text(out)
    registered = Document.objects.get(symbol="297/BC-VHTT")
    assert registered.issued_date.isoformat() == "2022-10-21" and registered.register_number == 297


def test_an_issued_period_is_drafted_with_a_note_and_not_issued_twice(demo_world, tmp_path):
    from django.core.management.base import CommandError

    out, err = tmp_path / "bc.docx", io.StringIO()
    call_command("report", "huongtra-vhtt", "2022", "--out", str(out), stdout=io.StringIO(), stderr=err)
    assert "Hương Trà, ngày 21 tháng 10 năm 2022" in _text(out)  # the issued report's date
    assert "đã ban hành số 297/BC-VHTT" in err.getvalue()
    with pytest.raises(CommandError, match="đã ban hành"):
        call_command("report", "huongtra-vhtt", "2022", "--out", str(out), "--issue", stdout=io.StringIO())
    assert Document.objects.filter(kind="BC", issuer_unit__code="huongtra-vhtt").count() == 1


def test_a_unit_without_leader_or_data_still_gets_a_valid_docx_with_warnings(make_unit, tmp_path):
    unit = make_unit('Phòng & <Ban> "Mới"', abbr="PM")
    out = tmp_path / "bc.docx"
    err = io.StringIO()
    call_command("report", unit.code, "2024-Q1", "--out", str(out), stdout=io.StringIO(), stderr=err)
    assert "người ký" in err.getvalue() and "Chưa có hoạt động" in err.getvalue()
    assert "địa danh" in err.getvalue()
    assert "Phòng & <Ban>" in _text(out)


@pytest.mark.parametrize(
    ("unit", "stats_args"),
    [("huongtra-vhtt", []), ("huongtra", ["--subtree"])],
    ids=["office", "town-with-units-below"],
)
def test_the_reports_statistics_match_loa_stats(demo_world, tmp_path, unit, stats_args):
    """Every figure in section 3 of the report is the one `loa stats` prints for the same unit, window
    and subtree: a town reports the units below it, as its dashboard does."""
    out = tmp_path / "bc.docx"
    call_command("report", unit, "2022", "--out", str(out), stdout=io.StringIO(), stderr=io.StringIO())
    text = _text(out)
    stats = io.StringIO()
    call_command("stats", unit, "2022", "--json", *stats_args, stdout=stats)
    rows = json.loads(stats.getvalue())["rows"]
    assert sum(row["actual"] for row in rows) > 0
    for row in rows:
        line = f"{row['name']}: {_vn(row['actual'])} {row['measure']}"
        if row["target"]:
            line += f" (chỉ tiêu kế hoạch: {_vn(row['target'])} {row['measure']}"
        assert line in text, row


def test_the_town_report_equals_the_dashboard_that_adds_the_units_below(demo_world, client, tmp_path):
    out = tmp_path / "bc.docx"
    call_command("report", "huongtra", "2022", "--out", str(out), stdout=io.StringIO(), stderr=io.StringIO())
    text = _text(out)
    assert client.login(username="noivu.huongtra", password="Loa@2022")
    response = client.get("/don-vi/huongtra/?ky=2022")
    assert response.status_code == 200 and response.context["subtree"] is True
    figures = response.context["figures"]
    assert sum(r.actual for r in figures) > 0
    for r in figures:
        assert f"{r.name}: {_vn(r.actual)} {r.measure}" in text, r
    assert "chưa ghi nhận hoạt động" not in text


def test_without_a_date_a_past_period_is_dated_its_last_day(demo_world_unissued, tmp_path):
    out = tmp_path / "bc.docx"
    call_command("report", "huongtra-vhtt", "2022", "--out", str(out), stdout=io.StringIO())
    assert "Hương Trà, ngày 31 tháng 12 năm 2022" in _text(out)
    assert "tính đến ngày" not in _text(out)
    # The office ceased on 30/06/2025: its 2025 report is dated that day and counts up to it.
    call_command(
        "report", "huongtra-vhtt", "2025", "--out", str(out), stdout=io.StringIO(), stderr=io.StringIO()
    )
    text = _text(out)
    assert "Hương Trà, ngày 30 tháng 6 năm 2025" in text
    assert "tính đến ngày 30/06/2025" in text


def test_a_report_dated_after_the_unit_ceased_is_refused(demo_world, tmp_path):
    from django.core.management.base import CommandError

    out = tmp_path / "bc.docx"
    # The same message as in the browser: the service refuses the date, not the command.
    with pytest.raises(CommandError, match="chỉ hoạt động đến 30/06/2025; không lập báo cáo ngày 01/08/2025"):
        call_command(
            "report", "huongtra-vhtt", "2022", "--out", str(out), "--date", "01/08/2025", stdout=io.StringIO()
        )
    assert not out.exists()


def test_a_quarter_annex_has_the_period_and_the_progress_from_the_start_of_the_year(demo_world, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "bc.docx"
    call_command(
        "report",
        "huongtra",
        "2022-Q4",
        "--out",
        str(out),
        "--xlsx",
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    text = _text(out)
    assert "lũy kế từ đầu năm" in text
    sheet = load_workbook(out.with_suffix(".xlsx")).active
    rows = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    radio = next(r for r in rows if r[1] == "Phát thanh, truyền thanh cơ sở")
    assert radio[3] == 500 and 0 < radio[4] < radio[5]


def test_xlsx_also_writes_biểu_02_with_the_catalogues_rows(demo_world, tmp_path):
    from openpyxl import load_workbook

    from loa.plans.models import AnnexRow

    AnnexRow.objects.create(code="PUBLIC_SERVICES", label="Dịch vụ công trực tuyến", sort_order=75)
    out = tmp_path / "bc.docx"
    stdout = io.StringIO()
    call_command(
        "report",
        "huongtra-vhtt",
        "2022",
        "--out",
        str(out),
        "--date",
        "21/10/2022",
        "--xlsx",
        stdout=stdout,
        stderr=io.StringIO(),
    )
    path = tmp_path / "bc-bieu-02.xlsx"
    assert str(path) in stdout.getvalue()
    rows = [r for r in load_workbook(path).active.iter_rows(values_only=True) if isinstance(r[0], int)]
    labels = [r[1] for r in rows]
    assert labels[0] == "Chỉ đạo điều hành" and labels[-1] == "Mô hình, sáng kiến"
    assert labels[labels.index("Chính phủ điện tử, chính phủ số") + 1] == "Dịch vụ công trực tuyến"
    procedures = rows[labels.index("Thủ tục hành chính")]
    assert procedures[2:6] == (1, 0, 1, 7)


def test_a_year_with_2000_activities_still_gives_a_short_valid_report(make_unit, channels, tmp_path):
    import datetime as dt

    from loa.activities.models import Activity

    unit = make_unit(
        "Phòng Văn hoá và Thông tin",
        abbr="VHTT",
        leader_title="TRƯỞNG PHÒNG",
        leader_name="Lê Văn A",
        place_name="Hương Trà",
        report_recipients="Phòng Nội vụ",
    )
    Activity.objects.bulk_create(
        Activity(
            unit=unit,
            date=dt.date(2023, 1, 1) + dt.timedelta(days=i % 340),
            channel=channels["PORTAL"],
            title=f"Tin {i}",
            title_key=f"tin {i}",
        )
        for i in range(2000)
    )
    out = tmp_path / "bc.docx"
    call_command("report", unit.code, "2023", "--window", "calendar", "--out", str(out), stdout=io.StringIO())
    assert "2.000 tin, bài" in _text(out)
    assert check_docx(out) == []


def test_without_libreoffice_the_docx_is_still_delivered_with_a_clear_error(
    demo_world, tmp_path, monkeypatch
):
    from django.core.management.base import CommandError

    monkeypatch.setenv("LOA_SOFFICE", str(tmp_path / "khong-co-soffice"))
    out = tmp_path / "bc.docx"
    try:
        call_command("report", "huongtra-vhtt", "2022", "--out", str(out), "--pdf", stdout=io.StringIO())
    except CommandError as exc:
        assert "LibreOffice" in str(exc) and "DOCX vẫn đã được tạo" in str(exc)
    else:
        raise AssertionError("a missing LibreOffice must be reported")
    assert out.exists() and check_docx(out) == []

"""``loa activities template|import`` and ``loa feeds pull`` from the command line."""

import io

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from loa.activities.models import Activity, Source


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def fill(path, rows):
    wb = openpyxl.load_workbook(path)
    ws = wb["Hoạt động"]
    for row in rows:
        ws.append(row)
    wb.save(path)


@pytest.fixture
def template(tmp_path, make_unit):
    make_unit("Phòng thử CLI", code="cli-vh")
    path = tmp_path / "mau.xlsx"
    assert "Đã ghi mẫu" in run("activities", "template", "cli-vh", "--out", str(path))
    return path


def test_a_filled_template_is_imported_from_the_command_line(template, channels):
    fill(template, [["21/10/2022", channels["PORTAL"].name, "Tin bài CLI", 2]])
    out = run("activities", "import", str(template), "--unit", "cli-vh")
    assert "Đã nhập 1/1 hoạt động" in out
    assert Activity.objects.get(title="Tin bài CLI").source == Source.IMPORT


def test_problems_are_printed_per_row_and_the_command_fails_when_nothing_is_saved(template):
    fill(template, [["21/10/2022", "PORTAL", "Tốt"], ["hôm qua", "PORTAL", "Xấu"]])
    out = io.StringIO()
    with pytest.raises(CommandError, match="không dòng nào được lưu"):
        call_command("activities", "import", str(template), "--unit", "cli-vh", stdout=out)
    assert "Dòng 3, cột Ngày thực hiện: «hôm qua» không phải ngày" in out.getvalue()
    assert not Activity.objects.exists()
    assert "Đã nhập 1/2" in run("activities", "import", str(template), "--unit", "cli-vh", "--only-valid")


def test_dry_run_saves_nothing(template):
    fill(template, [["21/10/2022", "PORTAL", "Tốt"]])
    assert "chưa lưu gì" in run("activities", "import", str(template), "--unit", "cli-vh", "--dry-run")
    assert not Activity.objects.exists()


def test_a_csv_file_gets_one_clear_error(tmp_path, make_unit):
    make_unit(code="cli-csv")
    path = tmp_path / "hoat-dong.csv"
    path.write_text("Ngày thực hiện,Tên hoạt động\n21/10/2022,A\n", encoding="utf-8")
    with pytest.raises(CommandError, match="không phải bảng tính Excel"):
        run("activities", "import", str(path), "--unit", "cli-csv")


def test_feeds_pull_reports_what_it_did(db):
    assert "Đã đọc 0 nguồn tin: 0 tin mới" in run("feeds", "pull")


def test_importing_the_same_file_again_skips_the_duplicates_unless_kept(template, channels):
    fill(template, [["21/10/2022", channels["PORTAL"].name, "Tin bài CLI", 2]])
    assert "Đã nhập 1/1" in run("activities", "import", str(template), "--unit", "cli-vh")
    out = run("activities", "import", str(template), "--unit", "cli-vh")
    assert "Dòng 2: Trùng với hoạt động đã ghi nhận ngày 21/10/2022" in out
    assert "Bỏ qua 1 dòng trùng (dùng --keep-duplicates" in out and "Đã nhập 0/1" in out
    assert Activity.objects.count() == 1
    out = run("activities", "import", str(template), "--unit", "cli-vh", "--keep-duplicates")
    assert "Vẫn nhập." in out and "Đã nhập 1/1" in out
    assert Activity.objects.count() == 2

"""Commands that write act as someone: ``--as USERNAME`` (checked and audited as that user), or the
command line's system actor, audited under its own name — never nobody."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from loa.activities.models import Activity
from loa.core.actors import SYSTEM_CLI, SYSTEM_FEEDS
from loa.core.models import AuditEvent
from loa.documents.models import Document
from loa.reporting.models import Report

EXAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "examples"
FOUNDING = str(EXAMPLES / "docs" / "000.txt")


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.fixture
def filled(tmp_path, make_unit, channels):
    """A unit, another unit, and an Excel file of one activity for the first."""
    unit = make_unit("Phòng thử quyền", code="quyen-vh")
    make_unit("Phòng khác", code="quyen-khac")
    path = tmp_path / "mau.xlsx"
    run("activities", "template", "quyen-vh", "--out", str(path))
    wb = openpyxl.load_workbook(path)
    wb["Hoạt động"].append(["21/10/2022", channels["PORTAL"].name, "Tin bài có người làm", 1])
    wb.save(path)
    return unit, path


def test_without_as_the_import_is_audited_under_the_command_lines_name(filled):
    unit, path = filled
    run("activities", "import", str(path), "--unit", unit.code)
    event = AuditEvent.objects.filter(verb__startswith="activit").latest("id")
    assert event.actor_name == SYSTEM_CLI.name and event.actor_id is None


def test_as_an_officer_of_the_unit_the_import_is_theirs(filled, make_user):
    unit, path = filled
    officer = make_user(unit, "officer", username="canbo.quyen")
    out = run("activities", "import", str(path), "--unit", unit.code, "--as", "canbo.quyen")
    assert "Đã nhập 1/1" in out
    event = AuditEvent.objects.filter(verb__startswith="activit").latest("id")
    assert event.actor_name == "canbo.quyen" and event.actor_id == officer.pk


def test_as_a_user_of_another_unit_the_import_is_refused_and_nothing_is_saved(filled, make_user):
    unit, path = filled
    from loa.organizations.models import Unit

    make_user(Unit.objects.get(code="quyen-khac"), "officer", username="canbo.khac")
    with pytest.raises(CommandError, match="không có quyền"):
        run("activities", "import", str(path), "--unit", unit.code, "--as", "canbo.khac")
    assert not Activity.objects.exists()


def test_an_unknown_or_locked_user_is_named_in_vietnamese(filled, make_user):
    unit, path = filled
    with pytest.raises(CommandError, match="Không có người dùng “ai-do”"):
        run("activities", "import", str(path), "--unit", unit.code, "--as", "ai-do")
    make_user(unit, "officer", username="da.nghi", is_active=False)
    with pytest.raises(CommandError, match="đã bị khoá"):
        run("activities", "import", str(path), "--unit", unit.code, "--as", "da.nghi")
    assert not Activity.objects.exists()


def test_a_report_as_a_user_without_rights_is_refused_and_no_draft_is_written(demo_world, tmp_path):
    """The centre's officer may not draft the office's report (2023: the demo issued 2022's)."""
    out = tmp_path / "bc.docx"
    with pytest.raises(CommandError, match="không có quyền"):
        run("report", "huongtra-vhtt", "2023", "--out", str(out), "--as", "canbo.ttvhtt")
    assert not Report.objects.filter(unit__code="huongtra-vhtt", period="2023").exists()
    assert not out.exists()


def test_a_report_as_the_units_officer_is_drafted_and_audited_under_them(demo_world, tmp_path):
    out = tmp_path / "bc.docx"
    run("report", "huongtra-vhtt", "2023", "--out", str(out), "--as", "canbo.vhtt")
    assert out.exists()
    event = AuditEvent.objects.filter(verb="report.open").latest("id")
    assert event.actor_name == "canbo.vhtt"


def test_issuing_as_an_officer_stops_at_the_leaders_approval(demo_world, tmp_path):
    """An officer may draft and submit, not approve: no number is taken, no file is written."""
    out = tmp_path / "bc.docx"
    issued = Report.objects.filter(status="issued").count()
    with pytest.raises(CommandError, match="không có quyền"):
        run("report", "huongtra-vhtt", "2023", "--out", str(out), "--issue", "--as", "canbo.vhtt")
    assert Report.objects.filter(status="issued").count() == issued
    assert not out.exists()


def test_ingest_for_a_unit_as_a_user_without_rights_registers_nothing(demo_world):
    before = Document.objects.count()
    with pytest.raises(CommandError):
        run("ingest", FOUNDING, "--commit", "--unit", "huongtra-vhtt", "--as", "canbo.ttvhtt")
    assert Document.objects.count() == before


def test_ingest_as_the_units_clerk_is_audited_under_the_clerk(demo_world):
    run("ingest", FOUNDING, "--commit", "--unit", "huongtra-vhtt", "--as", "vanthu.vhtt")
    assert AuditEvent.objects.filter(actor_name="vanthu.vhtt").exists()
    assert not AuditEvent.objects.filter(actor_name=SYSTEM_CLI.name, verb__startswith="document").exists()


def test_statistics_as_a_user_of_another_unit_are_refused(demo_world):
    with pytest.raises(CommandError, match="không có quyền"):
        run("stats", "huongtra-vhtt", "2022", "--as", "canbo.ttvhtt")
    assert "Phòng Văn hoá" in run("stats", "huongtra-vhtt", "2022", "--as", "canbo.vhtt")


def test_the_hourly_feed_pull_acts_as_the_feeds_system_actor_and_as_reads_only_the_users_feeds(
    make_unit, make_user
):
    from loa.activities.feeds import feeds_pull
    from loa.activities.models import Feed

    mine, theirs = make_unit(), make_unit()
    officer = make_user(mine, "officer")
    Feed.objects.create(unit=mine, url="http://127.0.0.1:9/mine.rss")
    Feed.objects.create(unit=theirs, url="http://127.0.0.1:9/theirs.rss")
    assert feeds_pull(actor=officer, timeout=0.2).feeds == 1
    assert feeds_pull(timeout=0.2).feeds == 2  # the default actor is SYSTEM_FEEDS
    assert feeds_pull(actor=SYSTEM_FEEDS, timeout=0.2).feeds == 2
    out = run("feeds", "pull", "--timeout", "0.2", "--as", officer.username)
    assert "Đã đọc 1 nguồn tin" in out
    with pytest.raises(CommandError, match="Không có người dùng"):
        run("feeds", "pull", "--as", "khong-ai")


def test_the_loa_script_reports_an_unknown_user_without_a_traceback(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "loa.config.settings",
        "LOA_SECRET_KEY": "acting-as-test-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "LOA_VAR_DIR": str(tmp_path / "var"),
        "LOA_DATABASE_URL": f"sqlite:///{tmp_path / 'var' / 'loa.sqlite3'}",
    }
    (tmp_path / "var").mkdir()

    def loa(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "loa.cli.main", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            cwd=tmp_path,
        )

    assert loa("migrate", "-v", "0").returncode == 0
    result = loa("feeds", "pull", "--as", "khong-ai")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "Không có người dùng “khong-ai”" in result.stderr

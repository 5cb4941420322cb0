"""First contact with a fresh machine: the ``loa`` script on a database without tables."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def _loa(tmp_path: Path, *args: str, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "loa.config.settings",
        "LOA_SECRET_KEY": "first-contact-test-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "LOA_VAR_DIR": str(tmp_path / "var"),
        "LOA_DATABASE_URL": f"sqlite:///{tmp_path / 'var' / 'loa.sqlite3'}",
    }
    (tmp_path / "var").mkdir(exist_ok=True)
    return subprocess.run(
        [sys.executable, "-m", "loa.cli.main", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=tmp_path,
    )


def test_a_command_on_an_empty_database_says_to_migrate_in_vietnamese(tmp_path):
    result = _loa(tmp_path, "stats", "huongtra-vhtt", "2022", "--json")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "Chạy `loa migrate` trước" in result.stderr


def test_a_half_migrated_database_is_named_as_such(tmp_path):
    assert _loa(tmp_path, "migrate", "organizations", "0001", "-v", "0").returncode == 0
    result = _loa(tmp_path, "report", "huongtra-vhtt", "2022", "--out", str(tmp_path / "bc.docx"))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "chưa cập nhật" in result.stderr and "loa migrate" in result.stderr


def test_demo_on_an_empty_database_migrates_it_first(tmp_path):
    result = _loa(tmp_path, "demo")
    assert result.returncode == 0, result.stderr
    assert "đang tạo bảng" in result.stdout
    assert "Đã nạp dữ liệu mẫu" in result.stdout
    stats = _loa(tmp_path, "stats", "huongtra-vhtt", "2022", "--json")
    assert stats.returncode == 0, stats.stderr
    assert '"channel"' in stats.stdout or "channel" in stats.stdout


def test_an_unreachable_database_is_explained_without_a_traceback(tmp_path):
    env_url = "postgres://nobody@127.0.0.1:1/none"
    result = subprocess.run(
        [sys.executable, "-m", "loa.cli.main", "stats", "huongtra-vhtt", "2022"],
        env={
            **os.environ,
            "LOA_DATABASE_URL": env_url,
            "LOA_SECRET_KEY": "x" * 50,
            "LOA_VAR_DIR": str(tmp_path),
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "Không kết nối được cơ sở dữ liệu" in result.stderr

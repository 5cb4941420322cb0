"""``loa ingest FILE... --commit``: read every file, then register the batch all or nothing."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from loa.documents.models import Document

EXAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "examples"
FOUNDING = str(EXAMPLES / "docs" / "000.txt")
DOCX = str(EXAMPLES / "files" / "029.docx")


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("ingest", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_commit_registers_the_report_and_stubs_its_unknown_citations(db):
    out, _ = run(FOUNDING, "--commit", "--json")
    payload = json.loads(out)
    assert [d["symbol"] for d in payload["created"]] == ["297/BC-VHTT"]
    assert len(payload["stubs"]) == 7 and payload["citations"] == 7
    assert Document.objects.get(symbol="297/BC-VHTT").file.name.endswith(".txt")


def test_commit_prints_a_vietnamese_summary_and_merges_a_second_run(db):
    out, _ = run(FOUNDING, "--commit")
    assert "Văn bản mới vào sổ: 1" in out and "297/BC-VHTT" in out
    again, _ = run(FOUNDING, "--commit")
    assert "Văn bản đã có trong sổ (gộp, không tạo trùng): 1" in again
    assert Document.objects.filter(symbol="297/BC-VHTT").count() == 1


def test_one_unreadable_file_means_nothing_is_committed(db, tmp_path):
    bad = tmp_path / "hong.docx"
    bad.write_bytes(b"not a zip")
    out = io.StringIO()
    err = io.StringIO()
    with pytest.raises(CommandError, match="Không vào sổ"):
        call_command("ingest", FOUNDING, DOCX, str(bad), "--commit", "--json", stdout=out, stderr=err)
    assert Document.objects.count() == 0
    [error] = json.loads(out.getvalue())["errors"]
    assert error["file"] == str(bad) and error["error"]["message"]
    assert "hong.docx" in err.getvalue()


def test_the_loa_script_sends_commit_to_the_management_command(db, monkeypatch):
    from loa.cli import main as cli_main

    called = {}
    monkeypatch.setattr(
        "django.core.management.execute_from_command_line", lambda argv: called.setdefault("argv", argv)
    )
    assert cli_main.main(["loa", "ingest", FOUNDING, "--commit"]) == 0
    assert called["argv"][1:] == ["ingest", FOUNDING, "--commit"]

"""``loa ingest FILE... --json``: one object for one file, a list for several, errors in place."""

from __future__ import annotations

import io
import json
from pathlib import Path

from loa.ingest.cli import main

from .conftest import INVALID, VALID


def test_one_file_prints_one_record() -> None:
    out = io.StringIO()
    code = main([str(VALID / "ttr_damaged.txt"), "--json"], out=out)
    record = json.loads(out.getvalue())
    assert code == 0
    assert record["symbol"] == "67/TTr-UBND"
    assert "Ủy ban" in out.getvalue()  # ensure_ascii=False


def test_failed_file_is_reported_and_others_still_processed(tmp_path: Path) -> None:
    """A broken file gives {"file", "error": {"code", "message"}}, the exit code is 1 at the end."""
    out = io.StringIO()
    files = [str(INVALID / "junk.docx"), str(VALID / "cv_multi_addressees.txt")]
    code = main([*files, "--json"], out=out)
    payload = json.loads(out.getvalue())
    assert code == 1
    assert payload[0]["file"] == files[0]
    assert payload[0]["error"]["code"] == "ingest.corrupt"
    assert "hỏng" in payload[0]["error"]["message"]
    assert payload[1]["symbol"] == "1025/SNV-CCHC"


def test_human_output_names_fields_in_vietnamese() -> None:
    out = io.StringIO()
    assert main([str(VALID / "tb_old_tone.txt")], out=out) == 0
    assert "Số, ký hiệu: 08/TB-TTVH" in out.getvalue()

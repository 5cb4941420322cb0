"""The one LibreOffice runner: found, stopped at its timeout, and its failures said in Vietnamese.

The failure paths run small shell scripts standing in for ``soffice`` through ``LOA_SOFFICE``;
the last test converts a real file with the real LibreOffice.
"""

from __future__ import annotations

import shutil
import stat
import time
from pathlib import Path

import pytest

from loa.core import office
from loa.core.errors import ExternalToolError


def _script(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "fake-soffice"
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


def _running(pid: int) -> bool:
    """True while ``pid`` runs; a killed child not yet reaped by its new parent is a zombie, not running."""
    for _ in range(20):
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (FileNotFoundError, ProcessLookupError):
            return False
        if state == "Z":
            return False
        time.sleep(0.1)
    return True


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "van-ban.docx"
    path.write_bytes(b"PK")
    return path


def test_a_missing_program_says_what_to_install(monkeypatch, tmp_path, source):
    monkeypatch.setenv("LOA_SOFFICE", str(tmp_path / "khong-co-soffice"))
    with pytest.raises(office.OfficeMissing) as info:
        office.convert(source, outdir=tmp_path / "out")
    assert isinstance(info.value, ExternalToolError)
    assert info.value.code == "office.missing"
    assert "Không tìm thấy LibreOffice" in info.value.message
    assert "libreoffice-writer-nogui" in info.value.message


def test_without_soffice_on_the_path_the_program_is_missing(monkeypatch, tmp_path):
    monkeypatch.delenv("LOA_SOFFICE", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(office.OfficeMissing) as info:
        office.find_soffice()
    assert info.value.message.startswith("Không tìm thấy LibreOffice (soffice).")


def test_a_hung_program_is_stopped_at_the_timeout_with_its_children(monkeypatch, tmp_path, source):
    marker = str(tmp_path / "hung")
    # The script and a child it started both hang: the whole process group must be stopped. (Inside
    # a process namespace their own pids mean nothing here, so they are found by a marker argument.)
    body = f'sh -c "sleep 30; : {marker}" &\nsh -c "sleep 30; : {marker}"'
    monkeypatch.setenv("LOA_SOFFICE", str(_script(tmp_path, body)))
    started = time.monotonic()
    with pytest.raises(office.OfficeTimeout) as info:
        office.convert(source, outdir=tmp_path / "out", timeout=1)
    assert time.monotonic() - started < 10
    assert info.value.code == "office.timeout"
    assert info.value.message == "LibreOffice không chuyển đổi xong sau 1 giây; đã dừng tiến trình."
    assert not [pid for pid in _with_marker(marker) if _running(pid)]


def _with_marker(marker: str) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and marker.encode() in (entry / "cmdline").read_bytes():
                pids.append(int(entry.name))
        except OSError:
            continue
    return pids


def test_an_error_exit_reports_the_programs_last_words(monkeypatch, tmp_path, source):
    monkeypatch.setenv("LOA_SOFFICE", str(_script(tmp_path, "echo 'Error: could not be loaded' >&2\nexit 3")))
    with pytest.raises(office.OfficeFailed) as info:
        office.convert(source, outdir=tmp_path / "out")
    assert info.value.message == "LibreOffice báo lỗi khi chuyển đổi: Error: could not be loaded"


def test_a_clean_exit_without_the_output_file_is_an_error(monkeypatch, tmp_path, source):
    monkeypatch.setenv("LOA_SOFFICE", str(_script(tmp_path, "exit 0")))
    with pytest.raises(office.OfficeNoOutput) as info:
        office.convert(source, to="pdf:writer_pdf_Export", outdir=tmp_path / "out")
    assert info.value.message.startswith("LibreOffice không tạo được tệp PDF từ “van-ban.docx”")


def test_every_run_gets_its_own_profile_and_the_requested_arguments(monkeypatch, tmp_path, source):
    args = tmp_path / "args"
    # Stand-in that records its arguments and writes the output LibreOffice would write.
    body = (
        f'printf "%s\\n" "$@" > {args}\n'
        'while [ "$1" != "--outdir" ]; do shift; done\n'
        'out="$2"; shift 2\n'
        'for f in "$@"; do b=$(basename "$f"); echo x > "$out/${b%.*}.docx"; done'
    )
    monkeypatch.setenv("LOA_SOFFICE", str(_script(tmp_path, body)))
    outputs = office.convert(
        source, to="docx:MS Word 2007 XML", outdir=tmp_path / "out", infilter="HTML (StarWriter)"
    )
    assert outputs == [tmp_path / "out" / "van-ban.docx"]
    recorded = args.read_text().splitlines()
    first_profile = next(a for a in recorded if a.startswith("-env:UserInstallation=file://"))
    assert "--headless" in recorded and "--infilter=HTML (StarWriter)" in recorded
    assert recorded[recorded.index("--convert-to") + 1] == "docx:MS Word 2007 XML"
    office.convert(source, to="docx", outdir=tmp_path / "out")
    second_profile = next(a for a in args.read_text().splitlines() if a.startswith("-env:"))
    assert first_profile != second_profile
    assert not Path(first_profile.split("file://", 1)[1]).exists(), "the profile is thrown away"


def test_real_libreoffice_converts_a_text_file_to_pdf(tmp_path):
    if shutil.which("soffice") is None and shutil.which("libreoffice") is None:
        pytest.fail("LibreOffice is required: apt-get install libreoffice-writer-nogui", pytrace=False)
    text = tmp_path / "thu.txt"
    text.write_text("Báo cáo công tác tuyên truyền cải cách hành chính.\n", encoding="utf-8")
    (pdf,) = office.convert(text, to="pdf", outdir=tmp_path / "out", timeout=120)
    assert pdf == tmp_path / "out" / "thu.pdf" and pdf.read_bytes().startswith(b"%PDF")


def test_every_libreoffice_process_runs_under_the_memory_ceiling(monkeypatch, tmp_path, source):
    """The ceiling is set before exec, so soffice.bin and its helpers inherit it (read back here from
    the stand-in's own limits)."""
    seen = tmp_path / "limit"
    fake = _script(tmp_path, f'ulimit -v > "{seen}"; exit 0')
    monkeypatch.setenv("LOA_SOFFICE", str(fake))
    monkeypatch.setenv("LOA_OFFICE_MEMORY_MB", "700")
    with pytest.raises(ExternalToolError):  # the stand-in writes no output file
        office.convert(source, to="pdf", outdir=tmp_path / "out", timeout=30)
    assert seen.read_text().strip() == str(700 * 1024)  # ulimit -v counts KB


@pytest.mark.parametrize(("value", "mb"), [("", 1536), ("abc", 1536), ("10", 256), ("4096", 4096)])
def test_the_memory_ceiling_is_read_from_the_environment_with_a_floor(monkeypatch, value, mb):
    """A typo falls back to the default; a ceiling too low for LibreOffice to start is raised to 256 MB."""
    monkeypatch.setenv("LOA_OFFICE_MEMORY_MB", value)
    assert office.memory_limit_mb() == mb

"""The budget for heavy work on one file: a child process stopped whole at its deadline or memory limit."""

from __future__ import annotations

import os
import pickle
import subprocess
import time
from pathlib import Path

import pytest

from loa.core.budget import BudgetExceeded, run_with_budget
from loa.core.errors import ValidationError


def _alive(pid: int) -> bool:
    for _ in range(20):
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (FileNotFoundError, ProcessLookupError):
            return False
        if state == "Z":
            return False
        time.sleep(0.1)
    return True


def _double(x: int, *, plus: int = 0) -> int:
    return 2 * x + plus


def _refuse() -> None:
    raise ValidationError("Tệp không hợp lệ.", code="test.refused", file="a.docx")


def _allocate(mb: int) -> int:
    block = bytearray(mb * 1024 * 1024)
    return len(block)


def _hang_with_helper(pidfile: str) -> None:
    helper = subprocess.Popen(["sleep", "120"])
    Path(pidfile).write_text(str(helper.pid))
    time.sleep(120)


def _crash() -> None:
    os._exit(3)


def test_result_and_domain_errors_come_back_from_the_child():
    assert run_with_budget(_double, 20, plus=2) == 42
    with pytest.raises(ValidationError) as caught:
        run_with_budget(_refuse)
    assert caught.value.code == "test.refused"
    assert caught.value.context == {"file": "a.docx"}


def test_time_budget_stops_the_child_and_everything_it_started(tmp_path):
    pidfile = tmp_path / "helper.pid"
    started = time.monotonic()
    with pytest.raises(BudgetExceeded) as caught:
        run_with_budget(_hang_with_helper, str(pidfile), seconds=1.5, what="bao-cao.docx")
    assert time.monotonic() - started < 10
    assert caught.value.code == "core.budget_exceeded"
    assert caught.value.context["reason"] == "time"
    assert "Tệp «bao-cao.docx» quá lớn hoặc quá phức tạp để đọc" in caught.value.message
    assert "1.5 giây" in caught.value.message
    helper = int(pidfile.read_text())
    assert not _alive(helper), "the helper the child started was left running"


def test_memory_budget_refuses_with_a_vietnamese_message():
    with pytest.raises(BudgetExceeded) as caught:
        run_with_budget(_allocate, 400, memory_mb=100, what="lon.xlsx")
    assert caught.value.context["reason"] == "memory"
    assert "cần hơn 100 MB bộ nhớ" in caught.value.message
    # The same work fits a larger budget: the limit is per call, not left on the parent.
    assert run_with_budget(_allocate, 50, memory_mb=300) == 50 * 1024 * 1024
    assert _allocate(400) == 400 * 1024 * 1024


def test_a_child_that_dies_gives_the_budget_error_not_a_crash():
    with pytest.raises(BudgetExceeded) as caught:
        run_with_budget(_crash)
    assert caught.value.context["reason"] == "crash"


def _leave_temporary_files_and_hang() -> None:
    import tempfile

    folder = tempfile.mkdtemp(prefix="reste-")
    Path(folder, "page-1.png").write_bytes(b"x" * 1000)
    time.sleep(60)


def test_the_childs_temporary_files_are_removed_even_when_it_is_killed(tmp_path, monkeypatch):
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with pytest.raises(BudgetExceeded):
        run_with_budget(_leave_temporary_files_and_hang, seconds=1)
    assert list(tmp_path.iterdir()) == []


def _convert_slowly(source: str, outdir: str) -> None:
    from loa.core import office

    office.convert(Path(source), to="pdf", outdir=Path(outdir), timeout=120)


def test_libreoffice_started_by_a_killed_child_dies_with_it(tmp_path):
    source = tmp_path / "dai.txt"
    source.write_text("Dòng văn bản dài.\n" * 200_000, encoding="utf-8")
    with pytest.raises(BudgetExceeded):
        run_with_budget(_convert_slowly, str(source), str(tmp_path / "out"), seconds=3)
    time.sleep(1)
    leftovers = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and b"loa-budget-" in (entry / "cmdline").read_bytes():
                leftovers.append(int(entry.name))
        except OSError:
            continue
    assert [pid for pid in leftovers if _alive(pid)] == [], "soffice.bin outlived the budget"


def _size_at_start() -> int:
    from loa.core.budget import _vsize

    return _vsize()


def test_a_parent_grown_large_still_gets_a_child_with_a_tight_limit():
    """A long-running worker that holds much memory starts each file's child from the fork server:
    the child's size (the base of its limit) is a fresh interpreter's, not the worker's, and the
    limit holds although the parent could have lent it hundreds of megabytes."""
    from loa.core.budget import _vsize

    held = bytearray(600 * 1024 * 1024)  # the worker after a few big files
    try:
        parent = _vsize()
        child = run_with_budget(_size_at_start)
        assert child < parent - 500 * 1024 * 1024, (child, parent)
        with pytest.raises(BudgetExceeded) as caught:
            run_with_budget(_allocate, 300, memory_mb=100, what="lon.xlsx")
        assert caught.value.context["reason"] == "memory"
    finally:
        del held


def _count_to(n: int) -> int:
    from loa.core.budget import report_progress

    for i in range(1, n + 1):
        report_progress(i, n)
    return n


def test_progress_reported_by_the_child_reaches_the_parent():
    seen: list[tuple[int, int]] = []
    assert run_with_budget(_count_to, 5, on_progress=lambda done, total: seen.append((done, total))) == 5
    assert seen == [(1, 5), (2, 5), (3, 5), (4, 5), (5, 5)]
    assert _count_to(3) == 3  # outside a budgeted child, reporting does nothing


def test_a_function_defined_inside_another_is_refused_before_any_child_starts():
    def local() -> int:
        return 1

    with pytest.raises((AttributeError, TypeError, pickle.PicklingError)):
        run_with_budget(local)

"""The repository stands alone: no code, test or benchmark reads a path outside it."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCANNED = ("src", "tests", "bench", "scripts")
# Absolute paths that name a system component, not data: the browser, temp files, devices.
ALLOWED_ABSOLUTE = ("/usr/bin/", "/usr/share/", "/tmp", "/dev/", "/etc/postgresql", "/proc")
_ABSOLUTE = re.compile(r"""["'](/(?:work|home|root|srv|opt|mnt|var|usr|etc|tmp|dev|proc)\b[^"']*)["']""")
_PARENTS = re.compile(r"""parents\[(\d+)\]((?:\.parent)*)""")
_SHARED = re.compile(r"""["']shared["']|["'][^"'\s]*\.\./shared""")


def _sources() -> list[Path]:
    files = []
    for top in SCANNED:
        base = ROOT / top
        files += [p for p in base.rglob("*") if p.suffix in {".py", ".sh"} and "fixtures" not in p.parts]
    return files


def test_the_scan_sees_the_tree() -> None:
    assert len(_sources()) > 100


def test_no_path_leaves_the_repository() -> None:
    problems = []
    for path in _sources():
        depth = len(path.relative_to(ROOT).parts) - 1  # parents[depth] is the repository root
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if path.name == Path(__file__).name:
                continue
            where = f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
            for m in _PARENTS.finditer(line):
                if int(m.group(1)) + m.group(2).count(".parent") > depth:
                    problems.append(where)
            for m in _ABSOLUTE.finditer(line):
                if not m.group(1).startswith(ALLOWED_ABSOLUTE):
                    problems.append(where)
            code = line.split("#", 1)[0]
            if _SHARED.search(code) and "docx.shared" not in code:
                problems.append(where)
    assert not problems, "Đường dẫn ra ngoài kho mã:\n" + "\n".join(problems)


def test_tests_do_not_import_the_benchmarks() -> None:
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "tests").rglob("*.py")
        if p.name != Path(__file__).name
        and re.search(
            r"^\s*(from|import)\s+(bench|ingest_accuracy|_harness)\b|\"bench\"",
            p.read_text(encoding="utf-8"),
            re.M,
        )
    ]
    assert not offenders, offenders


def test_the_examples_the_tests_use_are_in_the_repository() -> None:
    examples = ROOT / "tests" / "fixtures" / "examples"
    assert (examples / "docs" / "000.txt").exists()
    docs = sorted(p.stem for p in (examples / "docs").glob("*.txt"))
    truths = sorted(p.stem for p in (examples / "truth").glob("*.json"))
    assert docs and docs == truths

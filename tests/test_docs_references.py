"""Docstrings, comments, ADRs and guides name code that exists.

A rename or a move leaves the prose behind it telling a reader about a function or module that is
gone. This walk finds every dotted name ``loa.<package>.…`` written in the source, the tests, the
docs and the README, and imports it: a name that no longer resolves fails here with the file
that still names it.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import loa

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = {m.name for m in pkgutil.iter_modules(loa.__path__)}
NAME = re.compile(r"\bloa(?:\.[A-Za-z_][A-Za-z0-9_]*)+")


def _texts():
    sources = [p for p in (ROOT / "src" / "loa").rglob("*.py") if "migrations" not in p.parts]
    sources += list((ROOT / "tests").rglob("*.py"))
    sources += [*(ROOT / "docs").rglob("*.md"), ROOT / "README.md"]
    for path in sources:
        yield path, path.read_text(encoding="utf-8")


def _resolves(name: str) -> bool:
    parts = name.split(".")
    for i in range(len(parts), 1, -1):
        try:
            obj = importlib.import_module(".".join(parts[:i]))
        except ImportError:
            continue
        for attr in parts[i:]:
            if not hasattr(obj, attr):
                return False
            obj = getattr(obj, attr)
        return True
    return False


def test_every_named_loa_object_exists():
    missing = []
    for path, text in _texts():
        for match in NAME.finditer(text):
            name = match.group(0)
            parts = name.split(".")
            if parts[1] not in PACKAGES or parts[-1] in {"py", "md", "html"}:
                continue  # an error code ("loa.not_found") or a file name, not a dotted import path
            if text[max(0, match.start() - 1)] in "/-":
                continue  # part of a path or a command line
            if not _resolves(name):
                missing.append(f"{path.relative_to(ROOT)}: {name}")
    assert not missing, "\n".join(sorted(set(missing)))


def test_the_walk_reads_names():
    found = {m.group(0) for _, text in _texts() for m in NAME.finditer(text)}
    assert "loa.organizations.access" in found and len(found) > 50

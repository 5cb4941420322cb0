"""The parser against every real example (texts and original files) and its truth record."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from loa.ingest import ingest_file
from loa.ingest.accuracy import SCALAR_FIELDS, Tally, field_ok, run, score

from .conftest import EXAMPLES, require_soffice

CASES = [
    *((p.name, p) for p in sorted((EXAMPLES / "docs").glob("*.txt"))),
    *(
        (p.name, p)
        for p in sorted((EXAMPLES / "files").glob("*"))
        if (EXAMPLES / "truth" / f"{p.stem}.json").exists()
    ),
]


def _truth(path: Path) -> dict[str, Any]:
    return json.loads((EXAMPLES / "truth" / f"{path.stem}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def records() -> dict[str, dict[str, Any]]:
    if any(p.suffix == ".doc" for _, p in CASES):
        require_soffice()
    return {name: ingest_file(path).record for name, path in CASES}


@pytest.mark.parametrize(("name", "path"), CASES, ids=[c[0] for c in CASES])
def test_example_fields_match_truth(name: str, path: Path, records: dict[str, dict[str, Any]]) -> None:
    """Every field of every example equals its truth under the README's comparison rules."""
    got, want = records[name], _truth(path)
    wrong = [
        f"{k}: {got.get(k)!r} ≠ {want.get(k)!r}"
        for k in SCALAR_FIELDS
        if not field_ok(k, got.get(k), want.get(k))
    ]
    assert not wrong, "\n".join(wrong)
    tally = Tally()
    score(name, got, want, tally)
    assert tally.f1("cit") == 1.0, tally.errors
    assert tally.f1("rec") == 1.0, tally.errors
    assert tally.f1("stat") == 1.0, tally.errors


def test_summary_accuracy_meets_goal() -> None:
    """Field accuracy and citation F1 over all examples stay at or above 0.95."""
    require_soffice()
    _, summary = run(EXAMPLES)
    assert summary["field_accuracy"] >= 0.95, summary
    assert summary["citation_f1"] >= 0.95, summary
    assert summary["recipients_f1"] >= 0.9, summary
    assert summary["statistics_f1"] >= 0.8, summary

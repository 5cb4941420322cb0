"""Scoring of ingest records against truth records, shared by the accuracy benchmark and the tests.

A field is right when it equals the truth after NFC, case folding, whitespace collapsing and
old/new tone placement; ``title`` may differ by a small edit distance; citations, recipients and
statistics are scored as sets (micro-averaged F1), statistics matched on quantity and unit.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from loa.core.vn import caseless
from loa.ingest.parse import RECORD_KEYS

# Every record field scored by exact match; the three lists are scored as sets (F1) below.
SCALAR_FIELDS = tuple(k for k in RECORD_KEYS if k not in {"cited_documents", "recipients", "statistics"})
CITATION_DETAIL = ("doc_type", "date", "issuer")


def norm(value: Any) -> Any:
    """Comparison form of a field value."""
    if isinstance(value, str):
        return caseless(value)
    if isinstance(value, list):
        return sorted(norm(v) for v in value) if value else None
    if isinstance(value, dict):
        return {k: norm(v) for k, v in value.items()}
    return value


def edit_distance(a: str, b: str) -> int:
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def field_ok(name: str, got: Any, want: Any) -> bool:
    if name == "title" and isinstance(got, str) and isinstance(want, str):
        g, w = caseless(got), caseless(want)
        return edit_distance(g, w) <= max(3, len(w) // 20)
    return norm(got) == norm(want)


@dataclass
class Tally:
    """Running totals for one scoring run."""

    fields: Counter[str] = field(default_factory=Counter)
    fields_total: Counter[str] = field(default_factory=Counter)
    sets: dict[str, list[int]] = field(default_factory=lambda: {k: [0, 0, 0] for k in ("cit", "rec", "stat")})
    cit_detail: Counter[str] = field(default_factory=Counter)
    cit_matched: int = 0
    errors: list[str] = field(default_factory=list)

    def add_set(self, key: str, got: Counter[Any], want: Counter[Any]) -> None:
        tp = sum((got & want).values())
        self.sets[key][0] += tp
        self.sets[key][1] += sum(got.values()) - tp
        self.sets[key][2] += sum(want.values()) - tp

    def f1(self, key: str) -> float:
        tp, fp, fn = self.sets[key]
        return 1.0 if tp + fp + fn == 0 else 2 * tp / (2 * tp + fp + fn)

    @property
    def field_accuracy(self) -> float:
        return sum(self.fields.values()) / max(1, sum(self.fields_total.values()))


def score(name: str, got: dict[str, Any], want: dict[str, Any], tally: Tally) -> None:
    for key in SCALAR_FIELDS:
        tally.fields_total[key] += 1
        if field_ok(key, got.get(key), want.get(key)):
            tally.fields[key] += 1
        else:
            tally.errors.append(f"{name}: {key}: got {got.get(key)!r}, want {want.get(key)!r}")
    got_c = {caseless(c["symbol"]): c for c in got.get("cited_documents") or []}
    want_c = {caseless(c["symbol"]): c for c in want.get("cited_documents") or []}
    tally.add_set("cit", Counter(got_c.keys()), Counter(want_c.keys()))
    for key in set(got_c) ^ set(want_c):
        side = "extra" if key in got_c else "missing"
        tally.errors.append(f"{name}: citation {side}: {(got_c.get(key) or want_c.get(key))!r}")
    for key in set(got_c) & set(want_c):
        tally.cit_matched += 1
        for part in CITATION_DETAIL:
            if norm(got_c[key].get(part)) == norm(want_c[key].get(part)):
                tally.cit_detail[part] += 1
            else:
                tally.errors.append(
                    f"{name}: citation {key} {part}: got {got_c[key].get(part)!r}, want {want_c[key].get(part)!r}"
                )
    got_r = Counter(caseless(r) for r in got.get("recipients") or [])
    want_r = Counter(caseless(r) for r in want.get("recipients") or [])
    tally.add_set("rec", got_r, want_r)
    for r in (got_r - want_r) + (want_r - got_r):
        tally.errors.append(f"{name}: recipient {'extra' if r in got_r else 'missing'}: {r!r}")

    def stats(rec: dict[str, Any]) -> Counter[tuple[float, str]]:
        return Counter((float(s["quantity"]), caseless(s["unit"])) for s in rec.get("statistics") or [])

    got_s, want_s = stats(got), stats(want)
    tally.add_set("stat", got_s, want_s)
    for s in (got_s - want_s) + (want_s - got_s):
        tally.errors.append(f"{name}: statistic {'extra' if s in got_s else 'missing'}: {s!r}")


def cases(examples: Path, *, fixtures: Path | None = None) -> list[tuple[str, Path, Path]]:
    """(name, input file, truth file) for every text example and every original file of ``examples``
    (``docs/``, ``files/``, ``truth/``); with ``fixtures``, the hand-made ``.txt``/``.md`` documents of
    that folder that have a ``.json`` record beside them."""
    out = []
    if fixtures is not None:
        for doc in sorted(fixtures.glob("*")):
            if doc.suffix in {".txt", ".md"} and doc.with_suffix(".json").exists():
                out.append((f"fixtures/{doc.name}", doc, doc.with_suffix(".json")))
    for doc in sorted((examples / "docs").glob("*.txt")):
        out.append((doc.name, doc, examples / "truth" / f"{doc.stem}.json"))
    for original in sorted((examples / "files").glob("*")):
        truth = examples / "truth" / f"{original.stem}.json"
        if truth.exists():
            out.append((original.name, original, truth))
    return out


def run(
    examples: Path, *, verbose: bool = False, fixtures: Path | None = None
) -> tuple[Tally, dict[str, Any]]:
    from loa.ingest import ingest_file

    tally = Tally()
    selected = cases(examples, fixtures=fixtures)
    for name, path, truth_path in selected:
        want = json.loads(truth_path.read_text(encoding="utf-8"))
        got = ingest_file(path).record
        score(name, got, want, tally)
    summary: dict[str, Any] = {
        "documents": len(selected),
        "field_accuracy": round(tally.field_accuracy, 4),
        "per_field": {k: round(tally.fields[k] / max(1, tally.fields_total[k]), 3) for k in SCALAR_FIELDS},
        "citation_f1": round(tally.f1("cit"), 4),
        "citation_detail": {
            k: round(tally.cit_detail[k] / max(1, tally.cit_matched), 3) for k in CITATION_DETAIL
        },
        "recipients_f1": round(tally.f1("rec"), 4),
        "statistics_f1": round(tally.f1("stat"), 4),
    }
    if verbose:
        summary["errors"] = tally.errors
    return tally, summary

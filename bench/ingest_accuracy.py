"""Accuracy of ``loa ingest`` on the example documents against their truth records.

Scoring lives in :mod:`loa.ingest.accuracy` (the tests use the same code). The examples are the
public documents copied into ``tests/fixtures/examples``.

Usage: ``.venv/bin/python bench/ingest_accuracy.py [--examples DIR] [--json] [-v] [--fixtures]``
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from loa.ingest.accuracy import run

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_EXAMPLES = ROOT / "tests" / "fixtures" / "examples"
FIXTURES = ROOT / "tests" / "ingest" / "fixtures" / "valid"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=Path, default=DEFAULT_EXAMPLES)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--fixtures", action="store_true", help="also score tests/ingest/fixtures/valid")
    args = parser.parse_args(argv)
    _, summary = run(args.examples, verbose=args.verbose, fixtures=FIXTURES if args.fixtures else None)
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
        return 0
    print(f"documents        {summary['documents']}")
    print(f"field accuracy   {summary['field_accuracy']:.3f}")
    for key, value in summary["per_field"].items():
        print(f"  {key:<15} {value:.3f}")
    print(f"citation F1      {summary['citation_f1']:.3f}  detail {summary['citation_detail']}")
    print(f"recipients F1    {summary['recipients_f1']:.3f}")
    print(f"statistics F1    {summary['statistics_f1']:.3f}")
    for line in summary.get("errors", []):
        print("  ✗", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())

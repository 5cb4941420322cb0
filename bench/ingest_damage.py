"""Field accuracy of ``loa ingest`` on damaged versions of the example texts, per kind of damage.

The damage generator is the tests' (``tests/ingest/damage.py``): merged and hard-wrapped lines,
header cells flattened into "|" rows, words broken across lines, the kind word or a header line
dropped, detached tone marks, a lost first letter, Windows-1258 and TCVN3 files. Each example gets
``--seeds`` random variants of each damage; the goal is a field accuracy ≥ 0.95 for every kind.

Usage: ``.venv/bin/python bench/ingest_damage.py [--seeds 3] [-v] [--json]``
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from ingest.damage import measure  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=Path, default=ROOT / "tests" / "fixtures" / "examples")
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--kind", action="append", help="only this damage kind (repeatable)")
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    result = measure(args.examples, seeds=args.seeds, kinds=tuple(args.kind) if args.kind else None)
    if args.json:
        print(
            json.dumps(
                {k: {x: y for x, y in v.items() if x != "errors"} for k, v in result.items()}, indent=2
            )
        )
        return 0
    print(f"{'damage':<18} {'fields':>7} {'cit F1':>7} {'rec F1':>7} {'stat F1':>7}")
    for kind, row in result.items():
        print(
            f"{kind:<18} {row['field_accuracy']:>7.3f} {row['citation_f1']:>7.3f} "
            f"{row['recipients_f1']:>7.3f} {row['statistics_f1']:>7.3f}"
        )
        if args.verbose:
            for line in row["errors"]:
                print("   ✗", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())

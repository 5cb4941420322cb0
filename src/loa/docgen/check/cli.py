"""Command line: ``loa check FILE.docx [--json]``."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from .checker import check_docx
from .reading import UnreadableDocx
from .rules import Violation


def main(argv: Sequence[str] | None = None) -> int:
    """Print the violations of FILE.docx; exit 0 clean, 1 violations, 2 unreadable file."""
    parser = argparse.ArgumentParser(
        prog="loa check",
        description="Kiểm tra thể thức văn bản DOCX theo Nghị định 30/2020/NĐ-CP.",
    )
    parser.add_argument("file", help="tệp .docx cần kiểm tra")
    parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    args = parser.parse_args(argv)
    try:
        violations = check_docx(Path(args.file))
    except UnreadableDocx as exc:
        if args.json:
            print(json.dumps(exc.as_dict(), ensure_ascii=False))
        print(f"Lỗi: {exc.message}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps([v.as_dict() for v in violations], ensure_ascii=False, indent=2))
    else:
        _print_text(violations, args.file)
    return 1 if violations else 0


def _print_text(violations: Iterable[Violation], name: str) -> None:
    violations = list(violations)
    if not violations:
        print(f"{name}: không phát hiện lỗi thể thức theo Nghị định 30/2020.")
        return
    print(f"{name}: {len(violations)} lỗi thể thức theo Nghị định 30/2020:")
    for v in violations:
        print(f"- [{v.rule}] {v.where}: {v.message}")

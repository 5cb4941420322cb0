"""``loa ingest FILE... [--json]``: read documents and print their records.

One file prints one JSON object, several print a list (each with its ``"file"``). A file that
cannot be read prints ``{"file": …, "error": {"code": …, "message": …}}`` and makes the exit code
1 once every other file has been processed.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from loa.core.errors import DomainError
from loa.ingest.pipeline import ingest_file
from loa.ingest.readers import DEFAULT_MAX_BYTES

__all__ = ["main"]

_LABELS = {
    "doc_type": "Loại văn bản",
    "symbol": "Số, ký hiệu",
    "issuer": "Cơ quan ban hành",
    "parent_issuer": "Cơ quan chủ quản",
    "place": "Địa danh",
    "date": "Ngày ban hành",
    "title": "Trích yếu",
    "signer_title": "Chức vụ người ký",
    "signer_name": "Người ký",
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="loa ingest", description="Đọc văn bản hành chính thành bản ghi có cấu trúc."
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="tệp TXT, MD, DOCX, DOC hoặc PDF")
    parser.add_argument("--json", action="store_true", help="in bản ghi dạng JSON")
    parser.add_argument(
        "--max-mb", type=float, default=DEFAULT_MAX_BYTES / (1024 * 1024), help="dung lượng tối đa (MB)"
    )
    return parser


def _one(path: str, max_bytes: int) -> dict[str, Any]:
    try:
        extraction = ingest_file(path, max_bytes=max_bytes)
    except DomainError as exc:
        return {"file": path, "error": {"code": exc.code, "message": exc.message}}
    except Exception:
        return {
            "file": path,
            "error": {"code": "ingest.internal", "message": "Lỗi không mong đợi khi đọc tệp."},
        }
    return {"file": path, "record": extraction.record, "warnings": extraction.warnings}


def _print_human(result: dict[str, Any], out: TextIO) -> None:
    print(f"== {result['file']}", file=out)
    if "error" in result:
        print(f"   Lỗi [{result['error']['code']}]: {result['error']['message']}", file=out)
        return
    record = result["record"]
    for key, label in _LABELS.items():
        if record.get(key):
            print(f"   {label}: {record[key]}", file=out)
    print(f"   Văn bản được trích dẫn: {len(record['cited_documents'])}", file=out)
    for field, message in result["warnings"].items():
        print(f"   ! {field}: {message}", file=out)


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None) -> int:
    """Run ``loa ingest``; returns the process exit code (0, or 1 when a file failed)."""
    out = out or sys.stdout
    args = _parser().parse_args(list(argv) if argv is not None else None)
    max_bytes = int(args.max_mb * 1024 * 1024)
    results = [_one(str(Path(f)), max_bytes) for f in args.files]
    failed = any("error" in r for r in results)
    if args.json:
        shaped: list[dict[str, Any]] = []
        for r in results:
            if "error" in r:
                shaped.append({"file": r["file"], "error": r["error"]})
            elif len(results) == 1:
                shaped.append(r["record"])
            else:
                shaped.append({"file": r["file"], **r["record"]})
        payload: Any = shaped[0] if len(shaped) == 1 else shaped
        json.dump(payload, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        for r in results:
            _print_human(r, out)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

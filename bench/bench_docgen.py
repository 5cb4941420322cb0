"""Benchmarks of the document generator (plain script, not part of the test suite).

Run: ``.venv/bin/python bench/bench_docgen.py [--runs 50] [--batch 100] [--workers 2]``

Prints the median DOCX render time of the founding report (goal ≤ 100 ms), the time of one PDF
(LibreOffice start-up included), and the amortised time per report of a batch converted with
``docx_to_pdf_batch`` (goal ≤ 0.3 s a report).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the samples live in tests/docgen

from tests.docgen.samples import founding_report  # noqa: E402

from loa.docgen.render_docx import render_docx  # noqa: E402
from loa.docgen.render_pdf import docx_to_pdf, docx_to_pdf_batch, pdf_page_count  # noqa: E402


def bench_docx(runs: int) -> float:
    doc = founding_report()
    render_docx(doc)  # warm-up: template and font caches
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        render_docx(doc)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def bench_pdf_one() -> tuple[float, int]:
    data = render_docx(founding_report())
    started = time.perf_counter()
    pdf = docx_to_pdf(data)
    return time.perf_counter() - started, pdf_page_count(pdf)


def bench_pdf_batch(count: int, workers: int) -> float:
    with tempfile.TemporaryDirectory(prefix="loa-bench-") as tmp:
        folder = Path(tmp)
        sources = []
        for i in range(count):
            doc = founding_report(number=str(300 + i))
            path = folder / f"bao-cao-{i:03d}.docx"
            path.write_bytes(render_docx(doc))
            sources.append(path)
        started = time.perf_counter()
        pdfs = docx_to_pdf_batch(sources, folder / "pdf", workers=workers)
        elapsed = time.perf_counter() - started
        assert len(pdfs) == count
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    ms = bench_docx(args.runs)
    print(f"DOCX, báo cáo 297/BC-VHTT: median {ms:.1f} ms over {args.runs} runs (goal ≤ 100 ms)")
    seconds, pages = bench_pdf_one()
    print(f"PDF, one report ({pages} pages): {seconds:.2f} s (LibreOffice start-up included)")
    total = bench_pdf_batch(args.batch, args.workers)
    print(
        f"PDF, {args.batch} reports in batch ({args.workers} workers): {total:.1f} s, "
        f"{total / args.batch:.3f} s a report (goal ≤ 0.3 s)"
    )


if __name__ == "__main__":
    main()

"""Throughput of ``ingest_file`` (read + parse) on generated documents, one process.

Goals: TXT ≥ 200 docs/s, DOCX ≥ 50 docs/s; PDF is reported. Files are generated into a temp
dir with varied content (kinds, issuers, numbers, dates, citations, figures, body length). PDFs
come from LibreOffice (one batched call over ``--pdf-distinct`` documents, then copied up to
``--n`` files, since rendering 1,000 PDFs costs minutes and measures LibreOffice, not Loa).

Each format is measured twice in the same run: ``ingest_file`` (read + parse) and ``read_file``
alone (bare text extraction: decoding a TXT, unzipping and laying out a DOCX), so the ratio of the
two — issue 14's goal is at most 2× — comes from one command. The real example texts of
``tests/fixtures/examples`` (1.3–5.8 KB each) are measured the same way, and the parse alone is
given per document and per KB of text; the load average is printed beside the figures.

Usage: ``.venv/bin/python bench/bench_ingest.py [--n 1000] [--pdf-distinct 100] [--skip-pdf]``
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from loa.core import office
from loa.ingest import ingest_file, read_file
from loa.ingest.parse import parse_text

KINDS = [
    ("BÁO CÁO", "BC"),
    ("KẾ HOẠCH", "KH"),
    ("THÔNG BÁO", "TB"),
    ("TỜ TRÌNH", "TTr"),
    ("QUYẾT ĐỊNH", "QĐ"),
]
PLACES = ["Hương Trà", "Quảng Ngãi", "Lào Cai", "Cần Thơ", "Bắc Ninh", "Đồng Xoài", "Thanh Chương", "Hà Nội"]
OFFICES = [
    ("PHÒNG VĂN HÓA VÀ THÔNG TIN", "VHTT"),
    ("PHÒNG NỘI VỤ", "NV"),
    ("SỞ CÔNG THƯƠNG", "SCT"),
    ("SỞ GIÁO DỤC VÀ ĐÀO TẠO", "SGDĐT"),
    ("TRUNG TÂM VĂN HÓA", "TTVH"),
]
NAMES = ["Nguyễn Văn Duật", "Trần Thị Hoa", "Lê Minh Tuấn", "Phạm Quốc Bảo", "Hoàng Văn Thuân"]
UNITS = ["tin, bài", "cụm pano", "lượt người", "hội nghị", "lớp", "băng rôn"]


def make_document(i: int, rng: random.Random) -> dict[str, object]:
    """One varied document as lines for a text file and pieces for a DOCX."""
    kind, abbr = rng.choice(KINDS)
    office, code = rng.choice(OFFICES)
    place = rng.choice(PLACES)
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(2015, 2026)
    number = str(rng.randint(1, 4999)).zfill(2)
    body = [
        f"Thực hiện Kế hoạch số {rng.randint(1, 999)}/KH-UBND ngày {rng.randint(1, 28)}/{rng.randint(1, 12)}/{year - 1} "
        f"của UBND tỉnh về công tác cải cách hành chính năm {year}, {office.title()} báo cáo như sau:"
    ]
    for section in range(1, rng.randint(2, 5)):
        body.append(f"{section}. Nội dung công tác số {section}:")
        for _ in range(rng.randint(2, 6)):
            body.append(
                f"- Thực hiện {rng.randint(1, 300)} {rng.choice(UNITS)} theo Quyết định số {rng.randint(1, 3000)}/QĐ-UBND "
                f"ngày {rng.randint(1, 28)} tháng {rng.randint(1, 12)} năm {year - 1} của Chủ tịch UBND tỉnh."
            )
    body.append("Trên đây là kết quả thực hiện./.")
    return {
        "parent": f"UBND {rng.choice(['TỈNH', 'HUYỆN', 'THỊ XÃ'])} {place.upper()}",
        "issuer": office,
        "number_line": f"Số: {number}/{abbr}-{code}",
        "date_line": f"{place}, ngày {day:02d} tháng {month} năm {year}",
        "kind": kind,
        "title": [f"Công tác tuyên truyền cải cách hành chính năm {year} số {i}"],
        "body": body,
        "recipients": ["- UBND tỉnh;", "- Lưu: VT."],
        "signature": ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"] if rng.random() < 0.5 else ["TRƯỞNG PHÒNG"],
        "name": rng.choice(NAMES),
    }


def as_text(doc: dict[str, object]) -> str:
    lines = [
        f"{doc['parent']} | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        f"{doc['issuer']} | Độc lập - Tự do - Hạnh phúc",
        f"{doc['number_line']} | {doc['date_line']}",
        str(doc["kind"]),
        *doc["title"],  # type: ignore[misc]
        *doc["body"],  # type: ignore[misc]
        "Nơi nhận: | " + doc["signature"][0],  # type: ignore[index]
        *doc["recipients"],  # type: ignore[misc]
        *doc["signature"][1:],  # type: ignore[index]
        str(doc["name"]),
    ]
    return "\n".join(lines) + "\n"


def timed(files: list[Path]) -> tuple[float, int]:
    for path in files[:20]:  # warm-up: imports, regex caches, file cache
        ingest_file(path)
    gc.collect()
    start = time.perf_counter()
    ok = 0
    for path in files:
        record = ingest_file(path).record
        ok += record["symbol"] is not None
    return time.perf_counter() - start, ok


def timed_extraction(files: list[Path]) -> float:
    """Seconds to extract the text of every file (``read_file``: decode, unzip, layout), no parsing."""
    for path in files[:20]:
        read_file(path)
    gc.collect()
    start = time.perf_counter()
    for path in files:
        read_file(path)
    return time.perf_counter() - start


def timed_parse(files: list[Path]) -> tuple[float, int]:
    """Seconds to parse the already extracted text of every file, and the characters parsed."""
    results = [read_file(path) for path in files]
    for result in results[:20]:
        parse_text(result.text, hard_wrapped=result.hard_wrapped)
    gc.collect()
    start = time.perf_counter()
    for result in results:
        parse_text(result.text, hard_wrapped=result.hard_wrapped)
    return time.perf_counter() - start, sum(len(r.text) for r in results)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--pdf-distinct", type=int, default=100)
    parser.add_argument("--skip-pdf", action="store_true")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "ingest"))
    from conftest import build_nd30_docx  # the fixture builder: ND30 two-column tables

    rng = random.Random(20221021)
    docs = [make_document(i, rng) for i in range(args.n)]
    with tempfile.TemporaryDirectory(prefix="loa-bench-ingest-") as tmp:
        root = Path(tmp)
        txt_files, docx_files = [], []
        for i, doc in enumerate(docs):
            t = root / f"vb{i:04d}.txt"
            t.write_text(as_text(doc), encoding="utf-8")
            txt_files.append(t)
            d = root / f"vb{i:04d}.docx"
            d.write_bytes(build_nd30_docx(doc))
            docx_files.append(d)
        examples = sorted(
            (Path(__file__).resolve().parents[1] / "tests/fixtures/examples/docs").glob("*.txt")
        )
        example_files = [examples[i % len(examples)] for i in range(args.n)]
        results = {}
        bare = {}
        parse_only = {}
        load_before = os.getloadavg()
        for label, files in (("TXT", txt_files), ("DOCX", docx_files), ("TXT ex.", example_files)):
            seconds, ok = timed(files)
            results[label] = (len(files) / seconds, ok, len(files))
            bare[label] = (len(files) / timed_extraction(files), seconds)
            parse_only[label] = (*timed_parse(files), len(files))
        load_after = os.getloadavg()
        if not args.skip_pdf:
            try:
                office.find_soffice()
            except office.OfficeMissing:
                print("PDF: LibreOffice (soffice) not installed — skipped", file=sys.stderr)
            else:
                pdf_dir = root / "pdf"
                pdf_dir.mkdir()
                distinct = docx_files[: args.pdf_distinct]
                office.convert(distinct, to="pdf", outdir=pdf_dir, timeout=1800)
                rendered = sorted(pdf_dir.glob("*.pdf"))
                pdf_files = []
                for i in range(args.n):
                    target = pdf_dir / f"copy{i:04d}.pdf"
                    shutil.copyfile(rendered[i % len(rendered)], target)
                    pdf_files.append(target)
                seconds, ok = timed(pdf_files)
                results["PDF"] = (len(pdf_files) / seconds, ok, len(pdf_files))
    for label, (rate, ok, n) in results.items():
        print(f"{label:<7} {rate:8.1f} docs/s   read + parse ({n} files, symbol read in {ok})")
    for label, (rate, _) in bare.items():
        ratio = rate / results[label][0]
        print(
            f"{label:<7} {rate:8.1f} docs/s   text extraction only; read + parse takes {ratio:.1f}× as long"
        )
    for label, (seconds, chars, n) in parse_only.items():
        print(
            f"{label:<7} parse only {seconds / n * 1000:6.2f} ms/doc, {chars / n / 1000:4.1f} K characters/doc, "
            f"{chars / seconds / 1000:7.0f} K characters/s"
        )
    print(
        "load average (1 min) before/after: " + " / ".join(f"{x[0]:.2f}" for x in (load_before, load_after))
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

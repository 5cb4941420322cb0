"""Shared plumbing for the database benchmarks: timing, Django set-up in a child process, and running
the same child once per backend (a fresh SQLite file; a PostgreSQL database created when missing)."""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    """Median wall time of ``fn`` in milliseconds, after one warm-up call."""
    fn()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def paired_median_ms(a: Callable[[], object], b: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Medians of ``a`` and ``b`` timed alternately, so load on the shared machine hits both alike."""
    a(), b()
    ta, tb = [], []
    for _ in range(repeat):
        for fn, out in ((a, ta), (b, tb)):
            t0 = time.perf_counter()
            fn()
            out.append((time.perf_counter() - t0) * 1000)
    return statistics.median(ta), statistics.median(tb)


def setup_django() -> None:
    """Django with Loa's production settings against the database the parent chose."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "loa.config.settings")
    os.environ["LOA_SECRET_KEY"] = "bench"
    os.environ["LOA_ALLOWED_HOSTS"] = "testserver"
    django.setup()


def ensure_pg_database(url: str) -> None:
    import psycopg

    p = urllib.parse.urlparse(url)
    name = p.path.lstrip("/")
    with psycopg.connect(
        host=p.hostname, port=p.port or 5432, user=p.username, dbname="postgres", autocommit=True
    ) as c:
        if not c.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            c.execute(f'CREATE DATABASE "{name}"')


def run(script: str, child: Callable[[str], dict], *, pg_default: str) -> list[dict]:
    """Parse ``--db``/``--child``; as the parent run ``script`` as a child per backend and collect results."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"])
    parser.add_argument("--child", action="store_true")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.db)))
        sys.exit(0)
    results = []
    for db in [args.db] if args.db else ["sqlite", "postgres"]:
        env = dict(os.environ)
        if db == "sqlite":
            env["LOA_DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='loa-bench-')}/bench.sqlite3"
        else:
            env["LOA_DATABASE_URL"] = os.environ.get("LOA_BENCH_POSTGRES_URL", pg_default)
            ensure_pg_database(env["LOA_DATABASE_URL"])
        out = subprocess.run(
            [sys.executable, script, "--child", "--db", db],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return results

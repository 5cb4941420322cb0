"""Per-file overhead of the budget's child process: the fork server (ADR 0028) against forking the
caller (ADR 0021), in a fresh process and in one grown to a worker's size.

For each start method it times ``--n`` calls of a trivial function (the overhead alone), the
first call (which starts the fork server), a call carrying a 1 MB argument and result (an uploaded
file and its text), and the child's starting size, which is the base of its memory limit.

Usage: ``.venv/bin/python bench/bench_budget.py [--n 200] [--grow-mb 600]``
"""

from __future__ import annotations

import argparse
import os
import pickle
import statistics
import time

from loa.core import budget


def _nothing() -> int:
    return 0


def _echo(data: bytes) -> bytes:
    return data


def _size() -> int:
    return budget._vsize()


def _forked(func, *args):  # type: ignore[no-untyped-def]
    """The ADR 0021 way, for comparison: fork the caller, result through a pipe."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_fd)
        blob = pickle.dumps(func(*args))
        view = memoryview(blob)
        while view:
            view = view[os.write(write_fd, view) :]
        os._exit(0)
    os.close(write_fd)
    chunks = []
    while chunk := os.read(read_fd, 1 << 20):
        chunks.append(chunk)
    os.close(read_fd)
    os.waitpid(pid, 0)
    return pickle.loads(b"".join(chunks))


def _time(call, n: int) -> list[float]:  # type: ignore[no-untyped-def]
    out = []
    for _ in range(n):
        started = time.perf_counter()
        call()
        out.append((time.perf_counter() - started) * 1000)
    return out


def _row(name: str, samples: list[float]) -> str:
    samples = sorted(samples)
    p95 = samples[int(len(samples) * 0.95) - 1]
    return f"| {name} | {statistics.median(samples):.1f} | {p95:.1f} |"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--grow-mb", type=int, default=600)
    args = parser.parse_args()
    mb = bytes(1024 * 1024)

    started = time.perf_counter()
    budget.run_with_budget(_nothing)
    first = (time.perf_counter() - started) * 1000
    print(f"first call (starts the fork server): {first:.0f} ms")
    print("| call | median ms | p95 ms |\n|---|---|---|")
    for label in ("fresh process", f"process grown by {args.grow_mb} MB"):
        print(
            _row(f"fork server, nothing — {label}", _time(lambda: budget.run_with_budget(_nothing), args.n))
        )
        print(_row(f"fork of the caller, nothing — {label}", _time(lambda: _forked(_nothing), args.n)))
        print(
            _row(
                f"fork server, 1 MB in and out — {label}",
                _time(lambda: budget.run_with_budget(_echo, mb), 50),
            )
        )
        print(_row(f"fork of the caller, 1 MB in and out — {label}", _time(lambda: _forked(_echo, mb), 50)))
        child = budget.run_with_budget(_size) / 2**20
        forked = _forked(_size) / 2**20
        print(f"child's starting size: fork server {child:.0f} MB, fork of the caller {forked:.0f} MB")
        held = bytearray(args.grow_mb * 1024 * 1024)  # the worker after a few big files
        for i in range(0, len(held), 4096):
            held[i] = 1


if __name__ == "__main__":
    main()

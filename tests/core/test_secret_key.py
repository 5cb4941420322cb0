"""The secret-key file is created atomically: concurrent first starts (gunicorn workers, the worker
and a command) all get the same complete key, never an error or an empty key (issue #11, hole 10)."""

from __future__ import annotations

import multiprocessing
import os
import stat


def _start(var_dir: str, barrier, out) -> None:
    os.environ["LOA_SECRET_KEY"] = ""
    import loa.config.settings as settings

    settings.VAR_DIR = __import__("pathlib").Path(var_dir)
    barrier.wait()
    try:
        out.put(settings._secret_key())
    except Exception as exc:  # reported to the test
        out.put(f"ERROR {type(exc).__name__}: {exc}")


def test_concurrent_first_starts_share_one_complete_key(tmp_path):
    ctx = multiprocessing.get_context("fork")
    for attempt in range(25):
        var_dir = tmp_path / f"var{attempt}"
        n = 12
        barrier, out = ctx.Barrier(n), ctx.Queue()
        procs = [ctx.Process(target=_start, args=(str(var_dir), barrier, out)) for _ in range(n)]
        for p in procs:
            p.start()
        keys = [out.get(timeout=60) for _ in procs]
        for p in procs:
            p.join(timeout=60)
        assert not [k for k in keys if k.startswith("ERROR")], keys
        assert len(set(keys)) == 1 and len(keys[0]) >= 50, keys
        path = var_dir / "secret_key"
        assert path.read_text(encoding="ascii").strip() == keys[0]
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert [p.name for p in var_dir.iterdir()] == ["secret_key"]  # no temporary file left

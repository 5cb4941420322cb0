"""Run heavy work on one file in a fresh child process with a total time and memory budget.

:func:`run_with_budget` starts the child from a *fork server*: a small interpreter started once per
process (the first time a budget is used), which has imported only the modules heavy work needs
(:func:`budget_preload`) and forks one child per file. The child therefore starts with the fork
server's small address space, not with the memory a long-running worker or web process has grown
to, so its soft ``RLIMIT_AS`` (its size plus ``memory_mb``) holds as tightly in the hundredth file
as in the first (ADR 0028; forking the caller itself made the limit looser, ADR 0021).

The child gets a session of its own (its process group holds everything it starts), its own
temporary folder, and ``seconds`` of wall-clock time; at the deadline the parent kills the child's
whole process group with ``SIGKILL``. The child sends back the function's result, or the
:class:`~loa.core.errors.DomainError` it raised, pickled, through a pipe; while it works it may
send progress (:func:`report_progress`), which the parent hands to ``on_progress``.

A :class:`BudgetExceeded` (a :class:`~loa.core.errors.ValidationError`, code
``core.budget_exceeded``) says in Vietnamese that the file is too large or too complex to read,
whether the time ran out, the memory ran out, or the child died. Callers name the file in the
message (``what``) and may re-raise it under their own code.

The function and its arguments cross to the child pickled: the function must be defined at module
level, the arguments plain data (bytes, text, dataclasses), never model instances. The child must
not use the database or Django's settings: it runs pure code on bytes (readers, parsers, the Excel
checker) and external programs. Budgets are set by settings callers pass in; see ADR 0021.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import resource
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Callable
from multiprocessing.connection import Connection, wait
from typing import Any, Final

from loa.core.errors import DomainError, ValidationError

__all__ = [
    "DEFAULT_MEMORY_MB",
    "DEFAULT_SECONDS",
    "BudgetExceeded",
    "budget_preload",
    "budget_warm",
    "report_progress",
    "run_with_budget",
]

DEFAULT_SECONDS: Final = 60.0
DEFAULT_MEMORY_MB: Final = 768

_OK, _DOMAIN, _MEMORY, _CRASH, _PROGRESS = "ok", "domain", "memory", "crash", "progress"

# Modules the fork server imports once, so that no child pays their import time. "__main__" (the
# program's script, e.g. ``loa``) is imported there once too, or each child would run it again.
_PRELOAD: list[str] = ["__main__", "loa.core.budget"]
_context_lock = threading.Lock()
_context: Any = None


class BudgetExceeded(ValidationError):
    """The work on one file ran out of its time or memory budget and was stopped."""

    code = "core.budget_exceeded"
    default_message = "Tệp quá lớn hoặc quá phức tạp để đọc."


def _message(what: str, why: str) -> str:
    return (
        f"Tệp {what} quá lớn hoặc quá phức tạp để đọc ({why}); đã dừng việc đọc. "
        "Hãy chia nhỏ tệp, hoặc lưu lại ở định dạng gọn hơn rồi tải lên lại."
    )


def _vsize() -> int:
    """This process's virtual memory size in bytes (what ``RLIMIT_AS`` counts)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def budget_preload(*modules: str) -> None:
    """Name modules (pure readers, parsers) the fork server imports before forking any child.

    Called at import time by the modules that use a budget; modules named after the fork server
    started are imported by each child instead (correct, only slower).
    """
    for name in modules:
        if name not in _PRELOAD:
            _PRELOAD.append(name)


def _get_context() -> Any:
    global _context
    with _context_lock:
        if _context is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(list(_PRELOAD))
            _context = context
        return _context


def budget_warm() -> None:
    """Start the fork server now (``loa worker`` does at start), not at the first file."""
    from multiprocessing import forkserver

    _get_context()
    forkserver.ensure_running()


_progress_conn: Connection | None = None


def report_progress(done: int, total: int) -> None:
    """From inside a budgeted child: tell the parent how far the work is (``done`` of ``total``).

    Does nothing outside a budgeted child, so the same function can run unbudgeted.
    """
    if _progress_conn is not None:
        _progress_conn.send((_PROGRESS, (int(done), int(total))))


def run_with_budget[T](
    func: Callable[..., T],
    *args: Any,
    seconds: float = DEFAULT_SECONDS,
    memory_mb: int = DEFAULT_MEMORY_MB,
    what: str = "",
    on_progress: Callable[[int, int], None] | None = None,
    **kwargs: Any,
) -> T:
    """``func(*args, **kwargs)`` in a fresh child process limited to ``seconds`` and ``memory_mb`` more memory.

    Returns what ``func`` returned; re-raises the :class:`DomainError` it raised; raises
    :class:`BudgetExceeded` when the budget ran out or the child died otherwise. ``on_progress``
    (in this process) receives what the child reports with :func:`report_progress`.
    """
    label = f"«{what}»" if what else "này"
    scratch = tempfile.mkdtemp(prefix="loa-budget-")
    try:
        return _run(
            func,
            args,
            kwargs,
            seconds=seconds,
            memory_mb=memory_mb,
            label=label,
            scratch=scratch,
            on_progress=on_progress,
        )
    finally:
        # Whatever the child left in its temporary folder (a killed child cleans nothing up) goes too.
        shutil.rmtree(scratch, ignore_errors=True)


def _run[T](
    func: Callable[..., T],
    args: Any,
    kwargs: Any,
    *,
    seconds: float,
    memory_mb: int,
    label: str,
    scratch: str,
    on_progress: Callable[[int, int], None] | None,
) -> T:
    # The work crosses as bytes, unpickled in the child once its limit is set.
    work = pickle.dumps((func, args, kwargs))
    context = _get_context()
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sender, work, memory_mb, scratch), daemon=True)
    deadline = time.monotonic() + seconds
    child.start()
    sender.close()
    outcome: tuple[str, Any] | None = None
    timed_out = False
    try:
        while outcome is None:
            left = deadline - time.monotonic()
            if left <= 0:
                timed_out = True
                break
            if not wait([receiver], left):
                continue
            try:
                kind, payload = receiver.recv()
            except (EOFError, OSError):
                break  # the child died before sending its result
            except Exception:
                outcome = (_CRASH, "unpickle")
                break
            if kind == _PROGRESS:
                if on_progress is not None:
                    on_progress(*payload)
                continue
            outcome = (kind, payload)
    finally:
        receiver.close()
        _end(child, kill_first=timed_out)
    if timed_out:
        raise BudgetExceeded(_message(label, f"quá {seconds:g} giây"), reason="time")
    if outcome is None:
        raise BudgetExceeded(_message(label, "tiến trình đọc bị dừng"), reason="crash")
    kind, payload = outcome
    if kind == _OK:
        return payload  # type: ignore[no-any-return]
    if kind == _DOMAIN:
        raise payload
    if kind == _MEMORY:
        raise BudgetExceeded(_message(label, f"cần hơn {memory_mb} MB bộ nhớ"), reason="memory")
    raise BudgetExceeded(_message(label, "tiến trình đọc gặp lỗi"), reason="crash")


def _child(conn: Connection, work: bytes, memory_mb: int, scratch: str) -> None:  # pragma: no cover
    global _progress_conn
    code = 0
    try:
        os.setsid()
        os.environ["TMPDIR"] = scratch
        tempfile.tempdir = scratch
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        soft = _vsize() + len(work) + memory_mb * 1024 * 1024
        if hard != resource.RLIM_INFINITY:
            soft = min(soft, hard)
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
        start_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        _progress_conn = conn
        try:
            func, args, kwargs = pickle.loads(work)
            del work
            out: tuple[str, Any] = (_OK, func(*args, **kwargs))
        except MemoryError:
            out = (_MEMORY, None)
        except BaseException as exc:
            # A C library (lxml, pdfminer's zlib) out of memory raises its own error, which the reader
            # turns into "corrupt": near the limit, the budget is the cause.
            grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - start_kb
            if grown_kb > memory_mb * 1024 * 0.8:
                out = (_MEMORY, None)
            elif isinstance(exc, DomainError):
                out = (_DOMAIN, exc)
            else:
                out = (_CRASH, type(exc).__name__)
        _progress_conn = None
        try:
            blob = pickle.dumps(out)
        except MemoryError:
            blob = pickle.dumps((_MEMORY, None))
        except Exception:
            blob = pickle.dumps((_CRASH, "pickle"))
        conn.send_bytes(blob)
        conn.close()
    except BaseException:
        code = 70
    finally:
        os._exit(code)


def _end(child: Any, *, kill_first: bool) -> None:
    """Stop the child and everything left in its process group; wait for it."""
    pid = child.pid
    if kill_first:
        _kill_group(pid)
    child.join(timeout=None if kill_first else 10)
    if child.exitcode is None:  # sent its result but does not exit: stop it
        _kill_group(pid)
        child.join()
    # Helpers it started and did not stop (a program still running) share its group id, which the
    # kernel does not hand out again while any of them lives.
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    child.close()


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    except PermissionError:
        os.kill(pid, signal.SIGKILL)
    try:
        os.kill(pid, signal.SIGKILL)  # not yet in its own session when killed early
    except (ProcessLookupError, PermissionError):
        pass

"""Run heavy work on one file in a child process with a total time and memory budget.

:func:`run_with_budget` forks, and the child gets a session of its own (so its process group
holds everything it starts without asking for a session of its own), a soft ``RLIMIT_AS`` of the
memory it had plus ``memory_mb``, and ``seconds`` of wall-clock time. The parent waits on a pipe;
at the deadline it kills the child's whole process group with ``SIGKILL``. The child sends back
the function's result, or the :class:`~loa.core.errors.DomainError` it raised, pickled. The
child's temporary files go in a folder of its own, removed by the parent however the child ended.

A :class:`BudgetExceeded` (a :class:`~loa.core.errors.ValidationError`, code
``core.budget_exceeded``) says in Vietnamese that the file is too large or too complex to read,
whether the time ran out, the memory ran out, or the child died. Callers name the file in the
message (``what``) and may re-raise it under their own code.

The child must not use the database: it runs pure code on bytes (readers, parsers, the Excel
checker) and external programs. Budgets are set by settings callers pass in; see ADR 0021.
"""

from __future__ import annotations

import os
import pickle
import resource
import select
import shutil
import signal
import tempfile
import time
import warnings
from collections.abc import Callable
from typing import Any, Final

from loa.core.errors import DomainError, ValidationError

__all__ = ["DEFAULT_MEMORY_MB", "DEFAULT_SECONDS", "BudgetExceeded", "run_with_budget"]

DEFAULT_SECONDS: Final = 60.0
DEFAULT_MEMORY_MB: Final = 768


_OK, _DOMAIN, _MEMORY, _CRASH = "ok", "domain", "memory", "crash"


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


def run_with_budget[T](
    func: Callable[..., T],
    *args: Any,
    seconds: float = DEFAULT_SECONDS,
    memory_mb: int = DEFAULT_MEMORY_MB,
    what: str = "",
    **kwargs: Any,
) -> T:
    """``func(*args, **kwargs)`` in a child process limited to ``seconds`` and ``memory_mb`` more memory.

    Returns what ``func`` returned; re-raises the :class:`DomainError` it raised; raises
    :class:`BudgetExceeded` when the budget ran out or the child died otherwise.
    """
    label = f"«{what}»" if what else "này"
    scratch = tempfile.mkdtemp(prefix="loa-budget-")
    try:
        return _run(func, args, kwargs, seconds=seconds, memory_mb=memory_mb, label=label, scratch=scratch)
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
) -> T:
    read_fd, write_fd = os.pipe()
    with warnings.catch_warnings():
        # The child only computes and exits with os._exit: it takes no lock another thread holds.
        warnings.simplefilter("ignore", DeprecationWarning)
        pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child, reported through the pipe
        os.close(read_fd)
        _child(write_fd, func, args, kwargs, memory_mb, scratch)
    os.close(write_fd)
    deadline = time.monotonic() + seconds
    chunks: list[bytes] = []
    timed_out = False
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                timed_out = True
                break
            ready, _, _ = select.select([read_fd], [], [], left)
            if not ready:
                continue
            chunk = os.read(read_fd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(read_fd)
        if timed_out:
            _kill_group(pid)
        else:
            _reap(pid)
    if timed_out:
        raise BudgetExceeded(_message(label, f"quá {seconds:g} giây"), reason="time")
    try:
        kind, payload = pickle.loads(b"".join(chunks))
    except Exception:
        raise BudgetExceeded(_message(label, "tiến trình đọc bị dừng"), reason="crash") from None
    if kind == _OK:
        return payload  # type: ignore[no-any-return]
    if kind == _DOMAIN:
        raise payload
    if kind == _MEMORY:
        raise BudgetExceeded(_message(label, f"cần hơn {memory_mb} MB bộ nhớ"), reason="memory")
    raise BudgetExceeded(_message(label, "tiến trình đọc gặp lỗi"), reason="crash")


def _child(  # pragma: no cover
    fd: int, func: Callable[..., Any], args: Any, kwargs: Any, memory_mb: int, scratch: str
) -> None:
    code = 0
    try:
        os.setsid()
        os.environ["TMPDIR"] = scratch
        tempfile.tempdir = scratch
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        soft = _vsize() + memory_mb * 1024 * 1024
        if hard != resource.RLIM_INFINITY:
            soft = min(soft, hard)
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
        start_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        try:
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
        try:
            blob = pickle.dumps(out)
        except MemoryError:
            blob = pickle.dumps((_MEMORY, None))
        except Exception:
            blob = pickle.dumps((_CRASH, "pickle"))
        view = memoryview(blob)
        while view:
            view = view[os.write(fd, view) :]
    except BaseException:
        code = 70
    finally:
        os._exit(code)


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    except PermissionError:
        os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)


def _reap(pid: int) -> None:
    # The child closed its end of the pipe: it is exiting. Wait for it without reaping it (its pid,
    # and so its group id, cannot be reused yet), stop anything it left behind in its group, reap it.
    try:
        os.waitid(os.P_PID, pid, os.WEXITED | os.WNOWAIT)
    except ChildProcessError:
        return
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    os.waitpid(pid, 0)

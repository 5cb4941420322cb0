"""LibreOffice headless, run one way for the whole product: :func:`convert`.

``docgen`` turns DOCX into PDF with it and ``ingest`` turns Word 97, RTF, ODT and Word's HTML export
into DOCX. Every run gets its own throw-away user profile (two runs sharing a profile fail, so runs
need no lock), its own process session (a timeout stops ``soffice.bin`` and any helper it started),
a timeout, and a ceiling on its memory (``LOA_OFFICE_MEMORY_MB``, default 1,536 MB of address
space for each of its processes: a conversion of an ND30 report needs under 512). LibreOffice exits 0 even when it could not load the input, so the output file is the
proof: :func:`convert` checks that each expected file exists and is not empty.

LibreOffice runs without network: in empty network and process namespaces (``unshare --net --pid``)
where it can, and always with a profile that blocks fetching linked content (see
:func:`network_isolation`, ADR 0021). It dies with the process that started it, and nothing of a
run (process, profile, temporary file) outlives :func:`convert`.

LibreOffice is found through ``LOA_SOFFICE`` (a path), then ``soffice``/``libreoffice`` on PATH.
Every failure is an :class:`OfficeError` (an :class:`~loa.core.errors.ExternalToolError`) with a
stable code and a Vietnamese message; callers may re-raise it under their own code.
"""

from __future__ import annotations

import ctypes
import functools
import os
import resource
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from loa.core.errors import ExternalToolError

__all__ = [
    "DEFAULT_TIMEOUT",
    "INSTALL_HINT",
    "OfficeError",
    "OfficeFailed",
    "OfficeMissing",
    "OfficeNoOutput",
    "OfficeTimeout",
    "convert",
    "find_soffice",
    "network_isolation",
]

DEFAULT_TIMEOUT = 60.0
DEFAULT_MEMORY_MB = 1536
INSTALL_HINT = "Cài gói libreoffice-writer-nogui (apt-get install libreoffice-writer-nogui)."


class OfficeError(ExternalToolError):
    """LibreOffice could not do a conversion."""

    code = "office.failed"
    default_message = "LibreOffice không chuyển đổi được tệp."


class OfficeMissing(OfficeError):
    """LibreOffice is not installed, or ``LOA_SOFFICE`` names no program."""

    code = "office.missing"


class OfficeTimeout(OfficeError):
    """LibreOffice did not finish in time and was stopped."""

    code = "office.timeout"


class OfficeFailed(OfficeError):
    """LibreOffice exited with an error."""

    code = "office.failed"


class OfficeNoOutput(OfficeError):
    """LibreOffice exited cleanly but wrote no (or an empty) output file: it could not load the input."""

    code = "office.no_output"


def find_soffice() -> str:
    """Path of the LibreOffice program: ``LOA_SOFFICE`` if set, else ``soffice`` on PATH."""
    configured = os.environ.get("LOA_SOFFICE")
    if configured:
        path = Path(configured)
        if not path.is_file() or not os.access(path, os.X_OK):
            raise OfficeMissing(
                f"Không tìm thấy LibreOffice tại “{configured}” (biến LOA_SOFFICE). {INSTALL_HINT}"
            )
        return str(path)
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise OfficeMissing(f"Không tìm thấy LibreOffice (soffice). {INSTALL_HINT}")


def convert(
    sources: Path | Sequence[Path],
    *,
    to: str = "pdf",
    outdir: Path,
    timeout: float = DEFAULT_TIMEOUT,
    infilter: str | None = None,
) -> list[Path]:
    """Convert ``sources`` with one LibreOffice process into ``outdir``; return the outputs in order.

    ``to`` is LibreOffice's ``--convert-to`` value (``"pdf"``, ``"pdf:writer_pdf_Export"``,
    ``"docx"``, ``"docx:MS Word 2007 XML"``); each output is ``outdir/<stem>.<extension>``.
    ``infilter`` forces the input filter (Word's HTML export needs ``"HTML (StarWriter)"``).
    """
    inputs = [Path(sources)] if isinstance(sources, str | Path) else [Path(p) for p in sources]
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    _run(inputs, to=to, outdir=outdir, timeout=timeout, infilter=infilter)
    extension = to.split(":", 1)[0]
    outputs = [outdir / f"{p.stem}.{extension}" for p in inputs]
    for source, output in zip(inputs, outputs, strict=True):
        if not output.is_file() or output.stat().st_size == 0:
            raise OfficeNoOutput(
                f"LibreOffice không tạo được tệp {extension.upper()} từ “{source.name}” "
                "(tệp hỏng hoặc không đọc được).",
                source=source.name,
            )
    return outputs


# Settings written into each throw-away profile: never fetch what a document links to (images,
# style sheets, OLE links), never update links, and send anything that still tries through a proxy
# on a closed loopback port. The network namespace (below) is the main barrier; this is the second.
_REGISTRY = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="BlockUntrustedRefererLinks" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Writer/Content/Update"><prop oor:name="Link" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Content/Update"><prop oor:name="Link" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetProxyType" oor:op="fuse"><value>1</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetHTTPProxyName" oor:op="fuse"><value>127.0.0.1</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetHTTPProxyPort" oor:op="fuse"><value>9</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetHTTPSProxyName" oor:op="fuse"><value>127.0.0.1</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetHTTPSProxyPort" oor:op="fuse"><value>9</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetNoProxy" oor:op="fuse"><value></value></prop></item>
</oor:items>
"""

_UNSHARE_ARGS = ("--net", "--pid", "--fork", "--kill-child")


@functools.cache
def network_isolation() -> str:
    """How LibreOffice is kept off the network: ``"unshare"`` (its own empty network and process
    namespaces, when ``unshare`` works here: as root, or with user namespaces) or ``"profile"``
    (only the profile's settings: no link fetching, a dead proxy). ``LOA_OFFICE_ISOLATION=profile``
    forces the second."""
    unshare = shutil.which("unshare")
    if not unshare or os.environ.get("LOA_OFFICE_ISOLATION") == "profile":
        return "profile"
    for extra in ((), ("--map-root-user",)):
        try:
            done = subprocess.run(
                [unshare, *extra, *_UNSHARE_ARGS, "true"], capture_output=True, timeout=10, check=False
            )
        except (OSError, subprocess.SubprocessError):
            continue
        if done.returncode == 0:
            _UNSHARE_PREFIX[:] = [unshare, *extra, *_UNSHARE_ARGS]
            return "unshare"
    return "profile"


_UNSHARE_PREFIX: list[str] = []


def memory_limit_mb() -> int:
    """The address space each LibreOffice process may take (``LOA_OFFICE_MEMORY_MB``)."""
    try:
        return max(256, int(os.environ.get("LOA_OFFICE_MEMORY_MB") or DEFAULT_MEMORY_MB))
    except ValueError:
        return DEFAULT_MEMORY_MB


def _child_setup(memory_bytes: int) -> None:
    # Runs in the child before exec: if the process that started LibreOffice dies (a budget's
    # child killed at its deadline), the kernel kills this one, and with it the namespace. The
    # memory ceiling is inherited by soffice.bin and every helper it starts: a document that would
    # need more makes LibreOffice fail (OfficeFailed) instead of swapping the server.
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    try:
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    except (ValueError, OSError):
        pass


def _run(inputs: list[Path], *, to: str, outdir: Path, timeout: float, infilter: str | None) -> None:
    soffice = find_soffice()
    isolation = network_isolation()
    with tempfile.TemporaryDirectory(prefix="loa-lo-") as work:
        profile = Path(work) / "profile"
        (profile / "user").mkdir(parents=True)
        (profile / "user" / "registrymodifications.xcu").write_text(_REGISTRY, encoding="utf-8")
        scratch = Path(work) / "tmp"
        scratch.mkdir()
        env = {**os.environ, "TMPDIR": str(scratch), "HOME": str(profile)}
        for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ftp_proxy", "all_proxy"):
            env[name] = "http://127.0.0.1:9"
        env["no_proxy"] = env["NO_PROXY"] = ""
        cmd = [
            *(_UNSHARE_PREFIX if isolation == "unshare" else []),
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--invisible",
            "--nologo",
            "--nodefault",
            "--nofirststartwizard",
            "--nolockcheck",
            "--norestore",
            *([f"--infilter={infilter}"] if infilter else []),
            "--convert-to",
            to,
            "--outdir",
            str(outdir),
            *(str(p) for p in inputs),
        ]
        try:
            # A session of its own, so a timeout can stop soffice.bin and any helper it started;
            # inside unshare, its own process namespace too, which dies whole with its first process.
            proc = subprocess.Popen(
                cmd,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
                env=env,
                preexec_fn=functools.partial(_child_setup, memory_limit_mb() * 1024 * 1024),
            )
        except OSError as exc:
            raise OfficeMissing(
                f"Không chạy được LibreOffice ({soffice}): {exc.strerror}. {INSTALL_HINT}"
            ) from None
        try:
            _, stderr = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_group(proc)
            raise OfficeTimeout(
                f"LibreOffice không chuyển đổi xong sau {timeout:g} giây; đã dừng tiến trình."
            ) from None
        finally:
            _kill_leftovers(proc, profile)
        if proc.returncode != 0:
            lines = stderr.decode("utf-8", "replace").strip().splitlines()
            detail = lines[-1] if lines else f"mã thoát {proc.returncode}"
            raise OfficeFailed(f"LibreOffice báo lỗi khi chuyển đổi: {detail}")


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        proc.kill()
    proc.communicate()


def _kill_leftovers(proc: subprocess.Popen[bytes], profile: Path) -> None:
    """Stop anything still running from this call's group or using its profile, before the profile goes."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    marker = profile.as_uri().encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if marker in (entry / "cmdline").read_bytes():
                os.kill(int(entry.name), signal.SIGKILL)
        except (OSError, ValueError):
            continue

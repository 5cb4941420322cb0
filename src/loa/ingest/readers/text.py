"""Plain text (TXT, MD): Unicode in any of its encodings, Windows-1258, or legacy TCVN3/VNI fonts."""

from __future__ import annotations

import re
from typing import Final

from loa.ingest.legacy import detect_and_convert, vietnamese_score
from loa.ingest.parse.text import quick_nfc as nfc
from loa.ingest.readers.common import ReadBlock, ReadResult, _Ctx, _fail

_CONTROL_RE: Final = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffd]")


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return data.decode("utf-32", errors="replace"), "utf-32"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    sample = data[:4000]
    if len(sample) >= 4:
        even_nul = sample[0::2].count(0) / max(1, len(sample[0::2]))
        odd_nul = sample[1::2].count(0) / max(1, len(sample[1::2]))
        if odd_nul > 0.3 and even_nul < 0.05:
            return data.decode("utf-16-le", errors="replace"), "utf-16-le"
        if even_nul > 0.3 and odd_nul < 0.05:
            return data.decode("utf-16-be", errors="replace"), "utf-16-be"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # A single-byte file: Windows-1258 (Vietnamese, combining tones) or a legacy font encoding
    # stored byte for byte (read as Latin-1, then converted from TCVN3/VNI).
    as_1258 = nfc(data.decode("cp1258", errors="replace"))
    as_latin = data.decode("latin-1")
    converted, legacy = detect_and_convert(as_latin)
    if legacy and vietnamese_score(converted[:20000]) > vietnamese_score(as_1258[:20000]):
        return converted, legacy
    return as_1258, "cp1258"


def _read_text(data: bytes, ctx: _Ctx) -> ReadResult:
    text, encoding = _decode(data)
    controls = len(_CONTROL_RE.findall(text, 0, 20000))
    if controls > max(8, len(text[:20000]) // 50):
        raise _fail("binary", ctx)
    text = nfc(text)
    if encoding not in {"tcvn3", "vni"}:
        text, legacy = detect_and_convert(text)
        if legacy:
            encoding = f"{encoding}+{legacy}"
    if "tcvn3" in encoding or "vni" in encoding:
        ctx.warnings.append(
            "Văn bản gõ bằng bảng mã cũ ("
            + encoding.split("+")[-1].upper()
            + ") đã được chuyển sang Unicode."
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    blocks = tuple(ReadBlock("paragraph", line) for line in text.split("\n"))
    return ReadResult(
        text=text,
        source_format="text",
        blocks=blocks,
        warnings=tuple(ctx.warnings),
        hard_wrapped=True,
        encoding=encoding,
        filename=ctx.name,
    )

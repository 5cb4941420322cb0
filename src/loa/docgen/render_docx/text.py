"""Pure text decisions of the renderer (no XML): kind words, list punctuation, "Nơi nhận", signature."""

from __future__ import annotations

import re

from loa.docgen import layout as lay
from loa.nd30.spec import Authority, OfficialDocument, Signature, Table

# Kinds whose text is enacted: the authority line above the căn cứ and the enacting verb after.
_ENACTING_VERB = {"quyết định": "QUYẾT ĐỊNH:", "nghị quyết": "QUYẾT NGHỊ:"}

_DIEU_RE = re.compile(r"^(Điều\s+\d+[a-zđ]?\.)(\s*)(.*)$", re.DOTALL)
_ARCHIVE_RE = re.compile(r"^lưu\b\s*:?\s*", re.IGNORECASE)
_NUMERIC_RE = re.compile(r"^[\d.,%\s+-]+$")
_CLOSING = "./."


def _is_cong_van(doc: OfficialDocument) -> bool:
    return doc.kind_abbr is None or doc.kind.strip().casefold() == "công văn"


def _kind_word(doc: OfficialDocument) -> str:
    return lay.clean_text(doc.kind).split("(")[0].strip()


def _with_closing(text: str) -> str:
    text = text.rstrip()
    if text.endswith(_CLOSING):
        return text
    return f"{text}/." if text.endswith(".") else f"{text}{_CLOSING}"


def _ends(text: str, mark: str) -> str:
    """A list item ending with ``mark`` (";" or "."), its own end punctuation replaced."""
    return text.rstrip().rstrip(";.,: ") + mark


# --------------------------------------------------------------------------------------------
# Pure helpers (text decisions), kept apart from the XML work so they read as the decree does.


def _column_widths(t: Table, ncols: int, avail_mm: float) -> list[float]:
    if t.widths_mm and len(t.widths_mm) == ncols and all(w > 0 for w in t.widths_mm):
        widths = [float(w) for w in t.widths_mm]
        total = sum(widths)
        return [w * avail_mm / total for w in widths] if total > avail_mm else widths
    first = lay.clean_text(t.header[0]).strip().casefold() if t.header else ""
    if first in {"stt", "số tt", "tt"} and ncols > 1:
        stt = 12.0
        return [stt, *[(avail_mm - stt) / (ncols - 1)] * (ncols - 1)]
    return [avail_mm / ncols] * ncols


def _signature_lines(sig: Signature) -> list[str]:
    lines = [lay.upper(x).strip() for x in sig.lines]
    lines = [x for x in lines if x]
    if sig.authority and not sig.on_behalf_of and lines:
        # "Q. TRƯỞNG PHÒNG": the prefix goes before the only title line.
        lines[-1] = f"{sig.authority.value} {lines[-1]}"
    return lines


def _archive_unit(code: str) -> str:
    groups = [g for g in re.split(r"[-/]", "".join(code.split())) if g]
    return groups[-1] if len(groups) > 1 else ""


def _recipient_lines(doc: OfficialDocument) -> list[str]:
    """ "Nơi nhận" lines: "- X;" each, "Như trên" first when there is a Kính gửi, "Lưu: VT, …." last."""
    items = [lay.clean_text(r).strip() for r in doc.recipients]
    items = [i.lstrip("-•+ ").rstrip(";., ").strip() for i in items]
    items = [i for i in items if i]
    archive = [i for i in items if _ARCHIVE_RE.match(i)]
    others = [i for i in items if not _ARCHIVE_RE.match(i)]
    if not items and doc.signature is None:
        return []
    if doc.addressees and not any(i.casefold().startswith("như trên") for i in others):
        others.insert(0, "Như trên")
    if archive:
        line = _ARCHIVE_RE.sub("Lưu: ", archive[0], count=1)
    else:
        unit = _archive_unit(doc.code)
        line = f"Lưu: VT, {unit}" if unit else "Lưu: VT"
    items = [*others, line]
    return [f"- {_ends(i, ';')}" for i in items[:-1]] + [f"- {_ends(items[-1], '.')}"]


def _enacting_authority(doc: OfficialDocument) -> str:
    """The "THẨM QUYỀN BAN HÀNH" line: the collective, or the head's title and the body."""
    if doc.enacting_authority and doc.enacting_authority.strip():
        return lay.upper(doc.enacting_authority).strip()
    issuer = lay.upper(doc.issuer).strip()
    sig = doc.signature
    if sig is None or sig.authority is Authority.ON_BEHALF:
        return issuer
    head = lay.upper((sig.on_behalf_of if sig.authority else sig.title) or "").strip()
    if not head:
        return issuer
    last_word = head.split()[-1]
    if issuer.split()[:1] == [last_word]:
        return f"{head}{issuer[len(last_word) :]}"  # "TRƯỞNG PHÒNG" + "PHÒNG VĂN HÓA…"
    return f"{head} {issuer}"


def _appendix_reference(doc: OfficialDocument) -> str:
    """ "(Kèm theo Báo cáo số 297/BC-VHTT ngày 21 tháng 10 năm 2022 của Phòng …)"; blanks in a draft."""
    kind = "Văn bản" if _is_cong_van(doc) else _kind_word(doc)
    number = lay.pad_number(doc.number) if doc.number and doc.number.strip() else " " * 6
    symbol = f"{number}/{''.join(lay.clean_text(doc.code).split())}"
    date_part = lay._date_phrase(doc.date, None) if doc.date else "ngày      tháng      năm      "
    date_part = date_part[0].lower() + date_part[1:]
    issuer = lay.clean_text(doc.issuer).strip()
    return f"(Kèm theo {kind} số {symbol} {date_part} của {issuer})"

"""Damage generator: the ways real texts reach Loa broken, applied to a clean example.

Pure (no Django, no files). :func:`damage` takes a text, a kind from :data:`KINDS` and a
``random.Random`` and returns the damaged text. Each kind imitates one thing officers' copies
really suffer from (issue 14): web pages that merge the header lines or flatten the two header
columns into "|" cells, PDF copies that hard-wrap paragraphs or break a name across lines, a kind
word or a header line lost in the copy, OCR that separates tone marks from their letters or misses
the first letter of the page, and old 8-bit encodings (Windows-1258, TCVN3/ABC) converted back.

The header is every line before the kind word (or the "V/v" line of a công văn, or "Kính gửi", or
the first long line of the body).
"""

from __future__ import annotations

import json
import random
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

from loa.core.vn import fold
from loa.ingest.legacy import _TCVN3
from loa.nd30.kinds import ALL_KINDS

__all__ = ["KINDS", "damage", "header_end", "measure"]

_KIND_NAMES: Final = frozenset(fold(k.name) for k in ALL_KINDS)
_MARKUP_RE: Final = re.compile(r"[#*_]+")
_GAP_RE: Final = re.compile(r" {3,}|\t+")
_TONES: Final = frozenset("\u0300\u0301\u0303\u0309\u0323")
_OPEN_FIELD_RE: Final = re.compile(r"(?:[Ss]ố\s*:?|ngày|tháng|năm|/)$")
_CLOSE_FIELD_RE: Final = re.compile(r"(?:/|tháng|năm)")
_RULE_RE: Final = re.compile(r"^\s*[-_=]{3,}\s*$")
_MOTTO_RE: Final = re.compile(r"cong hoa xa hoi|doc lap\s*-?\s*tu do")


def _plain(line: str) -> str:
    return fold(_MARKUP_RE.sub(" ", line)).strip(" |:")


def _kind_prefix(line: str) -> str | None:
    """The kind name a line starts with, when it starts with one in capitals ("QUYẾT ĐỊNH", "## **BÁO CÁO**")."""
    text = _MARKUP_RE.sub(" ", line).strip(" |")
    words = text.split()
    for n in (4, 3, 2, 1):
        head = " ".join(words[:n])
        if head.isupper() and fold(head) in _KIND_NAMES:
            return head
    return None


def header_end(lines: list[str]) -> int:
    """Index of the first line after the header (the kind line, "V/v", "Kính gửi" or the body)."""
    for i, line in enumerate(lines):
        plain = _plain(line)
        if _kind_prefix(line) or plain.startswith(("v/v", "kinh gui")) or len(line.strip()) > 110:
            return i
    return min(len(lines), 12)


def _header_indices(lines: list[str]) -> list[int]:
    return [i for i in range(header_end(lines)) if lines[i].strip()]


def merge_lines(text: str, rng: random.Random) -> str:
    """Header lines run together on one line: "Bộ Nội vụ Số: 251/QĐ-BNV Hà Nội, ngày …"."""
    lines = text.split("\n")
    idx = _header_indices(lines)
    if len(idx) < 2:
        return text
    first = rng.randrange(0, len(idx) - 1)
    run = idx[first : first + rng.randint(2, len(idx) - first)] if rng.random() < 0.5 else idx
    merged = " ".join(" ".join(lines[i].split()) for i in run)
    return "\n".join([*lines[: run[0]], merged, *lines[run[-1] + 1 :]])


def split_lines(text: str, rng: random.Random) -> str:
    """Paragraphs hard-wrapped at a fixed width, as text copied from a PDF."""
    width = rng.randint(50, 80)
    out: list[str] = []
    for line in text.split("\n"):
        while len(line) > width and " " in line[1:width]:
            cut = line.rfind(" ", 1, width)
            out.append(line[:cut])
            line = line[cut + 1 :]
        out.append(line)
    return "\n".join(out)


def flatten_pipes(text: str, rng: random.Random) -> str:
    """The two header columns flattened into "|" cells, two cells a row, as a web page copies a table."""
    lines = text.split("\n")
    end = header_end(lines)
    cells: list[str] = []
    for ln in lines[:end]:
        pieces = [c.strip() for c in _GAP_RE.split(ln.strip()) if c.strip()]
        for piece in pieces:
            # A gap inside a blank field of a draft ("Số:      /SCT-CN") is not a column.
            if (
                cells
                and (_OPEN_FIELD_RE.search(cells[-1]) or _CLOSE_FIELD_RE.match(piece))
                and pieces[0] is not piece
            ):
                cells[-1] += " " + piece
            else:
                cells.append(piece)
    if not cells:
        return text
    rows = [" | ".join(cells[i : i + 2]) + " |" for i in range(0, len(cells), 2)]
    return "\n".join(rows + lines[end:])


def break_words(text: str, rng: random.Random) -> str:
    """Names broken across lines in the header, as a narrow column wraps them: "Cà\nMau", "ỦY\nBAN".
    About every other header line is broken once, between two words."""
    lines = text.split("\n")
    for i in range(header_end(lines)):
        spaces = [m.start() for m in re.finditer(r"(?<=\S) (?=\S)", lines[i])]
        if spaces and rng.random() < 0.5:
            cut = rng.choice(spaces)
            lines[i] = lines[i][:cut] + "\n" + lines[i][cut + 1 :]
    return "\n".join(lines)


def drop_kind(text: str, rng: random.Random) -> str:
    """The kind word before the title lost ("KẾ HOẠCH" gone, the subject line left)."""
    lines = text.split("\n")
    for i, line in enumerate(lines[:40]):
        head = _kind_prefix(line)
        if head:
            start = line.find(head.split()[0])
            rest = line[start:].replace(head, "", 1)
            lines[i] = (line[:start] + rest).strip(" *#")
            if not lines[i].strip(" *#|"):
                del lines[i]
            return "\n".join(lines)
    return text


def drop_header_line(text: str, rng: random.Random) -> str:
    """One line of the header that carries no field lost: the national title, the motto or a rule."""
    lines = text.split("\n")
    candidates = [
        i
        for i in range(header_end(lines))
        if _RULE_RE.match(lines[i])
        or (
            _MOTTO_RE.search(_plain(lines[i]))
            and not _GAP_RE.search(lines[i].strip())
            and "|" not in lines[i]
        )
    ]
    if not candidates:
        return text
    del lines[rng.choice(candidates)]
    return "\n".join(lines)


def detach_tones(text: str, rng: random.Random) -> str:
    """Tone marks separated from their letters, some with a space before them, as OCR leaves them."""
    out: list[str] = []
    for ch in unicodedata.normalize("NFD", text):
        if ch in _TONES and rng.random() < 0.5:
            out.append(" " if rng.random() < 0.5 else "")
        out.append(ch)
    return "".join(out)


def lose_first_letter(text: str, rng: random.Random) -> str:
    """OCR misses the first letter of the page: "Y BAN NHÂN DÂN", "BND TỈNH…"."""
    match = re.search(r"[^\W\d_]", text)
    if match is None:
        return text
    return text[: match.start()] + text[match.end() :]


def cp1258_round_trip(text: str, rng: random.Random) -> bytes:
    """Saved in Windows-1258: letters it has precomposed stay, tones become combining marks."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            base, *marks = unicodedata.normalize("NFD", ch)
            letter = unicodedata.normalize("NFC", base + "".join(m for m in marks if m not in _TONES))
            try:
                out += letter.encode("cp1258") + "".join(m for m in marks if m in _TONES).encode("cp1258")
            except UnicodeEncodeError:
                out += b"?"
    return bytes(out)


_TO_TCVN3: Final = {uni: byte for byte, uni in _TCVN3.items()}


def tcvn3_round_trip(text: str, rng: random.Random) -> bytes:
    """Typed in a TCVN3 (ABC) font and saved byte for byte. TCVN3 has codes only for small letters
    with marks (and Ă Â Ê Ô Ơ Ư Đ): a capital with a tone was typed as the small letter in the capitals
    font, so its byte is the small letter's ("QUYẾT" is "QUY" + the byte of "ế")."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        code = _TO_TCVN3.get(ch) or _TO_TCVN3.get(ch.lower())
        if code is not None:
            out += code.encode("latin-1")
        else:
            out += ch.encode("latin-1", errors="replace")
    return bytes(out)


KINDS: Final[dict[str, Callable[[str, random.Random], str | bytes]]] = {
    "merge_lines": merge_lines,
    "split_lines": split_lines,
    "flatten_pipes": flatten_pipes,
    "break_words": break_words,
    "drop_kind": drop_kind,
    "drop_header_line": drop_header_line,
    "detach_tones": detach_tones,
    "lose_first_letter": lose_first_letter,
    "cp1258": cp1258_round_trip,
    "tcvn3": tcvn3_round_trip,
}


def damage(text: str, kind: str, rng: random.Random) -> bytes:
    """The bytes of a text file holding ``text`` with one kind of damage applied (UTF-8 unless the
    damage is an old encoding)."""
    out = KINDS[kind](text, rng)
    return out if isinstance(out, bytes) else out.encode("utf-8")


def measure(examples: Path, *, seeds: int = 3, kinds: tuple[str, ...] | None = None) -> dict[str, Any]:
    """Field accuracy of the parser on every text example of ``examples`` (``docs/*.txt`` against
    ``truth/``) under each damage kind, ``seeds`` random variants each; ``"clean"`` is the undamaged
    baseline. Each entry: field accuracy, citation/recipient/statistics F1 and the errors."""
    from loa.ingest import ingest_bytes
    from loa.ingest.accuracy import Tally, score

    docs = sorted((examples / "docs").glob("*.txt"))
    out: dict[str, Any] = {}
    for kind in ("clean", *(kinds or tuple(KINDS))):
        tally = Tally()
        for doc in docs:
            text = doc.read_text(encoding="utf-8")
            want = json.loads((examples / "truth" / f"{doc.stem}.json").read_text(encoding="utf-8"))
            for seed in range(1 if kind == "clean" else seeds):
                data = text.encode("utf-8") if kind == "clean" else damage(text, kind, random.Random(seed))
                got = ingest_bytes(data, filename=f"{doc.stem}.txt").record
                score(f"{doc.name}#{seed}", got, want, tally)
        out[kind] = {
            "field_accuracy": round(tally.field_accuracy, 4),
            "citation_f1": round(tally.f1("cit"), 4),
            "recipients_f1": round(tally.f1("rec"), 4),
            "statistics_f1": round(tally.f1("stat"), 4),
            "errors": tally.errors,
        }
    return out

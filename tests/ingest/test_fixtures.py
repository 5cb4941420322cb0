"""Hand-made documents in ``fixtures/valid`` (one per kind and kind of damage) and the same
documents damaged again on the fly: NFD, detached marks, CRLF, tabs, dashes, legacy encodings."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from loa.ingest import ingest_bytes, parse_text
from loa.ingest.accuracy import Tally, score

from .conftest import VALID, encode_tcvn3, encode_vni, load_json

FIXTURES = sorted(p for p in VALID.iterdir() if p.suffix in {".txt", ".md"})


def _check(name: str, got: dict[str, Any], want: dict[str, Any]) -> None:
    tally = Tally()
    score(name, got, want, tally)
    assert not tally.errors, "\n".join(tally.errors)


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_valid_fixture_gives_its_record(path: Path) -> None:
    """Each fixture's record equals its .json field by field, citations, recipients and figures."""
    want = load_json(path.with_suffix(".json"))
    got = parse_text(path.read_text(encoding="utf-8")).record
    _check(path.name, got, want)


def _detach(text: str) -> str:
    # A space typed before every tone mark ("ho ̀a"), as some keyboards and PDFs leave it.
    out = []
    for ch in unicodedata.normalize("NFD", text):
        if ch in "\u0300\u0301\u0303\u0309\u0323":
            out.append(" ")
        out.append(ch)
    return "".join(out)


DAMAGE: dict[str, Callable[[str], str]] = {
    "nfd": lambda t: unicodedata.normalize("NFD", t),
    "detached-marks": _detach,
    "crlf": lambda t: t.replace("\n", "\r\n"),
    "nbsp": lambda t: t.replace("Số: ", "Số:\u00a0").replace(" ngày ", "\u00a0ngày "),
    "em-dashes-in-symbols": lambda t: (
        t.replace("/KH-", "/KH–").replace("/QĐ-", "/QĐ—").replace("/BC-", "/BC‑")
    ),
}


@pytest.mark.parametrize("damage", sorted(DAMAGE), ids=str)
@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_damaged_text_gives_the_same_record(path: Path, damage: str) -> None:
    """The same record is read whatever the Unicode form, line ends or dash look-alikes."""
    want = load_json(path.with_suffix(".json"))
    got = parse_text(DAMAGE[damage](path.read_text(encoding="utf-8"))).record
    _check(f"{path.name}[{damage}]", got, want)


ENCODERS: dict[str, Callable[[str], bytes]] = {
    "utf-16": lambda t: t.encode("utf-16"),
    "utf-8-bom": lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
    "vni": encode_vni,
}


@pytest.mark.parametrize("encoding", sorted(ENCODERS), ids=str)
@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_encoded_file_gives_the_same_record(path: Path, encoding: str) -> None:
    """The fixture saved as UTF-16, UTF-8 with BOM or VNI reads to the same record."""
    text = path.read_text(encoding="utf-8")
    want = load_json(path.with_suffix(".json"))
    got = ingest_bytes(ENCODERS[encoding](text), filename=path.name).record
    _check(f"{path.name}[{encoding}]", got, want)


def test_tcvn3_file_gives_the_same_record() -> None:
    """A TCVN3 file (capitals typed in the upper-case font) reads to the same record."""
    path = VALID / "ttr_damaged.txt"
    want = load_json(path.with_suffix(".json"))
    got = ingest_bytes(encode_tcvn3(path.read_text(encoding="utf-8")), filename="ttr.txt").record
    _check("ttr_damaged[tcvn3]", got, want)
